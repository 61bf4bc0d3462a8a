// The console's WebSocket to /ws/counsellor: JSON frames in and out, reconnect with
// exponential backoff and jitter. What to do after a (re)connect lives in console.js
// (resume on `welcome`).

const MIN_DELAY = 1000;
const MAX_DELAY = 30000;

export class Connection {
  constructor({ onFrame, onStatus, onGiveUp }) {
    this.onFrame = onFrame;
    this.onStatus = onStatus;
    this.onGiveUp = onGiveUp;
    this.socket = null;
    this.failures = 0;
    this.timer = null;
    this.stopped = true;
    this.retryAt = 0;
    window.addEventListener('online', () => this.reconnectNow());
  }

  start() {
    this.stopped = false;
    this.open();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.socket) {
      this.socket.onclose = null;
      this.socket.close(1000, 'signed out');
      this.socket = null;
    }
    this.onStatus('offline');
  }

  isOpen() {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Sends a frame if the socket is open; answers whether it went out. */
  send(frame) {
    if (!this.isOpen()) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /** Called once the server's welcome arrived: the connection is healthy again. */
  confirmed() {
    this.failures = 0;
  }

  reconnectNow() {
    if (this.stopped || this.isOpen() || this.socket?.readyState === WebSocket.CONNECTING) return;
    clearTimeout(this.timer);
    this.open();
  }

  open() {
    clearTimeout(this.timer);
    this.onStatus('connecting');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/ws/counsellor`);
    this.socket = socket;
    socket.onmessage = (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (frame && typeof frame.type === 'string') this.onFrame(frame);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.stopped) return;
      if (event.code === 1008) {
        // "not a counsellor": the account is gone or disabled.
        this.stopped = true;
        this.onGiveUp('not_a_counsellor');
        return;
      }
      if (event.code === 4401) {
        // The staff session ended (logout elsewhere, account disabled, password reset).
        this.stopped = true;
        this.onGiveUp(event.reason || 'signed_out');
        return;
      }
      this.failures += 1;
      const base = Math.min(MAX_DELAY, MIN_DELAY * 2 ** (this.failures - 1));
      const delay = Math.round(base / 2 + Math.random() * (base / 2));
      this.retryAt = Date.now() + delay;
      this.onStatus('retrying', { failures: this.failures, retryAt: this.retryAt });
      this.timer = setTimeout(() => this.open(), delay);
    };
  }
}
