"""A promise of an action that nothing in code performed this turn.

Asked to remind, to pass a word to the family, to call or to book, the 1.5B says it did, or will:
"好的，我记住了，明天早上八点提醒您吃药", "我已经告诉您女儿了", "正在为您拨打女儿的电话",
"我帮您预约了明天的门诊", "已经帮您设好闹钟了". Nothing happened: no reminder was stored,
nobody was told. To an elder that is a lie with consequences: she waits for a reminder that never
comes. A clause that makes such a promise in an answer the LLM wrote itself is replaced by the honest
sentence of its kind (:func:`instead_of_promise`: what was not done, and what she can do instead),
unless a tool of that kind ran this turn (the reply plan's ``grounded`` names it: the reminders tool
grounds ``"reminder"`` when it saved, listed, changed or cancelled one), or the conversation shows it done
(a reminder of that task saved in an earlier turn; the family alerted by an emergency answer).

What the assistant really does (``assistant/tools``, ``assistant/pipeline/selfhelp_answers.py``): it stores
reminders and says them at their time; it keeps what was said in this conversation only; it calls and
messages nobody, books and buys nothing; in an emergency (answered in code, never by the LLM) the family is
alerted. So the kinds (:func:`promise_kind`):

* ``reminder``: to remind her, wake her, set an alarm, or cancel a reminder ("到时候我会提醒您");
* ``remember``: to keep a thing for later, with no time to it ("我记住了，存折在衣柜里");
* ``message``: to tell, notify, message the family ("我会转告您儿子");
* ``call``: to phone someone ("我这就帮您打电话给儿子"); ``rescue``: to have sent for help ("已经帮您报警了");
* ``errand``: a booking, an order, a car, a payment ("已经帮您约好了").

Not promises: advice whose doer is someone else ("您可以让家人提醒您"), what she can say to get it done
("您说“每天八点提醒我吃药”，我就会到点提醒您"), a reminder offered as a question ("要不要我提醒您？"), "记住"
said to her ("记住要多喝水"), a caution given now ("提醒您一句"), the emergency alert ("有急事就跟我说，
我会告诉您的家人"), and calls in her own story ("孙子打电话说要回来").

Pure logic: no I/O, no model.
"""

from __future__ import annotations

import re
from collections.abc import Set

# what a tool of each kind grounds when it really acted this turn
GROUNDS = {"reminder": "reminder", "remember": "reminder", "message": "message", "call": "call",
           "rescue": "call", "errand": "errand"}
ACTIONS = frozenset(GROUNDS.values())  # the action categories a tool may ground (``ReplyPlan.grounded``)

_FAMILY = (r"(?:家人|家里人|家属|孩子们?|儿女|子女|儿子|女儿|闺女|孙子|孙女|外孙女?|老伴儿?|儿媳妇?|女婿"
           r"|老头子?|老太婆|爱人|大儿子|小儿子|大女儿|小女儿|亲人|他们|她|他)")
_ME = r"(?:(?<![给跟和对让叫找问帮替醒])我|帮您|帮你|替您|替你|为您|为你)"  # "给我打电话": not me doing it
_QUESTION = re.compile(r"[？?][”’\"')）]*$|[吗吧][。，]?$")
_CONDITION_ZH = re.compile(r"如果|要是|假如|万一|只要|的话|您说|你说|跟我说|告诉我|说一声|一说|想让我|需要我"
                           r"|[“‘「]")
_EMERGENCY_ZH = re.compile(r"急事|紧急|危险|摔|出事|不舒服得厉害|有事")
# someone else does it: the family, a phone, an alarm, or she herself ("您可以…")
_OTHER_DOER_ZH = re.compile(rf"(?:让|请|叫|找|托)(?:您的?)?{_FAMILY}|{_FAMILY}(?:会|来|可以|能)?(?:提醒|叫)"
                            r"|请(?:您|你)?(?:马上|赶紧|尽快|及时|立刻|立即|一定|先|也|多|记得)?$"
                            r"|(?<![帮替为给])(?:您|你)(?:已经|刚才|也|先|就)?$"
                            r"|闹钟|手机|您(?:可以|可|也可以|自己|最好|不妨|要|得|就)|你(?:可以|自己)|别人")
# "我没法替您通知家里人", "我还没有设上提醒": said not done
_NEGATED_ZH = re.compile(r"(?:没法|没办法|无法|不能|不会|做不到|不了|没有|还没|没|不|别)(?:再|也|先)?"
                         r"(?:帮您|帮你|替您|替你|给您|给你|为您|为你)?$")
_CLOCK_ZH = (r"(?:(?:[0-9]+|[零二两三四五六七八九十]+|十一|十二)点(?!儿)"  # an hour, but not "多喝一点"
             r"|一点(?=钟|半|整|[0-9零一二三四五六七八九十])"
             r"|(?:[0-9]+|[零一二两三四五六七八九十]+)(?:号|分钟|个?小时|个?钟头))")
# a time ahead, before the promise ("明天早上八点提醒您", "到时候我会提醒您")
_SOON_ZH = re.compile(r"会|到时候|到点|准时|按时|明天|后天|每天|每晚|每周|天天|以后|下次|待会|一会儿|等会"
                      rf"|到了|{_CLOCK_ZH}|周[一二三四五六日天末]|礼拜|星期|早上|中午|晚上|下午|上午|月底|月初")
# ... or after it ("我提醒您明天去银行"); other words after it are a caution now ("提醒您按时吃药")
_LATER_ZH = re.compile(rf"明天|后天|每天|每晚|到时候|到点|下周|礼拜|星期|周[一二三四五六日天末]|{_CLOCK_ZH}")

_REMIND_ZH = re.compile(
    r"(?:提醒)(?:您|你)(?!一下|一句|几句|注意|的是|[，,：:])"
    r"|(?:叫|喊)醒(?:您|你)|(?:叫|喊|催)(?:您|你)(?:一声|起床|起来|吃|喝|去|做|关|交|回|出门|下楼)"
    r"|(?:后|到点|到时候|准时|按时|就|时)我?(?:再|就|会)?(?:叫|喊)(?:您|你)"
    r"|(?:设|定|订|调)(?:好|了|上)了?(?:一个|个)?[^，。！？]{0,10}(?:闹钟|闹铃|提醒)"
    r"|(?:闹钟|闹铃|提醒)(?:已经|也|都)?(?:帮您|给您)?(?:设|定|订|调)(?:好|上)了?"
    r"|取消了[^，。！？]{0,10}提醒|提醒(?:已经|也)?(?:帮您)?取消了"
    r"|不会让(?:您|你)忘")
_REMEMBER_ZH = re.compile(
    rf"{_ME}(?:已经|都|会|一定|就|也|先)*(?:帮您|给您|替您)?(?:记住|记下|记好|记着|记上|记录|记在|写下|存好)"
    r"|我(?:会|一定|都)记得|(?<![您你要请得别])(?:记住|记下|记好|记录下来|记上)了"
    r"|(?<![您你他她])(?:忘不了|不会忘)")
_MESSAGE_ZH = re.compile(
    rf"(?:告诉|通知|转告|告知|联系|转达给?|捎话给|带话给|说一声给)了?(?:您|你)?的?{_FAMILY}"
    rf"|(?:跟|和|给|对)(?:您|你)?的?{_FAMILY}(?:说|讲|打个?招呼|带个?话|捎个?话)"
    rf"|{_ME}(?:会|这就|马上|已经|一定|也)*(?:帮您|替您|给您)?(?:转告|转达|捎个?话|带个?话)|(?:转告|转达)了"
    rf"|给(?:您|你)?的?{_FAMILY}(?:发|传|留)(?:了|过)?(?:个|条|一条)?(?:消息|信息|短信|微信|留言|语音)"
    rf"|(?:消息|信息|短信|微信|留言|祝福|话)(?:已经|也|都)?(?:帮您)?(?:发|传|转|带|捎)(?:给|过去|出去|到)"
    rf"|(?:发|传|转)(?:了|过去)?(?:消息|信息|短信|微信)?给(?:了)?(?:您|你)?的?{_FAMILY}"
    rf"|我(?:会|这就|马上|已经|现在)?(?:让|叫)(?:您|你)?的?{_FAMILY}"
    # arranging for the family to come ("我会帮你安排这个礼拜天带孙子回来吃饭"): only by telling them
    # or having them come, whoever the name heard ("我会让归你带孙子回来吃饭")
    rf"|{_ME}(?:会|这就|马上|已经|一定|也)*(?:帮您|替您|给您|帮你|替你|给你)?(?:安排(?:好|了)?|让|叫)[^，。！？]{{0,14}}"
    r"(?:回来|回家|过来|来看|见面|团聚|聚一聚|聚聚)")
_CALL_ZH = re.compile(
    rf"{_ME}(?:这就|马上|现在|已经|正在|会|先)*(?:帮您|给您|替您|为您)?"
    rf"(?:打电话|打个电话|拨打|拨通|拨了|打过去|打给|致电|呼叫|给[^，。！？]{{0,8}}打(?:个|了)?电话)"
    r"|正在(?:为您|帮您)?(?:拨打|拨号|呼叫|接通)|电话(?:已经)?(?:打通|拨通|打过去)了"
    # asking for the number, as if to dial it ("请告诉我孙子的电话号码": the shipped 1.5B, 2026-12-03)
    r"|请?(?:您|你)?(?:告诉我|说一下|说说|给我|报一下)[^，。！？]{0,10}(?:电话号码|手机号|电话)[。！？?]?$")
_RESCUE_ACT = (r"(?:报(?:火)?警|叫(?:一辆)?救护车|(?:叫|喊|请)医生|联系(?:医生|医院|物业|消防|警察|社区|邻居)"
               r"|打(?:120|110|119|一二零|幺二零|幺幺零|一一零|一一九|幺幺九))")
_RESCUE_ZH = re.compile(  # I do it, or it was done ("已经报了警")
    rf"{_ME}(?:已经|这就|马上|现在|正在|会|也|先)*(?:帮您|给您|替您|为您)?{_RESCUE_ACT}"
    r"|(?:报了(?:火)?警|叫了(?:一辆)?救护车|(?:叫|喊|请)了医生|联系了(?:医生|医院|物业|消防|警察|社区|邻居)"
    r"|打了(?:120|110|119|一二零|幺二零|幺幺零|一一零|一一九|幺幺九)|救护车(?:已经)?(?:叫|喊)(?:好|来)?了)")
_ERRAND_ZH = re.compile(
    r"(?:帮|给|替|为)(?:您|你)[^，。！？]{0,6}?(?:预约|预订|挂(?:了|好|上)?号|约(?:了|好)|订(?:了|好)|下(?:了)?单"
    r"|叫(?:了|好)?(?:一辆|辆|个)?(?:车|出租|的士)|买(?:了|好)|交(?:了|好)|缴(?:了|好)|付(?:了|好)|转(?:了)?账)"
    r"|(?:车|票|号|位子|座位|餐|菜|货)(?:已经|也|都)?(?:帮您)?(?:叫|订|约|挂|买|下单|点)(?:好|到)了"
    r"|已经(?:预约|约|订|挂|叫|买|下单|付款|缴费)(?:好)?了")

_REMIND_EN = re.compile(
    r"\bI(?:'ll| will|'m going to| am going to| shall)\s+(?:\w+\s+){0,2}?(?:remind|wake|nudge)\b"
    r"|\bI(?:'ve| have)\s+(?:already\s+)?(?:set|scheduled|added|cancelled|canceled)\s+(?:a|an|the|your)\s+"
    r"(?:\w+\s+)?(?:reminder|alarm)|\b(?:reminder|alarm)\s+(?:is|has been)\s+(?:set|scheduled)", re.I)
_REMEMBER_EN = re.compile(
    r"\bI(?:'ll| will)\s+(?:always\s+)?(?:remember|keep that in mind|keep it in mind)\b"
    r"|\bI(?:'ve| have)\s+(?:noted|saved|written|made a note|taken note|stored)|\bI won't forget\b"
    r"|\bnoted\b", re.I)
_FAMILY_EN = (r"(?:daughter|son|family|wife|husband|grandson|granddaughter|grandchildren|children|kids"
              r"|mom|mum|mother|dad|father|grandma|grandpa|granny|them|her|him)")
_MESSAGE_EN = re.compile(
    r"\bI(?:'ll| will|'ve| have|'m going to| am going to)?\s*(?:already\s+|just\s+)?(?:told|tell|let|notified"
    r"|notify|informed|inform|messaged|message|texted|text|sent|send|passed|pass|contacted|contact)\b"
    rf"[^.!?]{{0,24}}\b{_FAMILY_EN}\b", re.I)
_CALL_EN = re.compile(r"\bI(?:'m| am)\s+(?:now\s+)?(?:calling|dialing|phoning|ringing)\b"
                      r"|\bwhat(?:'s| is) (?:your|his|her|their) [\w' ]{0,24}number\b"
                      r"|\bI(?:'ll| will|'ve| have)\s+(?:already\s+)?(?:call|called|phone|phoned|dial|dialed"
                      r"|ring|rung)\b(?! it\b)", re.I)
_RESCUE_EN = re.compile(r"\b(?:ambulance|police|fire (?:brigade|department)|911|120|110|119|a doctor)\b",
                        re.I)
_ERRAND_EN = re.compile(
    r"\bI(?:'ve| have| will|'ll)\s+(?:already\s+|just\s+)?(?:booked|book|ordered|order|scheduled|schedule"
    r"|made an appointment|make an appointment|bought|buy|paid|pay|reserved|reserve)\b", re.I)
_CONDITION_EN = re.compile(r"\b(?:if|when|whenever|once|just say|say|tell me|ask me)\b|[\"“‘]", re.I)
_EMERGENCY_EN = re.compile(r"\b(?:emergency|wrong|fall|falls|urgent|danger)\b", re.I)
_OTHER_DOER_EN = re.compile(r"\byou (?:could|can|might|may|should)\b|\bask (?:your|a)\b|\bphone'?s?\b", re.I)
_HAN = re.compile(r"[\u4e00-\u9fff]")
# the emergency answer written in code (assistant.care.emergency.emergency_reply) earlier in this
# conversation: the family was alerted then, so a word that they are told is true
_ALERTED = re.compile(r"请(?:马上|现在就)拨打[^\n]{0,20}！[^\n]{0,80}?(?:我正在通知|我会告诉)(?:您的)?家人"
                      r"|\bcall\b[^\n]{0,60}(?:I'm telling|I will let) your family"
                      # words she left for them (assistant/pipeline/family_word.py)
                      r"|您的话我已经留给|I've left your message for", re.I)
# the reminders tool's own words when it saved one (assistant/tools/reminders.py), and a promise naming
# no task ("到时候我会提醒您的", "I'll remind you then")
_SAVED = re.compile(r"好的，[^。！？\n]{0,40}?提醒您([^。！？\n，]{1,20})。"
                    r"|OK, I'll remind you to ([^.\n]{1,40}?) (?:today|tomorrow|every|on|in)\b")
_NO_TASK = re.compile(r"(?:提醒|叫|喊)(?:您|你)[的了吧啊呀哦]*[。！，!,.]*$"
                      r"|\bremind you(?: then| on time)?[.!]?$", re.I)
_EMERGENCY_NOW = re.compile(r"一二零|120|急救|救护车|摔|胸口疼|喘不上气|\b(?:emergency|ambulance|fell)\b",
                            re.I)


def _negated(clause: str, match: re.Match[str]) -> bool:
    """Whether the promise ``match`` found is said not done: a negation just before it, or opening it
    after its doer ("我没法替您…": the match may begin at "替您")."""
    before = clause[: match.start()]
    doer = re.match(rf"{_ME}", match.group())
    if doer is not None:
        before += doer.group()
    return bool(_NEGATED_ZH.search(before.removesuffix("我")))


def _chinese_kind(clause: str, sentence: str, question: str) -> str | None:
    """The kind of promise the Chinese ``clause`` makes (``sentence``: it with what came before it)."""

    def ahead(at: int) -> str:  # the sentence before the match at ``at`` of the clause
        return sentence[: len(sentence) - len(clause) + at]

    def not_mine(match: re.Match[str]) -> bool:  # someone else does it, or it is said not done
        if _OTHER_DOER_ZH.search(clause[: match.start()]) or _negated(clause, match):
            return True
        # no doer in the clause: the one before it in the sentence ("您可以写在日历上，到时候就不会忘了")
        return not re.search(_ME, clause[: match.end()]) and bool(_OTHER_DOER_ZH.search(ahead(0)))

    for kind, pattern in (("rescue", _RESCUE_ZH), ("message", _MESSAGE_ZH), ("call", _CALL_ZH),
                          ("errand", _ERRAND_ZH)):
        match = pattern.search(clause)
        if match is None or not_mine(match):
            continue
        if kind == "message" and not (re.search(rf"{_ME}|已经|这就|马上|立刻|现在就", clause[: match.end()])
                                      or clause[match.end():].startswith("了")):
            continue  # "告诉女儿一声吧": what she may do
        if kind in ("message", "call") and _EMERGENCY_ZH.search(ahead(match.start())):
            continue  # "有急事就跟我说，我会告诉您的家人": the emergency alert, which is real
        if kind == "call" and _QUESTION.search(clause) is None and "我" not in clause \
                and not re.search(r"正在|为您|帮您|替您|已经", clause):
            continue
        return kind
    for kind, pattern in (("reminder", _REMIND_ZH), ("remember", _REMEMBER_ZH)):
        match = pattern.search(clause)
        if match is None or not_mine(match):
            continue
        if _QUESTION.search(clause) or _CONDITION_ZH.search(ahead(match.start())):
            return None  # "要不要我提醒您？", "您说“…”，我就会到点提醒您": a real ability offered
        if kind == "reminder" and match.group().startswith("提醒") and not (
                _SOON_ZH.search(clause[: match.start()]) or _LATER_ZH.search(clause[match.end():])):
            continue  # "我想提醒您注意安全", "提醒您多喝一点水": a caution now
        about_time = _SOON_ZH.search(question) or re.search(r"提醒|闹钟|叫我|喊我|别忘|忘了", question)
        return "reminder" if kind == "reminder" or about_time else "remember"
    return None


def _english_kind(clause: str, sentence: str) -> str | None:
    """The kind of promise the English ``clause`` makes."""
    before = sentence[: len(sentence) - len(clause)]
    for kind, pattern in (("message", _MESSAGE_EN), ("call", _CALL_EN), ("errand", _ERRAND_EN),
                          ("reminder", _REMIND_EN), ("remember", _REMEMBER_EN)):
        match = pattern.search(clause)
        if match is None or _OTHER_DOER_EN.search(clause[: match.start()]):
            continue
        ahead = before + clause[: match.start()]
        if kind in ("message", "call") and _EMERGENCY_EN.search(ahead):
            return None  # "If something is wrong, tell me and I will let your family know"
        if kind in ("reminder", "remember") and (_CONDITION_EN.search(ahead) or _QUESTION.search(clause)):
            return None  # "Just say \"remind me at eight\" and I'll remind you then"
        if kind == "call" and _RESCUE_EN.search(clause):
            return "rescue"
        return kind
    return None


def promise_kind(clause: str, *, context: str = "", question: str = "") -> str | None:
    """The kind of action ``clause`` promises or says was done ("reminder", "remember", "message", "call",
    "rescue", "errand"), or None; ``context``: the sentence so far, ``question``: the user's words."""
    sentence = context + clause
    if _HAN.search(clause):
        return _chinese_kind(clause, sentence, question)
    return _english_kind(clause, sentence)


def _reminded_before(clause: str, told: str) -> bool:
    """Whether a reminder the reminders tool saved earlier in the conversation (its "好的，…提醒您…。")
    is the one ``clause`` promises: it names that task, or none ("不客气，到时候我会提醒您的")."""
    tasks = [m.group(1) or m.group(2) for m in _SAVED.finditer(told)]
    if not tasks:
        return False
    if any(task.strip()[:2].lower() in clause.lower() for task in tasks):
        return True
    return bool(_NO_TASK.search(clause))


def broken_promise(clause: str, *, context: str = "", question: str = "", grounded: Set[str] = frozenset(),
                   told: str = "") -> str | None:
    """The kind of a promise in ``clause`` that no tool of this turn kept (not in ``grounded``), or None;
    ``told``: the conversation, where an emergency answer means the family was alerted, and a reminder
    saved earlier keeps a promise to remind of it."""
    kind = promise_kind(clause, context=context, question=question)
    if kind == "message" and _ALERTED.search(told):
        return None
    if kind == "reminder" and _reminded_before(clause, told):
        return None
    return kind if kind is not None and GROUNDS[kind] not in grounded else None


_INSTEAD_ZH = {
    "reminder": "我还没有设上提醒。您说一声“几点提醒我做什么”，我就记下来。",
    "remember": "这件事我记不长久，聊完就忘了。要紧的事，您写在纸上，或者您自己跟家里人说一声。",
    "message": "我还没有替您给家里人捎话。您说“帮我告诉某某”，后面跟上要说的话，我就留给他们。",
    "message_urgent": "我没法替您通知家里人。情况紧急，请先拨打一二零，再给家里人打个电话。",
    "call": "我打不了电话，您用手机自己打一下吧。",
    "rescue": "我打不了电话，也叫不来人。情况紧急，请您马上拨打一二零，或者喊邻居帮忙。",
    "errand": "这个我做不了：我不能预约挂号、叫车、买东西，也不能付钱。您可以请家里人帮忙。",
}
_INSTEAD_EN = {
    "reminder": "I haven't set a reminder yet. Say \"remind me at eight to take my pills\", "
                "and I'll save it.",
    "remember": "I can't keep this for later; I forget it once we finish talking. Please write it down, "
                "or tell your family.",
    "message": "I haven't passed anything on to your family yet. Say \"tell my son\" and then the words, "
               "and I'll leave them the message.",
    "message_urgent": "I can't tell your family myself. If it's urgent, call 120 first, "
                      "then call your family.",
    "call": "I can't make phone calls. Please call from your phone.",
    "rescue": "I can't make calls or send for help. If it's urgent, call 120 right away, or ask a neighbour "
              "for help.",
    "errand": "I can't do that: I can't book appointments, call a car, buy things or pay. "
              "Please ask your family to help.",
}


def instead_of_promise(kind: str, language: str, *, around: str = "", before: str = "") -> str:
    """The honest sentence instead of a broken promise of ``kind``: what was not done, and what she can do.
    ``around`` (the question and the answer so far) decides two: a word to the family in an emergency says
    to call 120 first, and a rescue by fire says 119 first. After a bare yes already spoken (``before``:
    "好的，") it begins with "不过" ("But"), not as if the yes were not said."""
    said = _instead(kind, language, around)
    if _YES.fullmatch(before.strip()):
        if language != "en":
            return "不过" + said
        return "but " + (said if said[:2] in ("I ", "I'") else said[0].lower() + said[1:])
    return said


_YES = re.compile(r"(?:好的?|好嘞|好吧|嗯+|行|可以|没问题|当然(?:可以)?|ok(?:ay)?|sure|of course|all right)"
                  r"[，,。！!]?", re.I)


def _instead(kind: str, language: str, around: str) -> str:
    if kind == "message" and _EMERGENCY_NOW.search(around):
        kind = "message_urgent"
    said = (_INSTEAD_EN if language == "en" else _INSTEAD_ZH)[kind]
    if kind == "rescue" and re.search(r"火|fire", around, re.I):
        said = said.replace("拨打一二零", "拨打一一九，有人受伤打一二零")
        said = said.replace("call 120", "call 119 (120 for the injured)")
    return said
