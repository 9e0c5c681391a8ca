// UI strings in Simplified Chinese (default) and English.
// The chosen language is kept in localStorage and also sent to the server in `hello`.

const STORAGE_KEY = "assistant.lang";

const STRINGS = {
  zh: {
    title: "语音小助手",
    langToggle: "English / 中文",
    langToggleLabel: "切换到英文界面",
    you: "我",
    assistant: "助手",
    tip: "提示",
    notConnected: "还没有连上，请稍等一下再试。",
    statusConnecting: "正在连接…",
    statusReconnecting: "连接断开，正在重连…",
    statusIdle: "请按下面的大按钮",
    statusListening: "正在听…",
    statusThinking: "正在想…",
    statusSpeaking: "正在说…",
    statusUnpaired: "这个设备还没有配对",
    statusPairing: "正在配对…",
    talkStart: "点我说话",
    talkStartHint: "点一下：开始通话\n按住不放：说完松开",
    talkHold: "松开发送",
    talkHoldHint: "说完请松开手指",
    talkEnd: "挂断",
    talkEndHint: "正在通话，点一下结束",
    stop: "停止播放",
    photo: "拍照提问",
    send: "发送",
    typeLabel: "打字提问",
    typePlaceholder: "也可以在这里打字…",
    photoSent: "照片",
    photoAskHint: "照片已发送。请说出您的问题，比如“这是什么？”",
    photoFailed: "照片处理失败，请再拍一次",
    privacyNote: "家人能看对话，说“别告诉家人”可隐藏",
    unpairedHelp:
      "请家人在手机的“家人版”里点“配对手机”（或在电脑上运行“assistant pair”），然后用这部手机扫描屏幕上的二维码。扫码后会自动完成配对。",
    pairFailed: "配对失败，二维码可能已经过期。请家人重新生成二维码再扫一次。",
    micDenied: "没有麦克风权限。请在浏览器设置里允许使用麦克风，然后刷新页面。",
    micUnavailable: "这个页面不能使用麦克风（需要 https 安全连接）。",
    micFailed: "麦克风打不开，请稍后再试。",
    errorGeneric: "抱歉，出了点问题，请再试一次。",
    welcome: "您好！有什么可以帮您？",
  },
  en: {
    title: "Voice Helper",
    langToggle: "English / 中文",
    langToggleLabel: "Switch to Chinese",
    you: "Me",
    assistant: "Helper",
    tip: "Note",
    notConnected: "Not connected yet. Please wait a moment and try again.",
    statusConnecting: "Connecting…",
    statusReconnecting: "Connection lost, reconnecting…",
    statusIdle: "Press the big button below",
    statusListening: "Listening…",
    statusThinking: "Thinking…",
    statusSpeaking: "Speaking…",
    statusUnpaired: "This device is not paired yet",
    statusPairing: "Pairing…",
    talkStart: "Talk",
    talkStartHint: "Tap: start a call\nHold: talk, then let go",
    talkHold: "Let go to send",
    talkHoldHint: "Lift your finger when you are done",
    talkEnd: "End call",
    talkEndHint: "In a call. Tap to end it",
    stop: "Stop speaking",
    photo: "Photo question",
    send: "Send",
    typeLabel: "Type a question",
    typePlaceholder: "Or type here…",
    photoSent: "Photo",
    photoAskHint: "Photo sent. Now say your question, e.g. “What is this?”",
    photoFailed: "Could not use that photo, please try again",
    privacyNote: "Family can read these chats; say “don't tell my family” to hide one.",
    unpairedHelp:
      "Ask a family member to tap “Pair a phone” in the family view (or run “assistant pair” on the computer), then scan the QR code on their screen with this phone. The link pairs this phone automatically.",
    pairFailed: "Pairing failed; the QR code may have expired. Ask for a new QR code and scan it again.",
    micDenied: "No microphone permission. Allow the microphone in the browser settings, then reload the page.",
    micUnavailable: "This page cannot use the microphone (it needs a secure https connection).",
    micFailed: "The microphone could not be opened. Please try again later.",
    errorGeneric: "Sorry, something went wrong. Please try again.",
    welcome: "Hello! How can I help you?",
  },
};

let current = loadLanguage();

function loadLanguage() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === "en" || saved === "zh") return saved;
  } catch {
    // localStorage can be unavailable (private mode); fall back to Chinese.
  }
  return "zh";
}

/** The current UI language: "zh" or "en". */
export function language() {
  return current;
}

/** Switch the UI language and remember it. */
export function setLanguage(lang) {
  current = lang === "en" ? "en" : "zh";
  try {
    localStorage.setItem(STORAGE_KEY, current);
  } catch {
    // Not remembered; still applied for this page.
  }
  document.documentElement.lang = current === "zh" ? "zh-CN" : "en";
}

/** The string for `key` in the current language (the key itself if missing). */
export function t(key) {
  return STRINGS[current][key] ?? STRINGS.zh[key] ?? key;
}

/** Fill every element that has data-i18n / data-i18n-placeholder / data-i18n-label. */
export function applyTranslations(root = document) {
  for (const el of root.querySelectorAll("[data-i18n]")) {
    el.textContent = t(el.dataset.i18n);
  }
  for (const el of root.querySelectorAll("[data-i18n-placeholder]")) {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  }
  for (const el of root.querySelectorAll("[data-i18n-label]")) {
    el.setAttribute("aria-label", t(el.dataset.i18nLabel));
  }
  document.title = t("title");
}
