// Registrations per field, the cross-tab picker, feedback and campaign figures.
import {$, h, clear, scrollable} from './dom.js';
import {t} from './i18n.js';
import {get, errorText, fields, fieldLabel, codeLabel} from './api.js';
import {range, rangeQuery, rangeRefused} from './state.js';
import {isSuppressed, countContent, percentContent, numCell, suppressedNote, withheldNote, csvLink} from './ui.js';

const cache = {registrations: null, crosstab: null, feedback: null, byAnswer: null, campaigns: null, campaignList: null};
const loaded = {};

export function init() {
  $('#crosstab-form').addEventListener('submit', (e) => {
    e.preventDefault();
    loadCrosstab();
  });
  $('#feedback-by').addEventListener('change', () => loadFeedback());
  $('#feedback-field').addEventListener('change', () => loadByAnswer());
  document.addEventListener('uitweg:language', () => {
    if (!$('#view-registrations').hidden) renderRegistrations(), renderCrosstab();
    if (!$('#view-feedback').hidden) renderFeedback(), renderByAnswer(), renderCampaigns();
  });
}

/** Fills the field pickers from the taxonomy, keeping what was chosen. */
export function fillPickers() {
  const fill = (select, fallback) => {
    const chosen = select.value || fallback;
    clear(select, fields().map((f) => h('option', {value: f.name}, fieldLabel(f.name))));
    if (fields().some((f) => f.name === chosen)) select.value = chosen;
  };
  fill($('#crosstab-rows'), 'ageGroup');
  fill($('#crosstab-columns'), 'forcedCrimeForms');
  fill($('#feedback-field'), 'contactRole');
}

export function show(view) {
  if (view === 'registrations') {
    if (loaded.registrations !== range.version) loadRegistrations();
    else renderRegistrations();
    if (cache.crosstab && loaded.crosstab !== range.version) loadCrosstab();
  } else {
    if (loaded.feedback !== range.version) loadFeedback();
    if (loaded.byAnswer !== range.version) loadByAnswer();
    if (loaded.campaigns !== range.version) loadCampaigns();
  }
}

async function fetchInto(name, url, bodyEl, render) {
  loaded[name] = range.version;
  bodyEl.setAttribute('aria-busy', 'true');
  clear(bodyEl, h('p', {class: 'loading'}, t('loading')));
  try {
    cache[name] = await get(url);
    render();
  } catch (e) {
    cache[name] = null;
    loaded[name] = undefined;
    rangeRefused(e);
    clear(bodyEl, h('p', {class: 'message-error', role: 'alert'}, errorText(e)));
  } finally {
    bodyEl.setAttribute('aria-busy', 'false');
  }
}

// --- registrations per field ---------------------------------------------------

function loadRegistrations() {
  return fetchInto('registrations', `/api/v1/stats/registrations?${rangeQuery()}`, $('#reg-body'), renderRegistrations);
}

function renderRegistrations() {
  const d = cache.registrations;
  if (!d) return;
  clear($('#reg-csv'), csvLink('/api/v1/stats/registrations/export.csv', rangeQuery(), t('reg.title')));
  const order = fields().map((f) => f.name).filter((name) => d.fields[name]);
  for (const name of Object.keys(d.fields)) if (!order.includes(name)) order.push(name);
  clear($('#reg-body'),
    h('p', {class: 'lead', 'data-testid': 'stats-total'}, t('reg.total', {n: isSuppressed(d.total) ? t('suppressed.short') : d.total})),
    h('div', {class: 'cards'}, order.map((name) => fieldTable(name, d.fields[name]))),
    h('p', {class: 'note'}, t('reg.percent.note')),
    suppressedNote(d.k));
}

function fieldTable(name, f) {
  const captionId = `reg-${name}`;
  return h('section', {class: 'card', 'aria-labelledby': captionId},
    scrollable(h('table', {class: 'data', 'data-testid': 'stats-table', 'data-field': name},
      h('caption', {id: captionId}, fieldLabel(name)),
      h('thead', null, h('tr', null,
        h('th', {scope: 'col'}, t('reg.code')),
        h('th', {scope: 'col', class: 'num'}, t('reg.count')),
        h('th', {scope: 'col', class: 'num'}, t('reg.percent')))),
      h('tbody', null, Object.entries(f.values).map(([code, v]) => h('tr', null,
        h('th', {scope: 'row'}, codeLabel(name, code)),
        numCell(isSuppressed(v) ? countContent(v) : countContent(v.count)),
        numCell(isSuppressed(v) ? countContent(v) : percentContent(v.percent))))),
      h('tfoot', null, h('tr', null,
        h('th', {scope: 'row'}, t('reg.answered.row')),
        numCell(countContent(f.answered)), h('td')))), fieldLabel(name)),
    f.multi ? h('p', {class: 'hint'}, t('reg.multi')) : null);
}

// --- cross-tabulation -----------------------------------------------------------

function loadCrosstab() {
  const rows = $('#crosstab-rows').value;
  const columns = $('#crosstab-columns').value;
  if (!rows || !columns) return null;
  return fetchInto('crosstab', `/api/v1/stats/registrations/crosstab?${rangeQuery({rows, columns})}`,
    $('#crosstab-body'), renderCrosstab);
}

function renderCrosstab() {
  const d = cache.crosstab;
  if (!d) return;
  clear($('#crosstab-body'), twoWay(d, d.rows, d.columns === 'feedback' ? null : d.columns, 'crosstab-table',
    '/api/v1/stats/registrations/crosstab/export.csv', rangeQuery({rows: d.rows, columns: d.columns}),
    `${fieldLabel(d.rows)} × ${fieldLabel(d.columns)}`));
}

/** A two-way table with margins: cross-tabs and feedback by answer share the shape. */
function twoWay(d, rowField, columnField, testid, csvPath, csvQuery, title) {
  const rowCodes = Object.keys(d.cells);
  const columnCodes = Object.keys(d.columnTotals);
  const columnName = (c) => (columnField ? codeLabel(columnField, c) : t(`feedback.${c}`));
  return h('div', null,
    h('div', {class: 'section-head'}, h('h4', null, title), csvLink(csvPath, csvQuery, title)),
    d.withheld ? withheldNote() : null,
    scrollable(h('table', {class: 'data crosstab', 'data-testid': testid},
      h('caption', {class: 'visually-hidden'}, title),
      h('thead', null, h('tr', null,
        h('td'),
        columnCodes.map((c) => h('th', {scope: 'col', class: 'num'}, columnName(c))),
        h('th', {scope: 'col', class: 'num'}, t('total')))),
      h('tbody', null, rowCodes.map((r) => h('tr', null,
        h('th', {scope: 'row'}, codeLabel(rowField, r)),
        columnCodes.map((c) => numCell(countContent(d.cells[r][c]))),
        numCell(countContent(d.rowTotals[r]), {class: 'num total'})))),
      h('tfoot', null, h('tr', null,
        h('th', {scope: 'row'}, t('total')),
        columnCodes.map((c) => numCell(countContent(d.columnTotals[c]), {class: 'num total'})),
        numCell(countContent(d.total), {class: 'num total'})))), title),
    suppressedNote(d.k));
}

// --- feedback --------------------------------------------------------------------

const FEEDBACK = ['YES', 'PARTLY', 'NO', 'total'];

function loadFeedback() {
  return fetchInto('feedback', `/api/v1/stats/feedback?${rangeQuery({by: $('#feedback-by').value})}`,
    $('#feedback-body'), renderFeedback);
}

function renderFeedback() {
  const d = cache.feedback;
  if (!d) return;
  const head = (c) => t(c === 'total' ? 'feedback.total' : `feedback.${c}`);
  clear($('#feedback-body'),
    h('div', {class: 'section-head'}, h('span'), csvLink('/api/v1/stats/feedback/export.csv', rangeQuery({by: d.by}), t('feedback.title'))),
    scrollable(h('table', {class: 'data', 'data-testid': 'feedback-table'},
      h('caption', {class: 'visually-hidden'}, t('feedback.title')),
      h('thead', null, h('tr', null,
        h('th', {scope: 'col'}, t('demand.period')),
        FEEDBACK.map((c) => h('th', {scope: 'col', class: 'num'}, head(c))))),
      h('tbody', null, d.periods.map((p) => h('tr', null,
        h('th', {scope: 'row'}, p.period),
        FEEDBACK.map((c) => numCell(countContent(p[c])))))),
      h('tfoot', null, h('tr', null,
        h('th', {scope: 'row'}, t('total')),
        FEEDBACK.map((c) => numCell(countContent(d.total?.[c]), {class: 'num total'}))))), t('feedback.title')),
    suppressedNote(d.k));
}

function loadByAnswer() {
  const field = $('#feedback-field').value;
  if (!field) return null;
  return fetchInto('byAnswer', `/api/v1/stats/feedback/by-answer?${rangeQuery({field})}`,
    $('#feedback-answer-body'), renderByAnswer);
}

function renderByAnswer() {
  const d = cache.byAnswer;
  if (!d) return;
  clear($('#feedback-answer-body'), twoWay(d, d.field, null, 'feedback-by-answer-table',
    '/api/v1/stats/feedback/by-answer/export.csv', rangeQuery({field: d.field}),
    `${t('feedback.byAnswer')}: ${fieldLabel(d.field)}`));
}

// --- campaigns -------------------------------------------------------------------

async function loadCampaigns() {
  try {
    cache.campaignList = await get('/api/v1/admin/campaigns');
  } catch (e) {
    cache.campaignList = null;
  }
  return fetchInto('campaigns', `/api/v1/stats/campaigns?${rangeQuery()}`, $('#campaign-stats-body'), renderCampaigns);
}

function campaignName(code) {
  if (code === 'DIRECT') return t('campaign.DIRECT');
  const c = cache.campaignList?.find((x) => x.code === code);
  return c && c.label && c.label !== code ? `${code} – ${c.label}` : code;
}

function renderCampaigns() {
  const d = cache.campaigns;
  if (!d) return;
  const cols = ['contacts', 'answered', 'registered'];
  clear($('#campaign-stats-body'),
    h('div', {class: 'section-head'}, h('span'), csvLink('/api/v1/stats/campaigns/export.csv', rangeQuery(), t('campaignStats.title'))),
    d.withheld ? withheldNote() : null,
    scrollable(h('table', {class: 'data', 'data-testid': 'campaign-stats-table'},
      h('caption', {class: 'visually-hidden'}, t('campaignStats.title')),
      h('thead', null, h('tr', null,
        h('th', {scope: 'col'}, t('campaignStats.code')),
        cols.map((c) => h('th', {scope: 'col', class: 'num'}, t(`campaignStats.${c}`))))),
      h('tbody', null, d.campaigns.map((c) => h('tr', null,
        h('th', {scope: 'row'}, campaignName(c.code)),
        cols.map((k) => numCell(countContent(c[k]))))))), t('campaignStats.title')),
    suppressedNote(d.k));
}
