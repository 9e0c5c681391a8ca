// AudioWorklet processor: microphone → 16 kHz PCM16 frames.
//
// Input arrives at the AudioContext rate (usually 48000 or 44100 Hz) in 128-sample render quanta.
// It is low-pass filtered and resampled with a windowed-sinc kernel (so consonants do not alias),
// converted to Int16 and posted to the main thread as {pcm: ArrayBuffer, level: number}
// every `frameMs` milliseconds (20 ms → 320 samples at 16 kHz).

const ZERO_CROSSINGS = 8; // sinc lobes on each side of the kernel
const TABLE_STEPS = 256; // kernel table resolution per input sample

class MicResampler extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const opts = options.processorOptions || {};
    this.outRate = opts.targetRate || 16000;
    this.inRate = sampleRate; // global in AudioWorkletGlobalScope
    this.step = this.inRate / this.outRate; // input samples per output sample
    // Cut-off a little below the output Nyquist (normalised to the input rate).
    this.cutoff = Math.min(1, this.outRate / this.inRate) * 0.92;
    this.half = Math.ceil(ZERO_CROSSINGS / this.cutoff); // kernel half-width in input samples
    this.table = this.buildKernel();
    this.buf = new Float32Array(8192);
    this.bufLen = 0;
    this.pos = this.half; // position of the next output sample, in input samples into buf
    const frameSamples = Math.round((this.outRate * (opts.frameMs || 20)) / 1000);
    this.frame = new Int16Array(frameSamples);
    this.frameFill = 0;
    this.sumSquares = 0;
    // Start with `half` samples of silence so the first outputs have history.
    this.bufLen = this.half;
  }

  buildKernel() {
    const n = this.half * TABLE_STEPS + 1;
    const table = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const x = i / TABLE_STEPS; // distance in input samples
      const arg = Math.PI * x * this.cutoff;
      const sinc = x === 0 ? 1 : Math.sin(arg) / arg;
      const w = 0.5 + 0.5 * Math.cos((Math.PI * x) / this.half); // Hann window
      table[i] = this.cutoff * sinc * w;
    }
    return table;
  }

  append(samples) {
    if (this.bufLen + samples.length > this.buf.length) {
      const bigger = new Float32Array((this.bufLen + samples.length) * 2);
      bigger.set(this.buf.subarray(0, this.bufLen));
      this.buf = bigger;
    }
    this.buf.set(samples, this.bufLen);
    this.bufLen += samples.length;
  }

  sampleAt(t) {
    const base = Math.floor(t);
    const frac = t - base;
    const half = this.half;
    const table = this.table;
    const buf = this.buf;
    let acc = 0;
    for (let k = -half + 1; k <= half; k++) {
      const dist = Math.abs(k - frac);
      const idx = Math.round(dist * TABLE_STEPS);
      if (idx < table.length) acc += buf[base + k] * table[idx];
    }
    return acc;
  }

  emit(value) {
    const clipped = value > 1 ? 1 : value < -1 ? -1 : value;
    this.frame[this.frameFill++] = clipped < 0 ? clipped * 0x8000 : clipped * 0x7fff;
    this.sumSquares += clipped * clipped;
    if (this.frameFill === this.frame.length) {
      const level = Math.sqrt(this.sumSquares / this.frame.length);
      const out = this.frame.slice(0);
      this.port.postMessage({ pcm: out.buffer, level }, [out.buffer]);
      this.frameFill = 0;
      this.sumSquares = 0;
    }
  }

  process(inputs) {
    const input = inputs[0];
    if (!input || input.length === 0 || !input[0]) return true;
    this.append(input[0]); // mono: the first channel
    while (this.pos + this.half < this.bufLen) {
      this.emit(this.sampleAt(this.pos));
      this.pos += this.step;
    }
    // Drop consumed input, keeping `half` samples of history before the next position.
    const drop = Math.floor(this.pos) - this.half;
    if (drop > 0) {
      this.buf.copyWithin(0, drop, this.bufLen);
      this.bufLen -= drop;
      this.pos -= drop;
    }
    return true;
  }
}

registerProcessor("mic-resampler", MicResampler);
