// The counsellor console: sign-in, availability, the queue alert, offers, the open
// conversations and the contact registration. Frames follow docs/protocol.md
// (/ws/counsellor); what survives a reload is in storage.js.

import { api } from './api.js';
import { Connection } from './connection.js';
import { Conversation } from './conversation.js';
import { h, duration, announce } from './dom.js';
import { t, pick, getLang, setLang, onLangChange, applyTexts } from './i18n.js';
import { buildRegistrationForm } from './registration.js';
import { chime, isMuted, setMuted, unlock } from './sound.js';
import { ConsoleStore } from './storage.js';

const OFFER_TIMEOUT = 30;
const CHIME_REPEAT_MS = 30000;
const WIDE = window.matchMedia('(min-width: 900px)');

const $ = (id) => document.getElementById(id);

const app = {
  me: null,
  store: null,
  connection: null,
  status: 'offline',
  capacity: 0,
  queue: { waiting: 0, longest: 0, at: 0, visible: false },
  offers: new Map(),
  conversations: new Map(),
  closed: new Set(),
  // Closed conversations with what this connection already delivered of them.
  retired: new Map(),
  listedInWelcome: new Set(),
  selected: null,
  counter: 0,
  canned: [],
  taxonomy: null,
  pending: [],
  lastChime: 0,
  acceptedHere: new Set(),
  takeNextPending: false,
  connectionState: 'offline',
  retryAt: 0,

  // ---- the interface Conversation uses ----

  send(frame) {
    return app.connection?.send(frame) ?? false;
  },
  cannedResponses() {
    return app.canned;
  },
  intakeSummary(intake) {
    return intakeSummary(intake);
  },
  isSelected(conv) {
    return app.selected === conv && document.visibilityState === 'visible';
  },
  isShown(conv) {
    return WIDE.matches || app.selected === conv;
  },
  select(conv, focus) {
    select(conv, focus);
  },
  close(conv) {
    closeConversation(conv);
  },
  ended(conv) {
    renderLoad();
    showRegistration(conv);
    setTimeout(refreshPending, 1500);
  },
};

// ---- start -------------------------------------------------------------------------

async function boot() {
  document.documentElement.lang = getLang();
  applyTexts(document);
  wireStatic();
  const me = await api('GET', '/api/v1/auth/me');
  if (me.ok && me.body) start(me.body);
  else showLogin();
}

function wireStatic() {
  $('login-form').addEventListener('submit', login);
  $('login-language').addEventListener('click', toggleLanguage);
  $('language').addEventListener('click', toggleLanguage);
  $('logout').addEventListener('click', logout);
  $('availability').addEventListener('click', toggleAvailability);
  $('mute').addEventListener('click', () => {
    setMuted(!isMuted());
    renderMute();
    if (!isMuted()) {
      unlock();
      chime('queue');
    }
  });
  $('take-next').addEventListener('click', () => {
    app.takeNextPending = true;
    app.send({ type: 'take_next' });
  });
  $('reconnect').addEventListener('click', () => app.connection?.reconnectNow());
  $('notice-close').addEventListener('click', () => {
    $('notice').hidden = true;
  });
  $('pending-toggle').addEventListener('click', () => togglePending());
  $('pending-close').addEventListener('click', () => togglePending(false));
  $('pending-refresh').addEventListener('click', refreshPending);
  // Browsers play sound only after a gesture on the page.
  document.addEventListener('pointerdown', unlock, { capture: true });
  document.addEventListener('keydown', unlock, { capture: true });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') app.selected?.markRead();
    app.conversations.forEach((conv) => conv.scheduleAck());
  });
  WIDE.addEventListener('change', () => app.conversations.forEach((conv) => conv.scheduleAck()));
  window.addEventListener('pagehide', () => app.conversations.forEach((conv) => conv.flushDraft()));
  onLangChange(() => {
    app.conversations.forEach((conv) => conv.refreshTexts());
    app.offers.forEach((offer) => renderOffer(offer));
    renderAll();
    renderPending();
  });
  setInterval(tick, 1000);
}

function showLogin(messageKey) {
  $('app-view').hidden = true;
  $('login-view').hidden = false;
  const error = $('login-error');
  error.textContent = messageKey ? t(messageKey) : '';
  $('login-password').value = '';
  $('login-username').focus();
}

async function login(event) {
  event.preventDefault();
  unlock();
  const username = $('login-username').value.trim();
  const password = $('login-password').value;
  const error = $('login-error');
  if (!username || !password) {
    error.textContent = t('login.failed');
    return;
  }
  const submit = $('login-submit');
  submit.disabled = true;
  error.textContent = '';
  const answer = await api('POST', '/api/v1/auth/login', { username, password });
  submit.disabled = false;
  if (answer.ok && answer.body) {
    $('login-password').value = '';
    start(answer.body);
  } else {
    error.textContent = t(answer.status === 401 || answer.status === 400 ? 'login.failed' : 'login.error');
    $('login-password').focus();
  }
}

function start(me) {
  if (!Array.isArray(me.roles) || !me.roles.includes('COUNSELLOR')) {
    showLogin('login.notCounsellor');
    return;
  }
  app.me = me;
  app.capacity = me.capacity ?? app.capacity;
  app.store = new ConsoleStore(me.username);
  $('login-view').hidden = true;
  $('app-view').hidden = false;
  // Conversations this tab had before a reload: their drafts, unsent messages and the
  // seq up to which they were shown. The history itself comes back through resume.
  for (const id of app.store.ids()) {
    const stored = app.store.get(id);
    const conv = ensureConversation(id, null);
    if (stored.ended) markEnded(conv);
  }
  renderAll();
  loadTaxonomy();
  loadCanned();
  refreshPending();
  app.connection = new Connection({ onFrame, onStatus: connectionStatus, onGiveUp: (reason) => signedOut(GIVE_UP_TEXT[reason] ?? 'login.expired') });
  app.connection.start();
  $('conversations').focus();
}

async function loadTaxonomy() {
  const answer = await api('GET', '/api/v1/taxonomy');
  if (answer.ok && answer.body?.fields) {
    app.taxonomy = answer.body;
    app.conversations.forEach((conv) => conv.refreshTexts());
    app.offers.forEach((offer) => renderOffer(offer));
  }
  return app.taxonomy;
}

async function loadCanned() {
  const answer = await api('GET', '/api/v1/canned-responses');
  if (answer.ok && Array.isArray(answer.body)) {
    app.canned = answer.body;
    app.conversations.forEach((conv) => conv.fillCanned());
  }
}

async function logout() {
  app.conversations.forEach((conv) => conv.stopTyping());
  await api('POST', '/api/v1/auth/logout');
  ConsoleStore.clear();
  reset();
  showLogin();
}

/** The staff session is gone: stop, keep the stored drafts for the next sign-in. */
// Why the server closed the console for good, as the sign-in screen says it.
const GIVE_UP_TEXT = {
  not_a_counsellor: 'login.notCounsellor',
  account_disabled: 'login.disabled',
  password_reset: 'login.passwordReset',
  signed_out: 'login.signedOut',
};

function signedOut(messageKey = 'login.expired') {
  reset();
  showLogin(messageKey);
}

function reset() {
  app.connection?.stop();
  app.connection = null;
  app.conversations.forEach((conv) => {
    conv.pane.remove();
    conv.tab.remove();
  });
  app.conversations.clear();
  app.offers.clear();
  $('offer-list').replaceChildren();
  app.closed.clear();
  app.retired.clear();
  app.selected = null;
  app.counter = 0;
  app.status = 'offline';
  app.pending = [];
  app.queue = { waiting: 0, longest: 0, at: 0, visible: false };
  togglePending(false);
  renderAll();
}

function toggleLanguage() {
  setLang(getLang() === 'nl' ? 'en' : 'nl');
}

// ---- connection --------------------------------------------------------------------

async function connectionStatus(state, info = {}) {
  app.connectionState = state;
  app.retryAt = info.retryAt ?? 0;
  if (state !== 'online') {
    app.conversations.forEach((conv) => conv.connectionLost());
    if (state === 'retrying') app.status = 'offline';
  }
  renderAll();
  if (state === 'retrying' && info.failures >= 2) {
    // A refused upgrade looks like any other failure; ask whether the session still lives.
    const me = await api('GET', '/api/v1/auth/me');
    if (me.status === 401 || me.status === 403) signedOut();
  }
}

function onFrame(frame) {
  const id = frame.conversationId;
  switch (frame.type) {
    case 'welcome': return onWelcome(frame);
    case 'offer': return onOffer(frame);
    case 'offer_withdrawn': return removeOffer(id, frame.reason);
    case 'assigned': return onAssigned(frame);
    case 'queue': return onQueue(frame);
    case 'availability': return onAvailability(frame);
    case 'error': return onError(frame);
    case 'message': return conversationFor(id)?.onMessage(frame);
    case 'event': return conversationFor(id)?.onEvent(frame);
    case 'sent': return conversationFor(id)?.onSent(frame);
    case 'typing': return app.conversations.get(id)?.onTyping(frame);
    case 'ended': return conversationFor(id)?.onEnded(frame);
    case 'transfer_requested': return app.conversations.get(id)?.onTransferRequested(frame);
    case 'transfer_declined': return app.conversations.get(id)?.onTransferDeclined(frame);
    case 'transferred': {
      const conv = app.conversations.get(id);
      conv?.onTransferred(frame);
      return renderLoad();
    }
    default: return undefined; // newer server, unknown frame: ignore
  }
}

/** The conversation a sequenced frame belongs to, made if this page did not know it. */
function conversationFor(id) {
  if (!id || app.closed.has(id)) return null;
  return ensureConversation(id, null);
}

function onWelcome(frame) {
  app.connection.confirmed();
  app.connectionState = 'online';
  // A new connection replays whatever is asked for again.
  app.retired.clear();
  const me = frame.counsellor ?? {};
  app.status = me.status ?? 'away';
  app.capacity = me.capacity ?? app.capacity;
  app.listedInWelcome = new Set();
  const offered = new Set();
  for (const item of frame.conversations ?? []) {
    if (item.state === 'offered') {
      offered.add(item.conversationId);
      continue;
    }
    app.listedInWelcome.add(item.conversationId);
    app.closed.delete(item.conversationId);
    const conv = takeBack(item.conversationId, item.intake);
    if (item.intake && !conv.intake) {
      conv.intake = item.intake;
      conv.refreshTexts();
    }
  }
  // Ordinary offers come again right after welcome; any other one has gone meanwhile.
  for (const offer of [...app.offers.values()]) {
    if (!offer.transferFrom && !offered.has(offer.conversationId)) removeOffer(offer.conversationId);
  }
  // Resume every conversation this page follows: those listed, those that were active
  // when the connection dropped (they may have ended meanwhile) and ended ones restored
  // after a reload, whose history may still be kept.
  const entries = [];
  for (const conv of app.conversations.values()) {
    const wanted = app.listedInWelcome.has(conv.id) || conv.state === 'active'
      || (conv.state === 'ended' && conv.highestSeq === 0 && !conv.registered);
    if (wanted) entries.push(conv.resumeEntry());
  }
  if (entries.length) app.send({ type: 'resume', conversations: entries });
  app.conversations.forEach((conv) => conv.resendOutbox());
  // Closing the last console makes a counsellor offline at once and a new connection
  // starts as away: after a reload or a dropped connection, restore their own choice.
  if (app.status !== 'available' && app.store.flag('available')) {
    app.send({ type: 'availability', status: 'available' });
  }
  renderAll();
}

function onAvailability(frame) {
  app.status = frame.status ?? app.status;
  if (Number.isInteger(frame.capacity)) app.capacity = frame.capacity;
  if (frame.reason === 'offer_lapsed') {
    app.store.setFlag('available', false);
    showNotice(t('availability.lapsed'));
    announce(t('availability.lapsed'), true);
  }
  renderAll();
}

function toggleAvailability() {
  unlock();
  const next = app.status === 'available' ? 'away' : 'available';
  if (app.send({ type: 'availability', status: next })) app.store.setFlag('available', next === 'available');
}

// ---- queue -------------------------------------------------------------------------

function onQueue(frame) {
  const before = app.queue.waiting;
  app.queue.waiting = Number(frame.waiting) || 0;
  app.queue.longest = Number(frame.longestWaitSeconds) || 0;
  app.queue.at = Date.now();
  app.queue.visible = queueVisible();
  const rose = app.queue.waiting > before;
  if (app.queue.waiting > 0 && app.status === 'available') {
    if (rose || Date.now() - app.lastChime > CHIME_REPEAT_MS) {
      chime('queue');
      app.lastChime = Date.now();
    }
    if (rose) announce(t('queue.alert', { count: app.queue.waiting }));
  }
  renderQueue();
}

/**
 * The server sends `queue` frames only to counsellors who are available and have room,
 * so otherwise the figures are unknown rather than zero.
 */
function queueVisible() {
  return app.connectionState === 'online' && app.status === 'available' && activeCount() < app.capacity;
}

function renderQueue() {
  const visible = queueVisible();
  if (visible && !app.queue.visible) {
    // Frames only come while someone waits: start from an empty queue.
    app.queue.waiting = 0;
    app.queue.longest = 0;
  }
  app.queue.visible = visible;
  const waitingEl = $('queue-waiting');
  const longestEl = $('queue-longest');
  const alerting = visible && app.queue.waiting > 0;
  $('queue').dataset.alert = String(alerting);
  let waitingText;
  if (!visible) waitingText = t('queue.unknown');
  else if (app.queue.waiting === 0) waitingText = t('queue.none');
  else if (app.queue.waiting === 1) waitingText = t('queue.waitingOne');
  else waitingText = t('queue.waiting', { count: app.queue.waiting });
  if (waitingEl.textContent !== waitingText) waitingEl.textContent = waitingText;
  waitingEl.dataset.count = visible ? String(app.queue.waiting) : '';
  const longest = app.queue.longest + (app.queue.at ? (Date.now() - app.queue.at) / 1000 : 0);
  longestEl.textContent = alerting ? t('queue.longest', { time: duration(longest) }) : '';
}

// ---- offers ------------------------------------------------------------------------

function onOffer(frame) {
  const id = frame.conversationId;
  if (!id) return;
  const existing = app.offers.get(id);
  const offer = existing ?? { conversationId: id };
  Object.assign(offer, {
    intake: frame.intake ?? {},
    waitedSeconds: Number(frame.waitedSeconds) || 0,
    transferFrom: frame.transferFrom ?? null,
    receivedAt: Date.now(),
  });
  app.offers.set(id, offer);
  renderOffer(offer);
  renderAll();
  if (!existing) {
    chime('offer');
    announce(offer.transferFrom
      ? t('offer.newHandover', { name: offer.transferFrom })
      : t('offer.new', { time: duration(offer.waitedSeconds) }), true);
  }
}

function renderOffer(offer) {
  const id = offer.conversationId;
  const headingId = `offer-${id}-title`;
  const title = offer.transferFrom ? t('offer.handover', { name: offer.transferFrom }) : t('offer.title');
  offer.waitedEl = h('p', { class: 'offer-waited', testid: 'offer-waited' });
  offer.expiresEl = h('p', { class: 'offer-expires', testid: 'offer-expires', hidden: Boolean(offer.transferFrom) });
  const accept = h('button', { type: 'button', class: 'primary', testid: 'accept', onclick: () => answerOffer(offer, 'accept') }, t('offer.accept'));
  const decline = h('button', { type: 'button', testid: 'decline', onclick: () => answerOffer(offer, 'decline') }, t('offer.decline'));
  const card = h('article', {
    class: `offer${offer.transferFrom ? ' offer-handover' : ''}`, testid: 'offer',
    'data-conversation-id': id, 'data-handover': offer.transferFrom ? 'true' : 'false', 'aria-labelledby': headingId,
  },
  h('h3', { id: headingId }, title),
  h('p', { class: 'intake' }, ...intakeSummary(offer.intake)),
  offer.waitedEl,
  offer.expiresEl,
  h('div', { class: 'row' }, accept, decline));
  const hadFocus = offer.card?.contains(document.activeElement);
  if (offer.card) offer.card.replaceWith(card);
  else $('offer-list').append(card);
  offer.card = card;
  offer.accept = accept;
  offer.decline = decline;
  if (hadFocus) accept.focus();
  renderOfferTimes(offer);
}

function renderOfferTimes(offer) {
  const elapsed = (Date.now() - offer.receivedAt) / 1000;
  offer.waitedEl.textContent = t('offer.waited', { time: duration(offer.waitedSeconds + elapsed) });
  if (!offer.transferFrom) {
    offer.expiresEl.textContent = t('offer.expires', { seconds: Math.max(0, Math.ceil(OFFER_TIMEOUT - elapsed)) });
  }
}

function answerOffer(offer, answer) {
  unlock();
  if (answer === 'accept') app.acceptedHere.add(offer.conversationId);
  if (app.send({ type: answer, conversationId: offer.conversationId })) {
    offer.accept.disabled = true;
    offer.decline.disabled = true;
  }
  if (answer === 'decline' && offer.transferFrom) {
    // A declined handover gets no answer frame.
    removeOffer(offer.conversationId);
  }
}

function removeOffer(id, reason) {
  const offer = app.offers.get(id);
  if (!offer) return;
  const hadFocus = offer.card?.contains(document.activeElement);
  offer.card?.remove();
  app.offers.delete(id);
  if (reason && reason !== 'declined') {
    const key = `withdrawn.${reason}`;
    const text = t('offer.withdrawn', { reason: t(key) === key ? reason : t(key) });
    announce(text);
  }
  renderAll();
  if (hadFocus) {
    const next = app.offers.values().next().value;
    (next?.accept ?? $('availability')).focus();
  }
}

function onAssigned(frame) {
  const id = frame.conversationId;
  if (!id) return;
  const offer = app.offers.get(id);
  const intake = offer?.intake ?? frame.intake ?? null;
  const focusIt = app.acceptedHere.delete(id) || app.takeNextPending;
  app.takeNextPending = false;
  if (offer) {
    offer.card?.remove();
    app.offers.delete(id);
  }
  const conv = takeBack(id, intake);
  renderAll();
  if (focusIt) select(conv, true);
}

/**
 * A conversation assigned to us: the one this page shows, or one it closed or handed
 * on before (its history stays: one connection never carries a seq twice), or new.
 */
function takeBack(id, intake, { active = true } = {}) {
  app.closed.delete(id);
  if (active) app.listedInWelcome.add(id);
  let conv = app.conversations.get(id);
  if (!conv && app.retired.has(id)) {
    conv = app.retired.get(id);
    app.retired.delete(id);
    app.conversations.set(id, conv);
    $('tabs').append(conv.tab);
    $('panes').append(conv.pane);
    if (!app.selected) select(conv, false);
  }
  if (conv && active && conv.state !== 'active') conv.revive(intake);
  return conv ?? ensureConversation(id, intake);
}

// ---- conversations -----------------------------------------------------------------

function ensureConversation(id, intake) {
  let conv = app.conversations.get(id);
  if (conv) return conv;
  const stored = app.store.get(id);
  const n = stored.n || ++app.counter;
  app.counter = Math.max(app.counter, n);
  app.store.update(id, { n });
  conv = new Conversation(app, id, { n, intake });
  app.conversations.set(id, conv);
  $('tabs').append(conv.tab);
  $('panes').append(conv.pane);
  if (!app.selected) select(conv, false);
  renderAll();
  return conv;
}

function markEnded(conv) {
  if (conv.state === 'ended') return;
  conv.setState('ended');
  app.store.update(conv.id, { ended: true, draft: '', outbox: [] });
  showRegistration(conv);
}

function select(conv, focus) {
  if (!conv) return;
  const changed = app.selected !== conv;
  app.selected = conv;
  if (changed) {
    app.conversations.forEach((other) => {
      const on = other === conv;
      other.pane.classList.toggle('is-selected', on);
      other.tab.classList.toggle('is-selected', on);
      if (on) other.tab.setAttribute('aria-current', 'true');
      else other.tab.removeAttribute('aria-current');
    });
  }
  conv.markRead();
  if (focus) {
    if (WIDE.matches) conv.pane.scrollIntoView({ block: 'nearest' });
    const target = conv.state === 'active' ? conv.input : conv.after.querySelector('h3') ?? conv.list;
    if (target === conv.after.querySelector('h3')) target.setAttribute('tabindex', '-1');
    target.focus();
  }
}

function dropConversation(conv) {
  conv.pane.remove();
  conv.tab.remove();
  app.conversations.delete(conv.id);
  if (app.selected === conv) {
    app.selected = null;
    const next = app.conversations.values().next().value;
    if (next) select(next, false);
  }
}

function closeConversation(conv) {
  app.store.remove(conv.id);
  app.closed.add(conv.id);
  app.retired.set(conv.id, conv);
  dropConversation(conv);
  renderAll();
  const next = app.selected;
  if (next) next.tab.focus();
  else $('conversations').focus();
}

async function showRegistration(conv) {
  const taxonomy = await loadTaxonomy();
  if (!app.conversations.has(conv.id)) return;
  if (!taxonomy) {
    conv.showRegistration(h('div', { class: 'registration' },
      h('p', { role: 'alert' }, t('registration.taxonomyFailed')),
      h('button', { type: 'button', onclick: () => showRegistration(conv) }, t('registration.reload'))));
    return;
  }
  const form = buildRegistrationForm({
    taxonomy,
    conversationId: conv.id,
    intake: conv.intake,
    onSaved: () => {
      conv.onRegistered();
      app.store.remove(conv.id);
      setTimeout(refreshPending, 300);
    },
    onSignedOut: () => signedOut(),
  });
  conv.showRegistration(form);
}

function onError(frame) {
  const id = frame.conversationId;
  const conv = id ? app.conversations.get(id) : null;
  if (conv) {
    if (frame.code === 'not_your_conversation' && !frame.clientMsgId && conv.state === 'active'
        && !app.listedInWelcome.has(id)) {
      // The answer to resuming a conversation that stopped being ours while we were away.
      resolveLost(conv);
      return;
    }
    if (frame.code === 'not_your_conversation' && conv.state === 'ended') return;
    if (frame.code === 'internal_error' && !frame.clientMsgId) {
      app.send({ type: 'resume', conversations: [conv.resumeEntry()] });
      return;
    }
    conv.onError(frame);
    return;
  }
  if (id && app.offers.has(id)) {
    removeOffer(id);
    showNotice(errorText(frame));
    return;
  }
  if (frame.code === 'queue_empty' || frame.code === 'at_capacity') app.takeNextPending = false;
  showNotice(errorText(frame));
}

async function resolveLost(conv) {
  await refreshPending();
  if (app.pending.some((item) => item.conversationId === conv.id)) markEnded(conv);
  else conv.onGone();
  renderAll();
}

function errorText(frame) {
  const key = `error.${frame.code}`;
  const text = t(key);
  return text === key ? t('error.generic', { message: frame.message ?? frame.code }) : text;
}

function showNotice(text) {
  $('notice-text').textContent = text;
  $('notice').hidden = false;
}

// ---- pending registrations ---------------------------------------------------------

function togglePending(open = $('pending-panel').hidden) {
  $('pending-panel').hidden = !open;
  $('pending-toggle').setAttribute('aria-expanded', String(open));
  if (open) {
    refreshPending();
    $('pending-heading').focus();
  }
}

async function refreshPending() {
  if (!app.me) return;
  const answer = await api('GET', '/api/v1/registrations/pending');
  if (answer.status === 401) {
    signedOut();
    return;
  }
  if (answer.ok && Array.isArray(answer.body)) {
    app.pending = answer.body;
    $('pending-status').textContent = '';
  } else {
    $('pending-status').textContent = t('pending.failed');
  }
  renderPending();
}

function renderPending() {
  const list = $('pending-list');
  list.replaceChildren(...app.pending.map((item) => {
    const hour = new Date(item.startedHour);
    const when = Number.isNaN(hour.getTime()) ? '' : hour.toLocaleString(getLang() === 'nl' ? 'nl-NL' : 'en-GB',
      { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
    const key = `ended.${item.endReason}`;
    return h('li', { class: 'pending-item', testid: 'pending-item', 'data-conversation-id': item.conversationId },
      h('p', {}, t('pending.item', { hour: when, waited: duration(item.waitedSeconds), active: duration(item.activeSeconds) })),
      h('p', { class: 'muted' }, t(key) === key ? item.endReason ?? '' : t(key)),
      h('button', { type: 'button', testid: 'pending-register', onclick: () => openPending(item) }, t('pending.register')));
  }));
  if (app.pending.length === 0 && !$('pending-status').textContent) {
    list.append(h('li', { class: 'muted' }, t('pending.empty')));
  }
  $('pending-toggle').textContent = t('header.pending', { count: app.pending.length });
}

function openPending(item) {
  const known = app.conversations.get(item.conversationId) ?? app.retired.get(item.conversationId);
  const conv = takeBack(item.conversationId, null, { active: false });
  if (!known) {
    markEnded(conv);
    // Its history, if still kept (10 minutes after the end).
    app.send({ type: 'resume', conversations: [{ conversationId: conv.id, lastSeq: 0 }] });
  } else if (conv.state !== 'ended') {
    markEnded(conv);
  }
  renderAll();
  select(conv, true);
}

// ---- rendering ---------------------------------------------------------------------

function activeCount() {
  let count = app.offers.size;
  app.conversations.forEach((conv) => {
    if (conv.state === 'active') count += 1;
  });
  return count;
}

function renderAll() {
  renderStatus();
  renderLoad();
  renderQueue();
  renderMute();
  $('offers').hidden = app.offers.size === 0;
  $('conversations-empty').hidden = app.conversations.size > 0;
  $('pending-toggle').textContent = t('header.pending', { count: app.pending.length });
}

function renderStatus() {
  $('who').textContent = app.me ? t('header.signedInAs', { name: app.me.displayName || app.me.username }) : '';
  const button = $('availability');
  const online = app.connectionState === 'online';
  const status = online ? app.status : 'offline';
  button.dataset.state = status;
  button.setAttribute('aria-pressed', String(status === 'available'));
  button.disabled = !online;
  $('availability-text').textContent = t(`availability.${status}`);
  $('take-next').disabled = !online;
  const connection = $('connection');
  connection.dataset.state = app.connectionState;
  $('reconnect').hidden = app.connectionState !== 'retrying';
  connection.textContent = connectionText();
}

function connectionText() {
  switch (app.connectionState) {
    case 'online': return t('connection.online');
    case 'retrying': return t('connection.retry', { seconds: Math.max(0, Math.ceil((app.retryAt - Date.now()) / 1000)) });
    case 'connecting': return t('connection.connecting');
    default: return t('availability.offline');
  }
}

function renderLoad() {
  $('load').textContent = app.capacity ? t('header.load', { load: activeCount(), capacity: app.capacity }) : '';
}

function renderMute() {
  $('mute').setAttribute('aria-pressed', String(isMuted()));
}

function tick() {
  if (!app.me) return;
  renderQueue();
  app.offers.forEach(renderOfferTimes);
  if (app.connectionState === 'retrying') $('connection').textContent = connectionText();
}

function intakeSummary(intake) {
  const parts = [];
  if (!intake) return parts;
  const label = (fieldName, code) => {
    const field = app.taxonomy?.fields.find((f) => f.name === fieldName);
    const entry = field?.codes.find((c) => c.code === code);
    return entry ? pick(entry.labels, code) : code;
  };
  if (intake.contactRole) parts.push(h('span', { class: 'tag' }, label('contactRole', intake.contactRole)));
  if (intake.ageGroup) parts.push(h('span', { class: 'tag' }, label('ageGroup', intake.ageGroup)));
  if (intake.acuteDanger === true) parts.push(h('span', { class: 'tag tag-acute', testid: 'acute' }, t('offer.acute')));
  if (parts.length === 0) parts.push(h('span', { class: 'muted' }, t('offer.noIntake')));
  return parts;
}

boot();
