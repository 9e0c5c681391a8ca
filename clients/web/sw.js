// Service worker: caches the app shell so the page opens quickly (and shows "reconnecting" when
// the server is away). Network first, so an updated app is picked up on the next load.
// Only the files below are handled: the websocket (/ws), /api/ and everything else go straight
// to the network.

const CACHE = "assistant-shell-v4";
const SHELL = [
  "./",
  "index.html",
  "style.css",
  "app.js",
  "audio-in.js",
  "audio-out.js",
  "care.js",
  "connection.js",
  "debug.js",
  "device.js",
  "i18n.js",
  "pairing.js",
  "photo.js",
  "ui.js",
  "role.js",
  "family.html",
  "family.css",
  "family.js",
  "family-text.js",
  "family-care.js",
  "family-api.js",
  "family-voice.js",
  "mic-worklet.js",
  "player-worklet.js",
  "manifest.webmanifest",
  "icon-192.png",
  "icon-512.png",
];
const SHELL_URLS = new Set(SHELL.map((path) => new URL(path, self.registration.scope).href));

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  url.search = ""; // "/?source=pwa" is still the shell; "#pair=" never reaches here
  if (!SHELL_URLS.has(url.href)) return; // not ours: /ws, /api/…, anything else
  event.respondWith(networkFirst(request, url.href));
});

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(key, response.clone());
    return response;
  } catch (err) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw err;
  }
}

// A reminder's notification (care.js): a tap brings the app to the front, where its button waits.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).pathname.endsWith("/") || w.url.includes("index.html"));
      return open ? open.focus() : self.clients.openWindow("./");
    }),
  );
});
