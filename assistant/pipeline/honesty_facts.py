"""More kinds of claim the assistant cannot know, beside those of :mod:`assistant.pipeline.honesty_claims`:
a train's or a flight's time or delay, a shop's or a clinic's hours today, the user's own health readings
nobody gave, a count of days to a festival, and a policy or a rise announced lately. One more is advice,
not a fact: to borrow (a loan, 分期, a credit card, 网贷, the house mortgaged) for a spending nobody asked a
loan for (discovery 11: "孙女说要报补习班，一个月三千块，值不值？" got "可以考虑分期付款或者申请贷款"); it is
never grounded.

Each test takes the clause, the sentence so far (``context``) and the question, and is False for a hedge,
a question, generic knowledge ("医院一般八点开门", "正常血压在140/90以下") and a figure the user gave
("您刚才说血压是一百五"). No tool of this assistant knows timetables, opening hours or readings, so only
a client's own tool (or a photo) grounds them; a countdown is grounded by the clock tool ("date").

Pure logic: no I/O, no model.
"""

from __future__ import annotations

import re
from collections.abc import Set

from assistant.pipeline.honesty_claims import NUM, is_hedged
from assistant.pipeline.honesty_code import code_claim
from assistant.pipeline.honesty_live import HONEST_LIVE_EN, HONEST_LIVE_ZH, live_violation
from assistant.pipeline.honesty_today import HONEST_TODAY_EN, HONEST_TODAY_ZH, today_violation

_CN = "零〇一二两三四五六七八九十百千万"
# a reading's figure: 135/85, 七点二, 一百三十五, 七个小时; not "有点高" or "高了一点"
_FIGURE = (rf"(\d[\d./／]*|[{_CN}]+点[{_CN}]+|[{_CN}]{{2,}}|[{_CN}]+个?(小时|公斤|斤|步|次|度))")
_FIGURE_EN = r"(\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b)"
_GENERIC = re.compile(r"一般|通常|往往|大多|多半|正常(?!了)|最好|应该|建议|每年|平时|可以|记得|提前|就行|就好"
                      r"|\b(usually|generally|normally|typically|should|every|can|could)\b", re.I)
# a threshold in advice ("体温超过38.5度就要吃药", "血压控制在140以下"), not a reading
_THRESHOLD = re.compile(r"超过|高于|低于|以上|以下|不到|达到|控制在|保持在|到了"
                        r"|\b(above|below|under|more than|less than|higher than|lower than|keep)\b", re.I)
_DAY_NAMED = re.compile(r"今天|今日|今儿|今早|今晚|今夜|明天|明早|明晚|后天|昨天|昨晚|前天|这几天"
                        r"|现在|目前|眼下|刚才|刚刚"
                        r"|\b(today|tonight|tomorrow|yesterday|last night|right now|now)\b", re.I)
_CLOCK_TIME = re.compile(rf"{NUM}点(半|{NUM}分?|一刻|整)?|\b\d{{1,2}}(:\d{{2}})?\s*(a\.?m\.?|p\.?m\.?)"
                         r"|\b\d{1,2}:\d{2}\b|\bat (noon|midnight|\d|one|two|three|four|five|six|seven"
                         r"|eight|nine|ten|eleven|twelve)\b", re.I)
# the user's own words: "您刚才说血压是一百五", "you said", "按您说的"
_ATTRIBUTED = re.compile(r"(您|你)[^，。；]{0,4}(说|讲|提到|告诉我|量的|测的)|按您说的"
                         r"|\byou (said|told|mentioned)\b", re.I)

_TRANSPORT = re.compile(r"高铁|火车|动车|列车|航班|飞机|班机|地铁|公交|班车|大巴|长途车|客车|轮船|车次"
                        r"|\b(train|flight|plane|bus|coach|ferry)\b", re.I)
_TRANSPORT_STATUS = re.compile(r"晚点|延误|误点|停运|停飞|停开|停航|取消了|准点|正点|按时|准时"
                               # a trip done or begun ("已经落地了", "刚起飞")
                               r"|(?:已经|刚刚?|早就)[^，。]{0,3}(?:落地|降落|到站|到达|抵达|起飞|出发|开走|进站)"
                               r"|(?:落地|降落|到站|抵达|起飞)了"
                               r"|\b(delayed|cancell?ed|on time|running late)\b", re.I)
_DEPARTS = re.compile(r"发车|开车|出发|起飞|到达|到站|降落|抵达|进站|检票|开出|落地"
                      r"|\b(leaves|departs|arrives|lands|takes off|boards)\b", re.I)

# a bus or a train on its way: "还需要5到10分钟到", "还有两站就到了", "下午3点10分到" (held-out set 39)
_LINE = re.compile(r"[0-9]+路|[一二三四五六七八九十百]{1,4}路(?:车|公交)|下一班|下一趟|这趟车|末班车|头班车"
                   r"|\b(?:next|the) (?:bus|train)\b", re.I)
_ON_ITS_WAY = re.compile(r"(?:还有|还要|还需要?|还得|再过|再等|大约|大概|差不多|估计)[^，。]{0,6}"
                         r"(?:分钟|站地?|个?小时|个?钟头)[^，。]{0,4}(?:到|来|进站|过来)|快到了|马上就?(?:到|来)|就要到了|刚开走|刚走"
                         rf"|{_CLOCK_TIME.pattern}[^，。]{{0,3}}(?:到|来|过来|开)(?:站)?[了。！，]?$"
                         r"|\b(?:arriv\w*|com\w*|due|here)\b.{0,12}\bin (?:about |around )?\d+ minutes?\b"
                         r"|\b\d+ minutes? away\b", re.I)
_VENUE = re.compile(r"超市|商场|商店|医院|门诊|诊所|卫生院|卫生站|银行|药店|药房|菜市场|菜场|市场|邮局|营业厅"
                    r"|公园|图书馆|食堂|服务中心|居委会|店"
                    r"|\b(store|shop|supermarket|bank|pharmacy|clinic|hospital|post office|market|library"
                    r"|park)\b", re.I)
_HOURS = re.compile(r"开门|关门|营业|开到|开放|停诊|歇业|闭馆|关到|下班"
                    r"|\b(opens?|closes?|closed|open until|open till)\b", re.I)
_HOURS_STATE = re.compile(r"(开门|关门|营业|开放|停诊|歇业|闭馆|下班)了"
                          r"|(?:正常|照常|照样)(?:开门|营业|上班|开放|接诊)"
                          r"|开着|关着|不开门|不营业|没开门|在营业|还开"
                          r"|\b(is|are) (open|closed)\b", re.I)

_READING = re.compile(r"血压|血糖|心率|心跳|脉搏|体温|体重|血氧|步数|走了|睡了|睡眠|低压|高压"
                      r"|\b(blood pressure|blood sugar|glucose|heart rate|pulse|temperature|weight|steps"
                      r"|slept|sleep|oxygen)\b", re.I)
_YOU = re.compile(r"您|你|\b(your|you)\b", re.I)
_READING_FIGURE = re.compile(rf"(血压|血糖|心率|心跳|脉搏|体温|体重|血氧|步数|走了|睡了|睡眠|低压|高压)"
                             rf"[^，。；！？前后时再等]{{0,8}}{_FIGURE}"  # not "量血压前休息十五分钟"
                             rf"|\b(blood pressure|blood sugar|glucose|heart rate|pulse|temperature|weight"
                             rf"|steps|slept|sleep|oxygen)\b[^,.;!?]{{0,24}}{_FIGURE_EN}", re.I)

_COUNTDOWN = re.compile(rf"(离|距离|距)[^，。；]{{1,12}}(还有|还剩|只有|还差)[^，。；]{{0,3}}"
                        rf"{NUM}(多)?(天|个?星期|周|个月)"
                        rf"|还有{NUM}(多)?天(就)?(是|到|过)"
                        r"|\b\d+ (more )?days? (until|till|to go until|before|left until)\b"
                        r"|\b(is|are) (only |just )?\d+ days? away\b"
                        r"|\b(is|are|comes|falls) (only |just )?in \d+ (more )?days\b", re.I)
_NUMBER = re.compile(r"[0-9零〇一二两三四五六七八九十百千万]+")

# a rule announced lately ("最新政策规定", "国家新出台了…"), a pension rise this year in English
_POLICY_ZH = re.compile(r"(最新|最近|今年|明年)(的|出台的|发布的|实行的)?(政策|规定|新规|办法)"
                        r"|新(政策|规定|规)|出台了|新出台|刚出台|发布了新")
_POLICY_EN = re.compile(r"\b(pension|policy|policies|regulations?|rules?|subsid\w+|allowance|benefits?)\b"
                        r".{0,30}\b(up|down|rise[sd]?|rose|increase[sd]?|raised|cut|changed?|new)\b"
                        r"|\b(new|latest)\s+(pension|policy|policies|regulations?|rules?)\b", re.I)
_POLICY_ANCHOR_EN = re.compile(r"\b(this year|next year|latest|recently|just|new|now)\b", re.I)

# the way to a place asked ("帮我查一下去人民医院的公交车", "去火车站坐几路车"), and a line named
_WAY_ASKED = re.compile(r"怎么去|怎么走|怎么坐|坐几路|几路车|哪路车|坐什么车|乘什么车|公交|地铁|路线|线路"
                        r"|\b(?:how (?:do|can) i get to|which (?:bus|train|line)|what bus|directions?)\b",
                        re.I)
_LINE_NAMED = re.compile(r"[0-9]+路|[一二三四五六七八九十百]{1,4}路(?:车|公交|汽车)"
                         r"|[0-9一二三四五六七八九十]+号线"
                         r"|\b(?:bus|route|line) (?:no\.? ?)?[0-9]+\b|\b[0-9]+ bus\b", re.I)

HONEST_MORE_ZH = {
    "route": "去那儿坐哪路车、怎么走，我查不到，怕说错。您可以用手机地图查一查，或者问问家人、邻居。",
    "schedule": "车次和航班的时间我查不到，您可以看看车票或者手机，或者问问家人。",
    "arrival": "车什么时候到我查不到，您看看站牌上的电子屏，或者用手机查一下，也可以问问家人。",
    "hours": "今天几点开门关门我查不到，您可以打个电话问问，或者问问家人。",
    "health": "您的身体数据我这里看不到，您可以自己量一下，或者问问医生。",
    "countdown": "还有几天我现在算不准，您可以问我“离春节还有几天”，我查一下日历。",
    "own_day": "那天是几月几号，我这里没有记着。您告诉我日子，比如“离十二月二十号还有几天”，我帮您算。",
    "policy": "最新的政策我查不到，您可以问问社区或者家人。",
    "borrow": "借钱贷款风险大，先别办，跟家里人商量商量再说。",
    "code": "这个我不太清楚，怕说错了。您换个说法再问问我？",
    **HONEST_LIVE_ZH,
    **HONEST_TODAY_ZH,
}
HONEST_MORE_EN = {
    "route": "I can't look up the way there or which bus to take, and I don't want to guess; please check "
             "a map app on your phone, or ask your family or a neighbour.",
    "schedule": "I can't look up train or flight times; please check the ticket, or ask your family.",
    "arrival": "I can't see when the bus or train will come; please check the sign at the stop or your "
               "phone, or ask your family.",
    "hours": "I can't look up today's opening hours; please call them or ask your family.",
    "health": "I can't see your health readings; please measure again or ask your doctor.",
    "countdown": "I can't count the days for sure here; ask me how many days until it, and I'll check.",
    "own_day": "I don't have that date written down. Tell me the day, for example \"how many days until "
               "March 3\", and I'll count them for you.",
    "policy": "I can't look up the latest policies; please ask your community office or your family.",
    "borrow": "Borrowing is risky; please don't take on a loan before talking it over with your family.",
    "code": "I'm not sure about that one, and I don't want to guess. Could you ask it another way?",
    **HONEST_LIVE_EN,
    **HONEST_TODAY_EN,
}


def _generic(clause: str) -> bool:
    return bool(_GENERIC.search(clause)) and not _DAY_NAMED.search(clause)


def route_claim(clause: str, question: str) -> bool:
    """A bus or metro line named as the way to a place asked ("可以乘坐14路公交车"): made up, even with a
    "可以" before it, since no tool knows the lines of her town."""
    asks_way = _WAY_ASKED.search(question) and not _LINE_NAMED.search(question)  # not of a line she named
    return bool(asks_way and _LINE_NAMED.search(clause))


def schedule_claim(clause: str, context: str) -> bool:
    """A train's or flight's time or state ("高铁下午三点十五分发车", "航班今天晚点了")."""
    if is_hedged(clause) or _generic(clause) or not _TRANSPORT.search(clause + context):
        return False
    if _TRANSPORT_STATUS.search(clause):
        return True
    return bool(_DEPARTS.search(clause) and (_CLOCK_TIME.search(clause) or _DAY_NAMED.search(clause)))


def arrival_claim(clause: str, context: str) -> bool:
    """A bus or a train's arrival now ("二十三路公交车大约还需要5到10分钟到", "还有两站就到了"); not "一般
    十分钟一班" (knowledge). The guard holds a first clause naming one when the question does
    (:meth:`assistant.pipeline.honesty.HonestyGuard._should_hold`): the claim may come in the next."""
    if _generic(clause) or not transit(clause + context):  # "大约还要十分钟" is a guess said as known
        return False
    return bool(_ON_ITS_WAY.search(clause))


def transit(text: str) -> bool:
    """Whether ``text`` names a bus, a line or a train."""
    return bool(_TRANSPORT.search(text) or _LINE.search(text))


def hours_claim(clause: str, context: str) -> bool:
    """A place's hours today ("超市今天开到晚上十点"); not "医院一般八点开门" (knowledge)."""
    if is_hedged(clause) or _generic(clause) or not _VENUE.search(clause + context):
        return False
    if not (_HOURS.search(clause) or _HOURS_STATE.search(clause)):
        return False
    timed, state = _CLOCK_TIME.search(clause), _HOURS_STATE.search(clause)
    # a clock time of a place's hours is a claim by itself ("超市晚上十点关门"); a state needs a day
    return bool(timed or (state and _DAY_NAMED.search(clause + context)))


def health_claim(clause: str, context: str, question: str) -> bool:
    """A reading of the user's own body nobody gave ("您今天的血压是一百三十五"), not one the user said."""
    if is_hedged(clause) or _generic(clause) or _ATTRIBUTED.search(context + clause) \
            or _THRESHOLD.search(clause):
        return False
    if not (_YOU.search(clause + context) and _READING_FIGURE.search(clause)):
        return False
    return not (_READING.search(question) and _NUMBER.search(question))


def countdown_claim(clause: str, question: str) -> bool:
    """Days to a festival or a date ("离春节还有六十七天"): the clock tool counts them, the LLM does not."""
    if is_hedged(clause) or not _COUNTDOWN.search(clause):
        return False
    said = set(_NUMBER.findall(question))
    return not (said and set(_NUMBER.findall(clause)) <= said)


def policy_claim(clause: str, context: str) -> bool:
    """A rule or a rise announced lately ("最新政策规定…", "The pension goes up by two percent this year")."""
    if is_hedged(clause):
        return False
    if _POLICY_ZH.search(clause):
        return True
    return bool(_POLICY_EN.search(clause) and _POLICY_ANCHOR_EN.search(clause + context))


# Borrowing advised: a loan, 分期, a credit card's overdraft, 网贷, 花呗, the house mortgaged
# (not a cancer's 分期, 透支 of strength, a library book borrowed or a card paid with)
_BORROW = re.compile(r"贷款|借款|借钱|借点钱|借一笔|网贷|花呗|借呗|分期(?:付款|付|还|买|购)|抵押"
                     r"|信用卡[^，。]{0,4}(?:透支|分期|套现|借)"
                     r"|\b(?:loans?|borrow(?:ing)? (?:some |the )?money|borrowing against|instal?lments?"
                     r"|payday|remortgage)\b", re.I)
_ADVISED = re.compile(r"可以|考虑|不妨|建议|申请|办个?|找|先用|去|用"
                      r"|\b(?:could|might|consider|can|try|take out|use|apply)\b", re.I)
_NOT_BORROW = re.compile(r"(?:别|不要|不用|不能|不必|千万别|最好别|不建议|避免|少)[^，。]{0,6}"
                         r"(?:借|贷|分期|透支|信用卡|网贷|花呗|抵押)"
                         r"|\b(?:don'?t|do not|never|avoid|not|risky)\b", re.I)
# The question already about a loan: the answer may speak of one ("贷款买房要注意什么")
_ASKS_LOAN = re.compile(r"贷|借|信用卡|分期|网贷|花呗|抵押|按揭"
                        r"|\b(?:loans?|borrow\w*|mortgage|credit|instal?lments?|debt)\b", re.I)


def borrow_advice(clause: str, question: str) -> bool:
    """Does ``clause`` tell her to borrow, when ``question`` asked nothing of a loan?"""
    return bool(_BORROW.search(clause) and _ADVISED.search(clause) and not _NOT_BORROW.search(clause)
                and not _ASKS_LOAN.search(question))


# A day of her own or her family's, which only she can tell ("离我生日还有几天", "我们结婚纪念日还有多久").
_OWN_DAY = re.compile(r"生日|纪念日|忌日|周年|\b(?:birthday|anniversary)\b", re.I)


def more_violation(clause: str, context: str, question: str, grounded: Set[str]) -> str | None:
    """The category of the first ungrounded claim of these kinds in ``clause``, or None."""
    found = {"code": code_claim(clause, question), "borrow": borrow_advice(clause, question),
             "schedule": schedule_claim(clause, context), "arrival": arrival_claim(clause, context),
             "route": route_claim(clause, question),
             "hours": hours_claim(clause, context),
             "health": health_claim(clause, context, question),
             "countdown": "date" not in grounded and countdown_claim(clause, question),
             "policy": "news" not in grounded and policy_claim(clause, context)}
    first = next((category for category, claim in found.items() if claim and category not in grounded), None)
    if first == "countdown" and _OWN_DAY.search(question):
        first = "own_day"  # "离我生日还有几天？": her day is what is not known, not the calendar
    return first or live_violation(clause, context, question, grounded) \
        or today_violation(clause, context, question)
