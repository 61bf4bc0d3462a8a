// The only place the page keeps anything: sessionStorage (this tab, until it closes or
// quick exit clears it). Never localStorage, cookies or the URL. If storage is blocked
// (some private modes), the page still works; a reload then starts afresh.

export const store = {
  get: (k) => { try { return sessionStorage.getItem(k); } catch { return null; } },
  set: (k, v) => { try { sessionStorage.setItem(k, v); } catch { /* memory only */ } },
  remove: (k) => { try { sessionStorage.removeItem(k); } catch { /* nothing to remove */ } },
};

export const TOKEN_KEY = 'chat.token';
export const LANG_KEY = 'chat.lang';
