"""The words of :mod:`assistant.pipeline.selfhelp`: what the assistant says about itself, true of this
product (see that module's docstring for where each fact is made true). Pure data and one function."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.care.emergency import EmergencyAdvice, spoken_digits


@dataclass(frozen=True, slots=True, kw_only=True)
class Setup:
    """What the answers depend on, read from the settings at the turn."""

    tools: bool = True  # the clock, weather, reminders and sums (``tools.enabled``)
    offer_call: bool = False  # in an emergency a phone line can call the family (Twilio + family_phone)
    family_phone: str = ""  # ``alerts.family_phone``: said to the elder in an emergency

    @classmethod
    def of(cls, *, tools: bool, advice: EmergencyAdvice | None) -> Setup:
        advice = advice or EmergencyAdvice()
        return cls(tools=tools, offer_call=advice.offer_call, family_phone=advice.family_phone)


ZH = {
    "abilities": "我能陪您聊天、回答问题{tools}。"
                 "您拍张照片给我，我能认东西、念上面的字。有急事就跟我说，我会告诉您的家人。",
    "howto_reminder": "直接跟我说就行，比如“明天早上八点提醒我吃降压药”，"
                      "或者“每天晚上九点提醒我泡脚”。到时候我会提醒您。"
                      "想知道有哪些提醒，就问“我有哪些提醒”。",
    "howto_weather": "直接问我就行，比如“明天北京天气怎么样”，或者“今天会下雨吗”。",
    "howto_photo": "在手机上点“拍照提问”，拍好以后说出您想问的，"
                   "比如“这是什么？”或者“帮我念一下”。打电话的时候看不了照片。",
    "call": "我打不了电话，也发不了消息。{call}",
    "errand": "这个我做不了：我不能点外卖、叫车、买东西，也不能付钱。您可以请家里人帮忙。",
    "cost": "跟我说话，我不会向您收钱，也不会让您付款。"
            "要是有人说是我、让您交钱，千万别信，先问问家里人。"
            "打电话的话费、手机流量，您问问家里人。",
    "who": "我是小助手，一个语音助手，陪您聊天、帮您查时间和天气、记提醒。我是电脑程序，不是真人。",
    "dialect": "我只会说普通话和英语，上海话、广东话这些方言我说不来。"
               "您用家乡话说，我尽量听，听不清会再问您。",
    "human": "我不是真人，我是小助手，是电脑程序在回答您。"
             "我说的不一定都对，要紧的事还是问问家里人或者医生。",
    "listening": "您点了“点我说话”，或者给我打电话的时候，我才在听；"
                 "点“挂断”或者挂了电话，我就不听了。我听到的话会记下来，家里人能看到。",
    "family_sees": "您跟我说的话都会记下来。家里人在他们的手机上能看到我们的聊天记录、"
                   "您拍给我看的照片、每天的小结，还有您的提醒有没有答应。"
                   "不想让他们看到哪句，就说“这句话别告诉家人”。",
    "volume": "我自己调不了声音。想让我停下，直接开口说话，或者点屏幕上的“停止播放”；"
              "嫌大嫌小，按手机侧面的音量键调一调。",
    "delete": "您跟我说的话都会记下来，我自己删不掉。不想让家里人看到哪句，就说“这句话别告诉家人”，"
              "那一句他们就看不到了。",
    "hide": "说“这句话别告诉家人”，这一句家里人就看不到；单独说这句，刚才那句也藏起来。"
            "家里人只知道那时候说过话，看不到说了什么。"
            "不过遇到急事，比如摔倒了，我还是会告诉家人。",
    "interrupt": "我说话的时候，您直接开口说，我就会停下来听您的。"
                 "也可以点屏幕上的“停止播放”；打电话的时候按星号键。",
    "howto_repeat": "您说“再说一遍”，我就把刚才的话慢一点再说一遍。打电话的时候按零也行。",
}
EN = {
    "abilities": "I can chat with you and answer questions{tools}. Send me a photo and I can tell "
                 "you what it is or read the words on it. If something is wrong, tell me and I will "
                 "let your family know.",
    "howto_reminder": "Just tell me, for example \"Remind me to take my pills at 8 tomorrow morning\" "
                      "or \"Remind me to soak my feet every evening at 9\". I will remind you when it is "
                      "time. Ask \"What reminders do I have?\" to hear them.",
    "howto_weather": "Just ask me, for example \"What's the weather in Beijing tomorrow?\" "
                     "or \"Will it rain today?\"",
    "howto_photo": "Tap \"Photo question\" on your phone, take the photo, then say your question, "
                   "like \"What is this?\" or \"Read this to me\". I can't see photos on a phone call.",
    "call": "I can't make phone calls or send messages.{call}",
    "errand": "I can't do that: I can't order food, call a taxi, buy things or pay for anything. "
              "Please ask your family to help.",
    "cost": "I never charge you anything, and I never ask you to pay. If someone says they are me "
            "and asks for money, don't believe them; ask your family first. "
            "For phone or data bills, ask your family.",
    "dialect": "I only speak Mandarin and English. You can talk to me in your dialect and I'll do my best "
               "to follow, and ask again if I don't catch it.",
    "who": "I'm your voice helper: a computer program that chats with you and helps with the time, the "
           "weather and reminders.",
    "human": "No, I'm not a real person. I'm your voice helper, a computer program. I can be wrong, "
             "so for anything important ask your family or a doctor.",
    "listening": "I only listen after you tap \"Talk\" or while you are on a call with me; when you "
                 "tap \"End call\" or hang up, I stop. What I hear is written down, and your family "
                 "can see it.",
    "family_sees": "What you say to me is written down. Your family can see our conversations on "
                   "their phones, the photos you showed me, a daily summary, and whether you "
                   "answered your reminders. To keep something from them, say \"don't tell my family\".",
    "volume": "I can't change the sound myself. To stop me, just start talking or tap \"Stop speaking\"; "
              "to make me louder or quieter, press the volume buttons on the side of your phone.",
    "delete": "What you say to me is written down, and I can't delete it myself. To keep something from "
              "your family, say \"don't tell my family\" and they won't see that conversation.",
    "hide": "Say \"don't tell my family\" and they won't see that conversation; said on its own, it "
            "hides the one before too. Your family only sees that something was said then, not "
            "what. But in an emergency, like a fall, I will still tell your family.",
    "interrupt": "While I'm talking, just start speaking and I will stop and listen. You can also "
                 "tap \"Stop speaking\", or press star on a phone call.",
    "howto_repeat": "Say \"say that again\" and I will repeat my last answer more slowly. "
                    "On a phone call you can also press 0.",
}
_TOOLS = {"zh": "，告诉您日期，查天气，到点提醒您，还能算账",
          "en": ", tell you the date, check the weather, remind you of things, and do sums"}
_NO_TOOL = {  # the clock, weather and reminder tools are off (``tools.enabled = false``)
    "howto_reminder": {"zh": "这台机器上我记不了提醒，请家里人在他们的手机上帮您设。",
                       "en": "I can't keep reminders on this setup; "
                             "please ask your family to set them on their phone."},
    "howto_weather": {"zh": "这台机器上我查不了天气，您可以看看电视或者手机上的天气预报。",
                      "en": "I can't look up the weather on this setup; "
                            "please check the TV or your phone."},
}


def _call_tail(language: str, setup: Setup) -> str:
    """What the elder can do instead of asking the assistant to call: the emergency line, as set up."""
    if setup.offer_call:
        if language == "en":
            return " If something is wrong, like a fall, tell me and I will offer to call your family."
        return "要是遇到急事，比如摔倒了，跟我说，我会问您要不要马上给家里人打电话。"
    if setup.family_phone:
        if language == "en":
            return f" Your family's number is {' '.join(setup.family_phone)}; you can call it yourself."
        return f"您家里人的电话是{spoken_digits(setup.family_phone)}，您可以用手机直接打。"
    if language == "en":
        return " If something is wrong, tell me and I will let your family know."
    return "要是遇到急事，跟我说，我会告诉您的家人。"


def answer(name: str, language: str, setup: Setup | None = None) -> str:
    """The spoken answer to a question of topic ``name`` in ``language`` ("zh" or "en")."""
    setup = setup or Setup()
    lang = "en" if language == "en" else "zh"
    if not setup.tools and name in _NO_TOOL:
        return _NO_TOOL[name][lang]
    text = (EN if lang == "en" else ZH)[name]
    return text.format(tools=_TOOLS[lang] if setup.tools else "", call=_call_tail(lang, setup))
