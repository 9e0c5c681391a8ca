// The family view's texts, Simplified Chinese first, and how API refusals read to a person.

const TEXT = {
  zh: {
    title: "家人版",
    langToggle: "English",
    tabTalks: "对话",
    tabNotes: "留言",
    tabElders: "老人",
    tabDevices: "设备",
    noElders: "还没有添加老人。先添加一位，再用他的手机扫码配对。",
    addElder: "添加老人",
    editElder: "修改资料",
    elder: "老人",
    day: "日期",
    search: "搜索",
    searchPlaceholder: "搜索对话…",
    refresh: "刷新",
    summary: "写这一天的小结",
    summaryWriting: "正在写小结，请稍等…",
    summaryOf: (day) => `${day} 小结：`,
    noTurns: "这一天还没有对话。",
    noMatches: "没有找到相关的对话。",
    asked: "问",
    answered: "答",
    cutHeard: "说到一半被打断，老人听到的是：",
    photo: "照片提问",
    phone: "电话",
    hiddenTurn: "（已隐藏）这里有一段对话，老人不想让家人看到。",
    noteTo: "留言给",
    noteText: "留言内容（下次老人和助手说话时念给他听）",
    noteSend: "发送留言",
    noteSent: "留言已保存，老人下次说话时会听到。",
    noteWaiting: "还没送达",
    noteDelivered: "已送达",
    fName: "名字",
    fAddress: "怎么称呼（如“王奶奶”）",
    fCity: "城市（查天气用）",
    fLanguage: "语言",
    fSpeed: "说话速度",
    fVolume: "音量",
    fPhones: "电话号码（用逗号分开）",
    fWords: "要认识的词：家人名字、药名、地名",
    fRelation: "是老人的谁（如“女儿”）",
    slow: "慢一点",
    normal: "正常",
    fast: "快一点",
    loud: "大声",
    louder: "最大声",
    save: "保存",
    saved: "已保存。",
    cancel: "取消",
    pairPhone: "配对手机",
    linkTitleElder: (name) => `给${name}的手机配对`,
    linkTitleFamily: (name) => `邀请${name}`,
    linkHelp: "用那部手机的相机扫这个二维码，或者在那部手机上打开下面的链接。10 分钟内有效，只能用一次。",
    code: "配对码",
    done: "完成",
    inviteTitle: "邀请其他家人",
    invite: "生成邀请二维码",
    revoke: "取消配对",
    revokeConfirm: (name) => `确定取消“${name}”的配对吗？这部手机马上就不能用了。`,
    revoked: "已取消配对",
    active: "正在使用",
    thisPhone: "（这部手机）",
    roleElder: "老人",
    roleFamily: "家人",
    owner: "管理员",
    lastSeen: "最近使用",
    network: "连不上服务器，请检查网络后再试。",
    unpaired: "这部手机还没有配对，或者已被取消配对。请让管理员重新发一个二维码。",
    fields: { name: "名字", text: "留言内容", elder_id: "老人", city: "城市", address: "称呼", phones: "电话号码",
              words: "要认识的词", speed: "说话速度", volume: "音量", relation: "关系", day: "日期", q: "搜索" },
    errors: {
      missing_field: (f) => `请填写${f}。`,
      too_long: (f) => `${f}太长了，请写短一点。`,
      bad_field: (f) => `${f}填得不对，请检查一下。`,
      bad_request: (f) => `${f}填得不对，请检查一下。`,
      phone_taken: () => "这个电话号码已经属于另一位老人。",
      unknown_elder: () => "找不到这位老人。",
      unknown_device: () => "找不到这个设备。",
      too_many_requests: () => "二维码生成得太频繁了，请过几分钟再试。",
      too_large: () => "内容太长了。",
      family_only: () => "只有家人的手机能打开家人版。",
      owner_only: () => "只有管理员能邀请家人。",
      revoked: () => "这部手机已被取消配对。",
      starting: () => "助手还在启动，请过一分钟再试。",
      llm_error: () => "小结没写成，请稍后再试。",
    },
  },
  en: {
    title: "Family",
    langToggle: "中文",
    tabTalks: "Chats",
    tabNotes: "Notes",
    tabElders: "Elders",
    tabDevices: "Phones",
    noElders: "No elder yet. Add one, then pair their phone with the QR code.",
    addElder: "Add an elder",
    editElder: "Edit",
    elder: "Elder",
    day: "Day",
    search: "Search",
    searchPlaceholder: "Search chats…",
    refresh: "Refresh",
    summary: "Summarise this day",
    summaryWriting: "Writing the summary…",
    summaryOf: (day) => `${day}: `,
    noTurns: "No conversation on this day yet.",
    noMatches: "Nothing found.",
    asked: "Q",
    answered: "A",
    cutHeard: "Interrupted; they heard:",
    photo: "Photo question",
    phone: "Phone",
    hiddenTurn: "(Hidden) Something was said here that they asked to keep private.",
    noteTo: "Note for",
    noteText: "Your note (read to them the next time they talk to the assistant)",
    noteSend: "Send note",
    noteSent: "Saved: they will hear it next time they talk.",
    noteWaiting: "Not delivered yet",
    noteDelivered: "Delivered",
    fName: "Name",
    fAddress: "How to address them (e.g. Grandma Wang)",
    fCity: "City (for the weather)",
    fLanguage: "Language",
    fSpeed: "Speaking speed",
    fVolume: "Volume",
    fPhones: "Phone numbers (comma separated)",
    fWords: "Words to recognise: names, medicines, places",
    fRelation: "Relation to the elder (e.g. daughter)",
    slow: "Slower",
    normal: "Normal",
    fast: "Faster",
    loud: "Loud",
    louder: "Loudest",
    save: "Save",
    saved: "Saved.",
    cancel: "Cancel",
    pairPhone: "Pair a phone",
    linkTitleElder: (name) => `Pair ${name}'s phone`,
    linkTitleFamily: (name) => `Invite ${name}`,
    linkHelp: "Scan this QR code with the other phone's camera, or open the link on it. Valid 10 minutes, once.",
    code: "Code",
    done: "Done",
    inviteTitle: "Invite family",
    invite: "Make an invite QR code",
    revoke: "Unpair",
    revokeConfirm: (name) => `Unpair "${name}"? It stops working at once.`,
    revoked: "Unpaired",
    active: "In use",
    thisPhone: " (this phone)",
    roleElder: "Elder",
    roleFamily: "Family",
    owner: "Owner",
    lastSeen: "Last used",
    network: "Cannot reach the server. Check the network and try again.",
    unpaired: "This phone is not paired, or was unpaired. Ask the owner for a new QR code.",
    fields: { name: "the name", text: "the note", elder_id: "the elder", city: "the city", address: "the form of address",
              phones: "the phone numbers", words: "the words", speed: "the speed", volume: "the volume",
              relation: "the relation", day: "the day", q: "the search" },
    errors: {
      missing_field: (f) => `Please fill in ${f}.`,
      too_long: (f) => `${f} is too long.`,
      bad_field: (f) => `Please check ${f}.`,
      bad_request: (f) => `Please check ${f}.`,
      phone_taken: () => "That phone number already belongs to another elder.",
      unknown_elder: () => "That elder was not found.",
      unknown_device: () => "That phone was not found.",
      too_many_requests: () => "Too many QR codes; wait a few minutes.",
      too_large: () => "That is too long.",
      family_only: () => "Only a family member's phone can open this.",
      owner_only: () => "Only the owner can invite family.",
      revoked: () => "This phone was unpaired.",
      starting: () => "The assistant is starting; try again in a minute.",
      llm_error: () => "The summary could not be written; try again later.",
    },
  },
};

const LANG_KEY = "assistant.lang";

export function lang() {
  try {
    return localStorage.getItem(LANG_KEY) === "en" ? "en" : "zh";
  } catch {
    return "zh";
  }
}

export function setLang(value) {
  try {
    localStorage.setItem(LANG_KEY, value);
  } catch {
    // the choice only lasts for this page
  }
}

/** A text by key; functions are called with `args`. */
export function t(key, ...args) {
  const value = TEXT[lang()][key] ?? TEXT.zh[key] ?? key;
  return typeof value === "function" ? value(...args) : value;
}

/** A refusal from the API (or the network) as a sentence for a person. */
export function errorText(err) {
  if (!err || err.status === 0) return t("network");
  if (err.status === 401) return t("unpaired");
  const texts = TEXT[lang()];
  const key = (err.message || "").split(/[\s:]/)[0]; // the API's messages start with the field's name
  const field = texts.fields[key] || texts.fields.name;
  const make = texts.errors[err.code];
  return make ? make(field) : err.message || t("network");
}
