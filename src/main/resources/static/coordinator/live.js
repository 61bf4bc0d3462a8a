// Live tiles from GET /api/v1/monitor/live (Server-Sent Events, event `snapshot`).
// The tiles change every second; screen readers hear a short summary at most every
// 30 seconds, and only when it changed. The connection state is its own status line.
import {$, h, clear} from './dom.js';
import {t, fmtNumber, fmtPercent, fmtDuration, fmtTime} from './i18n.js';
import {get, ApiError} from './api.js';

const STALE_AFTER_MS = 5000;
const ANNOUNCE_EVERY_MS = 30000;

let source = null;
let running = false;
let last = null;
let lastAt = 0;
let state = 'connecting';
let watchdog = null;
let retryTimer = null;
let lastAnnounced = '';
let lastAnnouncedAt = 0;

export function init() {
  document.addEventListener('uitweg:language', () => {
    setState(state, true);
    render(last);
  });
  buildWindows();
}

export function start() {
  if (running) return;
  running = true;
  lastAnnounced = '';
  connect();
  watchdog = setInterval(() => {
    if (running && state === 'connected' && Date.now() - lastAt > STALE_AFTER_MS) setState('lost');
  }, 1000);
}

export function stop() {
  running = false;
  source?.close();
  source = null;
  clearInterval(watchdog);
  clearTimeout(retryTimer);
  last = null;
  setState('connecting');
  render(null);
}

function connect() {
  source?.close();
  source = new EventSource('/api/v1/monitor/live', {withCredentials: true});
  source.addEventListener('snapshot', (event) => {
    let snapshot;
    try {
      snapshot = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    last = snapshot;
    lastAt = Date.now();
    setState('connected');
    render(snapshot);
  });
  source.addEventListener('error', () => {
    if (!running) return;
    setState('lost');
    // CONNECTING: the browser retries by itself (the server asks for 2 s).
    // CLOSED: an HTTP error ended it (e.g. the session expired); check and retry.
    if (source.readyState === EventSource.CLOSED) {
      source.close();
      clearTimeout(retryTimer);
      retryTimer = setTimeout(recover, 3000);
    }
  });
}

async function recover() {
  if (!running) return;
  try {
    await get('/api/v1/auth/me');
    connect();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      document.dispatchEvent(new CustomEvent('uitweg:unauthenticated'));
    } else {
      retryTimer = setTimeout(recover, 5000);
    }
  }
}

function setState(next, force) {
  const status = $('#live-status');
  if (next === state && !force && status.textContent) return;
  state = next;
  status.dataset.state = next;
  status.textContent = t(next === 'connected' ? 'live.connected' : next === 'lost' ? 'live.lost' : 'live.connecting');
  $('#view-live').classList.toggle('is-stale', next === 'lost');
}

function text(id, value) {
  const el = $(id);
  if (el.textContent !== value) el.textContent = value;
}

const num = (v) => (typeof v === 'number' ? fmtNumber(v, 0) : '–');

const WINDOW_ROWS = [
  ['arrivals', 'live.arrivals'],
  ['answered', 'live.answered'],
  ['abandoned', 'live.abandoned'],
  ['serviceLevel', 'live.serviceLevel'],
  ['medianWaitSeconds', 'live.median'],
];

function buildWindows() {
  for (const dl of document.querySelectorAll('dl[data-window]')) {
    const name = dl.dataset.window;
    clear(dl, WINDOW_ROWS.map(([key]) => h('div', null,
      h('dt', {'data-label': key}),
      h('dd', {'data-testid': `live-${name === 'lastHour' ? 'last-hour' : 'last15'}-${key}`, 'data-value': key}, '–'))));
  }
}

function render(s) {
  text('#live-waiting', num(s?.waiting));
  text('#live-acute', num(s?.waitingByPriority?.acute));
  text('#live-returning', num(s?.waitingByPriority?.returning));
  text('#live-normal', num(s?.waitingByPriority?.normal));
  text('#live-offered', num(s?.offered));
  text('#live-longest', s ? fmtDuration(s.longestWaitSeconds ?? 0) : '–');
  text('#live-available', num(s?.counsellorsAvailable));
  text('#live-busy', num(s?.counsellorsBusy));
  text('#live-away', num(s?.counsellorsAway));
  text('#live-free', num(s?.freeCapacity));
  text('#live-active', num(s?.activeConversations));
  const target = s?.serviceLevelTargetSeconds ?? 60;
  for (const dl of document.querySelectorAll('dl[data-window]')) {
    const w = s?.[dl.dataset.window];
    for (const dt of dl.querySelectorAll('dt[data-label]')) {
      const key = dt.dataset.label;
      const label = t(WINDOW_ROWS.find(([k]) => k === key)[1], {s: target});
      if (dt.textContent !== label) dt.textContent = label;
    }
    for (const dd of dl.querySelectorAll('dd[data-value]')) {
      const key = dd.dataset.value;
      const v = w?.[key];
      let shown = '–';
      if (typeof v === 'number') {
        shown = key === 'serviceLevel' ? fmtPercent(v) : key === 'medianWaitSeconds' ? fmtDuration(v) : fmtNumber(v, 0);
      }
      if (dd.textContent !== shown) dd.textContent = shown;
    }
  }
  const waiting = s?.waiting ?? 0;
  const noOne = !!s && waiting > 0 && (s.counsellorsAvailable ?? 0) === 0;
  $('#live-alert').hidden = !noOne;
  $('#tile-waiting').classList.toggle('is-warning', noOne);
  $('#tile-longest').classList.toggle('is-warning', !!s && (s.longestWaitSeconds ?? 0) > target);
  const badge = $('#nav-waiting');
  badge.hidden = !s || waiting === 0;
  text('#nav-waiting', s ? t('nav.waiting.badge', {n: waiting}) : '');
  $('#live-updated').textContent = s?.at ? t('live.updated', {time: fmtTime(new Date(s.at))}) : '';
  announce(s);
}

function announce(s) {
  if (!s) return;
  // Rounded to the minute, so a growing wait alone does not count as news every second.
  const summary = t('live.announce', {
    waiting: s.waiting ?? 0,
    longest: fmtDuration(Math.floor((s.longestWaitSeconds ?? 0) / 60) * 60),
    available: s.counsellorsAvailable ?? 0,
  });
  const now = Date.now();
  if (summary === lastAnnounced || now - lastAnnouncedAt < ANNOUNCE_EVERY_MS) return;
  lastAnnounced = summary;
  lastAnnouncedAt = now;
  $('#live-announce').textContent = summary;
}
