// State shared by the views: the date range of the statistics.
import {$} from './dom.js';
import {t} from './i18n.js';
import {ApiError} from './api.js';
import {say} from './ui.js';

/** The date range of the statistics views; `version` goes up when it changes. */
export const range = {from: '', to: '', version: 0};

export const rangeQuery = (extra = {}) => new URLSearchParams({from: range.from, to: range.to, ...extra}).toString();

/** A statistics call refused the range (fields from/to): mark the pickers. */
export function rangeRefused(error) {
  if (!(error instanceof ApiError) || !error.fields.some((f) => f === 'from' || f === 'to')) return false;
  for (const name of ['from', 'to']) {
    const input = $(`#stats-${name}`);
    if (error.fields.includes(name)) input.setAttribute('aria-invalid', 'true');
  }
  say($('#range-error'), t('range.invalid'), 'error');
  return true;
}
