// The family view: a separate screen of the PWA for family members' phones, using only /api/.
// Tabs: conversations (by day, with search, photo thumbnails), notes to the elder (typed or recorded),
// elders (add, edit, pair a phone, reminders), devices (list, unpair, invite family). An elder's phone
// is sent back to the talking screen.

import { $, api, el, fail, notice, token, when } from "./family-api.js";
import { CareTab } from "./family-care.js";
import { lang, setLang, t } from "./family-text.js";
import { bindVoice, voiceNote } from "./family-voice.js";

const state = { me: null, elders: [], screen: "", back: "elders", editing: null };
window.familyDebug = state;

function relabel() {
  document.documentElement.lang = lang() === "en" ? "en" : "zh-CN";
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
  for (const node of document.querySelectorAll("[data-tp]")) node.placeholder = t(node.dataset.tp);
}

function show(screen) {
  state.screen = screen;
  if (screen !== "care") care.close();
  for (const section of document.querySelectorAll(".screen")) section.hidden = section.id !== `screen-${screen}`;
  const tab = { "elder-form": "elders", link: state.back, start: "elders" }[screen] || screen;
  for (const button of document.querySelectorAll(".tab")) {
    if (button.dataset.tab === tab) button.setAttribute("aria-current", "page");
    else button.removeAttribute("aria-current");
  }
  window.scrollTo(0, 0);
}

function fillElderSelect(select) {
  const current = select.value;
  select.replaceChildren(...state.elders.map((e) => el("option", { value: e.id, textContent: e.address || e.name })));
  if (current && state.elders.some((e) => String(e.id) === current)) select.value = current;
}

async function loadElders() {
  state.elders = (await api("/api/elders")).elders;
  for (const select of [$("#talks-elder"), $("#note-elder"), $("#care-elder")]) fillElderSelect(select);
}

// ---- conversations ------------------------------------------------------------------------------

async function openTalks({ day = "", q = "" } = {}) {
  show(state.elders.length ? "talks" : "start");
  $("#talks-summary-text").hidden = true;
  const elderId = $("#talks-elder").value;
  if (!elderId) return;
  const params = new URLSearchParams({ elder_id: elderId });
  if (day) params.set("day", day);
  if (q) params.set("q", q);
  const data = await api(`/api/conversations?${params}`);
  const days = $("#talks-day");
  days.replaceChildren(...data.days.map((d) => el("option", { value: d.day, textContent: `${d.day}（${d.turns}）` })));
  if (data.day) days.value = data.day;
  const list = $("#talks-list");
  list.replaceChildren(...data.turns.map(turnCard));
  if (!data.turns.length) list.append(el("li", { className: "card", textContent: t(q ? "noMatches" : "noTurns") }));
  state.shown = { elder: data.elder_id, day: data.day, q: data.q, turns: data.turns.length };
}

async function summarise() {
  const box = $("#talks-summary-text");
  box.hidden = false;
  box.dataset.done = "no";
  box.textContent = t("summaryWriting");
  try {
    const body = { elder_id: Number($("#talks-elder").value), day: $("#talks-day").value || undefined };
    const data = await api("/api/summaries", { method: "POST", body });
    box.textContent = `${t("summaryOf", data.day)}${data.text}`;
    box.dataset.done = "yes";
  } catch (err) {
    box.hidden = true;
    throw err;
  }
}

function turnCard(turn) {
  const card = el("li", { className: turn.hidden ? "card hidden-turn" : "card" });
  card.dataset.turn = turn.id;
  card.append(el("span", { className: "when", textContent: when(turn.at, Boolean($("#talks-q").value)) }));
  if (turn.hidden) {
    card.append(el("p", { className: "a", textContent: t("hiddenTurn") }));
    return card;
  }
  if (turn.photo) card.append(el("span", { className: "badge", textContent: t("photo") }), thumbnail(turn));
  if (turn.source === "phone") card.append(el("span", { className: "badge", textContent: t("phone") }));
  card.append(el("p", { className: "q", textContent: `${t("asked")}：${turn.question}` }));
  card.append(el("p", { className: "a", textContent: `${t("answered")}：${turn.answer}` }));
  if (turn.interrupted) card.append(el("p", { className: "cut", textContent: `${t("cutHeard")}${turn.heard || "—"}` }));
  for (const p of card.querySelectorAll("p")) p.style.margin = "0";
  return card;
}

// A photo turn's thumbnail; "照片未保存" where none was kept (turns from before thumbnails were
// stored: the server never kept the photo itself) or it cannot be fetched, never a broken image.
function thumbnail(turn) {
  const missing = () => el("span", { className: "thumb thumb-missing", textContent: t("photoNotSaved") });
  if (!turn.thumbnail) return missing();
  const img = el("img", { className: "thumb", alt: t("photo") });
  img.dataset.src = turn.thumbnail;
  api(turn.thumbnail, { as: "blob" }) // an <img src> could not send the token
    .then((blob) => {
      img.src = URL.createObjectURL(blob);
    })
    .catch((err) => {
      console.warn(err);
      img.replaceWith(missing());
    });
  return img;
}

// ---- notes --------------------------------------------------------------------------------------

async function openNotes() {
  show("notes");
  const data = await api("/api/messages");
  const names = new Map(state.elders.map((e) => [e.id, e.address || e.name]));
  $("#note-list").replaceChildren(
    ...data.messages.map((m) => {
      let status = m.delivered_at ? `${t("noteDelivered")} ${when(m.delivered_at, true)}` : t("noteWaiting");
      if (m.deliver_at && !m.delivered_at) status += ` · ${t("noteAtLabel")} ${when(m.deliver_at, true)}`;
      const card = el("li", { className: "card" });
      card.dataset.note = m.id;
      card.dataset.delivered = m.delivered_at ? "yes" : "no";
      card.dataset.kind = m.kind;
      card.append(
        el("span", { className: "meta", textContent: `→ ${names.get(m.elder_id) || ""} · ${when(m.created_at, true)}` }),
        m.kind === "voice" ? voiceNote(m) : el("span", { textContent: m.text }),
        el("span", { className: "meta note-status", textContent: status }),
      );
      return card;
    }),
  );
}

async function sendNote(event) {
  event.preventDefault();
  const text = $("#note-text").value;
  const at = $("#note-at").value; // local wall clock "2026-12-01T18:00": the elder's zone on the server
  const body = { elder_id: Number($("#note-elder").value), text, ...(at ? { deliver_at: at } : {}) };
  await api("/api/messages", { method: "POST", body });
  $("#note-text").value = "";
  $("#note-at").value = "";
  notice(t(at ? "noteAtSaved" : "noteSent"), "ok");
  await openNotes();
}

// ---- elders -------------------------------------------------------------------------------------

function openElders() {
  show("elders");
  $("#elder-list").replaceChildren(
    ...state.elders.map((e) => {
      const card = el("li", { className: "card" });
      card.dataset.elder = e.id;
      const edit = el("button", { type: "button", className: "btn", textContent: t("editElder") });
      edit.addEventListener("click", () => openElderForm(e));
      const pair = el("button", { type: "button", className: "btn btn-primary", textContent: t("pairPhone") });
      pair.addEventListener("click", () => pairElder(e).catch(fail));
      const reminders = el("button", { type: "button", className: "btn btn-wide elder-reminders", textContent: t("reminders") });
      reminders.addEventListener("click", () => {
        $("#care-elder").value = String(e.id);
        openCare().catch(fail);
      });
      card.append(
        el("strong", { textContent: e.address ? `${e.address}（${e.name}）` : e.name }),
        el("span", { className: "meta", textContent: [e.city, ...e.phones].filter(Boolean).join(" · ") }),
        el("div", { className: "actions" }, edit, pair),
        reminders,
      );
      return card;
    }),
  );
}

function openElderForm(elder = null) {
  state.editing = elder;
  const form = $("#elder-form");
  form.reset();
  $("#elder-form-title").textContent = t(elder ? "editElder" : "addElder");
  if (elder) {
    for (const key of ["name", "address", "city", "language"]) form.elements[key].value = elder[key];
    form.elements.speed.value = String(elder.speed);
    form.elements.volume.value = String(elder.volume);
    form.elements.phones.value = elder.phones.join(", ");
    form.elements.words.value = elder.words.join("，");
  } else {
    form.elements.speed.value = "1";
    form.elements.volume.value = "1";
  }
  show("elder-form");
}

async function saveElder(event) {
  event.preventDefault();
  const f = event.target.elements;
  const body = {
    name: f.name.value,
    address: f.address.value,
    city: f.city.value,
    language: f.language.value,
    speed: Number(f.speed.value),
    volume: Number(f.volume.value),
    phones: f.phones.value.split(/[,，、;；]+/).map((p) => p.trim()).filter(Boolean),
    words: f.words.value.split(/[,，、;]+/).map((w) => w.trim()).filter(Boolean),
  };
  const editing = state.editing;
  const saved = await api(editing ? `/api/elders/${editing.id}` : "/api/elders", {
    method: editing ? "PUT" : "POST",
    body,
  });
  await loadElders();
  notice(t("saved"), "ok");
  if (editing) openElders();
  else await pairElder(saved); // a new elder: pair their phone straight away
}

function showLink(data, title, back) {
  state.back = back;
  $("#link-title").textContent = title;
  $("#link-qr").src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(data.qr_svg)}`;
  $("#link-code").textContent = data.spoken;
  const a = $("#link-url");
  a.href = data.link;
  a.textContent = data.link;
  show("link");
}

async function pairElder(elder) {
  const data = await api("/api/devices/pair", { method: "POST", body: { elder_id: elder.id } });
  showLink(data, t("linkTitleElder", elder.address || elder.name), "elders");
}

// ---- devices ------------------------------------------------------------------------------------

async function openDevices() {
  show("devices");
  const data = await api("/api/devices");
  $("#invite-form").hidden = !state.me.member.owner;
  $("#device-list").replaceChildren(
    ...data.devices.map((d) => {
      const mine = d.id === state.me.device.id;
      const role = d.role === "elder" ? t("roleElder") : t("roleFamily");
      const status = d.revoked_at ? t("revoked") : `${t("lastSeen")} ${when(d.last_seen_at || d.paired_at, true)}`;
      const card = el("li", { className: "card" });
      card.dataset.device = d.id;
      card.append(
        el("strong", { textContent: `${d.member} · ${role}${mine ? t("thisPhone") : ""}` }),
        el("span", { className: "meta", textContent: `${d.name} · ${status}` }),
      );
      if (!d.revoked_at && !mine) {
        const revoke = el("button", { type: "button", className: "btn btn-danger btn-wide", textContent: t("revoke") });
        revoke.addEventListener("click", async () => {
          if (!window.confirm(t("revokeConfirm", `${d.member} · ${d.name}`))) return;
          await api(`/api/devices/${d.id}`, { method: "DELETE" }).catch(fail);
          await openDevices().catch(fail);
        });
        card.append(revoke);
      }
      return card;
    }),
  );
}

async function invite(event) {
  event.preventDefault();
  const f = event.target.elements;
  const data = await api("/api/invites", { method: "POST", body: { name: f.name.value, relation: f.relation.value } });
  event.target.reset();
  showLink(data, t("linkTitleFamily", data.member.name), "devices");
}

// ---- wiring -------------------------------------------------------------------------------------

const care = new CareTab({ api, el, lang, onError: fail, notice });

async function openCare() {
  show(state.elders.length ? "care" : "start");
  await care.open($("#care-elder").value);
}

const OPEN = {
  talks: () => openTalks(),
  notes: openNotes,
  care: openCare,
  elders: async () => openElders(),
  devices: openDevices,
};

function guard(fn) {
  return (...args) => {
    notice("");
    Promise.resolve()
      .then(() => fn(...args))
      .catch(fail);
  };
}

function bind() {
  for (const button of document.querySelectorAll(".tab")) {
    button.addEventListener("click", guard(() => OPEN[button.dataset.tab]()));
  }
  for (const button of document.querySelectorAll("[data-go]")) {
    button.addEventListener(
      "click",
      guard(() => {
        const target = button.dataset.go;
        if (target === "elder-form") return openElderForm();
        return OPEN[target === "back" ? state.back : target]();
      }),
    );
  }
  $("#talks-elder").addEventListener("change", guard(() => openTalks()));
  $("#talks-day").addEventListener("change", guard(() => openTalks({ day: $("#talks-day").value })));
  $("#talks-search").addEventListener(
    "submit",
    guard((e) => {
      e.preventDefault();
      return openTalks({ q: $("#talks-q").value.trim() });
    }),
  );
  $("#talks-summary").addEventListener("click", guard(summarise));
  $("#talks-refresh").addEventListener("click", guard(() => openTalks({ day: $("#talks-day").value })));
  $("#note-form").addEventListener("submit", guard(sendNote));
  $("#elder-form").addEventListener("submit", guard(saveElder));
  $("#invite-form").addEventListener("submit", guard(invite));
  $("#care-elder").addEventListener("change", guard(openCare));
  $("#care-form").addEventListener(
    "submit",
    guard(async (e) => {
      e.preventDefault();
      notice(await care.add(e.target), "ok");
    }),
  );
  care.bind();
  bindVoice(openNotes);
  $("#lang").addEventListener("click", () => {
    setLang(lang() === "en" ? "zh" : "en");
    relabel();
    OPEN[state.screen] ? OPEN[state.screen]().catch(fail) : null;
  });
}

async function main() {
  relabel();
  bind();
  if (!token) {
    window.location.replace("./");
    return;
  }
  try {
    state.me = await api("/api/me");
  } catch (err) {
    fail(err);
    return;
  }
  if (state.me.member.role !== "family") {
    window.location.replace("./"); // an elder's phone has its own screen
    return;
  }
  await loadElders();
  if (state.elders.length) await openTalks();
  else show("start");
  state.ready = true;
}

main().catch(fail);
