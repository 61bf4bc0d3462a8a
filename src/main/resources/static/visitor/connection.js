// One WebSocket to /ws/visitor that comes back by itself when it drops.
//
// The visitor is recognised only by the `hello` frame (never a cookie or URL), so every
// new socket starts with hello. Frames other than hello are sent only once the server
// has answered with `welcome` (before that it would answer `hello_required`).

const MAX_DELAY_MS = 30000;

export class Link {
  /**
   * @param {object} o
   * @param {() => object} o.hello builds the hello frame (token and lastSeq of this moment)
   * @param {(frame: object) => void} o.onFrame every frame from the server
   * @param {() => void} o.onDown the socket dropped; a new one follows unless closed
   */
  constructor({ hello, onFrame, onDown }) {
    this.hello = hello;
    this.onFrame = onFrame;
    this.onDown = onDown;
    this.ws = null;
    this.authed = false; // welcome received on this socket
    this.wanted = false; // false after close(): no reconnects
    this.attempt = 0;
    this.timer = 0;
    // A phone that comes back online or to the foreground should not wait out the backoff.
    const nudge = () => { if (this.wanted && !this.ws) this.connectNow(); };
    window.addEventListener('online', nudge);
    document.addEventListener('visibilitychange', () => { if (!document.hidden) nudge(); });
  }

  open() {
    this.wanted = true;
    if (!this.ws) this.connectNow();
  }

  connectNow() {
    clearTimeout(this.timer);
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${scheme}//${location.host}/ws/visitor`);
    this.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify(this.hello()));
    ws.onmessage = (e) => {
      let frame;
      try { frame = JSON.parse(e.data); } catch { return; }
      if (frame.type === 'welcome') { this.authed = true; this.attempt = 0; }
      this.onFrame(frame);
    };
    ws.onclose = () => this.dropped(ws);
  }

  // Forget this socket and try again after a growing, slightly random delay
  // (about 1 s, 2 s, 4 s … up to 30 s), so many phones do not all return at once.
  dropped(ws) {
    if (this.ws !== ws) return;
    ws.onopen = ws.onmessage = ws.onclose = null;
    this.ws = null;
    this.authed = false;
    this.onDown();
    if (!this.wanted) return;
    const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** this.attempt++) * (0.5 + Math.random() / 2);
    this.timer = setTimeout(() => this.connectNow(), delay);
  }

  // The server pings every 25 s and closes a socket idle for 60 s (4408), but a browser
  // does not show pings to scripts, so the page cannot see that a socket on a dead network
  // has gone quiet; until the server or TCP gives up it can look open for a minute or
  // more. When a message stays unconfirmed too long, kick() gives up on it at once and
  // reconnects.
  kick() {
    const ws = this.ws;
    if (!ws) return;
    this.dropped(ws);
    try { ws.close(); } catch { /* already gone */ }
  }

  /** Sends a frame if the socket is open and greeted; returns whether it went out. */
  send(frame) {
    if (!this.ws || !this.authed || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  /** Stops for good. `last` (e.g. leave) is sent first if it can be: no waiting for it. */
  close(last) {
    this.wanted = false;
    clearTimeout(this.timer);
    const ws = this.ws;
    if (!ws) return;
    if (last) this.send(last); // queued data goes out before the close frame
    this.ws = null;
    this.authed = false;
    ws.onopen = ws.onmessage = ws.onclose = null;
    try { ws.close(1000); } catch { /* already gone */ }
  }
}
