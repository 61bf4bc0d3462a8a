// Staff administration (/api/v1/admin/counsellors) and campaign codes
// (/api/v1/admin/campaigns). Errors come back as problem+json with `code` and
// `fields`; each named field gets its own message beside it.
import {$, h, clear, scrollable} from './dom.js';
import {t, fmtDateTime} from './i18n.js';
import {get, post, patch, errorText, loadTaxonomy} from './api.js';
import {say, showFieldErrors, clearFieldErrors} from './ui.js';

let staff = null;
let campaigns = null;

export function init() {
  $('#staff-create-form').addEventListener('submit', createCounsellor);
  $('#campaign-create-form').addEventListener('submit', createCampaign);
  document.addEventListener('uitweg:language', () => {
    if (staff && !$('#view-staff').hidden) renderStaff();
    if (campaigns && !$('#view-campaigns').hidden) renderCampaigns();
  });
}

export function show(view) {
  if (view === 'staff') loadStaff();
  else loadCampaigns();
}

const errorP = (field) => h('p', {class: 'field-error', 'data-error-for': field, hidden: true});

// --- counsellors -------------------------------------------------------------------

async function loadStaff() {
  const body = $('#staff-body');
  if (!staff) clear(body, h('p', {class: 'loading'}, t('loading')));
  try {
    staff = await get('/api/v1/admin/counsellors');
    staff.sort((a, b) => a.username.localeCompare(b.username));
    renderStaff();
  } catch (e) {
    clear(body, h('p', {class: 'message-error', role: 'alert'}, errorText(e)));
  }
}

function renderStaff() {
  const body = $('#staff-body');
  if (!staff.length) {
    clear(body, h('p', null, t('staff.none')));
    return;
  }
  clear(body, scrollable(h('table', {class: 'data admin', 'data-testid': 'staff-table'},
    h('caption', {class: 'visually-hidden'}, t('staff.title')),
    h('thead', null, h('tr', null,
      h('th', {scope: 'col'}, t('staff.username')),
      h('th', {scope: 'col'}, t('staff.displayName')),
      h('th', {scope: 'col'}, t('staff.capacity')),
      h('th', {scope: 'col'}, t('staff.status')),
      h('th', {scope: 'col'}, t('staff.actions')))),
    h('tbody', null, staff.map(staffRow))), t('staff.title')));
}

function staffRow(account) {
  const name = account.username;
  const id = `staff-${name.replace(/[^a-z0-9_-]/g, '_')}`;
  const displayInput = h('input', {
    name: 'displayName', value: account.displayName, maxlength: '40', required: true, id: `${id}-display`,
    'aria-label': t('staff.edit.label', {field: t('staff.displayName'), name}), 'data-testid': 'staff-edit-display-name',
  });
  const capacityInput = h('input', {
    name: 'capacity', type: 'number', min: '1', max: '6', step: '1', inputmode: 'numeric', value: String(account.capacity),
    class: 'input-narrow', id: `${id}-capacity`,
    'aria-label': t('staff.edit.label', {field: t('staff.capacity'), name}), 'data-testid': 'staff-edit-capacity',
  });
  const message = h('p', {class: 'row-message', role: 'status', hidden: true});
  const row = h('tr', {'data-username': name, class: account.enabled ? null : 'is-disabled'},
    h('th', {scope: 'row'}, name),
    h('td', null, displayInput, errorP('displayName')),
    h('td', null, capacityInput, errorP('capacity')),
    h('td', {'data-testid': 'staff-status'}, account.enabled ? t('staff.enabled') : h('span', {class: 'tag-off'}, t('staff.disabled'))),
    h('td', null, h('div', {class: 'actions'},
      h('button', {type: 'button', 'data-testid': 'staff-save', onclick: () => save(row, account, message)}, t('staff.save')),
      h('button', {
        type: 'button', 'data-testid': account.enabled ? 'staff-disable' : 'staff-enable',
        onclick: () => toggle(row, account, message),
      }, account.enabled ? t('staff.disable') : t('staff.enable')),
      h('button', {type: 'button', 'data-testid': 'staff-reset-password', 'aria-expanded': 'false',
        onclick: (e) => passwordForm(row, account, e.currentTarget)}, t('staff.resetPassword')),
      message)));
  for (const input of [displayInput, capacityInput]) {
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        save(row, account, message);
      }
    });
  }
  return row;
}

async function save(row, account, message) {
  clearFieldErrors(row);
  say(message, '');
  const displayName = row.querySelector('[name=displayName]').value.trim();
  const capacityText = row.querySelector('[name=capacity]').value;
  const change = {};
  if (displayName !== account.displayName) change.displayName = displayName;
  if (capacityText !== String(account.capacity)) change.capacity = capacityText === '' ? null : Number(capacityText);
  if (!Object.keys(change).length) return;
  await changeAccount(row, account, change, message, t('staff.saved', {name: account.username}));
}

async function toggle(row, account, message) {
  if (account.enabled && !window.confirm(t('staff.confirmDisable', {name: account.username}))) return;
  const enabled = !account.enabled;
  await changeAccount(row, account, {enabled}, message,
    t(enabled ? 'staff.enabledMsg' : 'staff.disabledMsg', {name: account.username}));
}

async function changeAccount(row, account, change, message, done) {
  try {
    const updated = await patch(`/api/v1/admin/counsellors/${encodeURIComponent(account.username)}`, change);
    Object.assign(account, updated);
    renderStaff();
    say($('#staff-message'), done);
    const again = $(`#staff-body tr[data-username="${CSS.escape(account.username)}"]`);
    again?.querySelector('[data-testid=staff-save]')?.focus();
  } catch (e) {
    showFieldErrors(row, e, message);
  }
}

function passwordForm(row, account, button) {
  const next = row.nextElementSibling;
  if (next?.classList.contains('password-row')) {
    next.remove();
    button.setAttribute('aria-expanded', 'false');
    return;
  }
  const inputId = `pw-${account.username.replace(/[^a-z0-9_-]/g, '_')}`;
  const input = h('input', {
    id: inputId, name: 'password', type: 'password', autocomplete: 'new-password', minlength: '8', maxlength: '200',
    required: true, 'data-testid': 'staff-new-password', 'aria-describedby': `${inputId}-hint ${inputId}-error`,
  });
  const message = h('p', {class: 'message-error', role: 'alert', hidden: true});
  const close = () => {
    pwRow.remove();
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  };
  const submit = async (e) => {
    e.preventDefault();
    clearFieldErrors(pwRow);
    say(message, '');
    try {
      await post(`/api/v1/admin/counsellors/${encodeURIComponent(account.username)}/password`, {password: input.value});
      say($('#staff-message'), t('staff.passwordSet', {name: account.username}));
      close();
    } catch (err) {
      showFieldErrors(pwRow, err, message);
    }
  };
  const form = h('form', {class: 'inline-form', novalidate: true, onsubmit: submit},
    h('div', {class: 'field'},
      h('label', {for: inputId}, t('staff.newPassword', {name: account.username})),
      input,
      h('p', {class: 'hint', id: `${inputId}-hint`}, t('staff.hint.password')),
      h('p', {class: 'field-error', id: `${inputId}-error`, 'data-error-for': 'password', hidden: true})),
    h('button', {type: 'submit', class: 'button-primary', 'data-testid': 'staff-set-password'}, t('staff.setPassword')),
    h('button', {type: 'button', onclick: close}, t('staff.cancel')),
    message);
  const pwRow = h('tr', {class: 'password-row'}, h('td', {colspan: '5'}, form));
  row.after(pwRow);
  button.setAttribute('aria-expanded', 'true');
  input.focus();
}

async function createCounsellor(event) {
  event.preventDefault();
  const form = event.target;
  const message = $('#staff-create-message');
  clearFieldErrors(form);
  say(message, '');
  const body = {
    username: form.username.value.trim(),
    displayName: form.displayName.value.trim(),
    password: form.password.value,
  };
  if (form.capacity.value !== '') body.capacity = Number(form.capacity.value);
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    const created = await post('/api/v1/admin/counsellors', body);
    form.reset();
    say($('#staff-message'), t('staff.created', {name: created.username}));
    await loadStaff();
  } catch (e) {
    showFieldErrors(form, e, message);
  } finally {
    button.disabled = false;
  }
}

// --- campaign codes ----------------------------------------------------------------

async function loadCampaigns() {
  const body = $('#campaigns-body');
  if (!campaigns) clear(body, h('p', {class: 'loading'}, t('loading')));
  try {
    campaigns = await get('/api/v1/admin/campaigns');
    renderCampaigns();
  } catch (e) {
    clear(body, h('p', {class: 'message-error', role: 'alert'}, errorText(e)));
  }
}

function renderCampaigns() {
  const body = $('#campaigns-body');
  if (!campaigns.length) {
    clear(body, h('p', null, t('campaigns.none')));
    return;
  }
  clear(body, scrollable(h('table', {class: 'data admin', 'data-testid': 'campaign-table'},
    h('caption', {class: 'visually-hidden'}, t('campaigns.title')),
    h('thead', null, h('tr', null,
      h('th', {scope: 'col'}, t('campaigns.code')),
      h('th', {scope: 'col'}, t('campaigns.label')),
      h('th', {scope: 'col'}, t('campaigns.created')),
      h('th', {scope: 'col'}, t('campaigns.retired')),
      h('th', {scope: 'col'}, t('staff.actions')))),
    h('tbody', null, campaigns.map((c) => h('tr', {'data-code': c.code, class: c.retiredAt ? 'is-disabled' : null},
      h('th', {scope: 'row'}, h('code', null, c.code)),
      h('td', null, c.label),
      h('td', null, fmtDateTime(c.createdAt)),
      h('td', {'data-testid': 'campaign-status'}, c.retiredAt ? fmtDateTime(c.retiredAt) : h('span', {class: 'tag-on'}, t('campaigns.live'))),
      h('td', null, c.retiredAt ? null : h('button', {
        type: 'button', 'data-testid': 'campaign-retire', onclick: () => retire(c),
        'aria-label': `${t('campaigns.retire')} ${c.code}`,
      }, t('campaigns.retire'))))))), t('campaigns.title')));
}

async function retire(campaign) {
  if (!window.confirm(t('campaigns.confirmRetire', {code: campaign.code}))) return;
  try {
    await post(`/api/v1/admin/campaigns/${encodeURIComponent(campaign.code)}/retire`);
    say($('#campaigns-message'), t('campaigns.retired.msg', {code: campaign.code}));
    await loadCampaigns();
  } catch (e) {
    say($('#campaigns-message'), errorText(e), 'error');
  }
}

async function createCampaign(event) {
  event.preventDefault();
  const form = event.target;
  const message = $('#campaign-create-message');
  clearFieldErrors(form);
  say(message, '');
  const body = {code: form.code.value.trim().toUpperCase(), label: form.label.value.trim()};
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    const created = await post('/api/v1/admin/campaigns', body);
    form.reset();
    say($('#campaigns-message'), t('campaigns.created.msg', {code: created.code}));
    await loadCampaigns();
    loadTaxonomy(true).catch(() => null); // entryChannel codes changed
  } catch (e) {
    showFieldErrors(form, e, message);
  } finally {
    button.disabled = false;
  }
}
