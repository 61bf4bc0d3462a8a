// The optional questions before a chat: who the visitor writes for, the age group, and
// acute danger. Codes and labels come from GET /api/v1/taxonomy, the same list the
// counsellors register with. If it cannot be read, the questions are simply not shown.

import { labelOverrides } from './texts.js';
import { lang, applyTexts, onRelabel } from './i18n.js';

const FIELDS = ['contactRole', 'ageGroup', 'acuteDanger'];
const labelled = []; // [{span, labels}]

onRelabel(() => {
  for (const { span, labels } of labelled) span.textContent = labels[lang] ?? labels.nl;
});

export async function loadIntake() {
  try {
    const res = await fetch('/api/v1/taxonomy', { credentials: 'omit', cache: 'no-store' });
    if (!res.ok) return;
    const { fields } = await res.json();
    for (const name of FIELDS) {
      const box = document.querySelector(`[data-field="${name}"]`);
      for (const { code, labels } of fields.find((f) => f.name === name)?.codes ?? []) {
        if (code === 'UNKNOWN') continue; // not answering already means "unknown"
        const label = document.createElement('label');
        const input = Object.assign(document.createElement('input'), { type: 'radio', name, value: code });
        const span = document.createElement('span');
        labelled.push({ span, labels: labelOverrides[name]?.[code] ?? labels });
        label.append(input, span);
        box.append(label);
      }
    }
    applyTexts();
    document.getElementById('intake').hidden = false;
  } catch { /* offline or a changed answer: the chat works without the questions */ }
}

/** The `intake` of the start frame, with only the questions that were answered. */
export function readIntake() {
  const intake = {};
  for (const name of FIELDS) {
    const value = document.querySelector(`input[name="${name}"]:checked`)?.value;
    if (value) intake[name] = name === 'acuteDanger' ? value === 'YES' : value;
  }
  return intake;
}

export function resetIntake() {
  for (const input of document.querySelectorAll('#intake input')) input.checked = false;
  document.getElementById('intake').open = false;
}
