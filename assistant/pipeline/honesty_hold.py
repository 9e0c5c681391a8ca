"""Which clause the honesty guard holds back until the next one decides it.

- A weather sentence (or a bus's, asked about) that has begun, its claim still to come ("今天的天气，").
- A bare yes or no that opens the answer to a yes/no question about her own life, her day or the world
  ("我血压药吃了吗？" → "吃了，" … "您早上八点吃的。"; "Will it rain today?" → "Yes," …). Released at
  once, the yes is heard even when the clause after it is replaced: "是的，这个我看不到……". Held, it
  goes with that clause, or is spoken with it. A yes/no question of general knowledge ("鸡蛋能和豆浆一起
  吃吗？") is not held: its yes is no claim, and holding costs one clause of latency.

A bare yes or no is itself the claim when the question asks what only the world or her family knows
(:func:`bare_claim`): "快递到了吗？" → "到了，", "社区医院今天开门吗？" → "开，", "儿子今天加班吗？" →
"不加，", "Is the pharmacy open right now?" → "Yes,". So is the question said back as a statement (a
"maybe" in it or not), and any first sentence that states something and neither admits not knowing, nor
advises, nor asks back ("儿子已经将钱转到了您的账户。"). The answer is then the honest sentence of its kind.
A question of advice ("孙子感冒了能吃橘子吗？") or of general knowledge ("哈尔滨冬天冷吗？") is not one.

Pure logic.
"""

from __future__ import annotations

import re
from collections.abc import Set

from assistant.pipeline.honesty_claims import HONEST_EN, HONEST_ZH, WEATHER_TOPIC, is_hedged
from assistant.pipeline.honesty_facts import HONEST_MORE_EN, HONEST_MORE_ZH, transit
from assistant.pipeline.honesty_parrot import parrots

_BARE_ZH = re.compile(r"(?:是的?|对的?|对啊|没错|嗯|当然(?:了|会|可以)?|会的?|不会|有的?|没有|没|能|不能|可以"
                      r"|不可以|行|不行|不是|不对|还没有?|已经)(?:的|了|啦|呀|啊|呢)?")
_BARE_EN = re.compile(r"(?:yes|yeah|yep|no|nope|sure|of course|not yet|certainly|definitely|absolutely|"
                      r"that's right|i think so)", re.IGNORECASE)
# the question's own verb said back as the answer ("吃了", "没来", "回来了", "来过")
_ECHO = re.compile(r"(?:还)?(?:没|不|没有)?([\u4e00-\u9fff]{1,2}?)(?:过了|了|过|的|啦|呀)?")
_YES_NO_ZH = re.compile(r"吗|了没有?|没有[？?。]?$|是不是|会不会|能不能|有没有|来不来|回不回|要不要|对不对"
                        r"|[一-龥]不[一-龥](?:[？?]|$)|[不没][？?。]?$|(?:对|是|好|行)吧[？?。]?$")
_YES_NO_EN = re.compile(r"^\s*(?:is|are|was|were|do|does|did|have|has|had|will|would|can|could|should|am)\b",
                        re.IGNORECASE)
# her own life, her day, the world now: a yes to these is a claim
_ANCHORED = re.compile(r"我|俺|咱|孩子|儿子|女儿|闺女|孙|老伴|家里|今天|今儿|明天|明儿|后天|昨天|现在"
                       r"|刚才|今晚|早上|上午|中午|下午|晚上|这周|这个星期|周末|过年|春节|今年|最近|这几天"
                       r"|\b(?:i|my|me|we|our|today|tomorrow|tonight|yesterday|now|this (?:morning|week"
                       r"|afternoon|evening|weekend))\b", re.IGNORECASE)
_MARKS = "，,。！!、；;.… "
_HAN = re.compile(r"[\u4e00-\u9fff]")
_NUMBER_SAID = re.compile(r"[0-9.]+\s*(?:元|块|块钱|个|次|天|号)?"
                          r"|[零一二两三四五六七八九十百千万]+(?:元|块|块钱)")
_GREETING = re.compile(r"(?:你好|您好|嗯|哦|好的|hi|hello|well)[，,。！!]?", re.IGNORECASE)
_EN_FILLER = {"there", "is", "are", "was", "were", "no", "not", "yes", "it", "they", "he", "she", "the", "a",
              "an", "will", "be", "has", "have", "had", "been", "do", "does", "did", "your", "you", "i", "my",
              "our", "we", "still", "already", "isn't", "aren't", "wasn't", "hasn't", "haven't", "didn't"}
# what a yes/no question asks of the world or of her family: (kind, words); weather, prices and news only
# when the question is about now (_NOW), not the climate or what things usually cost
_LIVE = (
    ("weather", re.compile(r"下雨|下雪|有雨|有雪|刮风|冷(?![静淡清漠])|热(?![闹情心门点爱水菜饭])|降温|升温"
                           r"|雾霾|\b(?:rain|snow|cold|hot|warm|windy)\b", re.IGNORECASE)),
    ("price", re.compile(r"涨价|降价|涨了|跌了|价|贵|便宜|打折|优惠|特价|促销"
                         r"|\b(?:price|expensive|cheaper|cost|sale|discount)\b", re.IGNORECASE)),
    ("tv", re.compile(r"电视|节目|频道|[一二三四五六七八九十\d]+台|开播|重播|播出"
                      r"|\b(?:show|channel|programme|program|on tv)\b", re.IGNORECASE)),
    ("event", re.compile(r"流感|疫情|新闻|通知|活动|讲座|义诊|有庙会|有集市?|赶集|有大集|有演出"
                         r"|\b(?:flu|news|event|bingo|class|meeting|activity)\b", re.IGNORECASE)),
)
_ALWAYS = (  # what the assistant never knows, now or on a day
    ("hours", re.compile(r"开门|关门|营业|坐诊|出诊|开诊|开着|办业务|\b(?:open|closed|seeing patients)\b",
                         re.IGNORECASE)),
    ("money", re.compile(r"燃气费|水费|电费|话费|物业费|暖气费|养老金|退休金|工资|补贴|到账|交了没|交了吗"
                         r"|\b(?:pension|bill|payment|deposit(?:ed)?)\b", re.IGNORECASE)),
    ("people", re.compile(r"邻居|隔壁|对门|楼上|楼下|老[王李张刘陈赵孙周吴郑]"
                          r"|[王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑][大老]?(?:妈|婶|姨|爷|伯|叔|奶奶|嫂|哥|姐)"
                          r"|\b(?:next door|neighbou?rs?)\b", re.IGNORECASE)),
    ("outage", re.compile(r"停水|停电|停气|停暖|\b(?:power cut|outage)\b", re.IGNORECASE)),
    ("arrival", re.compile(r"公交|班车|地铁|车还有|\b(?:bus|train|on time)\b", re.IGNORECASE)),
    ("messages", re.compile(r"短信|消息|微信|来信|\b(?:texts?|messages?|letters?|emails?)\b", re.IGNORECASE)),
    ("calls", re.compile(r"来电话|打电话|打过电话|回电话|来过电话|\b(?:call|called|phoned|rang)\b",
                         re.IGNORECASE)),
    ("things", re.compile(r"快递|包裹|寄到|寄来|钥匙|眼镜|花镜|钱包|存折|手机|[的里]钱(?!包)|狗|猫"
                          r"|\b(?:package|parcel|keys|glasses|wallet|phone)\b",
                          re.IGNORECASE)),
    ("kin", re.compile(r"孩子|儿子|女儿|闺女|孙|老伴|儿媳|女婿|老头|老太婆|老婆子"
                       r"|\b(?:son|daughter|grandson|granddaughter|grandkids|grandchildren|husband|wife|kids"
                       r"|children)\b", re.IGNORECASE)),
)
_TRUE = re.compile(r"(?:这|那)?(?:是)?(?:真的|真事)(?:吗|么|不|吧|呀|啊)?|是不是真的|真的假的|真的还是假的")
_HE_SHE = re.compile(r"[他她]|\b(?:he|she|they)\b", re.IGNORECASE)
_ASKED = re.compile(r"[？?]$|吗|了没|没有?$|是不是|有没有|会不会|还是")
_NOW = re.compile(r"今天|今儿|明天|后天|现在|这会儿|刚才|最近|这几天|这周|这个月|今晚|今年|外面|外头"
                  r"|了吗|了没|还[有放办在开播]"
                  r"|\b(?:today|tonight|tomorrow|now|this (?:week|morning|afternoon|evening)|outside|yet"
                  r"|these days|at the moment)\b"
                  r"|\b(?:is|are) \w+ing\b", re.IGNORECASE)
# advice asked ("能吃吗", "should I"), not a fact
_ADVICE = re.compile(r"能|可以|可不可以|应该|该|要不要|好不好|行不行|适合|需要|合适|会不会影响"
                     r"|\b(?:can|could|should|may|must)\b", re.IGNORECASE)
# what usually happens ("银行一般周末也营业吗？", "Does Christmas always fall on…?"): knowledge
_GENERAL = re.compile(r"一般|通常|平时|每年|总是|都是|\b(?:usually|always|generally|normally|every year)\b",
                      re.IGNORECASE)
# her own readings and results ("大夫说我的血糖正常吗？"): only with 我 or "my"
_HEALTH = re.compile(r"(?:我|俺)[^，。？]{0,6}(?:血压|血糖|血脂|尿酸|心率|化验|体检|报告)"
                     r"|\bmy (?:blood pressure|blood sugar|sugar|cholesterol|test results?|check-?up)\b",
                     re.IGNORECASE)
_ASKS_BACK = re.compile(r"怎么|什么|吗|呢|哪|谁|多少|几|[？?]|\b(?:what|how|which|when|where|who)\b",
                        re.IGNORECASE)
_THING = re.compile(r"[汤水饭菜茶奶粥屋房被衣澡]|家里|身上|手脚")
_MAYBE = re.compile(r"可能|也许|大概|应该|或许|\b(?:maybe|probably|perhaps|might)\b", re.IGNORECASE)
_ENDS = re.compile(r"[。！？!?.]\s*$")
_STATES = re.compile(r"了|过|已经|正在|\b(?:is|are|was|were|has|have|had|did|will)\b", re.IGNORECASE)
# the answer admits it cannot know, or advises where to find out
_ADMITS = re.compile(r"不知道|查不到|看不到|看不见|不清楚|无法|没法|没办法|不能(?:提供|确定|查)|说不准|不确定"
                     r"|不了解|\b(?:can't|cannot|can not|don't know|do not know|not sure|unable|no way)\b",
                     re.IGNORECASE)
_ADVISES = re.compile(r"建议|可以|最好|记得|别|不要|看看|问问|问一下|打个电话|打电话|查一下|查查|联系|确认"
                      r"|\b(?:check|ask|call|try|please|should|you can|you could|you might|let me)\b",
                      re.IGNORECASE)
# a question about the assistant itself ("Do you have kids?", "你有孩子吗？"): identity.py answers it
_TO_YOU = re.compile(r"^\s*(?:do|did|are|have|were|will|would) you (?!know|think|remember|see|hear)"
                     r"|^(?:请问)?(?:你|您)(?:有|是|喜欢|会|结婚|也)", re.IGNORECASE)
HOLD_ZH = {
    "messages": "有没有短信和消息，我这里看不到。您看看手机，或者请家里人帮您看看。",
    "money": "钱到没到账、费交没交，我查不到。您看看手机银行或者缴费记录，也可以问问家里人。",
    "calls": "有没有人来过电话，我这里看不到。您看看手机上的未接来电吧。",
    "kin": "家里人的事，我不知道呀。您打个电话问问他们吧。",
    "things": "这个我看不到，不知道呀。您看一看，或者问问家里人。",
}
HOLD_EN = {
    "messages": "I can't see your messages. Check your phone, or ask your family to look.",
    "money": "I can't see your accounts or bills. Check your banking app or the receipts, or ask your "
             "family.",
    "calls": "I can't see your calls. Check the missed calls on your phone.",
    "kin": "I don't know about your family's plans. Give them a call and ask.",
    "things": "I can't see that, so I don't know. Have a look, or ask your family.",
}


def opens_claim(candidate: str, question: str, grounded: Set[str]) -> bool:
    """A weather sentence (or a bus's, asked about) has begun: its claim, if any, is still to come."""
    if transit(candidate) and transit(question):
        return True
    return "weather" not in grounded and not is_hedged(candidate) and bool(WEATHER_TOPIC.search(candidate))


def opens_live_claim(candidate: str, question: str) -> bool:
    """A clause cut without a mark ("The cost of a loaf of bread these days") begins the answer to a
    question of the world's or her family's facts: its claim may come in the next clause, and the honest
    words said after the cut half would make no sentence ("…these days I can't look up current prices")."""
    cut = len(candidate) <= 60 and bool(re.search(r"\w$", candidate.strip()))
    return cut and _live_kind(question) is not None


def bare_answer(clause: str, question: str) -> bool:
    """``clause`` is only a yes or a no (or the question's verb said back), and ``question`` asks one
    about her own life, her day or the world."""
    said = clause.strip(_MARKS)
    asked = _last_part(question)  # advice asked ("我能吃鸡蛋吗？"): its yes is no claim, not held
    if not said or not ((_ANCHORED.search(question) and not _ADVICE.search(asked)) or _live_kind(question)):
        return False
    if said.isascii():
        return bool(_YES_NO_EN.search(question) and _BARE_EN.fullmatch(said))
    if not _YES_NO_ZH.search(question):
        return False
    if _BARE_ZH.fullmatch(said):
        return True
    echo = _ECHO.fullmatch(said)
    return bool(echo and echo.group(1) in question)


def opening(clause: str) -> str:
    """The words before a clause's first mark: where a bare yes or no would be ("吃了" of "吃了，…")."""
    return re.split(r"[，,。！!；;]", clause.strip())[0]


def _last_part(question: str) -> str:
    return re.split(r"[，,。；;]", question.strip().rstrip("？?。.!！ "))[-1]


def _live_kind(question: str) -> str | None:
    """The kind of fact of the world or her family that a question (its last part) asks, if any."""
    asked = _last_part(question)
    heard = bool(_TRUE.fullmatch(asked))  # "王大妈说她家孙子考上清华了，是真的吗？": what she heard is asked
    if heard:
        asked = question
    if _ADVICE.search(asked) or _TO_YOU.search(question) or _GENERAL.search(question):
        return None
    if _HEALTH.search(asked):  # unless she gave the reading ("我血压135/85正常吗？")
        return None if re.search(r"\d|[一二三四五六七八九十百]{2,}", question) else "health"
    now = _NOW.search(question)
    for kind, words in _LIVE:
        # the warmth of a thing or a room ("今天的汤热不热？", "屋里冷不冷") is no weather
        if now and words.search(asked) and not (kind == "weather" and _THING.search(asked)):
            return kind
    # what she heard asked of: its news first, then who told it ("邻居说明天停水")
    found = next((name for name, words in sorted(_ALWAYS, key=lambda kw: heard and kw[0] in ("people", "kin"))
                  if words.search(asked)), None)
    # "女儿说今天来看我，她出发了没有？": she is the daughter (asked: not "我老伴叫李桂芬，她腿脚不好")
    if found is None and _HE_SHE.search(asked) and _ASKED.search(question.strip()):
        found = next((name for name, words in _ALWAYS
                      if name in ("kin", "people") and words.search(question)), None)
    return found


def bare_violation(clause: str, question: str, grounded: Set[str], language: str,
                   before: str = "") -> tuple[str, str] | None:
    """(kind, the honest sentence) when the answer opens (``before``: what it said before ``clause``,
    nothing or a greeting) with a bare yes or no that asserts a fact (:func:`bare_claim`), else None."""
    if before and not _GREETING.fullmatch(before.strip()):
        return None
    kind = bare_claim(clause, question, grounded)
    if kind is None:
        return None
    en = language == "en"
    every = {**(HONEST_EN if en else HONEST_ZH), **(HONEST_MORE_EN if en else HONEST_MORE_ZH),
             **(HOLD_EN if en else HOLD_ZH)}
    return kind, every.get(kind, every["event"])


# Why something of the world or her family is as it is ("隔壁老王今天怎么没出来遛弯？"): only they know.
_WHY = re.compile(r"怎么(?:没|不|还)|为什么|为啥|咋(?:没|不)|\bwhy\b", re.I)


def honest_for(question: str, grounded: Set[str], language: str) -> str | None:
    """The honest sentence for a yes or no asked of the world or her family ("我家狗今天吃饭了吗？"), for an
    answer that only said the question back; None when the question is no such thing, or a tool
    grounded it."""
    asked = _YES_NO_ZH.search(question) or "还是" in question if _HAN.search(question) \
        else _YES_NO_EN.search(question)
    kind = _live_kind(question) if asked or _WHY.search(question) else None
    if kind is None or kind in grounded:
        return None
    en = language == "en"
    every = {**(HONEST_EN if en else HONEST_ZH), **(HONEST_MORE_EN if en else HONEST_MORE_ZH),
             **(HOLD_EN if en else HOLD_ZH)}
    return every.get(kind, every["event"])


def bare_claim(clause: str, question: str, grounded: Set[str]) -> str | None:
    """The kind of fact the answer's bare yes or no opening ``clause`` asserts ("到了，" to "快递到了吗？"),
    or None: the question asks a yes or no of the world or her family, and no tool grounded it."""
    if not (_YES_NO_ZH.search(question) or "还是" in question if _HAN.search(question)
            else _YES_NO_EN.search(question)):
        return None  # her news, or a question of what or when (the other checks judge those)
    kind = _live_kind(question)
    if kind is None or kind in grounded or (kind == "arrival" and "schedule" in grounded):
        return None
    said_first = opening(clause)
    # said back, a "maybe" adds nothing ("俺的老花镜是不是落在沙发上了？" → "你老花镜可能落在沙发上了。")
    if bare_answer(said_first, question) or _restates(_MAYBE.sub("", clause), question) \
            or (not is_hedged(clause) and _answers_as_known(clause)):
        return kind
    return None


def _answers_as_known(clause: str) -> bool:
    """Whatever else the answer's first words say to such a question, when they neither admit not
    knowing, nor advise, nor speak of what usually holds ("您好，您的挂号短信已经收到。", "儿子已经将钱转到了
    您的账户。"): the 1.5B says the question back in words of its own."""
    if _GREETING.fullmatch(clause.strip()) or not (_ENDS.search(clause) or _STATES.search(clause)):
        return False  # a greeting, or a part of a sentence that says nothing yet ("家里人的事，")
    return not (_ADMITS.search(clause) or _ADVISES.search(clause) or _GENERAL.search(clause))


def _restates(clause: str, question: str) -> bool:
    """The question said back as a statement, a yes by another name ("社区今天有免费量血压的活动吗？" →
    "社区今天有免费量血压的活动，"; "Is there a power outage planned for our street?" → "There is no
    planned power outage for our street.")."""
    if _ASKS_BACK.search(clause):
        return False  # a question back ("养老金怎么调、什么时候发，…")
    if _HAN.search(question):  # a yes/no question, not her news ("我外孙女朵朵会走路了" → "朵朵会走路了")
        return bool(_YES_NO_ZH.search(question)) and parrots(  # "儿子已经给我转了1000元。": an amount too
            _NUMBER_SAID.sub("", clause), question, at_most_new=2, numbers_answer=False)
    if not _YES_NO_EN.search(question):
        return False
    said = set(re.findall(r"[a-z']+", clause.lower())) - _EN_FILLER
    return len(said) >= 2 and said <= set(re.findall(r"[a-z']+", question.lower()))
