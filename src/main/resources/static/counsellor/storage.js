// What survives a reload of the console tab, in sessionStorage (gone when the tab
// closes): per conversation the highest seq shown, the draft and the own messages not
// yet confirmed by `sent`. Only the counsellor's own text is kept, never a visitor's.
// Besides, whether the counsellor chose to be available, to restore it after a reconnect.
// An entry is removed when its conversation is registered, handed over or closed.

const KEY = 'uitweg.console.v1';

function read() {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    return value && typeof value === 'object' && value.conversations ? value : null;
  } catch {
    return null;
  }
}

export class ConsoleStore {
  constructor(username) {
    const stored = read();
    // Another account signing in on this tab does not inherit someone else's drafts.
    this.data = stored && stored.user === username ? stored : { user: username, conversations: {} };
    this.save();
  }

  save() {
    try {
      sessionStorage.setItem(KEY, JSON.stringify(this.data));
    } catch {
      // storage full or blocked: the console keeps working without it
    }
  }

  /** Small per-tab settings, e.g. whether the counsellor chose to be available. */
  flag(name) {
    return this.data.flags?.[name] === true;
  }

  setFlag(name, value) {
    this.data.flags = { ...this.data.flags, [name]: value };
    this.save();
  }

  ids() {
    return Object.keys(this.data.conversations);
  }

  get(id) {
    return this.data.conversations[id] ?? { lastSeq: 0, draft: '', outbox: [], ended: false };
  }

  has(id) {
    return id in this.data.conversations;
  }

  update(id, patch) {
    this.data.conversations[id] = { ...this.get(id), ...patch };
    this.save();
  }

  remove(id) {
    delete this.data.conversations[id];
    this.save();
  }

  static clear() {
    try {
      sessionStorage.removeItem(KEY);
    } catch {
      // nothing to clear
    }
  }
}
