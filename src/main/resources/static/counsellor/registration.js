// The contact registration form, built from GET /api/v1/taxonomy: one question per
// field, checkboxes for multi fields, radio buttons or a select for single ones, with
// the server's nl/en labels. Saves with PUT /api/v1/conversations/{id}/registration.

import { api } from './api.js';
import { h, announce } from './dom.js';
import { t, pick } from './i18n.js';

const RADIO_LIMIT = 6;
const NOT_STORED_RETRIES = 6;

function labelled(tag, labels, attrs = {}) {
  return h(tag, { ...attrs, 'data-label-nl': labels?.nl ?? '', 'data-label-en': labels?.en ?? labels?.nl ?? '' },
    pick(labels));
}

/** Codes from the visitor's intake that match a taxonomy field, to fill the form in advance. */
function prefill(intake) {
  const values = {};
  if (!intake) return values;
  if (typeof intake.contactRole === 'string') values.contactRole = intake.contactRole;
  if (typeof intake.ageGroup === 'string') values.ageGroup = intake.ageGroup;
  if (intake.acuteDanger === true) values.acuteDanger = 'YES';
  return values;
}

export function buildRegistrationForm({ taxonomy, conversationId, intake, onSaved, onSignedOut }) {
  const prefix = `reg-${conversationId}`;
  const preset = prefill(intake);
  const fields = taxonomy.fields;
  const containers = new Map();

  const summary = h('div', { class: 'form-summary', tabindex: '-1', hidden: true, role: 'alert' });
  const status = h('p', { class: 'form-status', role: 'status' });
  const submit = h('button', { type: 'submit', class: 'primary', testid: 'registration-submit', 'data-i18n': 'registration.submit' },
    t('registration.submit'));

  const form = h('form', {
    class: 'registration',
    testid: 'registration-form',
    'data-conversation-id': conversationId,
    'aria-labelledby': `${prefix}-heading`,
    novalidate: true,
  },
  h('h3', { id: `${prefix}-heading`, 'data-i18n': 'registration.heading' }, t('registration.heading')),
  h('p', { class: 'hint', 'data-i18n': 'registration.intro' }, t('registration.intro')),
  summary);

  for (const field of fields) {
    const container = field.multi ? multiField(field) : singleField(field);
    container.dataset.field = field.name;
    container.append(h('p', { class: 'field-error', id: `${prefix}-${field.name}-error`, hidden: true }));
    containers.set(field.name, container);
    form.append(container);
  }
  form.append(h('div', { class: 'form-actions' }, submit), status);

  function multiField(field) {
    const set = h('fieldset', { class: 'field', id: `${prefix}-${field.name}` }, labelled('legend', field.labels));
    const choices = h('div', { class: 'choices' });
    for (const code of field.codes) {
      const id = `${prefix}-${field.name}-${code.code}`;
      const box = h('input', { type: 'checkbox', id, name: field.name, value: code.code });
      box.addEventListener('change', () => exclusiveUnknown(field.name, box));
      choices.append(h('div', { class: 'choice' }, box, labelled('label', code.labels, { for: id })));
    }
    set.append(choices);
    return set;
  }

  function singleField(field) {
    const chosen = preset[field.name];
    if (field.codes.length <= RADIO_LIMIT) {
      const set = h('fieldset', { class: 'field', id: `${prefix}-${field.name}` }, labelled('legend', field.labels));
      const choices = h('div', { class: 'choices choices-inline' });
      const options = [{ code: '', labels: null }, ...field.codes];
      for (const code of options) {
        const id = `${prefix}-${field.name}-${code.code || 'none'}`;
        const known = field.codes.some((c) => c.code === chosen);
        const radio = h('input', {
          type: 'radio', id, name: field.name, value: code.code,
          checked: code.code === (known ? chosen : ''),
        });
        const label = code.labels
          ? labelled('label', code.labels, { for: id })
          : h('label', { for: id, 'data-i18n': 'registration.notAnswered' }, t('registration.notAnswered'));
        choices.append(h('div', { class: 'choice' }, radio, label));
      }
      set.append(choices);
      return set;
    }
    const id = `${prefix}-${field.name}-select`;
    const select = h('select', { id, name: field.name },
      h('option', { value: '', 'data-i18n': 'registration.notAnswered' }, t('registration.notAnswered')),
      field.codes.map((code) => labelled('option', code.labels, { value: code.code, selected: code.code === chosen })));
    return h('div', { class: 'field', id: `${prefix}-${field.name}` }, labelled('label', field.labels, { for: id }), select);
  }

  // UNKNOWN may only stand on its own in a multi field.
  function exclusiveUnknown(name, box) {
    if (!box.checked) return;
    const boxes = form.querySelectorAll(`input[type=checkbox][name="${name}"]`);
    boxes.forEach((other) => {
      if (other === box) return;
      if (box.value === 'UNKNOWN' || other.value === 'UNKNOWN') other.checked = false;
    });
  }

  // A field with onlyWith (schoolType: onlyWith SCHOOL) is asked only when the field
  // that offers that code has it chosen.
  const dependents = fields.filter((field) => field.onlyWith).map((field) => ({
    field,
    parent: fields.find((other) => other !== field && other.codes.some((c) => c.code === field.onlyWith)),
  })).filter((d) => d.parent);

  function parentHas(dependent) {
    const value = valueOf(dependent.parent);
    return Array.isArray(value) ? value.includes(dependent.field.onlyWith) : value === dependent.field.onlyWith;
  }

  function updateDependents() {
    for (const dependent of dependents) {
      containers.get(dependent.field.name).hidden = !parentHas(dependent);
    }
  }
  form.addEventListener('change', updateDependents);
  updateDependents();

  function valueOf(field) {
    if (field.multi) {
      return [...form.querySelectorAll(`input[type=checkbox][name="${field.name}"]:checked`)].map((box) => box.value);
    }
    const control = form.elements.namedItem(field.name);
    const value = control ? control.value : '';
    return value || null;
  }

  function answers() {
    const body = {};
    for (const field of fields) {
      if (containers.get(field.name).hidden) continue;
      const value = valueOf(field);
      if (field.multi ? value.length > 0 : value) body[field.name] = value;
    }
    return body;
  }

  function clearErrors() {
    summary.hidden = true;
    summary.textContent = '';
    for (const container of containers.values()) {
      container.classList.remove('has-error');
      container.querySelectorAll('input, select').forEach((control) => {
        control.removeAttribute('aria-invalid');
        control.removeAttribute('aria-describedby');
      });
      const error = container.querySelector('.field-error');
      error.hidden = true;
      error.textContent = '';
    }
  }

  function showFieldErrors(names) {
    const labels = [];
    for (const name of names) {
      const container = containers.get(name);
      const field = fields.find((f) => f.name === name);
      labels.push(field ? pick(field.labels) : name);
      if (!container) continue;
      container.classList.add('has-error');
      const error = container.querySelector('.field-error');
      error.hidden = false;
      error.textContent = t('registration.fieldError');
      container.querySelectorAll('input, select').forEach((control) => {
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-describedby', error.id);
      });
    }
    summary.hidden = false;
    summary.textContent = t('registration.invalid', { fields: labels.join(', ') });
    summary.focus();
  }

  function fail(text) {
    summary.hidden = false;
    summary.textContent = text;
    summary.focus();
  }

  async function save(attempt = 0) {
    submit.disabled = true;
    status.textContent = t('registration.busy');
    const answer = await api('PUT', `/api/v1/conversations/${encodeURIComponent(conversationId)}/registration`, answers());
    const code = answer.body?.code;
    if (answer.status === 409 && code === 'conversation_not_stored_yet' && attempt < NOT_STORED_RETRIES) {
      status.textContent = t('registration.notStored');
      setTimeout(() => save(attempt + 1), 1000 + attempt * 500);
      return;
    }
    submit.disabled = false;
    status.textContent = '';
    if (answer.ok) {
      status.textContent = t('registration.saved');
      form.dataset.saved = 'true';
      announce(t('registration.saved'));
      onSaved?.(conversationId);
      return;
    }
    if (answer.status === 401) {
      onSignedOut?.();
      return;
    }
    if (answer.status === 400 && code === 'invalid_registration') {
      showFieldErrors(Array.isArray(answer.body.fields) ? answer.body.fields : []);
      return;
    }
    const messages = {
      conversation_open: 'registration.open',
      conversation_not_stored_yet: 'registration.notStored',
      registration_closed: 'registration.closed',
      not_your_conversation: 'registration.notYours',
      conversation_not_found: 'registration.notFound',
    };
    fail(t(messages[code] ?? 'registration.failed'));
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors();
    save();
  });

  return form;
}
