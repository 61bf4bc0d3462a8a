// Dutch by default, English on request; the choice lasts for this tab.
//
// An element with data-t="key" shows that text. Texts with values keep them as JSON in
// data-args, so a language switch can write every text again, old messages included.

import { texts } from './texts.js';
import { store, LANG_KEY } from './storage.js';

export let lang = store.get(LANG_KEY) === 'en' ? 'en' : 'nl';
const relabelers = []; // texts that do not come from texts.js (taxonomy labels, ...)

export function t(key, args = {}) {
  const v = texts[lang][key] ?? texts.nl[key] ?? '';
  // A time travels as `at` (ISO, UTC) and is shown as `when`, in local time and language.
  if (args.at) args = { ...args, when: localTime(args.at) };
  return typeof v === 'function' ? v(args) : v;
}

function localTime(iso) {
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL',
    { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
}

export function setText(el, key, args) {
  el.dataset.t = key;
  if (args) el.dataset.args = JSON.stringify(args); else delete el.dataset.args;
  el.textContent = t(key, args);
}

/** fn runs after every language switch. */
export function onRelabel(fn) {
  relabelers.push(fn);
}

export function applyTexts() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-t]')) {
    el.textContent = t(el.dataset.t, el.dataset.args ? JSON.parse(el.dataset.args) : undefined);
  }
  const button = document.getElementById('lang'); // it names the other language, in it
  button.textContent = t('langSwitch');
  button.lang = lang === 'nl' ? 'en' : 'nl';
  for (const fn of relabelers) fn();
}

export function switchLanguage() {
  lang = lang === 'nl' ? 'en' : 'nl';
  store.set(LANG_KEY, lang);
  applyTexts();
}
