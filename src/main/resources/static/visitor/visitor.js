// The visitor page: start a chat, talk, leave. See docs/architecture.md, "Visitor page".
//
// State, and where it lives:
// - sessionStorage (storage.js): the resume token and the chosen language. Nothing else,
//   never localStorage or a URL. A reload in the same tab resumes the chat with it.
// - memory only: the conversation shown (seqs seen) and own messages not yet confirmed
//   by `sent`, which are sent again, with the same clientMsgId, after a reconnect.

import { alternativeWhen } from './texts.js';
import { Link } from './connection.js';
import { store, TOKEN_KEY } from './storage.js';
import { lang, t, setText, applyTexts, onRelabel, switchLanguage } from './i18n.js';
import { loadIntake, readIntake, resetIntake } from './intake.js';

const $ = (id) => document.getElementById(id);

let token = store.get(TOKEN_KEY);
let wantStart = false;   // send `start` as soon as the socket is greeted
let intake = {};
let renewed = false;     // a new session was made after invalid_token: do not loop
let feedbackGiven = false;
let conversationId = null;
let counsellorName = null;
let lastSeq = 0;         // highest seq up to which everything has been shown
let ackedSeq = 0;
let ackTimer = 0;
const seen = new Set();  // seqs shown, to drop repeats after a resume
const pending = new Map(); // clientMsgId -> {text, el, since, failed}: not yet `sent`

const whenText = (when) => (when ? ` – ${alternativeWhen[when]?.[lang] ?? when}` : '');
onRelabel(() => {
  for (const li of $('alternatives').children) li.lastChild.textContent = whenText(li.dataset.when);
});

// ---- Views --------------------------------------------------------------------------

function showStart(errorKey) {
  $('start-view').hidden = false;
  $('chat-view').hidden = true;
  $('start').disabled = false;
  $('start-error').hidden = !errorKey;
  if (errorKey) setText($('start-error'), errorKey);
}

// The chat view with one of its bottoms: 'compose', 'closed', 'ended' or none.
function showChat(bottom) {
  const focused = document.activeElement;
  $('start-view').hidden = true;
  $('chat-view').hidden = false;
  for (const id of ['compose', 'closed', 'ended']) $(id).hidden = id !== bottom;
  if (bottom !== 'compose') { $('hint').hidden = true; $('typing').hidden = true; }
  // The control that had keyboard focus may just have been hidden: move focus on.
  if (focused && focused !== document.body && focused.closest('[hidden]')) {
    (bottom === 'compose' ? $('input') : bottom ? $(bottom).querySelector('h2') : $('log'))?.focus();
  }
}

function setStatus(key, args) {
  if (key) setText($('status'), key, args); else { delete $('status').dataset.t; $('status').textContent = ''; }
}

// ---- The log ------------------------------------------------------------------------

// Marks a seq as shown. False if it was shown before (a repeat after a resume).
function take(seq) {
  if (seq == null) return true;
  if (seen.has(seq)) return false;
  seen.add(seq);
  while (seen.has(lastSeq + 1)) lastSeq++;
  clearTimeout(ackTimer); // one ack after a burst (a replay), not one per event
  ackTimer = setTimeout(sendAck, 300);
  return true;
}

function sendAck() {
  if (lastSeq > ackedSeq && link.send({ type: 'ack', seq: lastSeq })) ackedSeq = lastSeq;
}

// Adds an item in seq order; items without a seq (own messages not yet stored) stay last.
function addToLog(li, seq) {
  const log = $('log');
  if (seq != null) {
    li.dataset.seq = seq;
    let after = log.lastElementChild;
    while (after && (after.dataset.seq === undefined || Number(after.dataset.seq) > seq)) after = after.previousElementSibling;
    after ? after.after(li) : log.prepend(li);
  } else {
    log.append(li);
  }
  if (log.scrollHeight - log.scrollTop - log.clientHeight < 200 || seq == null) li.scrollIntoView({ block: 'nearest' });
}

function messageItem(from, text) {
  const li = document.createElement('li');
  li.className = `msg msg-${from}`;
  li.dataset.testid = 'message';
  const who = document.createElement('span');
  who.className = 'who';
  if (from === 'counsellor' && counsellorName) who.textContent = counsellorName;
  else setText(who, { visitor: 'you', counsellor: 'counsellor' }[from] ?? 'system');
  const p = document.createElement('p');
  p.className = 'text';
  p.textContent = text;
  li.append(who, p);
  return li;
}

function addNotice(key, args, seq) {
  const li = document.createElement('li');
  li.className = 'notice';
  setText(li, key, args);
  addToLog(li, seq);
}

// Forgets the shown conversation. Own messages not yet stored stay unless `all`:
// they belong to the conversation that is starting.
function clearConversation(all) {
  if (all) pending.clear();
  $('log').replaceChildren(...[...pending.values()].map((p) => p.el));
  seen.clear();
  lastSeq = ackedSeq = 0;
  counsellorName = null;
  feedbackGiven = false;
}

// A new conversation id (a new chat in the same session) starts with an empty log.
function adopt(id) {
  if (!id || id === conversationId) return;
  if (conversationId) clearConversation();
  conversationId = id;
}

// ---- Own messages -------------------------------------------------------------------

// crypto.randomUUID needs a secure context and a browser from 2022 on; else a v4 UUID
// from getRandomValues.
const uuid = () => crypto.randomUUID?.() ??
  ([1e7] + -1e3 + -4e3 + -8e3 + -1e11).replace(/[018]/g, (c) =>
    (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16));

function sendMessage(text) {
  const id = uuid();
  const li = messageItem('visitor', text);
  const state = document.createElement('span');
  state.className = 'state';
  li.append(state);
  addToLog(li, null);
  pending.set(id, { text, el: li });
  transmit(id);
}

// Sends (or resends, with the same clientMsgId) one pending message. If the socket is
// down it goes out after the next welcome.
function transmit(id) {
  const p = pending.get(id);
  p.since = Date.now();
  p.failed = false;
  markState(p.el, 'sending');
  link.send({ type: 'message', clientMsgId: id, text: p.text });
}

function markState(li, key, retryId) {
  const state = li.querySelector('.state');
  state.className = key === 'sent' || key === 'sending' ? 'state' : 'state error';
  setText(state, key);
  if (retryId) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'retry';
    setText(button, 'retry');
    button.addEventListener('click', () => transmit(retryId));
    state.after(button);
  } else {
    const old = li.querySelector('.retry');
    if (old && document.activeElement === old) $('input').focus(); // do not lose focus
    old?.remove();
  }
}

function onSent({ clientMsgId, seq }) {
  const p = pending.get(clientMsgId);
  if (!p) return;
  pending.delete(clientMsgId);
  if (!take(seq)) { p.el.remove(); return; } // already shown from the replay after a reconnect
  markState(p.el, 'sent');
  p.el.remove();
  addToLog(p.el, seq);
}

const REFUSED = { empty_message: 'errEmpty', message_too_long: 'errTooLong', invalid_frame: 'errInvalid',
  conversation_full: 'errFull' };

function onError(f) {
  if (f.code === 'invalid_token') return sessionGone();
  const p = f.clientMsgId && pending.get(f.clientMsgId);
  if (!p) return; // errors about typing, ack, feedback change nothing on screen
  if (f.code === 'store_unavailable' || f.code === 'internal_error' || f.code === 'rate_limited') {
    p.failed = true; // kept: the retry button, or the next reconnect, sends it again
    markState(p.el, 'failed', f.clientMsgId);
  } else {
    pending.delete(f.clientMsgId);
    markState(p.el, REFUSED[f.code] ?? 'errEnded');
  }
}

// A message with no answer for this long means the socket is dead without knowing it
// (the server's own retry budget is 10 s): reconnect, which resends it.
setInterval(() => {
  const stale = [...pending.values()].some((p) => !p.failed && Date.now() - p.since > 25000);
  if (stale && link.authed) link.kick();
}, 5000);

// ---- Typing -------------------------------------------------------------------------

let typingSentAt = 0;
let typingIdle = 0;
let theirTyping = 0;

function typed() {
  if (Date.now() - typingSentAt > 4000 && link.send({ type: 'typing', active: true })) typingSentAt = Date.now();
  clearTimeout(typingIdle);
  typingIdle = setTimeout(stopTyping, 5000);
}

function stopTyping() {
  clearTimeout(typingIdle);
  if (typingSentAt) link.send({ type: 'typing', active: false });
  typingSentAt = 0;
}

function showTyping(active) {
  const el = $('typing');
  clearTimeout(theirTyping);
  el.hidden = !active || $('compose').hidden;
  if (active) {
    setText(el, 'typing', { name: counsellorName ?? t('counsellor') });
    theirTyping = setTimeout(() => { el.hidden = true; }, 10000); // in case "stopped" is lost
  }
}

// ---- Frames from the server ---------------------------------------------------------

function onWelcome(f) {
  renewed = false;
  if (f.state === 'idle') {
    if (wantStart) sendStart(); else showStart();
    return;
  }
  adopt(f.conversationId);
  if (f.state === 'ended') {
    // The last chat is over. If the visitor asked for a new one, `queued` follows.
    if (wantStart) sendStart(); else showEnded();
  } else {
    if (f.state === 'active') {
      counsellorName = f.counsellor?.displayName ?? counsellorName;
      setStatus('talkingTo', { name: counsellorName ?? t('counsellor') });
    } else {
      setStatus('queueSoon');
    }
    showChat('compose');
  }
  for (const id of pending.keys()) transmit(id); // messages without `sent` go again
  sendAck();
}

function sendStart() {
  wantStart = false;
  link.send({ type: 'start', intake });
}

function showEnded() {
  setStatus(null);
  $('feedback').hidden = feedbackGiven;
  $('feedback-thanks').hidden = !feedbackGiven;
  stopTyping();
  showChat('ended');
}

function showClosed(f) {
  setStatus(null);
  // 'full': open, but the queue is at its limit; otherwise outside opening hours.
  const full = f.reason === 'full';
  setText($('closed').querySelector('h2'), full ? 'fullTitle' : 'closedTitle');
  const next = $('next-opening');
  next.hidden = !full && !f.nextOpening;
  if (full) setText(next, 'fullRetry', { m: Math.max(1, Math.round((f.retryAfterSeconds ?? 300) / 60)) });
  else if (f.nextOpening) setText(next, 'closedNext', { at: f.nextOpening });
  $('alternatives').replaceChildren(...(f.alternatives ?? []).map(({ name, when }) => {
    const li = document.createElement('li');
    li.dataset.when = when ?? '';
    const strong = document.createElement('strong');
    strong.textContent = name;
    li.append(strong, document.createTextNode(whenText(when)));
    return li;
  }));
  showChat('closed');
}

const handlers = {
  welcome: onWelcome,
  queued(f) {
    adopt(f.conversationId);
    setStatus(f.estimatedWaitSeconds > 0 ? 'queue' : 'queueSoon',
      { n: f.position, m: Math.max(1, Math.round(f.estimatedWaitSeconds / 60)) });
    showChat('compose');
    $('hint').hidden = false;
  },
  assigned(f) {
    if (!take(f.seq)) return;
    counsellorName = f.counsellor?.displayName ?? null;
    const name = counsellorName ?? t('counsellor');
    setStatus('talkingTo', { name });
    $('hint').hidden = true;
    addNotice('joined', { name }, f.seq);
  },
  message(f) {
    if (!take(f.seq)) return;
    const li = messageItem(f.from, f.text);
    if (f.from === 'visitor') { // own message from before a reload or reconnect: stored
      li.append(Object.assign(document.createElement('span'), { className: 'state' }));
      markState(li, 'sent');
    }
    addToLog(li, f.seq);
    if (f.from === 'counsellor') showTyping(false);
  },
  event(f) {
    // requeued: the server's own system message explains it; `queued` frames follow.
    if (take(f.seq) && f.event === 'requeued') setStatus('requeued');
  },
  sent: onSent,
  typing: (f) => showTyping(f.active),
  ended(f) { if (take(f.seq)) showEnded(); },
  closed: showClosed,
  error: onError,
};

const link = new Link({
  hello: () => ({ type: 'hello', token, lastSeq }),
  onFrame: (f) => handlers[f.type]?.(f),
  // Say so only if it is not back at once (proxies drop idle sockets now and then).
  onDown: () => setTimeout(() => {
    if (!link.authed && $('start-view').hidden && !$('compose').hidden) setStatus('reconnecting');
  }, 2000),
});

// ---- Starting -----------------------------------------------------------------------

async function createSession() {
  const body = { locale: lang };
  const campaign = new URLSearchParams(location.search).get('c');
  if (campaign && /^[A-Za-z0-9_-]{1,32}$/.test(campaign)) body.campaign = campaign;
  const res = await fetch('/api/v1/visitor/sessions', {
    method: 'POST', credentials: 'omit', cache: 'no-store',
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  if (res.status === 429) throw new Error('busy');
  if (!res.ok) throw new Error(`session ${res.status}`);
  token = (await res.json()).resumeToken;
  store.set(TOKEN_KEY, token);
}

async function startChat() {
  $('start').disabled = true;
  intake = readIntake();
  wantStart = true;
  try {
    if (!token) await createSession();
  } catch (e) {
    wantStart = false;
    return showStart(e.message === 'busy' ? 'startBusy' : 'startFailed');
  }
  setStatus('connecting');
  showChat('compose');
  $('input').focus();
  if (link.authed) sendStart(); else link.open();
}

// The token is unknown or expired: forget it. If the visitor was starting, make a new one.
function sessionGone() {
  link.close();
  token = null;
  store.remove(TOKEN_KEY);
  conversationId = null;
  clearConversation(true);
  if (wantStart && !renewed) {
    renewed = true;
    startChat();
  } else {
    showStart(wantStart ? 'startFailed' : 'expired');
    wantStart = false;
  }
}

// ---- Quick exit ---------------------------------------------------------------------

// Leaves no trace in this tab: ends the chat, forgets everything, and replaces this page
// in the history so Back does not return to it.
function quickExit() {
  try { link.close({ type: 'leave' }); } catch { /* leave anyway */ }
  try { sessionStorage.clear(); localStorage.clear(); } catch { /* storage blocked */ }
  document.cookie = 'XSRF-TOKEN=; Max-Age=0; path=/';
  $('main')?.remove();
  const target = document.querySelector('meta[name="uitweg-exit"]')?.content ?? '';
  location.replace(/^https?:\/\//.test(target) ? target : 'https://www.google.com/');
}

// ---- Wiring -------------------------------------------------------------------------

$('exit').addEventListener('click', quickExit);
document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && !e.isComposing) quickExit(); });

$('lang').addEventListener('click', switchLanguage);

$('start').addEventListener('click', startChat);
$('closed-retry').addEventListener('click', () => {
  wantStart = true;
  if (link.authed) sendStart(); else link.open();
});

$('compose').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = $('input').value;
  if (!text.trim()) return;
  stopTyping();
  sendMessage(text);
  $('input').value = '';
  $('input').focus();
});
$('input').addEventListener('keydown', (e) => {
  // Enter sends; Shift+Enter makes a new line.
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); $('compose').requestSubmit(); }
});
$('input').addEventListener('input', typed);

for (const button of document.querySelectorAll('[data-helped]')) {
  button.addEventListener('click', () => {
    link.send({ type: 'feedback', helped: button.dataset.helped });
    feedbackGiven = true;
    $('feedback').hidden = true;
    $('feedback-thanks').hidden = false;
  });
}

$('new-chat').addEventListener('click', () => {
  clearConversation(true);
  conversationId = null;
  setStatus(null);
  resetIntake();
  showStart();
  $('start').focus();
});

applyTexts();
loadIntake();
if (token) { // a reload in the same tab: resume, the whole conversation is replayed
  setStatus('connecting');
  showChat('compose');
  link.open();
}
