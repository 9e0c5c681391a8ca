// window.assistantDebug: a live view of the client for tests and for curious relatives.
// The object is created once and mutated in place, so `window.assistantDebug.state` can be polled.
//
// Contract (read-only for tests):
//   state               "connecting" | "reconnecting" | "pairing" | "unpaired" | "idle" |
//                       "listening" | "thinking" | "speaking"  (what the status line shows)
//   connected           true between `ready` and the socket closing
//   callMode, holding   the talk button: hands-free call on / held down
//   language            "zh" | "en" (UI language, also sent in `hello`)
//   session, outputRate from the last `ready`
//   readyCount          sessions opened so far (> 1 after a reconnect)
//   receivedAudioBytes, receivedAudioSeconds   binary audio from the server (seconds at outputRate)
//   droppedAudioBytes   audio ignored after the user stopped a reply, before the server confirmed
//   playedChunks, playedSeconds   audio actually played out by the player worklet
//   underruns           times playback ran dry before `audio_end`
//   sentAudioBytes      microphone PCM16 sent (including the silence after a hold)
//   messages            the last 50 JSON messages from the server, as parsed
//   sent                the last 50 JSON messages to the server (`image` data replaced by its length)
//   lastMetrics         `turn` of the last `metrics` message
//   micRunning          the microphone is open
//   audioContextState   "none" | "suspended" | "running" | "closed"

const KEEP = 50;

export const debug = {
  state: "connecting",
  connected: false,
  callMode: false,
  holding: false,
  language: "zh",
  session: null,
  outputRate: null,
  readyCount: 0,
  receivedAudioBytes: 0,
  receivedAudioSeconds: 0,
  droppedAudioBytes: 0,
  playedChunks: 0,
  playedSeconds: 0,
  underruns: 0,
  sentAudioBytes: 0,
  messages: [],
  sent: [],
  lastMetrics: null,
  micRunning: false,
  audioContextState: "none",
};

window.assistantDebug = debug;

/** Append to one of the message logs, keeping the last 50. */
export function remember(list, msg) {
  list.push(msg);
  if (list.length > KEEP) list.splice(0, list.length - KEEP);
}
