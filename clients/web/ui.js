// The page: status line, talk button, transcript, notices. No protocol or audio logic here.

import { applyTranslations, t } from "./i18n.js";

const MAX_ENTRIES = 200; // keep the DOM small on old phones
const STICK_PX = 120; // auto-scroll only if the reader is already near the bottom

const STATUS_KEYS = {
  connecting: "statusConnecting",
  reconnecting: "statusReconnecting",
  pairing: "statusPairing",
  unpaired: "statusUnpaired",
  idle: "statusIdle",
  listening: "statusListening",
  thinking: "statusThinking",
  speaking: "statusSpeaking",
};

const TALK_KEYS = {
  idle: ["talkStart", "talkStartHint"],
  hold: ["talkHold", "talkHoldHint"],
  call: ["talkEnd", "talkEndHint"],
};

export class UI {
  constructor() {
    const $ = (id) => document.getElementById(id);
    this.status = $("status");
    this.notice = $("notice");
    this.privacy = $("privacy");
    this.noticeTitle = $("notice-title");
    this.noticeText = $("notice-text");
    this.transcript = $("transcript");
    this.emptyHint = $("empty-hint");
    this.talk = $("talk");
    this.talkLabel = $("talk-label");
    this.talkHint = $("talk-hint");
    this.levelBar = $("level-bar");
    this.stopButton = $("stop");
    this.photoButton = $("photo");
    this.photoInput = $("photo-input");
    this.askForm = $("ask");
    this.askText = $("ask-text");
    this.langButton = $("lang");
    this.state = "connecting";
    this.talkMode = "idle";
    this.noticeKeys = null;
    this.userEntry = null; // the user bubble being transcribed (partial results)
    this.assistantEntry = null; // the assistant bubble being streamed
  }

  /**
   * Wire the talk button. Pointer down/up drive tap and hold (the caller times them); a keyboard
   * activation (Enter / Space: a click with detail 0) toggles the call.
   */
  bindTalk({ down, up, keyboardToggle }) {
    const btn = this.talk;
    btn.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      event.preventDefault(); // no text selection, no focus scroll
      btn.setPointerCapture(event.pointerId); // the release counts even if the finger slides off
      down();
    });
    btn.addEventListener("pointerup", up);
    btn.addEventListener("pointercancel", up);
    btn.addEventListener("lostpointercapture", up);
    btn.addEventListener("contextmenu", (event) => event.preventDefault()); // long press menu
    btn.addEventListener("click", (event) => {
      if (event.detail === 0) keyboardToggle();
    });
  }

  /** Re-apply every text after a language change. */
  relabel() {
    applyTranslations();
    this.setStatus(this.state);
    this.setTalkMode(this.talkMode);
    if (this.noticeKeys) this.showNotice(...this.noticeKeys);
  }

  setStatus(state) {
    this.state = state;
    this.status.dataset.state = state;
    const text = t(STATUS_KEYS[state] || "statusIdle");
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  /** @param {"idle"|"hold"|"call"} mode */
  setTalkMode(mode) {
    this.talkMode = mode;
    const [label, hint] = TALK_KEYS[mode];
    this.talk.dataset.mode = mode;
    this.talk.setAttribute("aria-pressed", String(mode !== "idle"));
    this.talkLabel.textContent = t(label);
    this.talkHint.textContent = t(hint);
  }

  setLevel(level) {
    // Speech RMS is mostly below 0.3; a square-root curve makes quiet voices visible too.
    const shown = Math.min(1, Math.sqrt(Math.max(0, level) / 0.3));
    this.levelBar.style.transform = `scaleX(${shown.toFixed(3)})`;
  }

  showStop(visible) {
    if (this.stopButton.hidden === visible) this.stopButton.hidden = !visible;
  }

  /** A notice under the status line, by i18n keys (so it follows language changes); null hides it. */
  /** The one line telling an elder that family can read the conversations. */
  showPrivacy(on) {
    this.privacy.hidden = !on;
  }

  showNotice(titleKey, textKey = null, extra = "") {
    if (!titleKey) {
      this.noticeKeys = null;
      this.notice.hidden = true;
      return;
    }
    this.noticeKeys = [titleKey, textKey, extra];
    this.noticeTitle.textContent = t(titleKey) + extra;
    this.noticeText.textContent = textKey ? t(textKey) : "";
    this.noticeText.hidden = !textKey;
    this.notice.hidden = false;
  }

  // ---- transcript ------------------------------------------------------------------------

  addEntry(role, text, extraClass = "") {
    this.emptyHint.hidden = true;
    const stick = this.nearBottom();
    const entry = document.createElement("div");
    entry.className = `msg msg-${role} ${extraClass}`.trim();
    const who = document.createElement("span");
    who.className = "who";
    who.dataset.i18n = role === "user" ? "you" : role === "assistant" ? "assistant" : "tip";
    who.textContent = t(who.dataset.i18n);
    const body = document.createElement("p");
    body.className = "text";
    body.textContent = text;
    entry.append(who, body);
    this.transcript.append(entry);
    while (this.transcript.querySelectorAll(".msg").length > MAX_ENTRIES) {
      const first = this.transcript.querySelector(".msg");
      const img = first.querySelector("img");
      if (img) URL.revokeObjectURL(img.src);
      first.remove();
    }
    if (stick) this.scrollToEnd();
    return entry;
  }

  setEntryText(entry, text) {
    const stick = this.nearBottom();
    entry.querySelector(".text").textContent = text;
    if (stick) this.scrollToEnd();
  }

  entryText(entry) {
    return entry.querySelector(".text").textContent;
  }

  nearBottom() {
    const el = this.transcript;
    return el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
  }

  scrollToEnd() {
    this.transcript.scrollTop = this.transcript.scrollHeight;
  }

  /** A `transcript` message: partial results replace the text; final ones close the bubble. */
  userSpeech(text, final) {
    if (!this.userEntry) {
      if (final && !text.trim()) return;
      this.closeAssistant();
      this.userEntry = this.addEntry("user", text, "partial");
    }
    if (final && !text.trim()) {
      this.userEntry.remove();
    } else {
      this.setEntryText(this.userEntry, text);
    }
    if (final) {
      this.userEntry.classList.remove("partial");
      this.userEntry = null;
    }
  }

  /** A typed question, or the text sent with a photo. */
  userText(text) {
    this.closeAssistant();
    this.addEntry("user", text);
  }

  /** A photo question: the thumbnail, plus its text if any. */
  userPhoto(objectUrl, text) {
    this.closeAssistant();
    const entry = this.addEntry("user", text || t("photoSent"));
    const img = document.createElement("img");
    img.className = "thumb";
    img.alt = t("photoSent");
    img.src = objectUrl;
    img.addEventListener("load", () => this.scrollToEnd(), { once: true });
    entry.insertBefore(img, entry.querySelector(".text"));
  }

  /** A `reply` message (a delta; `final` closes the bubble). */
  assistantReply(text, final) {
    if (!this.assistantEntry) {
      if (!text) return;
      this.assistantEntry = this.addEntry("assistant", "");
      this.lastAssistant = this.assistantEntry;
    }
    const sofar = this.entryText(this.assistantEntry);
    // Deltas are appended; a final message that repeats the whole answer replaces it.
    const next = final && text.startsWith(sofar) && sofar ? text : sofar + text;
    this.setEntryText(this.assistantEntry, next);
    if (final) this.assistantEntry = null;
  }

  /**
   * `interrupted` (or the stop button): mark the answer as cut off: the bubble being written, or,
   * when its text is complete but its audio is still `playing`, the last answer.
   */
  assistantCut(playing = false) {
    const entry = this.assistantEntry ?? (playing ? this.lastAssistant : null);
    if (entry) entry.classList.add("cut");
    this.assistantEntry = null;
  }

  closeAssistant() {
    this.assistantEntry = null;
  }

  /** A short local notice in the transcript (a hint or an error), labelled "提示" / "Tip". */
  transcriptNotice(text, kind = "hint") {
    this.closeAssistant();
    this.addEntry("notice", text, kind === "error" ? "msg-error" : "");
  }
}
