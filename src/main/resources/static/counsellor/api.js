// REST calls of the staff console. State-changing calls carry the XSRF-TOKEN cookie
// value in an X-XSRF-TOKEN header (Spring Security's cookie convention).

function csrfToken() {
  const entry = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
  return entry ? decodeURIComponent(entry.slice('XSRF-TOKEN='.length)) : null;
}

/**
 * Calls the API and answers {ok, status, body}; body is the parsed JSON (problem
 * details on failure) or null. Network failures answer status 0.
 */
export async function api(method, path, body) {
  const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(method);
  if (unsafe && path !== '/api/v1/auth/login' && !csrfToken()) {
    // Any staff GET makes the server set the cookie.
    await request('GET', '/api/v1/auth/me');
  }
  let answer = await request(method, path, body);
  if (answer.status === 403 && answer.body?.code === 'csrf_invalid') {
    await request('GET', '/api/v1/auth/me');
    answer = await request(method, path, body);
  }
  return answer;
}

async function request(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = csrfToken();
  if (token && !['GET', 'HEAD'].includes(method)) headers['X-XSRF-TOKEN'] = token;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return { ok: false, status: 0, body: null };
  }
  let parsed = null;
  const type = response.headers.get('Content-Type') || '';
  if (response.status !== 204 && type.includes('json')) {
    try {
      parsed = await response.json();
    } catch {
      parsed = null;
    }
  }
  return { ok: response.ok, status: response.status, body: parsed };
}
