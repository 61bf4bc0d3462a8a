// Shared pieces: suppressed cells, table notes, CSV links, form errors.
import {h} from './dom.js';
import {t, fmtNumber, fmtPercentValue} from './i18n.js';
import {ApiError, errorText} from './api.js';

export const isSuppressed = (v) => v !== null && typeof v === 'object' && v.suppressed === true;

/** A suppressed figure: a marked word, never a number. */
export function suppressedMark() {
  return h('span', {class: 'suppressed', 'data-suppressed': 'true'}, t('suppressed.short'));
}

/** The content of a cell holding a count (number or {suppressed:true}). */
export function countContent(v, digits = 0) {
  if (isSuppressed(v)) return suppressedMark();
  if (v === null || v === undefined) return '–';
  return fmtNumber(v, digits);
}

export function percentContent(v) {
  if (isSuppressed(v)) return suppressedMark();
  if (v === null || v === undefined) return '–';
  return fmtPercentValue(v);
}

export function numCell(content, attrs = {}) {
  return h('td', {class: 'num', ...attrs}, content);
}

/** The note under every table that may hold suppressed cells. */
export function suppressedNote(k) {
  return h('p', {class: 'note suppressed-note'},
    h('span', {class: 'suppressed', 'aria-hidden': 'true'}, t('suppressed.short')), ' ',
    t('suppressed.explain', {k, k1: Math.max(0, k - 1)}));
}

export function withheldNote() {
  return h('p', {class: 'notice', role: 'note'}, t('withheld'));
}

/** A download link for the export.csv twin of a statistics call, with the same query. */
export function csvLink(path, queryString, what) {
  return h('a', {
    class: 'csv-link',
    href: `${path}?${queryString}`,
    download: '',
    'data-testid': 'csv-download',
    'data-table': what,
  }, t('csv'), h('span', {class: 'visually-hidden'}, ` (${what})`));
}

/** Status text under a form or section: role=status for success, role=alert for errors. */
export function say(el, text, kind = 'ok') {
  el.textContent = text;
  el.hidden = !text;
  el.classList.toggle('message-error', kind === 'error');
  el.classList.toggle('message-ok', kind !== 'error');
}

export function clearFieldErrors(root) {
  for (const input of root.querySelectorAll('[aria-invalid="true"]')) input.removeAttribute('aria-invalid');
  for (const p of root.querySelectorAll('.field-error')) {
    p.textContent = '';
    p.hidden = true;
  }
}

/**
 * Shows a problem+json error by the fields it names: each named input gets
 * aria-invalid and its own message, the first is focused. Returns the general text.
 */
export function showFieldErrors(root, error, messageEl) {
  clearFieldErrors(root);
  let first = null;
  if (error instanceof ApiError) {
    for (const field of error.fields) {
      const input = root.querySelector(`[name="${CSS.escape(field)}"]`);
      if (!input) continue;
      input.setAttribute('aria-invalid', 'true');
      const p = root.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
      if (p) {
        const key = `error.field.${field}`;
        const text = t(key);
        p.textContent = text === key ? t('error.field') : text;
        p.hidden = false;
      }
      first = first || input;
    }
    // A code that belongs to one field without naming it.
    const byCode = {username_taken: 'username', campaign_exists: 'code'}[error.code];
    if (byCode) {
      const input = root.querySelector(`[name="${byCode}"]`);
      const p = root.querySelector(`[data-error-for="${byCode}"]`);
      if (input && p) {
        input.setAttribute('aria-invalid', 'true');
        p.textContent = errorText(error);
        p.hidden = false;
        first = first || input;
      }
    }
  }
  if (messageEl) say(messageEl, errorText(error), 'error');
  // Focus the first marked field in page order.
  (root.querySelector('[aria-invalid="true"]') || first)?.focus();
}
