"""Facts of the user's own life that only the user can tell: never the model's guess.

Asked about the elder's own life, the shipped 1.5B model makes the answer up as readily as the
weather (2026-12-01): "我孙子叫什么名字？" → "你的孙子叫小明。", "我的降压药叫什么？" → "你的降压药叫
“阿司匹林”。", "我女儿什么时候回来？" → "她今天下午3点30分回来。", "我们小区叫什么名字？" → "我们小区叫
“阳光花园”。", "我的血压正常吗？" (no reading given) → "你的血压正常。", "附近有什么好吃的？" → two
restaurants by name. An elder may act on any of them.

Such a clause is a claim unless what it names was *told*: said by the user in this conversation, or
in a tool's result (the reminders name her medicines). ``told`` is that text, the conversation as the
LLM saw it. Pure logic.
"""

from __future__ import annotations

import re

from assistant.pipeline.honesty_hold import bare_answer, opening
from assistant.pipeline.own_life import own_life, own_life_reply

_KIN = (r"(?:孙子|孙女|外孙女?|儿子|女儿|闺女|老伴儿?|爱人|丈夫|妻子|老公|老婆|儿媳妇?|女婿|孩子们?|家人"
        r"|家里人|大儿子|小儿子|大女儿|小女儿)")
_YOUR = r"(?:你|您)(?:的|家的?)?"
_PILLS = (r"(?:(?:昨天|今天|早上|中午|晚上|刚才|平时|每天|天天)?(?:吃的|常吃的|服用的))?"
          r"(?:降压药|降糖药|降脂药|药)")
# a medicine's name said plainly ("你昨天吃的药是阿司匹林"): it ends as medicines' names do
_DRUG = (r"([\u4e00-\u9fff]{1,8}(?:林|片|胶囊|丸|素|平|汀|唑|沙坦|普利|洛尔|双胍|颗粒|口服液|冲剂|酸))")
_NAMED = r"(?:叫|名叫|叫做|的名字(?:是|叫))\s*[“\"「]?([\u4e00-\u9fffA-Za-z]{1,6})"

# (kind, pattern): group 1, where there is one, is the value that must have been told.
_ZH_VALUE_CLAIMS = (
    ("name", re.compile(rf"{_YOUR}{_KIN}{_NAMED}")),
    ("medicine", re.compile(rf"{_YOUR}{_PILLS}(?:是|叫|名叫|的名字是)\s*"
                            rf"[“\"「]([\u4e00-\u9fffA-Za-z]{{2,10}})|{_YOUR}{_PILLS}{_NAMED}"
                            rf"|{_YOUR}{_PILLS}(?:是|叫)\s*{_DRUG}")),
    # her number said as known ("您的手机号是1234567890", a blind probe, stop 24)
    ("number", re.compile(rf"{_YOUR}(?:手机号码?|电话号码?|手机)(?:是|为)\s*"
                          r"([0-9零一二三四五六七八九幺][0-9零一二三四五六七八九幺xX*＊]{3,})")),
    ("place", re.compile(r"(?:我们|你们|咱们|你|您)(?:的|家的?)?(?:小区|社区|村子?|街道|单元|楼)"
                         r"(?:叫|名叫|是|在)\s*[“\"「]?([\u4e00-\u9fffA-Za-z0-9]{2,10})")),
)
# A day or an hour, said of when someone of the family comes.
_WHEN = re.compile(r"[0-9一二三四五六七八九十两]+\s*(?:点|月|号|日|天后)|今天|明天|后天|下周|下个?星期"
                   r"|下礼拜|周末|(?:上|下|中)午|晚上|春节|过年")
_COMES = re.compile(r"回来|回家|来看|过来|到家|来|到")
_GOES = re.compile(r"放学|下班|下课|上班|出发|出门|动身")  # her family's day ("孙子几点放学？")
# Someone of hers named only as "他"/"她" ("他到底什么时候回来"): nobody told when either.
_SOMEONE = rf"(?:{_KIN}|(?<![其吉])[他她](?:们|俩)?)"
_ASKS_WHEN = re.compile(rf"{_SOMEONE}.{{0,8}}(?:什么时候|哪天|几点|几号|啥时候|多会儿)"
                        rf"|(?:什么时候|哪天|几点|啥时候).{{0,4}}{_SOMEONE}")
_HEDGE = re.compile(r"可能|也许|大概|或许|不知道|不清楚|问问|打个电话|说不准|不一定|没法知道")
# Not knowing, said: a day of her family's visit named with only "可能" or "大概" before it is still made up
# ("你女儿可能在2027年1月1日左右回来看你", discovery 10).
_UNKNOWN = re.compile(r"不知道|不清楚|说不准|不一定|没法知道|没说过|\b(?:not sure|don'?t know|do not know"
                      r"|can'?t (?:know|tell|say))\b", re.IGNORECASE)
# The user's own reading, judged without one ("你的血压正常").
_STATUS = re.compile(rf"{_YOUR}?(?:血压|血糖|心率|心跳|体温|血脂|尿酸)[^，。！？]{{0,4}}"
                     r"(?:正常|偏高|偏低|很好|挺好|不错|没问题|没事|有点高|有点低|太高|太低|高了|低了)")
_ASKS_STATUS = re.compile(r"(?:我|俺)(?:的|这)?(?:血压|血糖|心率|心跳|体温|血脂|尿酸|身体)[^，。？]{0,4}"
                          r"(?:正常|高不高|低不低|怎么样|咋样|好不好|有没有问题|有问题|行不行|要紧)"
                          r"|\bis my (?:blood pressure|blood sugar|heart rate|temperature) "
                          r"(?:ok|okay|normal|fine|high|low)\b",
                          re.IGNORECASE)
_READING = re.compile(r"(?:血压|血糖|心率|心跳|体温|血脂|尿酸|高压|低压)[^。？！]{0,8}"
                      r"[0-9一二三四五六七八九十百]")
# What is nearby: places by name, as if looked up.
_LOCAL = re.compile(r"(?:附近|周围|你家旁边|您家旁边|楼下|小区门口)[^，。！？]{0,4}(?:有|就有)"
                    r"[^，。！？]{0,10}(?:餐馆|饭店|餐厅|馆子|医院|诊所|超市|药店|药房|银行|公园|菜市场|商场|馆|店|铺)"
                    r"|(?:附近|周围)[^，。！？]{0,12}(?:比如|像是?|例如)")

_EN_VALUE_CLAIMS = (
    ("name", re.compile(r"\b(?i:your|his|her) (?:grandson|granddaughter|son|daughter|wife|husband|grandchild)"
                        r"'?s? name is ([A-Z][a-z]+)")),
    ("number", re.compile(r"\b(?i:your) (?:phone|mobile|cell)(?: phone)? number is ([0-9][0-9 -]{4,})")),
    # her appointment said as known ("Your next doctor's appointment is scheduled for tomorrow at 10 AM.")
    ("appointment", re.compile(r"\b(?i:your) (?:next )?(?:doctor'?s? |hospital |clinic )?"
                               r"(appointment is (?:scheduled|booked|on|at|for)\b)")),  # its day: next clause
    ("medicine", re.compile(r"\b(?i:your) (?:blood pressure |diabetes )?"
                            r"(?:medicine|medication|pills?|tablets?)"
                            r" (?:is|are) (?:called )?([A-Z][A-Za-z]+)")),
)
_EN_ASKS_KIN = re.compile(r"\bmy (?:son|daughter|grandson|granddaughter|grandchild|wife|husband)\b",
                          re.IGNORECASE)
_EN_BARE_NAME = re.compile(r"\b(?i:his|her) name is ([A-Z][a-z]+)")
_EN_ASKS_WHEN = re.compile(r"\bwhat time (?:will|is|does) (?:he|she|they|my)\b|\bwhen (?:will|is|does) "
                           r"(?:my (?:son|daughter|grandson|granddaughter|family|kids"
                           r"|children)|(?:he|she|they)(?: be| come| get)? (?:back|home|coming|arrive))\b",
                           re.IGNORECASE)
_EN_WHEN = re.compile(r"\b(?:today|tomorrow|tonight|next (?:week|month)|on (?:monday|tuesday|wednesday"
                      r"|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august"
                      r"|september|october|november|december)|\d{1,2}(?:st|nd|rd|th)?|at \d)", re.IGNORECASE)
_EN_STATUS = re.compile(r"\byour (?:blood pressure|blood sugar|heart rate|temperature) (?:is|looks|seems) "
                        r"(?:normal|fine|ok|okay|good|high|low|a bit)", re.IGNORECASE)
_EN_HEDGE = re.compile(r"\b(?:maybe|perhaps|might|not sure|don't know|do not know|ask|call)\b", re.IGNORECASE)
# Asked a fact of her own life that nobody told (own_life's topics), a clause that answers it as known.
_NUM = r"[0-9一二三四五六七八九十两]"
_ANSWERS = {
    "name": re.compile(r"(?:你|您)(?:的名字)?(?:叫|是)[\u4e00-\u9fff]{2,3}|\byour name is\b", re.IGNORECASE),
    "kin": re.compile(rf"{_YOUR}{_KIN}|(?:他|她)(?:今年|现在|在|是|叫|姓)"
                      r"|\b(?:he|she|they)(?:'s| is| are| works?| lives?)\b", re.IGNORECASE),
    "age": re.compile(rf"(?:你|您)[^，。！？]{{0,4}}{_NUM}+(?:多)?岁|\byou(?:'re| are) \d+", re.IGNORECASE),
    "birthday": re.compile(r"生日(?:是|在)|(?:出)?生(?:于|在)|\byour birthday is\b|\byou were born\b",
                           re.IGNORECASE),
    "kin_day": re.compile(r"明天|后天|下个?(?:星期|礼拜|周|月)|周末|[0-9一二三四五六七八九十]+(?:号|日|点)"
                          r"|\b(?:tomorrow|next week|on (?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
                          re.IGNORECASE),
    "did": re.compile(r"(?:你|您)[^，。！？]{0,8}(?:吃|喝|量|锁|关)(?:过|了|完)|已经(?:吃|喝|量|锁|关)"
                      r"|\byou(?:'ve| have)? (?:took|taken|had|drank|locked|already)\b", re.IGNORECASE),
    "how_much": re.compile(r"(?:你|您)[^，。！？]{0,6}(?:吃|喝|睡|走|跑|服)了[^，。！？]{0,3}"
                           r"[\d一二三四五六七八九十两半]"
                           r"|\byou (?:drank|ate|had|took|walked|slept)\b", re.IGNORECASE),
    "ate": re.compile(r"(?:你|您)[^，。！？]{0,6}(?:吃|喝)(?:的|了)(?:是)?[\u4e00-\u9fff]{1,6}"
                      r"|\byou (?:ate|had|drank)\b", re.IGNORECASE),
    "put": re.compile(r"(?:放|搁|收|藏|塞)(?:在|到)[^，。！？]{1,8}"
                      r"|\b(?:they're|it's|they are|it is) (?:in|on|under) (?:the|your)\b"
                      r"|\byou (?:put|left) (?:it|them)\b", re.IGNORECASE),
    "school": re.compile(r"考了[\d一二三四五六七八九十百]+分|考上了|第[\d一二三四五六七八九十]+名"
                         r"|在[^，。！？]{1,8}(?:大学|中学|小学|学校)(?:上学|读书)"
                         r"|\b(?:scored|passed|got into|came first)\b", re.IGNORECASE),
    "slept": re.compile(r"(?:你|您)[^，。！？]{0,6}(?:睡|睡觉)(?:得|的|了)(?!怎么样|咋样|好不好|如何)"
                        r"|\byou slept\b", re.IGNORECASE),
    "last_time": re.compile(r"(?:你|您)上(?:次|回)|\byou last\b", re.IGNORECASE),
    "calls": re.compile(r"(?:打过|打了|来过|来了)[^，。！？]{0,3}电话|给(?:你|您)打"
                        r"|\b(?:called|phoned|rang)\b",
                        re.IGNORECASE),
    "whereabouts": re.compile(r"(?:出门|出去|在家|回来|回家|到家|上班|下班|起床)了"
                              r"|(?:没|不)在家|还没(?:出门|回来)"
                              r"|\b(?:has|have|is|are) (?:gone|left|gone out|come home|at home|out)\b",
                              re.IGNORECASE),
    "address": re.compile(r"(?:你|您)(?:家)?住在|地址是|\byou live (?:at|in|on)\b|\byour address is\b",
                          re.IGNORECASE),
    "report": re.compile(r"(?:报告|结果|片子|指标)[^，。！？]{0,6}"
                         r"(?:正常|没问题|没事|挺好|不错|异常|偏高|偏低|很好)"
                         r"|\b(?:results?|report) (?:is|are|was|were|looks?|came back)\b", re.IGNORECASE),
}
# Her age said as known, asked or not; a year she was born in, told, lets it be worked out instead.
_AGE = re.compile(rf"(?:你|您)(?:今年|已经|都|现在|应该)?(?:是|有)?({_NUM}+)(?:多)?岁")
_BORN = re.compile(r"(?:19|20)[0-9]{2}年|[一九零二〇○][一二三四五六七八九零〇○]{3}年"
                   r"|属[鼠牛虎兔龙蛇马羊猴鸡狗猪]")
_UNSEEN = re.compile(r"看不到|查不到|没有记录|没记着|不记得")
# What she already did today, said as known, asked or not ("每天应该喝多少水" → "您今天已经喝了一千二百毫升的
# 水"): a day's word or "已经" makes it a report, not advice ("您吃了药以后多喝水").
_DAY_SAID = r"(?:今天|今儿个?|早上|上午|中午|下午|刚才|刚刚|昨天晚上|昨儿晚上|昨天|昨儿|昨晚|前天)"
_DONE_ZH = re.compile(rf"(?:你|您)(?:{_DAY_SAID}(?:已经|都|也)?|{_DAY_SAID}?(?:已经|都))"
                      r"(?:吃|喝|服|量|走|睡|用)(?:过|了|完)"
                      # how she slept last night, said as known ("你昨晚睡得很晚"); not advice for tonight
                      r"|(?:你|您)(?:昨天晚上|昨儿晚上|昨天|昨儿|昨晚|前天)(?:晚上)?(?:睡|睡觉)(?:得|的)")
_DONE_EN = re.compile(r"\byou(?:'ve| have)? already (?:taken|took|had|drunk|drank|walked|slept|eaten|ate)\b"
                      r"|\byou(?:'ve| have)? (?:taken|took|had|drunk|drank|walked|eaten|ate)\b[^.!?,]{0,30}"
                      r"\b(?:today|this morning|at lunch|last night)\b", re.IGNORECASE)
# She said what she did: the answer may say it back.
_SHE_DID = re.compile(r"(?:我|俺)[^，。？！]{0,8}(?:吃|喝|服|量|走|睡|用)(?:过|了|完)"
                      r"(?![^，。？！]{0,3}(?:多少|几|多久|多长|什么|啥|吗|没))"  # "我今天喝了多少水？" asks
                      r"|(?<!have )(?<!did )\bI(?:'ve| have)? (?:already |just )?"
                      r"(?:taken|took|had|drunk|drank|walked|slept|eaten|ate)\b",
                      re.IGNORECASE)
# She asks whether she did it ("我血压药吃了吗？"): a bare yes or no opening the answer ("吃了，") says it.
_ASKS_DONE = re.compile(r"(?:我|俺)[^，。？！]{0,8}(?:吃|喝|服|量|走|睡|用|打|关|锁)[^，。？！]{0,4}?"
                        r"(?:了吗|了没有?|过没有?|过吗|过了吗)|(?:我|俺)[^，。？！]{0,8}(?:吃|喝|服|量|用)过"
                        r"[^，。？！]{1,4}吗"
                        r"|\b(?:did|have) i (?:already )?(?:take|taken|eat|eaten|have|had|drink|drunk|walk"
                        r"|walked|sleep|slept|lock|locked|turn|turned)\b", re.IGNORECASE)
_ASKING = re.compile(r"[？?]|吗|没有|是不是|如果|要是|假如|的话|\bif\b|\bdid you\b|\bhave you\b",
                     re.IGNORECASE)

PERSONAL_ZH = {
    "name": "家里人的名字，您还没跟我说过，我不知道。",
    "medicine": "您吃的是什么药，我不知道。您可以看看药盒，或者拍张照片给我，我帮您念。",
    "place": "这个我不知道，您可以问问家里人或者邻居。",
    "number": "您的电话号码我不知道。手机设置里能看到，也可以问问家里人。",
    "appointment": "您哪天去看病、约的几点，我不知道。看看医院给的单子或者短信，也可以问问家里人。",
    "visit": "家里人什么时候来，我不知道，您可以给他们打个电话问问。",
    "plans": "家里人几点上下班、上下学，我不知道，您可以给他们打个电话问问。",
    "status": "光听这个我判断不了。您量一量，把数告诉我，或者问问医生。",
    "local": "附近有什么，我查不到，您可以问问家里人或者邻居。",
    "done": "您吃了什么、喝了多少、做了什么，我看不到，您自己最清楚。",
}
PERSONAL_EN = {
    "name": "You haven't told me your family's names, so I don't know.",
    "medicine": "I don't know which medicine you take. Check the box, or show me a photo and I'll read it.",
    "place": "I don't know that. Your family or neighbours can tell you.",
    "number": "I don't know your phone number. It's in your phone's settings, or your family can tell you.",
    "appointment": "I don't know when your appointment is. Check the card or message from the clinic, or "
                   "ask your family.",
    "visit": "I don't know when they'll come. Why not give them a call and ask?",
    "plans": "I don't know their hours for work or school. Why not give them a call and ask?",
    "status": "I can't tell without a reading. Measure it and tell me the numbers, or ask your doctor.",
    "local": "I can't look up what's nearby. Your family or neighbours can tell you.",
    "done": "I can't see what you've had or done; you know that best.",
}


def personal_claim(clause: str, question: str, told: str) -> str | None:
    """The kind of fact of the user's own life that ``clause`` states and nobody told (see the module),
    else None. ``question``: this turn's words; ``told``: everything the conversation holds."""
    heard = question + told
    for kind, pattern in (*_ZH_VALUE_CLAIMS, *_EN_VALUE_CLAIMS):
        for found in pattern.finditer(clause):
            value = next((g for g in found.groups() if g), "")
            if value and value not in heard and value.lower() not in heard.lower():
                return kind
    if _EN_ASKS_KIN.search(question) and (bare := _EN_BARE_NAME.search(clause)) \
            and bare.group(1).lower() not in heard.lower():
        return "name"  # "What's my grandson's name?" → "His name is Jack."
    if _ASKS_WHEN.search(question) and _WHEN.search(clause) and not _UNKNOWN.search(clause) \
            and not _told_when(clause, heard):
        if _COMES.search(clause):
            return "visit"
        if _GOES.search(clause) and not re.search(r"一般|通常|大多|多半", clause):  # not what schools do
            return "plans"
    if _EN_ASKS_WHEN.search(question) and _EN_WHEN.search(clause) and not _UNKNOWN.search(clause) \
            and not _told_when(clause, heard):
        return "visit"
    if _ASKS_STATUS.search(question) and (_STATUS.search(clause) or _EN_STATUS.search(clause)) \
            and not _READING.search(heard) and not _HEDGE.search(clause):
        return "status"
    if _LOCAL.search(clause) and not _HEDGE.search(clause):
        return "local"
    if (age := _AGE.search(clause)) and not _told_number(age.group(1), heard) and not _BORN.search(heard) \
            and not _HEDGE.search(clause):
        return "own:age"  # her age, never told ("已经是多少特？" → "你已经是65岁了")
    return _own_life_answered(clause, question, told) or _done_said(clause, question, heard)


def _done_said(clause: str, question: str, heard: str) -> str | None:
    """"done" when ``clause`` reports what she did today as known and she never said it."""
    if _SHE_DID.search(heard):
        return None
    if _ASKS_DONE.search(question) and bare_answer(opening(clause), question):
        return "done"  # "我血压药吃了吗？" → "吃了，您早上八点吃的。" (honesty_hold.py holds the "吃了")
    if not (_DONE_ZH.search(clause) or _DONE_EN.search(clause)):
        return None
    return None if _ASKING.search(clause) or _HEDGE.search(clause) or _EN_HEDGE.search(clause) else "done"


def _own_life_answered(clause: str, question: str, told: str) -> str | None:
    """"own:<topic>" when ``question`` asks a fact of her own life that nobody told (the question itself
    tells nothing) and ``clause`` answers it as known, not as a hedge."""
    asked = own_life(question, "en" if question.isascii() else "zh", told.replace(question, ""))
    if asked is None:
        return None
    # a bare yes says it too ("会的，" to "孩子们过年回来吗？")
    answers = _ANSWERS.get(asked[0])
    if not ((answers is not None and answers.search(clause)) or bare_answer(opening(clause), question)):
        return None
    if _HEDGE.search(clause) or _EN_HEDGE.search(clause) or _UNSEEN.search(clause):
        return None
    return f"own:{asked[0]}"


def _told_number(number: str, heard: str) -> bool:
    """``number`` (digits or Chinese numerals) was said, in either writing ("78" as "七十八")."""
    import cn2an

    if number in heard:
        return True
    try:
        value = int(number) if number.isdigit() else int(cn2an.cn2an(number, "smart"))
    except (ValueError, TypeError):
        return False
    return str(value) in heard or str(cn2an.an2cn(str(value))) in heard


def _told_when(clause: str, heard: str) -> bool:
    """Every day or hour the clause names was said before ("她说周末回来" → "她周末回来")."""
    named = [m.group(0) for m in re.finditer(_WHEN.pattern + "|" + _EN_WHEN.pattern, clause, re.IGNORECASE)]
    return bool(named) and all(n.lower() in heard.lower() for n in named)


def personal_statement(kind: str, language: str) -> str:
    if kind.startswith("own:"):
        return own_life_reply(kind.removeprefix("own:"), language)
    return (PERSONAL_EN if language == "en" else PERSONAL_ZH)[kind]
