// Calls to the Uitweg API with the staff session cookie. State changes carry the
// XSRF-TOKEN cookie value in an X-XSRF-TOKEN header (Spring Security's convention).
import {t, language} from './i18n.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code || (status === 0 ? 'network' : `http_${status}`);
    this.fields = Array.isArray(problem?.fields) ? problem.fields : [];
  }
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : null;
}

async function send(method, path, body) {
  const headers = {Accept: 'application/json'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const token = csrfToken();
    if (token) headers['X-XSRF-TOKEN'] = token;
  }
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, null);
  }
}

export async function api(method, path, body) {
  let res = await send(method, path, body);
  if (res.status === 403 && method !== 'GET') {
    const problem = await res.clone().json().catch(() => null);
    if (problem?.code === 'csrf_invalid') {
      // No or stale token cookie: any GET outside the visitor edge sets a fresh one.
      await send('GET', '/api/v1/auth/me').catch(() => null);
      res = await send(method, path, body);
    }
  }
  if (res.status === 204) return null;
  const type = res.headers.get('content-type') || '';
  const data = type.includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) {
    const error = new ApiError(res.status, data);
    if (res.status === 401 && !path.startsWith('/api/v1/auth/')) {
      document.dispatchEvent(new CustomEvent('uitweg:unauthenticated'));
    }
    throw error;
  }
  return data;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body);
export const patch = (path, body) => api('PATCH', path, body);

export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  }
  return search.toString();
}

/** A human text for an error: by its stable code, never the server's detail. */
export function errorText(error) {
  if (!(error instanceof ApiError)) return t('error.generic', {code: 'client'});
  if (error.status === 0) return t('error.network');
  const key = `error.${error.code}`;
  const text = t(key);
  return text === key ? t('error.generic', {code: error.code}) : text;
}

// The taxonomy gives the labels of fields and codes in both languages.
let taxonomy = null;

export async function loadTaxonomy(force) {
  if (!taxonomy || force) taxonomy = await get('/api/v1/taxonomy');
  return taxonomy;
}

export function fields() {
  return taxonomy?.fields ?? [];
}

export function fieldLabel(name) {
  const field = fields().find((f) => f.name === name);
  return field?.labels?.[language()] ?? name;
}

export function codeLabel(fieldName, code) {
  if (fieldName === 'entryChannel' && code === 'DIRECT') return t('campaign.DIRECT');
  const field = fields().find((f) => f.name === fieldName);
  const entry = field?.codes?.find((c) => c.code === code);
  return entry?.labels?.[language()] ?? code;
}
