// Phone features that are nice to have and never required: screen wake lock, vibration,
// the service worker.

let wakeLock = null; // a Promise<WakeLockSentinel | null> while held or being requested

/** Keep the screen on during a call: a locked phone would cut the microphone off. */
export function keepScreenOn(on) {
  if (on && !wakeLock && navigator.wakeLock && document.visibilityState === "visible") {
    const request = navigator.wakeLock.request("screen").catch(() => null);
    wakeLock = request;
    request.then((lock) => {
      // The browser drops the lock when the page is hidden; refresh() asks again when visible.
      if (lock) lock.addEventListener("release", () => wakeLock === request && (wakeLock = null));
      else if (wakeLock === request) wakeLock = null;
    });
  } else if (!on && wakeLock) {
    wakeLock.then((lock) => lock && lock.release()).catch(() => {});
    wakeLock = null;
  }
}

/** A short buzz as a tactile "got it" (ignored where unsupported). */
export function buzz(ms = 30) {
  if (navigator.vibrate) navigator.vibrate(ms);
}

/** Cache the app shell (sw.js). Service workers need a secure page (https or localhost). */
export function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register("sw.js").catch((err) => console.warn("service worker", err));
}
