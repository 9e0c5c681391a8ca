// The family view's care tab: an elder's reminders with whether each was acknowledged (when, and
// how: by voice or by the button), a form to add one, and the alerts sent to the family with how
// far each got (未送达 when no channel got it). Refreshed every 10 s while the tab is open, so a
// new alert appears live. Uses only /api/reminders and /api/alerts.

const REFRESH_MS = 10000;

const TEXT = {
  zh: {
    status: {
      scheduled: "未到时间",
      waiting: "已提醒，等老人回答",
      acknowledged: "已确认",
      escalated: "没有回答，已通知家人",
      missed: "错过了（服务器当时没开）",
      cancelled: "已取消",
    },
    channel: { voice: "说的", button: "按的按钮", call: "电话里" },
    repeat: { once: "一次", daily: "每天", weekly: "每周" },
    weekdays: ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
    next: "下次",
    noReminders: "还没有提醒。",
    noAlerts: "没有通知。",
    alertKind: { emergency: "紧急求助", missed_reminder: "提醒没有确认", missed_checkin: "问候没有回答" },
    added: "提醒已添加。",
  },
  en: {
    status: {
      scheduled: "Not yet due",
      waiting: "Said, waiting for an answer",
      acknowledged: "Acknowledged",
      escalated: "No answer: family alerted",
      missed: "Missed (server was down)",
      cancelled: "Cancelled",
    },
    channel: { voice: "by voice", button: "by the button", call: "on a call" },
    repeat: { once: "once", daily: "daily", weekly: "weekly" },
    weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    next: "next",
    noReminders: "No reminders yet.",
    noAlerts: "No alerts.",
    alertKind: { emergency: "Emergency", missed_reminder: "Reminder not acknowledged", missed_checkin: "Check-in unanswered" },
    added: "Reminder added.",
  },
};

const LABEL_EN = { 未送达: "Not delivered", 已送达: "Delivered", 部分送达: "Partly delivered", 发送中: "Sending", 未设置通知渠道: "No channel set" };

function hm(iso) {
  return iso ? iso.slice(5, 16).replace("T", " ") : "";
}

export class CareTab {
  constructor({ api, el, lang, onError }) {
    this.api = api;
    this.el = el;
    this.lang = lang;
    this.onError = onError;
    this.timer = null;
    this.elderId = null;
  }

  words() {
    return TEXT[this.lang()] || TEXT.zh;
  }

  async open(elderId) {
    this.elderId = elderId;
    clearInterval(this.timer);
    this.timer = setInterval(() => this.refresh().catch(this.onError), REFRESH_MS);
    await this.refresh();
  }

  close() {
    clearInterval(this.timer);
    this.timer = null;
  }

  async refresh() {
    if (!this.elderId) return;
    const q = `elder_id=${encodeURIComponent(this.elderId)}`;
    const [reminders, alerts] = await Promise.all([this.api(`/api/reminders?${q}`), this.api(`/api/alerts?${q}`)]);
    const w = this.words();
    const list = document.querySelector("#care-list");
    list.replaceChildren(...reminders.reminders.map((r) => this.reminderCard(r, w)));
    if (!reminders.reminders.length) list.append(this.el("li", { className: "card", textContent: w.noReminders }));
    const alertList = document.querySelector("#alert-list");
    alertList.replaceChildren(...alerts.alerts.map((a) => this.alertCard(a, w)));
    if (!alerts.alerts.length) alertList.append(this.el("li", { className: "card", textContent: w.noAlerts }));
  }

  reminderCard(r, w) {
    const card = this.el("li", { className: "card" });
    card.dataset.reminder = r.id;
    card.dataset.status = r.status;
    const when = r.repeat === "weekly" ? `${w.weekdays[r.weekday] ?? ""} ${r.time}` : r.repeat === "daily" ? r.time : hm(r.next_at || r.last_fired_at);
    let status = w.status[r.status] || r.status;
    if (r.acknowledged) status += ` ${hm(r.acknowledged_at)} · ${w.channel[r.ack_channel] || r.ack_channel}`;
    card.append(
      this.el("strong", { textContent: r.text }),
      this.el("span", { className: "meta", textContent: `${w.repeat[r.repeat] || r.repeat} ${when}${r.next_at && r.repeat !== "once" ? ` · ${w.next} ${hm(r.next_at)}` : ""}` }),
      this.el("span", { className: `badge badge-${r.status}`, textContent: status }),
    );
    return card;
  }

  alertCard(a, w) {
    const card = this.el("li", { className: "card" });
    card.dataset.alert = a.id;
    card.dataset.status = a.status;
    const label = this.lang() === "en" ? LABEL_EN[a.label] || a.label : a.label;
    card.append(
      this.el("strong", { textContent: `${w.alertKind[a.kind] || a.kind}：${a.text}` }),
      this.el("span", { className: "meta", textContent: new Date(a.created_at * 1000).toLocaleString() }),
      this.el("span", { className: `badge badge-${a.status}`, textContent: label }),
    );
    for (const d of a.deliveries.filter((x) => x.status === "failed")) {
      card.append(this.el("span", { className: "meta", textContent: `${this.lang() === "en" ? "Not delivered" : "未送达"}：${d.channel}` }));
    }
    return card;
  }

  /** The add form: {elder_id, text, time, repeat, weekday}; a refusal shows the API's reason. */
  async add(form) {
    const body = { elder_id: Number(this.elderId), text: form.text.value, time: form.time.value, repeat: form.repeat.value };
    if (body.repeat === "weekly") body.weekday = Number(form.weekday.value);
    await this.api("/api/reminders", { method: "POST", body });
    form.text.value = "";
    await this.refresh();
    return this.words().added;
  }
}
