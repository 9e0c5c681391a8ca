// The care loop on the elder's screen: a reminder (or a timed family message) announced by the
// server's `reminder` message. The app plays a short chime, wakes the screen (Wake Lock API where
// available), and shows the text large with one huge "吃了 / 知道了" button (and "等会儿再提醒");
// pressing it sends `reminder_answer`. The server speaks the reminder right after the chime.
// When the page is hidden, a notification is shown through the service worker instead.
//
// Test hooks on window.assistantDebug: care = { shown, chimes, notified, answered, closed }.

import { debug } from "./debug.js";
import { keepScreenOn } from "./device.js";
import { language } from "./i18n.js";

const TEXT = {
  zh: { ack: "吃了 / 知道了", later: "等会儿再提醒", title: "提醒", message: "家人留言", done: "好的，记下了" },
  en: { ack: "Done / Got it", later: "Remind me later", title: "Reminder", message: "Message", done: "Noted" },
};

debug.care = { shown: [], chimes: 0, notified: 0, answered: [], closed: [] };

export class CareCard {
  /** onAnswer(jobId, "ack" | "snooze"); audioContext(): the page's AudioContext (may be suspended). */
  constructor({ onAnswer, audioContext }) {
    this.onAnswer = onAnswer;
    this.audioContext = audioContext;
    this.jobId = null;
    this.card = document.createElement("section");
    this.card.id = "care-card";
    this.card.className = "care-card";
    this.card.setAttribute("role", "alertdialog");
    this.card.setAttribute("aria-live", "assertive");
    this.card.hidden = true;
    this.title = document.createElement("p");
    this.title.className = "care-title";
    this.text = document.createElement("p");
    this.text.id = "care-text";
    this.text.className = "care-text";
    this.ack = this.button("care-ack", "care-ack", () => this.answer("ack"));
    this.later = this.button("care-later", "care-later", () => this.answer("snooze"));
    this.card.append(this.title, this.text, this.ack, this.later);
    this.relabel();
    document.body.append(this.card);
  }

  button(id, cls, onClick) {
    const b = document.createElement("button");
    b.type = "button";
    b.id = id;
    b.className = `btn ${cls}`;
    b.addEventListener("click", onClick);
    return b;
  }

  relabel(kind = "reminder") {
    const words = TEXT[language()] || TEXT.zh;
    this.title.textContent = kind === "message" ? words.message : words.title;
    this.ack.textContent = words.ack;
    this.later.textContent = words.later;
    return words;
  }

  show(msg) {
    const words = this.relabel(msg.kind);
    this.jobId = msg.answerable ? msg.job_id : null;
    this.text.textContent = String(msg.text || "");
    this.ack.hidden = this.later.hidden = !msg.answerable;
    this.ack.disabled = this.later.disabled = false;
    this.card.hidden = false;
    this.card.dataset.job = String(msg.job_id);
    debug.care.shown.push(msg.job_id);
    this.chime();
    keepScreenOn(true); // wake and keep the screen on while the reminder waits
    document.body.classList.add("care-bright");
    if (document.visibilityState !== "visible") this.notify(msg, words);
    else this.ack.focus?.();
    if (!msg.answerable) setTimeout(() => this.close(msg.job_id), 20000);
  }

  answer(kind) {
    if (this.jobId == null) return;
    debug.care.answered.push({ job_id: this.jobId, answer: kind });
    this.ack.disabled = this.later.disabled = true;
    this.onAnswer(this.jobId, kind);
  }

  /** The server recorded an answer (by button: `reminder_closed`; by voice: metrics.turn.care). */
  close(jobId) {
    if (this.card.hidden || String(jobId) !== this.card.dataset.job) return;
    debug.care.closed.push(jobId);
    this.card.hidden = true;
    this.jobId = null;
    document.body.classList.remove("care-bright");
  }

  /** Two soft tones (about 0.6 s), before the server's speech. */
  chime() {
    try {
      const ctx = this.audioContext();
      if (ctx.state === "suspended") ctx.resume().catch(() => {});
      const start = ctx.currentTime + 0.02;
      [
        [880, 0],
        [660, 0.28],
      ].forEach(([freq, at]) => {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.0001, start + at);
        gain.gain.exponentialRampToValueAtTime(0.3, start + at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + at + 0.3);
        osc.connect(gain).connect(ctx.destination);
        osc.start(start + at);
        osc.stop(start + at + 0.32);
      });
      debug.care.chimes += 1;
    } catch (err) {
      console.warn("chime", err);
    }
  }

  /** A hidden page: a notification through the service worker (needs the permission). */
  async notify(msg, words) {
    try {
      if (!("serviceWorker" in navigator) || !("Notification" in window)) return;
      if (Notification.permission === "default") await Notification.requestPermission();
      if (Notification.permission !== "granted") return;
      const registration = await navigator.serviceWorker.ready;
      await registration.showNotification(words.title, {
        body: String(msg.text || ""),
        tag: `care-${msg.job_id}`,
        requireInteraction: Boolean(msg.answerable),
        renotify: true,
        icon: "icon-192.png",
        vibrate: [300, 100, 300],
        data: { job_id: msg.job_id },
      });
      debug.care.notified += 1;
    } catch (err) {
      console.warn("notification", err);
    }
  }
}
