// AudioWorklet processor: gapless jitter-buffered playback of the assistant's speech.
//
// The main thread posts:
//   {type: "rate", rate}            sample rate of the chunks that follow (from `ready`)
//   {type: "chunk", samples}        Float32Array in [-1, 1] at that rate (transferred)
//   {type: "end"}                   `audio_end`: no more chunks for this reply; play out the rest
//   {type: "clear", epoch}          `interrupted`: drop everything at once
// The processor posts (each with the epoch of the last clear):
//   {type: "started"}               playback began after the initial buffering
//   {type: "played", chunks, samples}  whole chunks that have been played out since the last report
//   {type: "underrun"}              the buffer ran dry before `end` (network or TTS too slow)
//   {type: "drained"}               everything up to `end` has been played
//
// Chunks are resampled to the context rate with cubic (Catmull-Rom) interpolation across chunk
// boundaries, so consecutive chunks join without gaps or clicks.

class PlayerProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const opts = options.processorOptions || {};
    this.prebufferSec = opts.prebufferSec ?? 0.1;
    this.srcRate = opts.rate || 24000;
    this.step = this.srcRate / sampleRate;
    this.epoch = 0; // echoed in every report, so the main thread can ignore reports from before a clear
    this.reset();
    this.port.onmessage = (event) => this.onMessage(event.data);
  }

  reset() {
    this.buf = new Float32Array(48000);
    this.bufLen = 1; // buf[0] is one sample of silent history for the interpolator
    this.rp = 1; // fractional read position in buf
    this.baseAbs = -1; // absolute source index of buf[0]
    this.written = 0; // absolute source samples received
    this.chunkEnds = []; // absolute end index of every queued chunk
    this.lastReportedEnd = 0;
    this.playing = false;
    this.ended = false;
  }

  onMessage(msg) {
    if (msg.type === "chunk") {
      this.append(msg.samples);
      this.written += msg.samples.length;
      this.chunkEnds.push(this.written);
    } else if (msg.type === "end") {
      this.ended = true;
    } else if (msg.type === "clear") {
      this.epoch = msg.epoch;
      this.reset();
    } else if (msg.type === "rate") {
      this.srcRate = msg.rate;
      this.step = this.srcRate / sampleRate;
    }
  }

  append(samples) {
    if (this.ended) {
      // A new reply after the previous one finished: start fresh (keeps history tidy).
      this.ended = false;
    }
    if (this.bufLen + samples.length + 4 > this.buf.length) {
      const keepFrom = Math.max(0, Math.floor(this.rp) - 1);
      const live = this.bufLen - keepFrom;
      const size = Math.max(this.buf.length, (live + samples.length + 4) * 2);
      const next = size === this.buf.length ? this.buf : new Float32Array(size);
      if (next === this.buf) {
        this.buf.copyWithin(0, keepFrom, this.bufLen);
      } else {
        next.set(this.buf.subarray(keepFrom, this.bufLen));
        this.buf = next;
      }
      this.bufLen = live;
      this.rp -= keepFrom;
      this.baseAbs += keepFrom;
    }
    this.buf.set(samples, this.bufLen);
    this.bufLen += samples.length;
  }

  /** Source samples still to play (from the read position). */
  buffered() {
    return this.bufLen - this.rp;
  }

  at(i) {
    return i < this.bufLen ? this.buf[i] : 0;
  }

  process(_inputs, outputs) {
    const out = outputs[0];
    const frames = out[0].length;
    if (!this.playing) {
      const need = this.ended ? 1 : this.prebufferSec * this.srcRate;
      if (this.buffered() >= need && this.buffered() > 0) {
        this.playing = true;
        this.port.postMessage({ type: "started", epoch: this.epoch });
      } else {
        for (const ch of out) ch.fill(0);
        return true;
      }
    }
    const ch0 = out[0];
    let n = 0;
    // Cubic interpolation needs samples i-1..i+2; near the end of a finished stream pad with zeros.
    const limit = this.ended ? this.bufLen : this.bufLen - 2;
    for (; n < frames && this.rp < limit; n++) {
      const i = Math.floor(this.rp);
      const f = this.rp - i;
      const p0 = this.buf[i - 1];
      const p1 = this.buf[i];
      const p2 = this.at(i + 1);
      const p3 = this.at(i + 2);
      ch0[n] =
        p1 +
        0.5 * f * (p2 - p0 + f * (2 * p0 - 5 * p1 + 4 * p2 - p3 + f * (3 * (p1 - p2) + p3 - p0)));
      this.rp += this.step;
    }
    for (let k = n; k < frames; k++) ch0[k] = 0;
    for (let c = 1; c < out.length; c++) out[c].set(ch0);
    this.reportPlayed();
    if (n < frames) {
      this.playing = false;
      if (this.ended) {
        this.reset();
        this.port.postMessage({ type: "drained", epoch: this.epoch });
      } else {
        this.port.postMessage({ type: "underrun", epoch: this.epoch });
      }
    }
    return true;
  }

  reportPlayed() {
    const readAbs = this.baseAbs + this.rp;
    let chunks = 0;
    let samples = 0;
    let prev = this.lastReportedEnd;
    while (this.chunkEnds.length > 0 && this.chunkEnds[0] <= readAbs + 1e-6) {
      const end = this.chunkEnds.shift();
      samples += end - prev;
      prev = end;
      chunks++;
    }
    if (chunks > 0) {
      this.lastReportedEnd = prev;
      this.port.postMessage({ type: "played", chunks, samples, epoch: this.epoch });
    }
  }
}

registerProcessor("player", PlayerProcessor);
