// Staffing advice per hour of the week beside the counsellors actually available:
// GET /api/v1/stats/staffing?weeks=&target=&answerWithinSeconds=&capacity=
import {$, h, clear, scrollable} from './dom.js';
import {t, fmtNumber, fmtPercent, fmtDuration, fmtDateTime, DAYS} from './i18n.js';
import {get, query} from './api.js';
import {isSuppressed, suppressedMark, numCell, suppressedNote, csvLink, say, showFieldErrors, clearFieldErrors} from './ui.js';

let data = null;
let queryString = null;

export function init() {
  $('#staffing-form').addEventListener('submit', (e) => {
    e.preventDefault();
    load();
  });
  $('#staffing-day').addEventListener('change', render);
  $('#staffing-only-short').addEventListener('change', render);
  fillDays();
  document.addEventListener('uitweg:language', () => {
    fillDays();
    if (data) render();
  });
}

function fillDays() {
  const select = $('#staffing-day');
  // Default: today's day of the week (JavaScript counts from Sunday).
  const chosen = select.value || DAYS[(new Date().getDay() + 6) % 7];
  clear(select, h('option', {value: 'ALL'}, t('staffing.allDays')),
    DAYS.map((d) => h('option', {value: d}, t(`day.${d}`))));
  select.value = chosen;
}

export function show() {
  if (!data) load();
  else render();
}

async function load() {
  const form = $('#staffing-form');
  const message = $('#staffing-message');
  clearFieldErrors(form);
  say(message, '');
  const target = form.target.value === '' ? '' : String(Number(form.target.value) / 100);
  queryString = query({
    weeks: form.weeks.value,
    target,
    answerWithinSeconds: form.answerWithinSeconds.value,
    capacity: form.capacity.value,
  });
  const body = $('#staffing-body');
  body.setAttribute('aria-busy', 'true');
  clear(body, h('p', {class: 'loading'}, t('loading')));
  try {
    data = await get(`/api/v1/stats/staffing?${queryString}`);
    if (!form.capacity.value) form.capacity.placeholder = String(data.capacity);
    render();
  } catch (e) {
    data = null;
    showFieldErrors(form, e, message);
    clear(body);
    clear($('#staffing-summary'));
  } finally {
    body.setAttribute('aria-busy', 'false');
  }
}

const short = (row) => typeof row.available === 'number' && row.available < row.counsellorsNeeded;

function figure(v, format) {
  if (isSuppressed(v)) return suppressedMark();
  if (v === null || v === undefined) return '–';
  return format(v);
}

function render() {
  if (!data) return;
  const day = $('#staffing-day').value;
  const onlyShort = $('#staffing-only-short').checked;
  const rows = data.hours.filter((r) => (day === 'ALL' || r.day === day) && (!onlyShort || short(r)));
  const hourText = (r) => `${String(r.hour).padStart(2, '0')}:00–${String((r.hour + 1) % 24).padStart(2, '0')}:00`;
  clear($('#staffing-summary'),
    h('div', {class: 'section-head'},
      h('p', {class: 'hint'}, t('staffing.basis', {from: fmtDateTime(data.from), to: fmtDateTime(data.to), weeks: data.weeks, zone: data.zone})),
      csvLink('/api/v1/stats/staffing/export.csv', queryString, t('staffing.title'))),
    weekGrid());
  clear($('#staffing-body'),
    scrollable(h('table', {class: 'data staffing', 'data-testid': 'staffing-table'},
      h('caption', {class: 'visually-hidden'}, t('staffing.title')),
      h('thead', null, h('tr', null,
        h('th', {scope: 'col'}, t('staffing.hour')),
        h('th', {scope: 'col', class: 'num'}, t('staffing.arrivals')),
        h('th', {scope: 'col', class: 'num'}, t('staffing.handling')),
        h('th', {scope: 'col', class: 'num'}, t('staffing.needed')),
        h('th', {scope: 'col', class: 'num'}, t('staffing.available')),
        h('th', {scope: 'col', class: 'num'}, t('staffing.gap')),
        h('th', {scope: 'col', class: 'num'}, t('staffing.sl')),
        h('th', {scope: 'col', class: 'num'}, t('staffing.asa')))),
      h('tbody', null, rows.map((r) => {
        const gap = typeof r.available === 'number' ? r.available - r.counsellorsNeeded : null;
        return h('tr', {class: short(r) ? 'is-short' : null, 'data-hour-of-week': r.hourOfWeek},
          h('th', {scope: 'row'}, `${t(`dayShort.${r.day}`)} ${hourText(r)}`),
          numCell(figure(r.arrivalsPerHour, (v) => fmtNumber(v, 1))),
          numCell(figure(r.meanHandlingSeconds, fmtDuration)),
          numCell(String(r.counsellorsNeeded), {class: 'num strong', 'data-testid': 'staffing-needed'}),
          numCell(r.available === null ? h('span', {class: 'muted'}, t('staffing.notSampled')) : fmtNumber(r.available, 1),
            {'data-testid': 'staffing-available'}),
          numCell(gap === null ? '–' : [gap < 0 ? h('span', {class: 'tag-short'}, t('staffing.short')) : null, ' ',
            (gap > 0 ? '+' : '') + fmtNumber(gap, 1)]),
          numCell(figure(r.serviceLevel, (v) => fmtPercent(v))),
          numCell(figure(r.averageSpeedOfAnswerSeconds, fmtDuration)));
      }))), t('staffing.title')),
    suppressedNote(data.k));
}

/** The week at a glance: per hour and day "needed / available", short hours marked. */
function weekGrid() {
  const byHour = (day, hour) => data.hours[DAYS.indexOf(day) * 24 + hour];
  const hours = Array.from({length: 24}, (_, i) => i);
  return h('section', {class: 'grid-section', 'aria-labelledby': 'staffing-grid-title'},
    h('h3', {id: 'staffing-grid-title'}, t('staffing.grid')),
    h('p', {class: 'hint'}, t('staffing.grid.hint')),
    scrollable(h('table', {class: 'data week-grid', 'data-testid': 'staffing-grid'},
      h('caption', {class: 'visually-hidden'}, t('staffing.grid')),
      h('thead', null, h('tr', null,
        h('th', {scope: 'col'}, t('staffing.hour')),
        DAYS.map((d) => h('th', {scope: 'col', class: 'num'}, h('abbr', {title: t(`day.${d}`)}, t(`dayShort.${d}`)))))),
      h('tbody', null, hours.map((hour) => h('tr', null,
        h('th', {scope: 'row'}, `${String(hour).padStart(2, '0')}:00`),
        DAYS.map((d) => {
          const r = byHour(d, hour);
          const available = typeof r.available === 'number' ? fmtNumber(r.available, 1) : '–';
          return h('td', {class: `num${short(r) ? ' is-short' : ''}${r.counsellorsNeeded === 0 ? ' is-zero' : ''}`},
            `${r.counsellorsNeeded} / ${available}`,
            short(r) ? h('span', {class: 'visually-hidden'}, ` (${t('staffing.short')})`) : null);
        }))))), t('staffing.grid')));
}
