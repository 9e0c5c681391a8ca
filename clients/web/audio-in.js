// Microphone capture: getUserMedia → AudioWorklet (mic-worklet.js) → 16 kHz PCM16 frames.

export const MIC_RATE = 16000;
export const FRAME_MS = 20;

export class MicError extends Error {
  /** @param {"denied"|"unavailable"|"failed"} reason */
  constructor(reason, message) {
    super(message);
    this.reason = reason;
  }
}

export class MicInput {
  /**
   * @param {object} opts
   * @param {(pcm: ArrayBuffer) => void} opts.onFrame  one PCM16 frame (FRAME_MS long) at MIC_RATE
   * @param {(level: number) => void} [opts.onLevel]   RMS of that frame, 0..1
   */
  constructor({ onFrame, onLevel }) {
    this.onFrame = onFrame;
    this.onLevel = onLevel || (() => {});
    this.stream = null;
    this.source = null;
    this.node = null;
    this.starting = null;
    this.moduleLoaded = new WeakSet();
    this.generation = 0; // bumped by stop(), so a start() still in flight gives up
  }

  get running() {
    return this.node !== null;
  }

  /** Open the microphone on `ctx` (idempotent). Rejects with MicError. */
  start(ctx) {
    if (this.node) return Promise.resolve();
    if (!this.starting) {
      this.starting = this.open(ctx).finally(() => {
        this.starting = null;
      });
    }
    return this.starting;
  }

  async open(ctx) {
    const generation = this.generation;
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.isSecureContext) {
      throw new MicError("unavailable", "getUserMedia needs a secure (https) page");
    }
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: {
          channelCount: 1,
          echoCancellation: true, // the answer played on the phone's speaker must not be heard as speech
          // Off: WebRTC's noise suppression smears syllables, and Whisper copes with room noise
          // better than with its artefacts ("今天星期几" was heard as "简天生气急" with it on).
          noiseSuppression: false,
          autoGainControl: true,
        },
        video: false,
      });
    } catch (err) {
      const denied = err && (err.name === "NotAllowedError" || err.name === "SecurityError");
      throw new MicError(denied ? "denied" : "failed", String(err && err.message));
    }
    try {
      if (!this.moduleLoaded.has(ctx)) {
        await ctx.audioWorklet.addModule(new URL("./mic-worklet.js", import.meta.url));
        this.moduleLoaded.add(ctx);
      }
      if (generation !== this.generation) {
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      const source = ctx.createMediaStreamSource(stream);
      // No outputs: Chrome pulls such a node by itself, and nothing reaches the speaker.
      const node = new AudioWorkletNode(ctx, "mic-resampler", {
        numberOfInputs: 1,
        numberOfOutputs: 0,
        channelCount: 1,
        channelCountMode: "explicit",
        processorOptions: { targetRate: MIC_RATE, frameMs: FRAME_MS },
      });
      node.port.onmessage = (event) => {
        this.onLevel(event.data.level);
        this.onFrame(event.data.pcm);
      };
      source.connect(node);
      this.stream = stream;
      this.source = source;
      this.node = node;
    } catch (err) {
      for (const track of stream.getTracks()) track.stop();
      throw new MicError("failed", String(err && err.message));
    }
  }

  /** Release the microphone (the browser's recording indicator goes away). */
  stop() {
    this.generation++;
    if (this.node) {
      this.node.port.onmessage = null;
      this.source.disconnect();
      this.node.disconnect();
    }
    if (this.stream) {
      for (const track of this.stream.getTracks()) track.stop();
    }
    this.stream = null;
    this.source = null;
    this.node = null;
    this.onLevel(0);
  }
}

/** `ms` milliseconds of silence as PCM16 frames of FRAME_MS each. */
export function silenceFrames(ms) {
  const samples = (MIC_RATE * FRAME_MS) / 1000;
  const frames = [];
  for (let done = 0; done < ms; done += FRAME_MS) {
    frames.push(new Int16Array(samples).buffer);
  }
  return frames;
}
