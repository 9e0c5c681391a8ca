// The family view's care tab: an elder's reminders with whether each was acknowledged (when, and
// how: by voice or by the button), a form to add one, and the alerts sent to the family with how
// far each got (未送达 when no channel got it), and the phone calls placed (reminders, check-ins,
// emergency calls to the family) with what became of each (已接通 35 秒, 未送达：无人接听, 占线, …, from
// Twilio's status callbacks). Refreshed every 10 s while the tab is open, so a new alert appears
// live. Each reminder can be edited (the form above turns into its editor), paused, resumed and
// deleted. Uses only /api/reminders, /api/alerts and /api/calls.

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
      paused: "已暂停，不会提醒",
    },
    edit: "修改",
    pause: "暂停",
    resume: "恢复",
    remove: "删除",
    removeConfirm: (text) => `确定删除提醒“${text}”吗？`,
    addTitle: "添加提醒",
    editTitle: "修改提醒",
    save: "保存修改",
    saved: "提醒已修改。",
    channel: { voice: "说的", button: "按的按钮", call: "电话里" },
    repeat: { once: "一次", daily: "每天", weekly: "每周" },
    weekdays: ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
    next: "下次",
    noReminders: "还没有提醒。",
    noAlerts: "没有通知。",
    noCalls: "还没有打过电话。",
    purpose: { reminder: "提醒电话", checkin: "问候电话", family: "打给家人的紧急电话" },
    alertKind: { emergency: "紧急求助", missed_reminder: "提醒没有确认", missed_checkin: "问候没有回答", message: "老人留言" },
    category: {
      fall: "摔倒", help: "呼救", chest: "胸痛", breath: "呼吸困难", stroke: "疑似中风", faint: "晕倒",
      bleeding: "出血", fire: "火情或煤气", poison: "吃错药", crisis: "情绪危机",
      burn: "烫伤", lost: "走失", illness: "突发急症", shock: "触电", drowning: "落水", gas: "煤气中毒",
      heat: "中暑", cold: "冻伤失温", allergy: "严重过敏", swallowed: "误吞异物",
      food: "食物中毒", intruder: "入室盗窃或抢劫",
    },
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
      paused: "Paused: no reminding",
    },
    edit: "Edit",
    pause: "Pause",
    resume: "Resume",
    remove: "Delete",
    removeConfirm: (text) => `Delete the reminder "${text}"?`,
    addTitle: "Add a reminder",
    editTitle: "Edit the reminder",
    save: "Save changes",
    saved: "Reminder changed.",
    channel: { voice: "by voice", button: "by the button", call: "on a call" },
    repeat: { once: "once", daily: "daily", weekly: "weekly" },
    weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    next: "next",
    noReminders: "No reminders yet.",
    noAlerts: "No alerts.",
    noCalls: "No calls yet.",
    purpose: { reminder: "Reminder call", checkin: "Check-in call", family: "Emergency call to the family" },
    alertKind: { emergency: "Emergency", missed_reminder: "Reminder not acknowledged", missed_checkin: "Check-in unanswered", message: "Message from the elder" },
    category: {
      fall: "fall", help: "call for help", chest: "chest pain", breath: "breathlessness", stroke: "possible stroke",
      faint: "fainting", bleeding: "bleeding", fire: "fire or gas", poison: "wrong medicine", crisis: "crisis",
      burn: "burn", lost: "lost", illness: "sudden illness", shock: "electric shock", drowning: "in the water",
      gas: "carbon monoxide", heat: "heat stroke", cold: "cold exposure", allergy: "severe allergy",
      swallowed: "swallowed object", food: "food poisoning", intruder: "break-in or robbery",
    },
    added: "Reminder added.",
  },
};

const OUTCOME_EN = { "no-answer": "No answer", busy: "Busy", failed: "Call failed", canceled: "Cancelled" };
const CALL_EN = { queued: "Dialling", placed: "Placed", answered: "Answered", failed: "Not delivered", completed: "Talked" };
const LABEL_EN = { 未送达: "Not delivered", 已送达: "Delivered", 部分送达: "Partly delivered", 发送中: "Sending", 未设置通知渠道: "No channel set" };

function hm(iso) {
  return iso ? iso.slice(5, 16).replace("T", " ") : "";
}

export class CareTab {
  constructor({ api, el, lang, onError, notice }) {
    this.api = api;
    this.el = el;
    this.lang = lang;
    this.onError = onError;
    this.notice = notice;
    this.timer = null;
    this.elderId = null;
    this.editing = null; // the reminder the form edits, or null: the form adds one
  }

  bind() {
    document.querySelector("#care-cancel").addEventListener("click", () => this.stopEditing());
  }

  words() {
    return TEXT[this.lang()] || TEXT.zh;
  }

  async open(elderId) {
    if (elderId !== this.elderId) this.stopEditing();
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
    const [reminders, alerts, calls] = await Promise.all(
      ["reminders", "alerts", "calls"].map((name) => this.api(`/api/${name}?${q}`)),
    );
    const w = this.words();
    this.fill("#care-list", reminders.reminders.map((r) => this.reminderCard(r, w)), w.noReminders);
    this.fill("#alert-list", alerts.alerts.map((a) => this.alertCard(a, w)), w.noAlerts);
    this.fill("#call-list", calls.calls.map((c) => this.callCard(c, w)), w.noCalls);
  }

  /** A list's cards, or one card saying that there are none. */
  fill(selector, cards, none) {
    const list = document.querySelector(selector);
    list.replaceChildren(...cards);
    if (!cards.length) list.append(this.el("li", { className: "card", textContent: none }));
  }

  /** What a reminder's and an alert's cards share: what it is, when, and a badge with its status. */
  card(key, item, title, meta, badge) {
    const card = this.el("li", { className: "card" });
    card.dataset[key] = item.id;
    card.dataset.status = item.status;
    card.append(
      this.el("strong", { textContent: title }),
      this.el("span", { className: "meta", textContent: meta }),
      this.el("span", { className: `badge badge-${item.status}`, textContent: badge }),
    );
    return card;
  }

  reminderCard(r, w) {
    const when = r.repeat === "weekly" ? `${w.weekdays[r.weekday] ?? ""} ${r.time}` : r.repeat === "daily" ? r.time : hm(r.next_at || r.last_fired_at);
    let status = w.status[r.status] || r.status;
    if (r.acknowledged) status += ` ${hm(r.acknowledged_at)} · ${w.channel[r.ack_channel] || r.ack_channel}`;
    const next = r.next_at && r.repeat !== "once" ? ` · ${w.next} ${hm(r.next_at)}` : "";
    const card = this.card("reminder", r, r.text, `${w.repeat[r.repeat] || r.repeat} ${when}${next}`, status);
    if (r.status !== "cancelled") card.append(this.actions(r, w));
    return card;
  }

  actions(r, w) {
    const button = (label, cls, action) => {
      const b = this.el("button", { type: "button", className: `btn ${cls}`, textContent: label });
      b.addEventListener("click", () => {
        this.notice("");
        action().catch(this.onError);
      });
      return b;
    };
    const go = async (path, method) => {
      await this.api(path, { method });
      await this.refresh();
    };
    const pause = r.paused
      ? button(w.resume, "btn-primary care-resume", () => go(`/api/reminders/${r.id}/resume`, "POST"))
      : button(w.pause, "care-pause", () => go(`/api/reminders/${r.id}/pause`, "POST"));
    const remove = button(w.remove, "btn-danger care-delete", async () => {
      if (window.confirm(w.removeConfirm(r.text))) await go(`/api/reminders/${r.id}`, "DELETE");
    });
    const edit = button(w.edit, "care-edit", async () => this.startEditing(r, w));
    return this.el("div", { className: "actions" }, edit, pause, remove);
  }

  startEditing(r, w) {
    this.editing = r;
    const f = document.querySelector("#care-form").elements;
    f.text.value = r.text;
    f.time.value = r.time;
    f.repeat.value = r.repeat;
    f.weekday.value = String(r.weekday ?? 0);
    f.date.value = r.repeat === "once" && r.date ? r.date : "";
    document.querySelector("#care-form-title").textContent = w.editTitle;
    document.querySelector("#care-form [type=submit]").textContent = w.save;
    document.querySelector("#care-cancel").hidden = false;
    document.querySelector("#care-form").scrollIntoView({ block: "start" });
  }

  stopEditing() {
    this.editing = null;
    const w = this.words();
    const form = document.querySelector("#care-form");
    if (!form) return;
    form.elements.text.value = "";
    form.elements.date.value = "";
    document.querySelector("#care-form-title").textContent = w.addTitle;
    document.querySelector("#care-form [type=submit]").textContent = w.addTitle;
    document.querySelector("#care-cancel").hidden = true;
  }

  kindLabel(a, w) {
    const kind = w.alertKind[a.kind] || a.kind;
    // an emergency's cause; for the elder's words, whom she left them for ("给女儿")
    const category = a.kind === "emergency" && a.category ? w.category[a.category] || a.category
      : a.kind === "message" && a.category ? `${this.lang() === "en" ? "for " : "给"}${a.category}` : "";
    return category ? `${kind}（${category}）` : kind;
  }

  alertCard(a, w) {
    const label = this.lang() === "en" ? LABEL_EN[a.label] || a.label : a.label;
    const sent = new Date(a.created_at * 1000).toLocaleString();
    const card = this.card("alert", a, `${this.kindLabel(a, w)}：${a.text}`, sent, label);
    for (const d of a.deliveries.filter((x) => x.status === "failed")) {
      card.append(this.el("span", { className: "meta", textContent: `${this.lang() === "en" ? "Not delivered" : "未送达"}：${d.channel}` }));
    }
    return card;
  }

  /** A call: what it was for, its first words, when, and what became of it (the API's label). */
  callCard(c, w) {
    const placed = new Date(c.created_at * 1000).toLocaleString();
    return this.card("call", c, `${w.purpose[c.purpose] || c.purpose}：${c.opening}`, placed, this.callLabel(c));
  }

  callLabel(c) {
    if (this.lang() !== "en") return c.label;
    const outcome = c.call_status === "completed"
      ? (c.status === "failed" ? "answered, assistant not connected" : `Answered, ${c.duration_s ?? 0} s`)
      : OUTCOME_EN[c.call_status];
    if (!outcome) return CALL_EN[c.status] || c.status;
    return c.status === "failed" ? `Not delivered: ${outcome}` : outcome;
  }

  /** The add form: {elder_id, text, time, repeat, weekday}; a refusal shows the API's reason. */
  async add(form) {
    const body = { text: form.text.value, time: form.time.value, repeat: form.repeat.value };
    if (body.repeat === "weekly") body.weekday = Number(form.weekday.value);
    if (body.repeat === "once" && form.date.value) body.date = form.date.value;
    const editing = this.editing;
    if (editing) await this.api(`/api/reminders/${editing.id}`, { method: "PUT", body });
    else await this.api("/api/reminders", { method: "POST", body: { ...body, elder_id: Number(this.elderId) } });
    this.stopEditing();
    await this.refresh();
    return editing ? this.words().saved : this.words().added;
  }
}
