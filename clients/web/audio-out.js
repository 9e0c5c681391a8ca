// Playback of the assistant's speech through player-worklet.js (a gapless jitter buffer).

const PREBUFFER_SEC = 0.1;

export class AudioOut {
  /**
   * @param {object} opts
   * @param {() => void} opts.onChange  called when `active` may have changed
   * @param {object} opts.debug         window.assistantDebug (counters are updated in place)
   */
  constructor({ onChange, debug }) {
    this.onChange = onChange;
    this.debug = debug;
    this.rate = 24000;
    this.node = null;
    this.attaching = null;
    this.pending = []; // messages posted before the worklet exists
    this.pendingChunks = 0; // chunks queued or playing
    this.started = false;
    this.epoch = 0;
  }

  /** True while speech is queued or playing. */
  get active() {
    return this.pendingChunks > 0;
  }

  /** Create the worklet node on `ctx` (idempotent; safe to call before a user gesture). */
  attach(ctx) {
    if (!this.attaching) {
      this.attaching = this.createNode(ctx).catch((err) => {
        this.attaching = null;
        throw err;
      });
    }
    return this.attaching;
  }

  async createNode(ctx) {
    if (!ctx.audioWorklet) {
      // Insecure (plain http) pages have no AudioWorklet: same messages, scheduled buffers.
      const port = new ScheduledPlayer(ctx, { rate: this.rate, prebufferSec: PREBUFFER_SEC });
      port.onmessage = (event) => this.onWorkletMessage(event.data);
      this.node = { port };
      for (const [msg] of this.pending) port.postMessage(msg);
      this.pending = [];
      return;
    }
    await ctx.audioWorklet.addModule(new URL("./player-worklet.js", import.meta.url));
    const node = new AudioWorkletNode(ctx, "player", {
      numberOfInputs: 0,
      numberOfOutputs: 1,
      outputChannelCount: [1],
      processorOptions: { rate: this.rate, prebufferSec: PREBUFFER_SEC },
    });
    node.port.onmessage = (event) => this.onWorkletMessage(event.data);
    this.gainNode = new GainNode(ctx, { gain: this.volume ?? 1 });
    node.connect(this.gainNode).connect(ctx.destination);
    this.node = node;
    for (const [msg, transfer] of this.pending) node.port.postMessage(msg, transfer);
    this.pending = [];
  }

  /** Playback gain for this elder (set by the family: 1 = normal, up to 2). */
  setVolume(volume) {
    this.volume = volume;
    if (this.gainNode) this.gainNode.gain.value = volume;
  }

  post(msg, transfer = []) {
    if (this.node) this.node.port.postMessage(msg, transfer);
    else this.pending.push([msg, transfer]);
  }

  /** The sample rate of the server's audio (from `ready`). */
  setRate(rate) {
    if (!rate || rate === this.rate) return;
    this.rate = rate;
    this.post({ type: "rate", rate });
  }

  /** One binary frame of PCM16 little-endian mono from the server. */
  push(buffer) {
    const count = buffer.byteLength >> 1;
    if (count === 0) return;
    const pcm = new Int16Array(buffer, 0, count);
    const samples = new Float32Array(count);
    for (let i = 0; i < count; i++) samples[i] = pcm[i] / 32768;
    this.post({ type: "chunk", samples }, [samples.buffer]);
    this.pendingChunks++;
    this.onChange();
  }

  /** `audio_end`: play out what is left, even if shorter than the initial buffering. */
  end() {
    this.post({ type: "end" });
  }

  /** `interrupted` or a local stop: silence at once and drop all queued audio. */
  clear() {
    this.epoch++;
    this.post({ type: "clear", epoch: this.epoch });
    this.pendingChunks = 0;
    this.started = false;
    this.onChange();
  }

  onWorkletMessage(msg) {
    if (msg.epoch !== this.epoch) return; // a report about audio dropped since
    if (msg.type === "played") {
      this.debug.playedChunks += msg.chunks;
      this.debug.playedSeconds += msg.samples / this.rate;
      this.pendingChunks = Math.max(0, this.pendingChunks - msg.chunks);
    } else if (msg.type === "started") {
      this.started = true;
    } else if (msg.type === "drained") {
      this.started = false;
      this.pendingChunks = 0;
    } else if (msg.type === "underrun") {
      this.debug.underruns += 1;
    }
    this.onChange();
  }
}

/**
 * Stand-in for player-worklet.js where AudioWorklet is missing: it takes and sends the same
 * messages, and plays each chunk with an AudioBufferSourceNode scheduled back to back on the
 * AudioContext clock (100 ms initial buffering, 50 ms lead after an underrun).
 */
export class ScheduledPlayer {
  constructor(ctx, { rate, prebufferSec }) {
    this.ctx = ctx;
    this.rate = rate;
    this.prebufferSec = prebufferSec;
    this.onmessage = null;
    this.epoch = 0;
    this.reset();
  }

  reset() {
    this.queue = [];
    this.queued = 0; // samples waiting to be scheduled
    this.sources = new Set();
    this.playing = false;
    this.ended = false;
    this.nextTime = 0;
  }

  emit(data) {
    if (this.onmessage) this.onmessage({ data: { ...data, epoch: this.epoch } });
  }

  postMessage(msg) {
    if (msg.type === "rate") {
      this.rate = msg.rate;
    } else if (msg.type === "chunk") {
      this.ended = false;
      this.queue.push(msg.samples);
      this.queued += msg.samples.length;
      this.pump();
    } else if (msg.type === "end") {
      this.ended = true;
      this.pump();
    } else if (msg.type === "clear") {
      for (const src of this.sources) {
        src.onended = null;
        src.stop();
      }
      this.epoch = msg.epoch;
      this.reset();
    }
  }

  pump() {
    if (!this.playing) {
      if (this.queue.length === 0 || (!this.ended && this.queued < this.prebufferSec * this.rate)) return;
      this.playing = true;
      this.nextTime = this.ctx.currentTime + 0.05;
      this.emit({ type: "started" });
    }
    while (this.queue.length > 0) {
      const samples = this.queue.shift();
      this.queued -= samples.length;
      const buffer = this.ctx.createBuffer(1, samples.length, this.rate);
      buffer.copyToChannel(samples, 0);
      const src = this.ctx.createBufferSource();
      src.buffer = buffer;
      src.connect(this.ctx.destination);
      src.start(this.nextTime);
      this.nextTime += buffer.duration;
      this.sources.add(src);
      src.onended = () => this.finished(src, samples.length);
    }
  }

  finished(src, samples) {
    this.sources.delete(src);
    this.emit({ type: "played", chunks: 1, samples });
    if (this.sources.size > 0 || this.queue.length > 0) return;
    this.playing = false; // ran dry: the next chunk buffers again before it starts
    if (this.ended) {
      this.ended = false;
      this.emit({ type: "drained" });
    } else {
      this.emit({ type: "underrun" });
    }
  }
}
