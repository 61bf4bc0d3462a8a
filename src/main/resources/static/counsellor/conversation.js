// One conversation in the console: its pane (messages, composer, actions, registration)
// and its tab, its seqs and its own messages on their way to the server.

import { h, clock, uuid, announce } from './dom.js';
import { t, applyTexts } from './i18n.js';

const MAX_LENGTH = 2000;
const TYPING_REFRESH = 3000;
const TYPING_IDLE = 4000;
const VISITOR_TYPING_TIMEOUT = 7000;
const RETRY_DELAY = 3000;

export class Conversation {
  /**
   * app: send(frame), store, cannedResponses(), intakeSummary(intake), isShown(conv),
   * select(conv, focus), close(conv), registrationFor(conv), ended(conv), transferredAway(conv).
   */
  constructor(app, id, { n, intake }) {
    this.app = app;
    this.id = id;
    this.n = n;
    this.intake = intake ?? null;
    this.state = 'active';
    this.seen = new Set();
    this.highestSeq = 0;
    this.acked = 0;
    this.unread = 0;
    this.registered = false;
    const stored = app.store.get(id);
    this.shownBefore = stored.lastSeq || 0;
    this.outbox = (stored.outbox || []).map((entry) => ({
      clientMsgId: entry.clientMsgId,
      text: entry.text,
      status: entry.status === 'failed' ? 'failed' : 'pending',
      error: entry.error ?? null,
      at: entry.at ?? null,
    }));
    this.typingActive = false;
    this.typingSentAt = 0;
    this.build(stored.draft || '');
    this.outbox.forEach((entry) => this.renderPending(entry));
    this.refreshTexts();
  }

  // ---- DOM -------------------------------------------------------------------------

  build(draft) {
    const id = this.id;
    this.titleEl = h('h2', { id: `conv-${id}-title`, class: 'pane-title' });
    this.stateEl = h('span', { class: 'pane-state', testid: 'conversation-state' });
    this.intakeEl = h('p', { class: 'intake' });
    this.noticeEl = h('p', { class: 'pane-notice', role: 'status', testid: 'conversation-notice' });

    this.list = h('ol', { class: 'messages', tabindex: '0', testid: 'messages', id: `conv-${id}-messages` });
    this.typingEl = h('p', { class: 'typing', 'aria-live': 'polite', testid: 'visitor-typing' });

    this.input = h('textarea', {
      id: `conv-${id}-input`, rows: '2', maxlength: String(MAX_LENGTH * 2), testid: 'message-input',
      'aria-describedby': `conv-${id}-hint`, autocomplete: 'off',
    });
    this.input.value = draft;
    this.input.addEventListener('input', () => this.onDraftInput());
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.sendDraft();
      }
    });
    this.input.addEventListener('blur', () => this.stopTyping());
    this.composerError = h('p', { class: 'field-error', role: 'alert', hidden: true });
    this.sendButton = h('button', { type: 'submit', class: 'primary', testid: 'send', 'data-i18n': 'composer.send' });

    this.cannedSelect = h('select', { id: `conv-${id}-canned`, testid: 'canned-select' });
    this.cannedBox = h('div', { class: 'canned' },
      h('label', { for: `conv-${id}-canned`, 'data-i18n': 'canned.label' }),
      this.cannedSelect,
      h('button', { type: 'button', testid: 'canned-insert', 'data-i18n': 'canned.insert', onclick: () => this.insertCanned() }));
    this.fillCanned();

    this.composer = h('form', { class: 'composer', novalidate: true },
      h('label', { for: `conv-${id}-input`, 'data-i18n': 'composer.label' }),
      this.input,
      h('p', { class: 'hint', id: `conv-${id}-hint`, 'data-i18n': 'composer.hint' }),
      this.composerError,
      h('div', { class: 'composer-row' }, this.cannedBox, this.sendButton));
    this.composer.addEventListener('submit', (event) => {
      event.preventDefault();
      this.sendDraft();
    });

    this.transferInput = h('input', { id: `conv-${id}-transfer`, type: 'text', testid: 'transfer-to', autocomplete: 'off', spellcheck: 'false' });
    this.transferBox = h('details', { class: 'transfer' },
      h('summary', { testid: 'transfer', 'data-i18n': 'actions.transfer' }),
      h('div', { class: 'transfer-body' },
        h('label', { for: `conv-${id}-transfer`, 'data-i18n': 'actions.transferTo' }),
        this.transferInput,
        h('div', { class: 'row' },
          h('button', { type: 'button', testid: 'transfer-colleague', 'data-i18n': 'actions.transferColleague', onclick: () => this.transferTo(this.transferInput.value.trim()) }),
          h('button', { type: 'button', testid: 'transfer-queue', 'data-i18n': 'actions.transferQueue', onclick: () => this.transferTo('queue') }))));
    this.transferInput.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.transferTo(this.transferInput.value.trim());
      }
    });

    this.endButton = h('button', { type: 'button', testid: 'end-conversation', 'data-i18n': 'actions.end', onclick: () => this.end() });
    this.blockButton = h('button', { type: 'button', class: 'danger-outline', testid: 'block', 'data-i18n': 'actions.block', onclick: () => this.askBlock() });
    this.blockConfirm = h('div', { class: 'confirm', role: 'group', hidden: true, 'aria-labelledby': `conv-${id}-block-text` },
      h('p', { id: `conv-${id}-block-text`, 'data-i18n': 'actions.blockConfirmText' }),
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'danger', testid: 'block-confirm', 'data-i18n': 'actions.blockConfirm', onclick: () => this.block() }),
        h('button', { type: 'button', testid: 'block-cancel', 'data-i18n': 'actions.cancel', onclick: () => this.cancelBlock() })));
    this.actions = h('div', { class: 'pane-actions' }, this.endButton, this.transferBox, this.blockButton);

    this.closeButton = h('button', { type: 'button', testid: 'close-conversation', 'data-i18n': 'actions.close', hidden: true, onclick: () => this.app.close(this) });
    this.after = h('div', { class: 'after' });

    this.pane = h('section', {
      class: 'pane', id: `conv-${id}`, testid: 'conversation', 'data-conversation-id': id,
      'aria-labelledby': `conv-${id}-title`,
    },
    h('header', { class: 'pane-head' },
      h('div', { class: 'pane-heading' }, this.titleEl, this.stateEl, this.closeButton),
      this.intakeEl,
      this.actions,
      this.blockConfirm,
      this.noticeEl),
    this.list,
    this.typingEl,
    this.composer,
    this.after);
    this.pane.addEventListener('focusin', () => this.app.select(this, false));
    this.pane.addEventListener('pointerdown', () => this.app.select(this, false));

    this.badge = h('span', { class: 'badge', testid: 'unread', hidden: true });
    this.badgeText = h('span', { class: 'visually-hidden' });
    this.tabTitle = h('span', { class: 'tab-title' });
    this.tabState = h('span', { class: 'tab-state' });
    this.tab = h('button', {
      type: 'button', class: 'tab', testid: 'conversation-tab', 'data-conversation-id': id,
      'aria-controls': `conv-${id}`, onclick: () => this.app.select(this, true),
    }, this.tabTitle, this.tabState, this.badge, this.badgeText);
  }

  refreshTexts() {
    applyTexts(this.pane);
    applyTexts(this.tab);
    const title = t('conversation.title', { n: this.n });
    this.titleEl.textContent = title;
    this.tabTitle.textContent = title;
    this.stateEl.textContent = t(`conversation.state.${this.state}`);
    this.tabState.textContent = this.state === 'active' ? '' : t(`conversation.state.${this.state}`);
    this.pane.dataset.state = this.state;
    this.tab.dataset.state = this.state;
    this.list.setAttribute('aria-label', t('conversation.messages', { n: this.n }));
    this.intakeEl.replaceChildren(...this.app.intakeSummary(this.intake));
    this.typingEl.textContent = this.visitorTyping ? t('conversation.visitorTyping') : '';
    this.renderUnread();
    this.outbox.forEach((entry) => this.renderDelivery(entry));
    this.fillCanned();
  }

  fillCanned() {
    const canned = this.app.cannedResponses();
    const current = this.cannedSelect.value;
    this.cannedSelect.replaceChildren(
      h('option', { value: '' }, t('canned.choose')),
      ...canned.map((item) => h('option', { value: item.id }, item.title)));
    this.cannedSelect.value = current;
    this.cannedBox.hidden = canned.length === 0;
  }

  insertCanned() {
    const item = this.app.cannedResponses().find((c) => c.id === this.cannedSelect.value);
    if (!item) return;
    const input = this.input;
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? input.value.length;
    const before = input.value.slice(0, start);
    const spacer = before && !/\s$/.test(before) ? ' ' : '';
    input.value = before + spacer + item.text + input.value.slice(end);
    const caret = (before + spacer + item.text).length;
    input.focus();
    input.setSelectionRange(caret, caret);
    this.cannedSelect.value = '';
    this.onDraftInput();
  }

  renderUnread() {
    this.badge.hidden = this.unread === 0;
    this.badge.textContent = this.unread ? String(this.unread) : '';
    this.badgeText.textContent = this.unread ? t('conversation.tabUnread', { count: this.unread }) : '';
    this.tab.classList.toggle('has-unread', this.unread > 0);
  }

  markRead() {
    if (this.unread) {
      this.unread = 0;
      this.renderUnread();
    }
    this.scheduleAck();
  }

  notice(text) {
    this.noticeEl.textContent = text;
  }

  // ---- seqs ------------------------------------------------------------------------

  /** Storage is kept while the conversation is ours and not yet registered. */
  keepsStorage() {
    return (this.state === 'active' || this.state === 'ended') && !this.registered;
  }

  /** Records a seq; answers false when it was seen before (a repeat to drop). */
  take(seq) {
    if (!Number.isInteger(seq)) return true;
    if (this.seen.has(seq)) return false;
    this.seen.add(seq);
    if (seq > this.highestSeq) {
      this.highestSeq = seq;
      if (seq > this.shownBefore && this.keepsStorage()) this.app.store.update(this.id, { lastSeq: seq });
    }
    return true;
  }

  insertBySeq(li, seq) {
    li.dataset.seq = String(seq);
    const later = [...this.list.children].find((child) => child.dataset.seq && Number(child.dataset.seq) > seq)
      ?? this.list.querySelector('li[data-state="pending"], li[data-state="failed"]');
    this.list.insertBefore(li, later ?? null);
  }

  scrollToEnd() {
    this.list.scrollTop = this.list.scrollHeight;
  }

  onMessage(frame) {
    if (!this.take(frame.seq)) return;
    const from = ['visitor', 'counsellor', 'system'].includes(frame.from) ? frame.from : 'system';
    const li = h('li', { class: `msg msg-${from}`, testid: 'message', 'data-from': from },
      h('span', { class: 'who', 'data-i18n': `from.${from}` }, t(`from.${from}`)),
      h('p', { class: 'text', text: frame.text ?? '' }),
      h('span', { class: 'meta' }, clock(frame.sentAt)));
    this.insertBySeq(li, frame.seq);
    this.scrollToEnd();
    const fresh = frame.seq > this.shownBefore;
    if (from === 'visitor' && fresh) {
      this.visitorTyping = false;
      this.typingEl.textContent = '';
      if (!this.app.isSelected(this)) {
        this.unread += 1;
        this.renderUnread();
      }
      announce(t('conversation.newMessage', { n: this.n, text: frame.text ?? '' }));
    }
    this.scheduleAck();
  }

  onEvent(frame) {
    if (!this.take(frame.seq)) return;
    const key = frame.event === 'assigned' || frame.event === 'requeued' ? `event.${frame.event}` : null;
    if (!key) return;
    const li = h('li', { class: 'msg msg-event', 'data-event': frame.event },
      h('span', { class: 'text', 'data-i18n': key }, t(key)),
      h('span', { class: 'meta' }, clock(frame.sentAt)));
    this.insertBySeq(li, frame.seq);
    this.scheduleAck();
  }

  onTyping(frame) {
    if (frame.from !== 'visitor') return;
    clearTimeout(this.visitorTypingTimer);
    this.visitorTyping = frame.active === true && this.state === 'active';
    this.typingEl.textContent = this.visitorTyping ? t('conversation.visitorTyping') : '';
    if (this.visitorTyping) {
      this.visitorTypingTimer = setTimeout(() => {
        this.visitorTyping = false;
        this.typingEl.textContent = '';
      }, VISITOR_TYPING_TIMEOUT);
    }
  }

  scheduleAck() {
    clearTimeout(this.ackTimer);
    this.ackTimer = setTimeout(() => {
      if (this.state !== 'active' || this.highestSeq <= this.acked) return;
      if (!this.app.isShown(this) || document.visibilityState !== 'visible') return;
      if (this.app.send({ type: 'ack', conversationId: this.id, seq: this.highestSeq })) {
        this.acked = this.highestSeq;
      }
    }, 250);
  }

  /** The resume entry for this conversation: everything after what this page holds. */
  resumeEntry() {
    return { conversationId: this.id, lastSeq: this.highestSeq };
  }

  connectionLost() {
    this.acked = 0;
    this.typingActive = false;
  }

  // ---- own messages ----------------------------------------------------------------

  onDraftInput() {
    this.composerError.hidden = true;
    clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => this.flushDraft(), 300);
    if (this.state !== 'active') return;
    if (!this.input.value.trim()) {
      this.stopTyping();
      return;
    }
    const now = Date.now();
    if (!this.typingActive || now - this.typingSentAt > TYPING_REFRESH) {
      if (this.app.send({ type: 'typing', conversationId: this.id, active: true })) {
        this.typingActive = true;
        this.typingSentAt = now;
      }
    }
    clearTimeout(this.typingIdle);
    this.typingIdle = setTimeout(() => this.stopTyping(), TYPING_IDLE);
  }

  flushDraft() {
    clearTimeout(this.draftTimer);
    if (this.state === 'active') this.app.store.update(this.id, { draft: this.input.value });
  }

  stopTyping() {
    clearTimeout(this.typingIdle);
    if (!this.typingActive) return;
    this.typingActive = false;
    if (this.state === 'active') this.app.send({ type: 'typing', conversationId: this.id, active: false });
  }

  saveOutbox() {
    if (this.state !== 'active') return;
    this.app.store.update(this.id, {
      outbox: this.outbox.map(({ clientMsgId, text, status, error, at }) => ({ clientMsgId, text, status, error, at })),
    });
  }

  sendDraft() {
    if (this.state !== 'active') return;
    const text = this.input.value;
    if (!text.trim()) return;
    if ([...text].length > MAX_LENGTH) {
      this.composerError.textContent = t('composer.tooLong');
      this.composerError.hidden = false;
      return;
    }
    const entry = { clientMsgId: uuid(), text, status: 'pending', error: null, at: new Date().toISOString() };
    this.outbox.push(entry);
    this.renderPending(entry);
    this.input.value = '';
    this.stopTyping();
    this.saveOutbox();
    this.flushDraft();
    this.scrollToEnd();
    this.transmit(entry);
  }

  transmit(entry) {
    entry.status = 'pending';
    this.renderDelivery(entry);
    this.app.send({ type: 'message', conversationId: this.id, clientMsgId: entry.clientMsgId, text: entry.text });
  }

  /** After a (re)connect and resume: every own message without `sent` goes again, same clientMsgId. */
  resendOutbox() {
    if (this.state !== 'active') return;
    this.outbox.filter((entry) => entry.status !== 'failed').forEach((entry) => this.transmit(entry));
  }

  renderPending(entry) {
    entry.li = h('li', { class: 'msg msg-counsellor msg-own', testid: 'message', 'data-from': 'counsellor', 'data-client-msg-id': entry.clientMsgId },
      h('span', { class: 'who', 'data-i18n': 'from.you' }, t('from.you')),
      h('p', { class: 'text', text: entry.text }),
      h('span', { class: 'meta delivery', testid: 'delivery' }),
      h('div', { class: 'delivery-actions row' }));
    this.list.append(entry.li);
    this.renderDelivery(entry);
  }

  renderDelivery(entry) {
    const li = entry.li;
    if (!li) return;
    li.dataset.state = entry.status === 'retrying' ? 'pending' : entry.status;
    const meta = li.querySelector('.delivery');
    const time = entry.at ? `${clock(entry.at)} · ` : '';
    const actions = li.querySelector('.delivery-actions');
    actions.replaceChildren();
    if (entry.status === 'failed') {
      meta.textContent = time + t('delivery.failed', { reason: this.errorText(entry.error) });
      if (this.state === 'active' && ['store_unavailable', 'internal_error'].includes(entry.error)) {
        actions.append(h('button', { type: 'button', class: 'small', onclick: () => this.transmit(entry) }, t('delivery.retry')));
      }
      if (this.state === 'active') {
        actions.append(h('button', { type: 'button', class: 'small', onclick: () => this.backToDraft(entry) }, t('delivery.edit')));
      }
      actions.append(h('button', { type: 'button', class: 'small', onclick: () => this.discard(entry) }, t('delivery.discard')));
    } else if (entry.status === 'retrying') {
      meta.textContent = time + t('delivery.failed', { reason: this.errorText(entry.error) });
    } else {
      meta.textContent = time + t('delivery.pending');
    }
  }

  errorText(code) {
    const key = `error.${code}`;
    const text = t(key);
    return text === key ? code || '?' : text;
  }

  backToDraft(entry) {
    this.discard(entry);
    this.input.value = this.input.value ? `${entry.text}\n${this.input.value}` : entry.text;
    this.input.focus();
    this.flushDraft();
  }

  discard(entry) {
    this.outbox = this.outbox.filter((e) => e !== entry);
    entry.li?.remove();
    this.saveOutbox();
    this.input.focus();
  }

  onSent(frame) {
    const entry = this.outbox.find((e) => e.clientMsgId === frame.clientMsgId);
    if (!entry) {
      this.take(frame.seq);
      return;
    }
    this.outbox = this.outbox.filter((e) => e !== entry);
    this.saveOutbox();
    const li = entry.li;
    if (!this.take(frame.seq)) {
      // The replay already showed this message (sent before a reload): keep one copy.
      li?.remove();
      return;
    }
    li.dataset.state = 'sent';
    li.querySelector('.delivery').replaceChildren(entry.at ? `${clock(entry.at)} · ` : '',
      h('span', { 'data-i18n': 'delivery.sent' }, t('delivery.sent')));
    li.querySelector('.delivery-actions').remove();
    this.insertBySeq(li, frame.seq);
    this.scheduleAck();
  }

  /** An error frame that names this conversation. Answers true when handled. */
  onError(frame) {
    const entry = frame.clientMsgId && this.outbox.find((e) => e.clientMsgId === frame.clientMsgId);
    if (entry) {
      entry.error = frame.code;
      if (['store_unavailable', 'internal_error'].includes(frame.code)) {
        entry.status = 'retrying';
        setTimeout(() => {
          if (this.outbox.includes(entry) && entry.status === 'retrying' && this.state === 'active') this.transmit(entry);
        }, RETRY_DELAY);
      } else {
        entry.status = 'failed';
      }
      this.saveOutbox();
      this.renderDelivery(entry);
      return;
    }
    this.notice(this.errorText(frame.code) || frame.message);
  }

  // ---- actions ---------------------------------------------------------------------

  end() {
    if (this.state !== 'active') return;
    this.flushDraft();
    this.app.send({ type: 'end', conversationId: this.id });
  }

  transferTo(to) {
    if (this.state !== 'active' || !to) {
      if (!to) this.transferInput.focus();
      return;
    }
    this.app.send({ type: 'transfer', conversationId: this.id, to });
  }

  askBlock() {
    this.blockConfirm.hidden = false;
    this.blockConfirm.querySelector('[data-testid="block-confirm"]').focus();
  }

  cancelBlock() {
    this.blockConfirm.hidden = true;
    this.blockButton.focus();
  }

  block() {
    this.blockConfirm.hidden = true;
    if (this.state === 'active') this.app.send({ type: 'block', conversationId: this.id });
  }

  onTransferRequested(frame) {
    this.notice(frame.to === 'queue' ? t('transfer.requestedQueue') : t('transfer.requested', { to: frame.to }));
    this.transferBox.open = false;
  }

  onTransferDeclined(frame) {
    const text = frame.reason === 'lapsed' ? t('transfer.lapsed', { by: frame.by }) : t('transfer.declined', { by: frame.by });
    this.notice(text);
    announce(text);
  }

  // ---- state -----------------------------------------------------------------------

  setState(state) {
    this.state = state;
    const active = state === 'active';
    this.composer.hidden = !active;
    this.actions.hidden = !active;
    this.blockConfirm.hidden = true;
    if (!active) {
      clearTimeout(this.typingIdle);
      this.typingActive = false;
      this.visitorTyping = false;
      this.outbox.filter((e) => e.status !== 'failed').forEach((entry) => {
        entry.status = 'failed';
        entry.error = entry.error || 'conversation_not_active';
        this.renderDelivery(entry);
      });
    }
    this.closeButton.hidden = active;
    this.refreshTexts();
  }

  onEnded(frame) {
    this.take(frame.seq);
    if (this.state === 'ended') return;
    this.endReason = frame.reason;
    const key = ['counsellor_ended', 'visitor_left', 'visitor_abandoned', 'blocked', 'expired'].includes(frame.reason) ? `ended.${frame.reason}` : 'ended.other';
    const li = h('li', { class: 'msg msg-event msg-ended', 'data-event': 'ended' }, h('span', { class: 'text', 'data-i18n': key }, t(key)));
    if (Number.isInteger(frame.seq)) this.insertBySeq(li, frame.seq);
    else this.list.append(li);
    this.scrollToEnd();
    this.setState('ended');
    this.notice('');
    // Drafts and unsent messages are of no use any more; the seq stays until registered.
    this.app.store.update(this.id, { draft: '', outbox: [], ended: true });
    if (frame.seq > this.shownBefore || !this.shownBefore) announce(t('ended.announce', { n: this.n, reason: t(key) }));
    this.app.ended(this);
  }

  showRegistration(form) {
    this.after.replaceChildren(form);
  }

  onTransferred(frame) {
    this.setState('transferred');
    const text = frame.to === 'queue' ? t('transfer.doneQueue') : t('transfer.done', { to: frame.to });
    this.notice(text);
    announce(text);
    this.app.store.remove(this.id);
  }

  onGone() {
    this.setState('gone');
    this.notice(t('gone.text'));
    this.app.store.remove(this.id);
  }

  /**
   * The conversation is ours again (handed back and taken anew). The server never sends
   * one seq twice on one connection, so the history this page holds is kept.
   */
  revive(intake) {
    if (intake && !this.intake) this.intake = intake;
    this.registered = false;
    this.endReason = null;
    this.after.replaceChildren();
    this.notice('');
    this.setState('active');
    this.app.store.update(this.id, { n: this.n, lastSeq: this.highestSeq, ended: false });
  }

  onRegistered() {
    this.registered = true;
    this.closeButton.hidden = false;
  }
}
