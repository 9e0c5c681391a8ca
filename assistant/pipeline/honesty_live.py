"""Yet more kinds of claim the assistant cannot know, found by the fourth blind probe (replies to
misheard questions, where a small model invents most): a phone number or an address of a service, an
event on a named day (a local show, a speech, a final's winner, a result in words), an interest rate,
a forecast said in other words (wind force as a range, "记得带伞" for a day, rain in homophones:
"后天有小鱼"), and a period of the day that disagrees with the clock ("现在是上午" at 14:30).

Each test is False for a hedge, a question, generic knowledge ("医院一般八点开门") and what the user
said in the question. Pure logic: no I/O, no model (pypinyin's table loads on first use).
"""

from __future__ import annotations

import re
from collections.abc import Set
from datetime import datetime
from functools import cache

from assistant.pipeline.honesty_claims import NUM, is_hedged

_GENERIC = re.compile(r"一般|通常|往往|大多|多半|每年|平时|可以|建议|最好"
                      r"|\b(usually|generally|normally|typically|every year|can|could|should)\b", re.I)

# a phone number: 5+ digits, or digits with a dash ("0571-87654321", "555-0134"); not 110/119/120/122
_PHONE = re.compile(r"(?<![\d.])\d{2,4}[-－ ]\d{3,8}(?!\d|\.\d)|(?<![\d.])\d{5,12}(?!\d|\.\d)")
_PHONE_WORD = re.compile(r"电话|热线|号码|拨打|打[^，。]{0,2}$|\b(call|phone|number|dial|hotline)\b", re.I)
_NATIONAL_HOTLINE = frozenset({"12345", "12333", "12315", "12320", "12319", "12306"})
# an address: "解放路128号", "人民路和中山路的路口", "12 Oak Street"
_ADDRESS = re.compile(rf"[\u4e00-\u9fff]{{1,5}}(路|街|大街|大道|巷|胡同|弄)"
                      rf"({NUM}|[0-9]{{1,5}})号"
                      r"|[\u4e00-\u9fff]{1,5}(路|街|大道)(和|与|跟)[\u4e00-\u9fff]{1,5}(路|街|大道)"
                      r"|\b\d{1,5}\s+[A-Z][a-z]+\s+"
                      r"(Street|St|Road|Rd|Avenue|Ave|Lane|Boulevard)\b"
                      r"|(在|位于)[\u4e00-\u9fff]{1,4}(?<![马走过公山小])(路|街|大街|大道)(?![口上边面])"
                      r"|\bcorner of [A-Z]", re.I)
_FAMILY = re.compile(r"(您|你)(的|家)|儿子|女儿|孙子|孙女|老伴|家人|\byour\b", re.I)

# an event on a day: held, opened, gathered, given; or the people of this year's show or final
_EVENT_VERB = re.compile(r"举办|举行|召开|开幕|闭幕|集合|演出|上映|开播|通车|开通|开业"
                         r"|发表(了)?讲话|签署|当选|辞职"
                         r"|拿了?(冠军|金牌|第一)|获得了?(冠军|金牌)|得了(冠军|金牌)"
                         r"|\b(gave a speech|announced|signed|was elected|resigned|held|took place|is on"
                         r"|opens|will be held|takes place)\b|\bthere (is|will be) an? [\w ]{0,20}"
                         r"(festival|concert|fair|parade|show|market|match|game|meeting)\b", re.I)
_EVENT_DAY = re.compile(r"今天|今日|今晚|明天|明晚|后天|昨天|昨晚|前天|这周|本周|下周|周末|最近|刚刚"
                        r"|今年|明年"
                        rf"|({NUM}月)?{NUM}[日号]|(星期|礼拜|周)[一二三四五六日天]"
                        r"|\b(today|tonight|tomorrow|yesterday|last night"
                        r"|this (morning|afternoon|evening|week|weekend|saturday|sunday|monday|tuesday"
                        r"|wednesday|thursday|friday)|next week"
                        r"|on (monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b", re.I)
_ROLE_NOW = re.compile(r"(今年|这届|本届|这次|今天|昨天|昨晚|最近)[^，。]{0,8}"
                       r"(主持人|嘉宾|冠军|亚军|得主|获奖者|主演)")
_REMINDING = re.compile(r"提醒|别忘|\bremind", re.I)
_WORD_NUM = r"(one|two|three|four|five|six|seven|eight|nine|ten|nil|zero)"
_SCORE_WORDS = re.compile(rf"\b(won|beat|lost|drew|tied)\b.{{0,20}}\b{_WORD_NUM} (to|-) {_WORD_NUM}\b", re.I)

_RATE = re.compile(r"(利率|利息|年化|收益率|通胀|CPI|涨幅|贷款|定期|活期)[^，。]{0,12}"
                   r"(百分之|[0-9.]+\s*%|个点)"
                   r"|\b(interest|mortgage|inflation) rates?\b.{0,20}(\d|percent)", re.I)

_WIND_RANGE = re.compile(rf"[东南西北]?风{NUM}(到|至|-|~){NUM}级"
                         r"|\b(winds?|gusts?)\b.{0,20}\d+\s*(mph|km/h)", re.I)
_UMBRELLA = re.compile(r"带(把|上)?(雨)?伞|带雨衣|\b(take|bring) an umbrella\b", re.I)
_DAY = re.compile(r"今天|今日|今晚|明天|明早|明晚|后天|这几天|这两天|周末|待会|一会儿|出门时"
                  r"|\b(today|tonight|tomorrow|this (afternoon|evening|weekend))\b", re.I)
_RAIN_SOUNDS = frozenset({"xiaoyu", "zhongyu", "dayu", "baoyu", "zhenyu", "leiyu", "xiayu"})

# a period of the day said to be now ("现在是上午", "已经是晚上了", "it's morning now")
_PERIOD_NOW_ZH = re.compile(r"(现在|此刻|这会儿?|已经)(是|到|都)?(了)?"
                            r"(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里|半夜)"
                            rf"(?!{NUM}点|好)")
_PERIOD_NOW_EN = re.compile(r"\b(it'?s|it is)\s+(now\s+|already\s+)?(the\s+)?"
                            r"(morning|afternoon|evening|night)"
                            r"(time)?\b", re.I)
# which period it is now, asked ("现在是上午，还是下午？", "现在是白天还是晚上"); its short answer is checked
_PERIOD_ASKED = re.compile(r"(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|白天)[，,]?\s*还是")
_PERIOD_WORD = re.compile(r"凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里|半夜")
_PERIOD_HOURS = {"凌晨": range(0, 6), "早上": range(5, 10), "早晨": range(5, 10), "上午": range(5, 12),
                 "中午": range(11, 14), "下午": range(12, 19), "傍晚": range(16, 20), "晚上": range(17, 24),
                 "夜里": range(20, 24), "半夜": range(0, 4), "morning": range(5, 12),
                 "afternoon": range(12, 18), "evening": range(17, 23), "night": range(19, 24)}

HONEST_LIVE_ZH = {
    "contact": "具体的电话和地址我查不到，您可以让家人帮您在手机上查一下。",
    "event": "这件事我查不到，您可以看看电视或手机上的新闻，或者问问家人。",
    "rate": "现在的利率我查不到，您可以问问银行，或者问问家人。",
    "forecast": "我查不到实时的天气，您可以看看手机或电视上的天气预报。",
    "trend": "以后会怎么变我说不准，您可以看看手机上的消息，或者问问家人。",
}
HONEST_LIVE_EN = {
    "contact": "I can't look up phone numbers or addresses; your family can find them on a phone.",
    "event": "I can't look that up; please check the news on TV or your phone, or ask your family.",
    "rate": "I can't look up current rates; please ask your bank or your family.",
    "forecast": "I can't look up the live weather; please check the forecast on your phone or TV.",
    "trend": "I can't tell how that will change; please check your phone or ask your family.",
}


def contact_claim(clause: str, context: str, question: str) -> bool:
    """A service's phone number or street address nobody gave ("燃气报修电话是96777")."""
    if is_hedged(clause) or _FAMILY.search(clause):
        return False
    numbers = [m.group(0) for m in _PHONE.finditer(clause)]
    phone = any(re.sub(r"\D", "", n) not in _NATIONAL_HOTLINE and n not in question for n in numbers) \
        and bool(_PHONE_WORD.search(clause + context) or _PHONE_WORD.search(question))
    address = _ADDRESS.search(context + clause)
    return phone or (address is not None and address.group(0) not in question)


def event_claim(clause: str, context: str, question: str, *, this_year: int | None = None) -> bool:
    """An event on a named day, or its people or result ("马龙在昨天的决赛里拿了冠军"). A date in a
    year two or more before ``this_year`` (default: the clock's) is history, not news
    ("北京奥运会是2008年举办的")."""
    clause = _without_history(clause, this_year or datetime.now().year)
    if is_hedged(clause) or (_GENERIC.search(clause) and not _ROLE_NOW.search(clause)) \
            or _REMINDING.search(clause):
        return False  # "明天早上八点提醒您去公园集合": the user's own plan read back
    if _ROLE_NOW.search(clause) or _SCORE_WORDS.search(context + " " + clause):
        return True
    verb = _EVENT_VERB.search(clause)
    dated = [m.group(0) for m in _NAMED_DATE.finditer(clause)]
    new_date = any(d not in question for d in dated)  # "今天能力士将在2026年4月集合": the date is made up
    if verb and (verb.group(0) not in question or new_date) and (_EVENT_DAY.search(clause) or dated):
        return True
    result = _RESULT.search(clause)
    if result is None or not _EVENT_DAY.search(context + clause):
        return False
    return not _OWN_NEWS.search(question)  # "我孙子昨天比赛赢了": the user's own news, told back


def _without_history(clause: str, this_year: int) -> str:
    """``clause`` without the dates in years up to ``this_year`` - 2 ("2008年8月8日")."""
    return _HISTORY_DATE.sub(lambda m: "" if int(m.group(1)) <= this_year - 2 else m.group(0), clause)


_OWN_NEWS = re.compile(r"我|俺|孙子|孙女|儿子|女儿|闺女|老伴|\b(i|my|we|our)\b", re.I)


# a year, with its month and day ("2008年8月8日")
_HISTORY_DATE = re.compile(rf"(\d{{4}})年(?:{NUM}月(?:{NUM}[日号])?)?")
# a year or a month named ("2026年4月"): a date an event is said to be on
_NAMED_DATE = re.compile(rf"\d{{4}}年|{NUM}月(份)?(?!饼)")
# a match's result said as a fact ("昨天晚上的独球比赛轮了": lost, in other characters)
_RESULT = re.compile(r"(比赛|球赛|决赛|联赛|对决|\bmatch\b|\bgame\b)[^，。]{0,8}"
                     r"(赢|输|胜|败|轮|平局|打平|踢平)了|(比赛|球赛|决赛)[^，。]{0,6}(结果|比分)是")


def trend_claim(clause: str, question: str) -> bool:
    """A value said to change by a coming day ("明天每元的会比今天少一点"): nobody can know it."""
    return not is_hedged(clause) and not _GENERIC.search(clause) and bool(_TREND.search(clause))


_TREND = re.compile(r"(明天|后天|下周|下个月|明年|以后|将来)[^，。]{0,12}比(今天|现在|昨天|这周|这个月|今年)"
                    r"[^，。]{0,4}(多|少|高|低|贵|便宜|涨|跌|升|降)"
                    r"|\b(will|is going to) (go up|go down|rise|fall|drop|climb)\b.{0,20}\btomorrow\b", re.I)


def rate_claim(clause: str, question: str = "") -> bool:
    """An interest or inflation rate as a figure ("一年定期的利率是百分之一点五") that the question did
    not give ("存一年，年利率百分之二，利息有多少": a sum on the user's own rate)."""
    if is_hedged(clause) or _GENERIC.search(clause) or _GIVEN_RATE.search(question):
        return False
    return bool(_RATE.search(clause))


_GIVEN_RATE = re.compile(r"百分之|[0-9.]+\s*%|\d+\s*个点|\bpercent\b", re.I)


@cache
def _toneless(text: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin

    return tuple(lazy_pinyin(text))


def _rain_in_other_characters(clause: str) -> bool:
    """Rain said in homophones ("后天有小鱼" for 小雨) at the end of a clause, not "大于140"."""
    spans = re.finditer(r"([\u4e00-\u9fff]{2})(?=[了啊吧呀，。！,.!；;]*$)", clause)
    return any("雨" not in m.group(1) and "".join(_toneless(m.group(1))) in _RAIN_SOUNDS for m in spans)


def forecast_claim(clause: str, context: str) -> bool:
    """A forecast in other words: wind force as a range, an umbrella for a day, rain in homophones."""
    if is_hedged(clause) or (_GENERIC.search(clause) and not _DAY.search(clause)):
        return False
    if _WIND_RANGE.search(clause):
        return True
    dated = bool(_DAY.search(clause + context))
    return dated and bool(_UMBRELLA.search(clause) or _rain_in_other_characters(clause))


def period_ok(clause: str, now: datetime, question: str = "") -> bool:
    """Whether a period of the day said to be now ("现在是上午", or "上午。" to "上午还是下午？") agrees
    with the clock."""
    if is_hedged(clause):
        return True
    said = [m.group(4) for m in _PERIOD_NOW_ZH.finditer(clause)]
    if _PERIOD_ASKED.search(question) and len(clause) <= 12:
        said += [m.group(0) for m in _PERIOD_WORD.finditer(clause)]
    said += [m.group(4).lower() for m in _PERIOD_NOW_EN.finditer(clause)]
    said += [m.group(1).lower() for m in re.finditer(r"\b(morning|afternoon|evening) now\b", clause, re.I)]
    return all(now.hour in _PERIOD_HOURS[word] for word in said)


def live_violation(clause: str, context: str, question: str, grounded: Set[str]) -> str | None:
    """The category of the first ungrounded claim of these kinds in ``clause``, or None."""
    found = {"contact": contact_claim(clause, context, question),
             "event": "news" not in grounded and event_claim(clause, context, question),
             "rate": "price" not in grounded and rate_claim(clause, question),
             "forecast": "weather" not in grounded and forecast_claim(clause, context),
             "trend": trend_claim(clause, question)}
    return next((category for category, claim in found.items() if claim), None)
