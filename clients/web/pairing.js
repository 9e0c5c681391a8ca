// Device pairing: the token lives in localStorage; a `#pair=CODE` link (the QR code printed by
// `assistant pair`) is exchanged for a token at POST /api/pair.

const TOKEN_KEY = "assistant.token";

export function loadToken() {
  try {
    return localStorage.getItem(TOKEN_KEY) || "";
  } catch {
    return "";
  }
}

function saveToken(token) {
  try {
    localStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Without storage the token only lasts for this page.
  }
}

/** The pairing code from `#pair=CODE`, or "" if the URL has none. */
export function pairCodeFromUrl() {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  return (params.get("pair") || "").trim();
}

/** Remove the `#pair=…` fragment so a reload or a shared screenshot does not reuse it. */
function cleanUrl() {
  const url = window.location.pathname + window.location.search;
  window.history.replaceState(null, "", url);
}

/** A short readable name for this device, e.g. "SM-G991B · Chrome" or "Android · Chrome". */
export function deviceName() {
  const ua = navigator.userAgent || "";
  const model = (ua.match(/Android [\d.]+; ([^;)]+)\)/) || [])[1];
  const os = /Android/.test(ua)
    ? "Android"
    : /iPhone|iPad/.test(ua)
      ? "iOS"
      : /Windows/.test(ua)
        ? "Windows"
        : /Mac OS/.test(ua)
          ? "Mac"
          : /Linux/.test(ua)
            ? "Linux"
            : "Browser";
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Chrome\//.test(ua)
      ? "Chrome"
      : /Firefox\//.test(ua)
        ? "Firefox"
        : /Safari\//.test(ua)
          ? "Safari"
          : "";
  // Chrome's reduced user agent says "K" instead of the model.
  const device = model && model.trim() !== "K" ? model.trim() : os;
  return [device, browser].filter(Boolean).join(" · ").slice(0, 64);
}

/**
 * Exchange the code for a token and store it. Resolves to the token.
 * Rejects with an Error whose `status` is the HTTP status (0 for a network failure).
 */
export async function pairWithCode(code) {
  cleanUrl();
  let response;
  try {
    response = await fetch(new URL("api/pair", window.location.href), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ code, name: deviceName() }),
      cache: "no-store",
    });
  } catch (err) {
    throw Object.assign(new Error(`pairing request failed: ${err}`), { status: 0 });
  }
  let body = {};
  try {
    body = await response.json();
  } catch {
    // handled below
  }
  if (!response.ok || typeof body.token !== "string" || !body.token) {
    throw Object.assign(new Error(`pairing refused (${response.status})`), { status: response.status });
  }
  saveToken(body.token);
  return body.token;
}
