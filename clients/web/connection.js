// The websocket session (docs/protocol.md, section 1) with automatic reconnection.
//
// Lifecycle: open → send `hello` → wait for `ready` → `ready` is true and audio may flow.
// On close: reconnect after 0.5 s, doubling to 10 s, with jitter; a successful `ready` resets it.
// Close codes 4401/4403 mean "this device is not paired": no reconnect until start() is called again.

const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 10000;
const MAX_BUFFERED_BYTES = 256 * 1024; // drop mic audio rather than queue seconds of it
export const UNPAIRED_CODES = new Set([4401, 4403]);

export class Connection {
  /**
   * @param {object} opts
   * @param {() => string} opts.url            websocket URL for the next attempt (never with the token)
   * @param {() => string[]} [opts.protocols]  websocket subprotocols (they carry the token: see tokenProtocols)
   * @param {() => object} opts.hello          the `hello` message for the next attempt
   * @param {(msg: object) => void} opts.onMessage   every JSON message from the server
   * @param {(data: ArrayBuffer) => void} opts.onAudio  every binary frame from the server
   * @param {(info: {ready: boolean, reconnecting: boolean, unpaired: boolean}) => void} opts.onStatus
   */
  constructor({ url, protocols, hello, onMessage, onAudio, onStatus }) {
    this.url = url;
    this.protocols = protocols || (() => []);
    this.hello = hello;
    this.onMessage = onMessage;
    this.onAudio = onAudio;
    this.onStatus = onStatus;
    this.ws = null;
    this.ready = false;
    this.attempt = 0; // failed attempts since the last `ready`
    this.timer = null;
    this.stopped = true;
    this.unpaired = false;
  }

  /** True between a close and the next `ready` (shown as "reconnecting"). */
  get reconnecting() {
    return !this.stopped && !this.ready && this.attempt > 0;
  }

  start() {
    this.stopped = false;
    this.unpaired = false;
    if (!this.ws) this.open();
  }

  /** Close and reconnect at once (e.g. after a language change, which needs a new `hello`). */
  restart() {
    this.dropSocket();
    this.attempt = 0;
    this.stopped = false;
    this.unpaired = false;
    this.open();
  }

  /** Try now instead of waiting for the backoff (page became visible, network came back). */
  nudge() {
    if (this.stopped || this.unpaired || this.ws) return;
    clearTimeout(this.timer);
    this.open();
  }

  stop() {
    this.stopped = true;
    if (this.ready) this.sendJson({ type: "bye" });
    this.dropSocket();
    this.report();
  }

  open() {
    clearTimeout(this.timer);
    this.timer = null;
    let ws;
    try {
      ws = new WebSocket(this.url(), this.protocols());
    } catch {
      this.scheduleReconnect();
      return;
    }
    ws.binaryType = "arraybuffer";
    this.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify(this.hello()));
    ws.onmessage = (event) => this.receive(event.data);
    ws.onclose = (event) => this.closed(ws, event.code);
    this.report();
  }

  receive(data) {
    if (typeof data !== "string") {
      this.onAudio(data);
      return;
    }
    let msg;
    try {
      msg = JSON.parse(data);
    } catch {
      return; // not ours to crash on
    }
    if (!msg || typeof msg.type !== "string") return;
    if (msg.type === "ready") {
      this.ready = true;
      this.attempt = 0;
      this.report();
    }
    this.onMessage(msg);
  }

  closed(ws, code) {
    if (ws !== this.ws) return; // an old socket we already dropped
    this.ws = null;
    this.ready = false;
    if (UNPAIRED_CODES.has(code)) {
      this.unpaired = true;
      this.stopped = true;
    } else if (!this.stopped) {
      this.scheduleReconnect();
    }
    this.report();
  }

  scheduleReconnect() {
    const base = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** this.attempt);
    const delay = base * (0.5 + Math.random() * 0.5); // jitter, so many phones don't retry in step
    this.attempt++;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.open(), delay);
  }

  dropSocket() {
    clearTimeout(this.timer);
    this.timer = null;
    const ws = this.ws;
    this.ws = null;
    this.ready = false;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = null;
      try {
        ws.close(1000);
      } catch {
        // already closing
      }
    }
  }

  report() {
    this.onStatus({ ready: this.ready, reconnecting: this.reconnecting, unpaired: this.unpaired });
  }

  /** Send one JSON message if the session is ready. Returns whether it was sent. */
  sendJson(msg) {
    if (!this.ws || !this.ready) return false;
    this.ws.send(JSON.stringify(msg));
    return true;
  }

  /** Send one binary PCM16 frame if the session is ready and the socket is not backed up. */
  sendAudio(buffer) {
    if (!this.ws || !this.ready || this.ws.bufferedAmount > MAX_BUFFERED_BYTES) return false;
    this.ws.send(buffer);
    return true;
  }
}

/** The websocket URL for this page: ws(s)://same host/…/ws. The token never goes in a URL (URLs end up in logs). */
export function websocketUrl() {
  const url = new URL("ws", window.location.href);
  url.protocol = window.location.protocol === "https:" ? "wss:" : "ws:";
  url.hash = "";
  url.search = "";
  return url.toString();
}

/**
 * The websocket subprotocols that carry the device token: a browser cannot set an Authorization
 * header on a websocket, so the token travels in Sec-WebSocket-Protocol; the server answers "assistant".
 */
export function tokenProtocols(token) {
  return token ? ["assistant", `assistant.token.${token}`] : [];
}
