// What every family screen shares: the API (JSON, or a recording's bytes), building elements,
// the notice line, and times.

import { errorText, lang } from "./family-text.js";
import { loadToken } from "./pairing.js";

export const $ = (sel) => document.querySelector(sel);
export const token = loadToken();

/** Call the API; `raw` sends a Blob as is (a recording), `as: "blob"` reads the answer as bytes. */
export async function api(path, { method = "GET", body, raw, as = "json" } = {}) {
  let response;
  const headers = { Authorization: `Bearer ${token}` };
  if (body) headers["Content-Type"] = "application/json";
  if (raw) headers["Content-Type"] = raw.type || "application/octet-stream";
  try {
    response = await fetch(new URL(path.replace(/^\//, ""), document.baseURI), {
      method,
      headers,
      body: raw || (body ? JSON.stringify(body) : undefined),
      cache: "no-store",
    });
  } catch (err) {
    throw Object.assign(new Error(String(err)), { status: 0, code: "network" });
  }
  if (response.ok && as === "blob") return response.blob();
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw Object.assign(new Error(data.message || `HTTP ${response.status}`), {
      status: response.status,
      code: data.error || "",
      reason: data.reason || "",
    });
  }
  return data;
}

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const child of children) if (child != null) node.append(child);
  return node;
}

export function notice(text, kind = "error") {
  const box = $("#notice");
  box.textContent = text || "";
  box.dataset.kind = kind;
  box.hidden = !text;
  if (text) box.scrollIntoView({ block: "nearest" });
}

export function fail(err) {
  console.warn(err);
  notice(errorText(err));
}

export function when(seconds, withDay = false) {
  const d = new Date(seconds * 1000);
  const hm = d.toLocaleTimeString(lang() === "en" ? "en-GB" : "zh-CN", { hour: "2-digit", minute: "2-digit" });
  return withDay ? `${d.getMonth() + 1}/${d.getDate()} ${hm}` : hm;
}
