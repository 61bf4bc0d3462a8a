// The coordinator dashboard: sign-in, views by URL hash, the shared date range.
import {$, $$} from './dom.js';
import {t, applyStatic, setLanguage, language} from './i18n.js';
import {get, post, ApiError, errorText, loadTaxonomy} from './api.js';
import {say} from './ui.js';
import {range} from './state.js';
import * as live from './live.js';
import * as demand from './demand.js';
import * as statistics from './statistics.js';
import * as staffing from './staffing.js';
import * as admin from './admin.js';

const VIEWS = ['live', 'demand', 'registrations', 'feedback', 'staffing', 'staff', 'campaigns'];
const RANGE_VIEWS = new Set(['demand', 'registrations', 'feedback']);

let me = null;

function isoDate(date) {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

function defaultRange() {
  const to = new Date();
  const from = new Date(to);
  from.setMonth(from.getMonth() - 3);
  range.from = isoDate(from);
  range.to = isoDate(to);
  $('#stats-from').value = range.from;
  $('#stats-to').value = range.to;
}

function currentView() {
  const name = location.hash.replace('#', '');
  return VIEWS.includes(name) ? name : 'live';
}

function show(view) {
  for (const name of VIEWS) $(`#view-${name}`).hidden = name !== view;
  $('#range-form').hidden = !RANGE_VIEWS.has(view);
  for (const link of $$('#nav a')) {
    if (link.dataset.view === view) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const modules = {demand, registrations: statistics, feedback: statistics, staffing, staff: admin, campaigns: admin};
  modules[view]?.show(view, range);
}

function showLogin(message) {
  me = null;
  live.stop();
  $('#nav').hidden = true;
  $('#logout').hidden = true;
  $('#who').hidden = true;
  $('#range-form').hidden = true;
  for (const name of VIEWS) $(`#view-${name}`).hidden = true;
  $('#view-login').hidden = false;
  say($('#login-message'), message || '', 'error');
  $('#login-username').focus();
}

async function enter(account) {
  me = account;
  $('#view-login').hidden = true;
  $('#nav').hidden = false;
  $('#logout').hidden = false;
  const who = $('#who');
  who.textContent = t('signed.in.as', {name: account.displayName || account.username});
  who.hidden = false;
  try {
    await loadTaxonomy();
  } catch (e) {
    // labels fall back to codes
  }
  statistics.fillPickers();
  live.start();
  show(currentView());
}

const isCoordinator = (account) => Array.isArray(account?.roles) && account.roles.includes('COORDINATOR');

async function login(event) {
  event.preventDefault();
  const form = event.target;
  const button = form.querySelector('button[type=submit]');
  const username = form.username.value.trim();
  const password = form.password.value;
  if (!username || !password) {
    say($('#login-message'), t('login.invalid'), 'error');
    (username ? form.password : form.username).focus();
    return;
  }
  button.disabled = true;
  say($('#login-message'), t('login.busy'));
  try {
    const account = await post('/api/v1/auth/login', {username, password});
    form.password.value = '';
    if (!isCoordinator(account)) {
      await post('/api/v1/auth/logout').catch(() => null);
      showLogin(t('login.not.coordinator'));
      return;
    }
    say($('#login-message'), '');
    await enter(account);
    $('#main').focus();
  } catch (e) {
    const text = e instanceof ApiError && (e.code === 'invalid_credentials' || e.code === 'invalid_request')
      ? t('login.invalid') : (e instanceof ApiError && e.status === 0 ? errorText(e) : t('login.failed'));
    say($('#login-message'), text, 'error');
  } finally {
    button.disabled = false;
  }
}

async function logout() {
  live.stop();
  try {
    await post('/api/v1/auth/logout');
  } catch (e) {
    // signed out locally anyway
  }
  showLogin();
}

function applyRange(event) {
  event.preventDefault();
  const from = $('#stats-from');
  const to = $('#stats-to');
  const bad = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from.value)) bad.push(from);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(to.value) || (from.value && to.value < from.value)) bad.push(to);
  for (const input of [from, to]) {
    if (bad.includes(input)) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
  if (bad.length) {
    say($('#range-error'), t('range.invalid'), 'error');
    bad[0].focus();
    return;
  }
  say($('#range-error'), '');
  range.from = from.value;
  range.to = to.value;
  range.version++;
  show(currentView());
}

async function boot() {
  applyStatic();
  defaultRange();
  $('#login-form').addEventListener('submit', login);
  $('#logout').addEventListener('click', logout);
  $('#range-form').addEventListener('submit', applyRange);
  $('#lang-switch').addEventListener('click', () => {
    setLanguage(language() === 'nl' ? 'en' : 'nl');
    $('#lang-switch').setAttribute('lang', language() === 'nl' ? 'en' : 'nl');
  });
  $('#lang-switch').setAttribute('lang', language() === 'nl' ? 'en' : 'nl');
  document.addEventListener('uitweg:language', () => {
    if (me) $('#who').textContent = t('signed.in.as', {name: me.displayName || me.username});
    statistics.fillPickers();
  });
  document.addEventListener('uitweg:unauthenticated', () => {
    if (me) showLogin(t('error.unauthenticated'));
  });
  window.addEventListener('hashchange', () => {
    if (me) show(currentView());
  });
  live.init();
  demand.init();
  statistics.init();
  staffing.init();
  admin.init();
  try {
    const account = await get('/api/v1/auth/me');
    if (isCoordinator(account)) {
      await enter(account);
      return;
    }
    showLogin(t('login.not.coordinator'));
  } catch (e) {
    showLogin(e instanceof ApiError && e.status === 401 ? '' : errorText(e));
  }
}

boot();
