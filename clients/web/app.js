// The voice assistant PWA: wires the talk button, the microphone, playback and the websocket.
//
// Talk button: a short tap starts (or ends) a hands-free call; holding it talks while held, and on
// release the app stops sending the microphone and sends 800 ms of silence so the server's VAD
// ends the turn at once.
//
// window.assistantDebug is a live object (mutated in place) for tests; see debug.js.

import { MIC_RATE, MicInput, silenceFrames } from "./audio-in.js";
import { AudioOut } from "./audio-out.js";
import { Connection, tokenProtocols, websocketUrl } from "./connection.js";
import { language, setLanguage, t } from "./i18n.js";
import { loadToken, pairCodeFromUrl, pairWithCode } from "./pairing.js";
import { preparePhoto } from "./photo.js";
import { debug, remember } from "./debug.js";
import { buzz, keepScreenOn, registerServiceWorker } from "./device.js";
import { UI } from "./ui.js";
import { CareCard } from "./care.js";
import { whoAmI } from "./role.js";

const TAP_MS = 350; // a press shorter than this is a tap (call mode), longer is hold-to-talk
const RELEASE_GRACE_MS = 150; // keep sending real audio briefly after release (frames in flight)
const TAIL_SILENCE_MS = 800; // silence after a hold, so the server VAD closes the turn
const MIC_RELEASE_MS = 60000; // close the microphone after this long unused
const REPLY_WAIT_MS = 30000; // give up "thinking" if nothing arrives for this long
const REPLY_DONE_WAIT_MS = 8000; // after the final text, how long to wait for audio / audio_end

const s = {
  callMode: false,
  holding: false,
  pressed: false,
  pressStart: 0,
  pressInCall: false,
  tailUntil: 0,
  awaitingReply: false,
  speechActive: false,
  dropAudio: false, // after a local stop, until the server confirms: ignore the old reply
  dormant: false, // the server closed an idle session while the page was hidden
  pairing: false,
  pairFailed: false,
  unpaired: false,
  echo: null, // a typed question the server may echo back as a transcript
};

const ui = new UI();
const player = new AudioOut({ onChange: refresh, debug });
const mic = new MicInput({ onFrame: onMicFrame, onLevel: (level) => ui.setLevel(level) });
let token = loadToken();
let audioCtx = null;
let micReleaseTimer = null;
let replyTimer = null;
const care = new CareCard({
  onAnswer: (jobId, answer) => send({ type: "reminder_answer", job_id: jobId, answer }),
  audioContext: () => audioContext(),
});

const conn = new Connection({
  url: () => websocketUrl(),
  protocols: () => tokenProtocols(token),
  hello: () => {
    const msg = { type: "hello", audio: { format: "pcm16", rate: MIC_RATE, channels: 1 }, language: language() };
    remember(debug.sent, msg);
    return msg;
  },
  onMessage,
  onAudio,
  onStatus: onConnectionStatus,
});

function send(msg) {
  const ok = conn.sendJson(msg);
  if (ok) remember(debug.sent, msg.type === "image" ? { ...msg, data: `<${msg.data.length} base64 chars>` } : msg);
  return ok;
}

// ---- state ----------------------------------------------------------------------------------

function computeState() {
  if (s.pairing) return "pairing";
  if (s.unpaired) return "unpaired";
  if (!conn.ready) return conn.reconnecting ? "reconnecting" : "connecting";
  if (player.active) return "speaking";
  if (s.awaitingReply) return "thinking";
  if (s.callMode || s.holding) return "listening";
  return "idle";
}

function refresh() {
  const state = computeState();
  keepScreenOn(s.callMode);
  Object.assign(debug, {
    state,
    connected: conn.ready,
    callMode: s.callMode,
    holding: s.holding,
    language: language(),
    micRunning: mic.running,
    audioContextState: audioCtx ? audioCtx.state : "none",
  });
  ui.setStatus(state);
  ui.setTalkMode(s.holding ? "hold" : s.callMode ? "call" : "idle");
  ui.showStop(player.active || s.awaitingReply);
}

function expectReply(ms = REPLY_WAIT_MS) {
  s.awaitingReply = true;
  clearTimeout(replyTimer);
  replyTimer = setTimeout(() => {
    s.awaitingReply = false;
    refresh();
  }, ms);
}

function replyDone() {
  s.awaitingReply = false;
  clearTimeout(replyTimer);
}

// ---- audio ----------------------------------------------------------------------------------

function audioContext() {
  if (!audioCtx) {
    audioCtx = new AudioContext({ latencyHint: "interactive" });
    audioCtx.onstatechange = refresh;
    player.attach(audioCtx).catch((err) => console.error("player worklet failed", err));
  }
  return audioCtx;
}

/** Browsers start audio only after a user gesture: call this from every gesture handler. */
function unlockAudio() {
  const ctx = audioContext();
  if (ctx.state !== "running") ctx.resume().catch(() => {});
}

function startMic() {
  clearTimeout(micReleaseTimer);
  mic
    .start(audioContext())
    .then(refresh)
    .catch((err) => {
      s.callMode = false;
      s.holding = false;
      const key = { denied: "micDenied", unavailable: "micUnavailable" }[err.reason] || "micFailed";
      ui.showNotice(key);
      refresh();
    });
}

function scheduleMicRelease() {
  clearTimeout(micReleaseTimer);
  micReleaseTimer = setTimeout(() => {
    if (!s.callMode && !s.holding) {
      mic.stop();
      refresh();
    }
  }, MIC_RELEASE_MS);
}

function onMicFrame(pcm) {
  if (!s.callMode && !s.holding && performance.now() > s.tailUntil) return;
  if (conn.sendAudio(pcm)) debug.sentAudioBytes += pcm.byteLength;
}

function sendTailSilence() {
  for (const frame of silenceFrames(TAIL_SILENCE_MS)) {
    if (conn.sendAudio(frame)) debug.sentAudioBytes += frame.byteLength;
  }
}

function onAudio(buffer) {
  debug.receivedAudioBytes += buffer.byteLength;
  debug.receivedAudioSeconds += buffer.byteLength / 2 / player.rate;
  if (s.dropAudio) {
    debug.droppedAudioBytes += buffer.byteLength;
    return;
  }
  if (s.awaitingReply) expectReply();
  player.push(buffer);
}

/** Stop the current answer here and ask the server to stop it too. */
function stopReply() {
  if (s.awaitingReply) {
    send({ type: "interrupt" });
    s.dropAudio = true;
  } else if (player.active) {
    send({ type: "interrupt" });
  }
  ui.assistantCut(player.active);
  player.clear();
  replyDone();
  refresh();
}

// ---- talk button ----------------------------------------------------------------------------

function pressDown() {
  if (s.pressed) return;
  if (s.unpaired) return; // the notice says what to do; the microphone would not help
  s.pressed = true;
  s.pressStart = performance.now();
  unlockAudio();
  buzz();
  if (s.callMode) {
    s.pressInCall = true; // the release ends the call
    return;
  }
  s.pressInCall = false;
  if (player.active || s.awaitingReply) stopReply(); // talking over the answer stops it
  s.holding = true;
  startMic();
  refresh();
}

function pressUp() {
  if (!s.pressed) return;
  s.pressed = false;
  if (s.pressInCall) {
    endCall();
    return;
  }
  s.holding = false;
  if (performance.now() - s.pressStart < TAP_MS) {
    s.callMode = true; // a tap: hands-free call; the microphone keeps streaming
  } else {
    s.tailUntil = performance.now() + RELEASE_GRACE_MS;
    setTimeout(() => {
      if (!s.holding && !s.callMode) sendTailSilence();
    }, RELEASE_GRACE_MS);
    scheduleMicRelease();
  }
  refresh();
}

function endCall() {
  s.callMode = false;
  if (s.speechActive) sendTailSilence(); // let the server finish the sentence that was cut
  scheduleMicRelease();
  refresh();
}

function toggleCallByKeyboard() {
  unlockAudio();
  if (s.callMode) {
    endCall();
    return;
  }
  if (player.active || s.awaitingReply) stopReply();
  s.callMode = true;
  startMic();
  refresh();
}

// ---- typed questions and photos -------------------------------------------------------------

function onAsk(event) {
  event.preventDefault();
  unlockAudio();
  const text = ui.askText.value.trim();
  if (!text) return;
  if (player.active || s.awaitingReply) stopReply();
  if (!send({ type: "text", text })) {
    ui.transcriptNotice(t("notConnected"), "error");
    return;
  }
  s.dropAudio = false;
  s.echo = { text, until: performance.now() + 10000 };
  ui.askText.value = "";
  ui.userText(text);
  expectReply();
  refresh();
}

async function onPhotoPicked() {
  const file = ui.photoInput.files && ui.photoInput.files[0];
  ui.photoInput.value = "";
  if (!file) return;
  let photo;
  try {
    photo = await preparePhoto(file);
  } catch (err) {
    console.error("photo", err);
    ui.transcriptNotice(t("photoFailed"), "error");
    return;
  }
  const text = ui.askText.value.trim();
  const msg = { type: "image", mime: "image/jpeg", data: photo.base64 };
  if (text) msg.text = text;
  if (player.active || s.awaitingReply) stopReply();
  if (!send(msg)) {
    ui.transcriptNotice(t("notConnected"), "error");
    return;
  }
  s.dropAudio = false;
  ui.userPhoto(URL.createObjectURL(photo.blob), text);
  if (text) {
    s.echo = { text, until: performance.now() + 10000 };
    ui.askText.value = "";
    expectReply();
  } else {
    ui.transcriptNotice(t("photoAskHint"));
  }
  refresh();
}

// ---- server messages ------------------------------------------------------------------------

function onMessage(msg) {
  remember(debug.messages, msg);
  switch (msg.type) {
    case "ready":
      debug.readyCount += 1;
      debug.session = msg.session ?? null;
      debug.outputRate = msg.audio?.rate ?? null;
      player.setRate(msg.audio?.rate);
      s.speechActive = false;
      s.unpaired = false;
      if (s.pairFailed) ui.showNotice(null); // an old token still works
      s.pairFailed = false;
      break;
    case "speech_started":
      s.speechActive = true;
      break;
    case "speech_stopped":
      s.speechActive = false;
      s.dropAudio = false;
      expectReply();
      break;
    case "transcript":
      onTranscript(String(msg.text ?? ""), msg.final !== false);
      break;
    case "reply":
      if (s.dropAudio) break; // the rest of an answer the user stopped
      ui.assistantReply(String(msg.text ?? ""), Boolean(msg.final));
      if (s.awaitingReply) expectReply(msg.final ? REPLY_DONE_WAIT_MS : REPLY_WAIT_MS);
      break;
    case "audio_end":
      if (!s.dropAudio) player.end();
      s.dropAudio = false;
      replyDone();
      break;
    case "interrupted":
      ui.assistantCut(player.active);
      player.clear();
      s.dropAudio = false;
      replyDone();
      break;
    case "metrics":
      debug.lastMetrics = msg.turn ?? null;
      if (msg.turn?.care) care.close(msg.turn.care.job_id); // answered by voice
      break;
    case "reminder":
      care.show(msg);
      break;
    case "reminder_closed":
      care.close(msg.job_id);
      break;
    case "error":
      onServerError(msg);
      break;
    default:
      break;
  }
  refresh();
}

const QUIET_ERRORS = new Set(["idle_timeout", "hello_required", "already_started"]);

function onServerError(msg) {
  replyDone();
  if (msg.code === "idle_timeout") {
    // The server ends sessions with no input for minutes. Open a fresh one now if someone is
    // looking at the page, otherwise when the page is shown again.
    if (document.visibilityState === "visible") {
      conn.restart();
    } else {
      s.dormant = true;
      conn.stop();
    }
    return;
  }
  if (QUIET_ERRORS.has(msg.code)) return;
  // Server messages are English; Chinese users get a plain sentence (the code is in the debug log).
  const detail = language() === "en" && msg.message ? ` (${msg.message})` : "";
  ui.transcriptNotice(t("errorGeneric") + detail, "error");
}

function onTranscript(text, final) {
  s.dropAudio = false;
  const echo = s.echo;
  if (final && echo && performance.now() < echo.until && text.trim() === echo.text) {
    s.echo = null; // the server repeated our typed question: it is already shown
    return;
  }
  ui.userSpeech(text, final);
  if (final && !text.trim()) replyDone(); // nothing was understood: no answer is coming
}

function onConnectionStatus(info) {
  if (info.unpaired && !s.unpaired) {
    s.unpaired = true;
    s.callMode = false;
    ui.showNotice("statusUnpaired", s.pairFailed ? "pairFailed" : "unpairedHelp");
  }
  if (!info.ready) {
    s.speechActive = false;
    replyDone(); // the answer in progress is lost with the session; queued audio still plays out
  }
  refresh();
}

// ---- start-up -------------------------------------------------------------------------------

async function pairIfLinked() {
  const code = pairCodeFromUrl();
  if (!code) return false;
  s.pairing = true;
  refresh();
  try {
    token = await pairWithCode(code);
    s.pairFailed = false;
    ui.showNotice(null);
  } catch (err) {
    console.warn(err);
    s.pairFailed = true;
    ui.showNotice("pairFailed");
  }
  s.pairing = false;
  s.unpaired = false;
  return true;
}

function bindPage() {
  ui.bindTalk({ down: pressDown, up: pressUp, keyboardToggle: toggleCallByKeyboard });
  ui.stopButton.addEventListener("click", () => stopReply());
  ui.photoButton.addEventListener("click", () => {
    unlockAudio();
    ui.photoInput.click();
  });
  ui.photoInput.addEventListener("change", onPhotoPicked);
  ui.askForm.addEventListener("submit", onAsk);
  ui.langButton.addEventListener("click", () => {
    unlockAudio();
    setLanguage(language() === "zh" ? "en" : "zh");
    ui.relabel();
    refresh();
    if (!s.unpaired && !s.pairing) conn.restart(); // `hello` carries the language
  });
  document.addEventListener("pointerdown", unlockAudio, { capture: true });
  window.addEventListener("online", () => conn.nudge());
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState !== "visible") return;
    refresh(); // (takes the screen wake lock again during a call)
    if (s.dormant) {
      s.dormant = false;
      conn.start();
    }
    const saved = loadToken();
    if (s.unpaired && saved && saved !== token) {
      token = saved; // paired in another tab
      s.unpaired = false;
      ui.showNotice(null);
      conn.start();
    }
    conn.nudge();
  });
  window.addEventListener("hashchange", async () => {
    if (await pairIfLinked()) conn.restart();
    refresh();
  });
}

async function main() {
  setLanguage(language());
  debug.language = language();
  ui.relabel();
  bindPage();
  registerServiceWorker();
  try {
    audioContext(); // suspended until the first gesture; lets the player worklet load early
  } catch (err) {
    console.error("AudioContext", err);
  }
  refresh();
  await pairIfLinked();
  const me = await whoAmI(token);
  if (me && me.member.role === "family") {
    window.location.replace("family.html"); // a family member's phone opens the family view
    return;
  }
  if (me) {
    ui.showPrivacy(true); // family can read the conversations: say so, in one line
    player.setVolume(me.member.volume || 1);
  }
  conn.start();
  refresh();
}

main();
