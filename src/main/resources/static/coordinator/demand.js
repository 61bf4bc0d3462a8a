// Demand per period and per hour of the week: GET /api/v1/stats/demand?by=...
import {$, h, clear, scrollable} from './dom.js';
import {t, fmtDuration, fmtPercent, DAYS} from './i18n.js';
import {get, errorText} from './api.js';
import {range, rangeQuery, rangeRefused} from './state.js';
import {isSuppressed, countContent, numCell, suppressedNote, csvLink, suppressedMark} from './ui.js';
import {lineChart, chartBox, SERIES} from './charts.js';

let data = null;
let loadedFor = '';

export function init() {
  $('#demand-by').addEventListener('change', () => load());
  document.addEventListener('uitweg:language', () => {
    if (data && !$('#view-demand').hidden) render();
  });
}

export function show() {
  const key = `${range.version}|${$('#demand-by').value}`;
  if (key !== loadedFor || !data) load();
  else render();
}

async function load() {
  const by = $('#demand-by').value;
  const body = $('#demand-body');
  loadedFor = `${range.version}|${by}`;
  body.setAttribute('aria-busy', 'true');
  clear(body, h('p', {class: 'loading'}, t('loading')));
  try {
    data = await get(`/api/v1/stats/demand?${rangeQuery({by})}`);
    render();
  } catch (e) {
    data = null;
    loadedFor = '';
    rangeRefused(e);
    clear(body, h('p', {class: 'message-error', role: 'alert'}, errorText(e)));
  } finally {
    body.setAttribute('aria-busy', 'false');
  }
}

const valueOf = (v) => (typeof v === 'number' ? v : null);
const hourLabel = (row) => `${t(`dayShort.${row.day}`)} ${String(row.hour).padStart(2, '0')}:00`;

function derived(v, kind) {
  if (isSuppressed(v)) return suppressedMark();
  if (v === null || v === undefined) return '–';
  return kind === 'share' ? fmtPercent(v, 1) : fmtDuration(v);
}

function render() {
  const d = data;
  const body = $('#demand-body');
  const by = d.by;
  const q = rangeQuery({by});
  const target = d.serviceLevelTargetSeconds;
  const seriesLabel = {contacts: t('demand.contacts'), answered: t('demand.answered'), abandoned: t('demand.abandoned')};

  const total = d.total || {};
  const summary = h('dl', {class: 'summary', 'data-testid': 'demand-total'},
    [['contacts', 'demand.contacts'], ['answered', 'demand.answered'], ['abandoned', 'demand.abandoned']].map(([k, label]) =>
      h('div', null, h('dt', null, t(label)), h('dd', null, countContent(total[k])))),
    [['waitP50Seconds', 'demand.waitP50'], ['waitP90Seconds', 'demand.waitP90'], ['lengthP50Seconds', 'demand.lengthP50']].map(([k, label]) =>
      h('div', null, h('dt', null, t(label)), h('dd', null, derived(total[k])))),
    h('div', null, h('dt', null, t('demand.serviceLevel', {s: target})), h('dd', null, derived(total.serviceLevel, 'share'))));

  const byName = t(`by.${by}`);
  const periodChart = chartBox(t('demand.chart.label', {what: t('demand.perPeriod', {by: byName}).toLowerCase()}), 'demand-chart-period');
  const hourChart = chartBox(t('demand.chart.label', {what: t('demand.perHour').toLowerCase()}), 'demand-chart-hours');

  clear(body,
    h('section', {class: 'panel', 'aria-labelledby': 'demand-total-title'},
      h('div', {class: 'section-head'},
        h('h3', {id: 'demand-total-title'}, t('demand.total')),
        csvLink('/api/v1/stats/demand/export.csv', q, t('demand.title'))),
      summary),
    h('section', {class: 'panel', 'aria-labelledby': 'demand-period-title'},
      h('h3', {id: 'demand-period-title'}, t('demand.perPeriod', {by: byName})),
      periodChart,
      h('p', {class: 'hint'}, t('demand.gaps')),
      hiddenList(d.periods, (r) => r.period, d.k, 'demand-hidden-periods'),
      h('details', null, h('summary', null, t('demand.asTable')), periodTable(d, target))),
    h('section', {class: 'panel', 'aria-labelledby': 'demand-hours-title'},
      h('h3', {id: 'demand-hours-title'}, t('demand.perHour')),
      hourChart,
      hiddenList(d.hoursOfWeek, hourLabel, d.k, 'demand-hidden-hours'),
      h('details', null, h('summary', null, t('demand.asTable')), hoursTable(d))),
    suppressedNote(d.k));

  const series = (rows) => SERIES.map((s) => ({
    label: seriesLabel[s.key], stroke: s.stroke, dash: s.dash, values: rows.map((r) => valueOf(r[s.key])),
  }));
  const failed = (box) => () => box.replaceWith(h('p', {class: 'notice'}, t('demand.noChart')));
  lineChart(periodChart, {labels: d.periods.map((r) => r.period), series: series(d.periods)}).catch(failed(periodChart));
  lineChart(hourChart, {
    labels: d.hoursOfWeek.map(hourLabel),
    series: series(d.hoursOfWeek),
    tickEvery: window.innerWidth < 600 ? 48 : 24,
    tickLabel: (i) => t(`dayShort.${DAYS[Math.floor(i / 24)]}`) ?? '',
  }).catch(failed(hourChart));
}

/** The suppressed values, listed by name, since a gap alone does not say why. */
function hiddenList(rows, label, k, testid) {
  const names = {contacts: t('demand.contacts'), answered: t('demand.answered'), abandoned: t('demand.abandoned')};
  const items = rows
    .map((r) => [label(r), SERIES.filter((s) => isSuppressed(r[s.key])).map((s) => names[s.key].toLowerCase())])
    .filter(([, hidden]) => hidden.length)
    .map(([name, hidden]) => h('li', null, `${name}: ${hidden.join(', ')}`));
  return h('div', {class: 'hidden-values', 'data-testid': testid},
    h('h4', null, t('demand.hidden.title', {k})),
    items.length ? h('ul', null, items) : h('p', null, t('demand.hidden.none')));
}

function periodTable(d, target) {
  return scrollable(h('table', {class: 'data', 'data-testid': 'demand-table'},
    h('thead', null, h('tr', null,
      h('th', {scope: 'col'}, t('demand.period')),
      h('th', {scope: 'col', class: 'num'}, t('demand.contacts')),
      h('th', {scope: 'col', class: 'num'}, t('demand.answered')),
      h('th', {scope: 'col', class: 'num'}, t('demand.abandoned')),
      h('th', {scope: 'col', class: 'num'}, t('demand.waitP50')),
      h('th', {scope: 'col', class: 'num'}, t('demand.waitP90')),
      h('th', {scope: 'col', class: 'num'}, t('demand.lengthP50')),
      h('th', {scope: 'col', class: 'num'}, t('demand.serviceLevel', {s: target})))),
    h('tbody', null, d.periods.map((r) => h('tr', null,
      h('th', {scope: 'row'}, r.period),
      numCell(countContent(r.contacts)), numCell(countContent(r.answered)), numCell(countContent(r.abandoned)),
      numCell(derived(r.waitP50Seconds)), numCell(derived(r.waitP90Seconds)), numCell(derived(r.lengthP50Seconds)),
      numCell(derived(r.serviceLevel, 'share')))))), t('demand.perPeriod', {by: t(`by.${d.by}`)}));
}

function hoursTable(d) {
  return scrollable(h('table', {class: 'data', 'data-testid': 'demand-hours-table'},
    h('thead', null, h('tr', null,
      h('th', {scope: 'col'}, t('demand.day')),
      h('th', {scope: 'col'}, t('demand.hour')),
      h('th', {scope: 'col', class: 'num'}, t('demand.contacts')),
      h('th', {scope: 'col', class: 'num'}, t('demand.answered')),
      h('th', {scope: 'col', class: 'num'}, t('demand.abandoned')))),
    h('tbody', null, d.hoursOfWeek.map((r) => h('tr', null,
      h('th', {scope: 'row'}, t(`day.${r.day}`)),
      h('td', null, `${String(r.hour).padStart(2, '0')}:00`),
      numCell(countContent(r.contacts)), numCell(countContent(r.answered)), numCell(countContent(r.abandoned)))))),
  t('demand.perHour'));
}
