// Recorded voice messages: tap the big button to record, tap again to send (MediaRecorder, at most
// MAX_S seconds); the elder hears it after "您女儿小红给您留了言：" at her next turn, or at the time
// in the notes screen's time field (shared with typed messages). A voice message in the list can be
// played back.

import { $, api, el, notice } from "./family-api.js";
import { errorText, t } from "./family-text.js";

const MAX_S = 60; // the server's family.voice_max_s (it refuses longer ones)
const MIN_S = 1;
const rec = { recorder: null, stream: null, chunks: [], started: 0, timer: 0, cancelled: false };
window.familyVoice = rec; // for the browser tests
let afterSend = async () => {};

function mimeType() {
  for (const type of ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/mp4"]) {
    if (window.MediaRecorder && MediaRecorder.isTypeSupported(type)) return type;
  }
  return "";
}

function setRecording(on) {
  const button = $("#voice-record");
  button.dataset.recording = on ? "yes" : "no";
  button.textContent = t(on ? "voiceStop" : "voiceStart");
  button.classList.toggle("btn-recording", on);
  $("#voice-cancel").hidden = !on;
  $("#voice-status").hidden = !on;
}

function tick() {
  const seconds = Math.floor((performance.now() - rec.started) / 1000);
  $("#voice-status").textContent = t("voiceRecording", seconds, MAX_S);
  if (seconds >= MAX_S) stop(false);
}

async function start() {
  if (!window.MediaRecorder || !navigator.mediaDevices?.getUserMedia) {
    notice(t("voiceUnsupported"));
    return;
  }
  try {
    rec.stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
  } catch (err) {
    console.warn(err);
    notice(t("voiceNoMic"));
    return;
  }
  const type = mimeType();
  keep(null);
  rec.recorder = new MediaRecorder(rec.stream, type ? { mimeType: type } : {});
  rec.chunks = [];
  rec.cancelled = false;
  rec.recorder.addEventListener("dataavailable", (e) => e.data.size && rec.chunks.push(e.data));
  rec.recorder.addEventListener("stop", () => finish().catch(voiceFail));
  rec.recorder.start(250);
  rec.started = performance.now();
  rec.timer = setInterval(tick, 250);
  setRecording(true);
  tick();
}

function stop(cancel) {
  if (!rec.recorder || rec.recorder.state === "inactive") return;
  rec.cancelled = cancel;
  rec.seconds = (performance.now() - rec.started) / 1000;
  clearInterval(rec.timer);
  rec.recorder.stop();
  for (const track of rec.stream.getTracks()) track.stop();
  setRecording(false);
}

async function finish() {
  if (rec.cancelled) return;
  if (rec.seconds < MIN_S) {
    notice(t("voiceTooShort"));
    return;
  }
  await send(new Blob(rec.chunks, { type: rec.recorder.mimeType || "audio/webm" }));
}

// A recording refused for its time (past, malformed) is kept: fix the time, then send it again.
async function send(blob) {
  const at = $("#note-at").value; // the same time field as a typed message's (empty: next turn)
  const params = new URLSearchParams({ elder_id: $("#note-elder").value, ...(at ? { deliver_at: at } : {}) });
  $("#voice-record").disabled = true;
  try {
    rec.sent = await api(`/api/messages/voice?${params}`, { method: "POST", raw: blob });
    keep(null);
    $("#note-at").value = "";
    notice(t(at ? "voiceAtSaved" : "voiceSent"), "ok");
    await afterSend();
  } catch (err) {
    if (err.code === "bad_schedule") keep(blob);
    throw err;
  } finally {
    $("#voice-record").disabled = false;
  }
}

function keep(blob) {
  rec.unsent = blob;
  $("#voice-resend").hidden = !blob;
}

function voiceFail(err) {
  console.warn(err);
  notice(errorText(err));
}

/** The body of a voice message's card: what it is, and a button that plays it. */
export function voiceNote(message) {
  const play = el("button", { type: "button", className: "btn voice-play", textContent: t("voicePlay") });
  play.addEventListener("click", async () => {
    try {
      const blob = await api(`/api/messages/${message.id}/audio`, { as: "blob" });
      const audio = new Audio(URL.createObjectURL(blob));
      audio.addEventListener("ended", () => URL.revokeObjectURL(audio.src));
      await audio.play();
    } catch (err) {
      voiceFail(err);
    }
  });
  return el("div", { className: "voice-note" }, el("span", { textContent: t("voiceLabel", Math.round(message.duration_s)) }), play);
}

export function bindVoice(onSent) {
  afterSend = onSent;
  setRecording(false);
  $("#voice-record").addEventListener("click", () => {
    notice("");
    if (rec.recorder && rec.recorder.state === "recording") stop(false);
    else start().catch(voiceFail);
  });
  $("#voice-cancel").addEventListener("click", () => stop(true));
  $("#voice-resend").addEventListener("click", () => {
    notice("");
    if (rec.unsent) send(rec.unsent).catch(voiceFail);
  });
}
