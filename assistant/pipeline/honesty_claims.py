"""What counts as a claim the assistant cannot know: the pattern tables and the per-category tests
the honesty guard (:mod:`assistant.pipeline.honesty`) applies to each clause of a reply.

A *claim* is an assertion anchored to the present (今天, 现在, 外面, today, right now …, or a question
about the topic this turn); generic knowledge ("下雨天路滑", "体温三十七度五") is not a claim, and
neither is a hedge or a question ("我不知道今天会不会下雨", "您那里下雨了吗？").

Pure logic: no I/O, no model.
"""

from __future__ import annotations

import re

NUM = r"[0-9零〇一二两三四五六七八九十廿]{1,4}"
_AMOUNT = r"[0-9零〇一二两三四五六七八九十百千万点.]+"

_QUESTION = re.compile(r"(吗|呢|么)?[？?][”’\"')）]*$|吗[，。]?$")

_ANCHOR_ZH = (r"今天|今日|今儿|今早|今晚|今夜|明天|明日|明早|明晚|后天|这几天|这两天|最近几天|这周|本周|周末"
              r"|现在|目前|当前|此刻|眼下|外面|外头|待会|等会|一会儿|下午|晚上|夜里|早上|上午")
_ANCHOR_EN = (r"\b(today|tonight|tomorrow|this (morning|afternoon|evening|week|weekend)|right now|currently"
              r"|on (monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
              r"|at the moment|outside|later on)\b")
_HEDGE_ZH = re.compile(
    r"不知道|不清楚|查不到|查不了|无法|没法|没办法|不能确定|不确定|说不准|不好说|没有.{0,8}(信息|数据|消息|资料)"
    r"|没有?联网|不能上网|上不了网|没有网络|^(我|咱)?.{0,4}(看不到|看不了|收不到)"
    r"|如果|要是|假如|万一|的话|(看看|查查|查一下|问问|留意|关注).{0,10}(预报|天气|手机|电视|新闻|家人|行情|价格)")
_HEDGE_EN = re.compile(
    r"\b(don't|do not|can't|cannot|can not|unable|not sure|no access|no way to|if|check|look at|ask"
    r"|offline|not online|no internet)\b", re.I)

# "cold medicine", "cold and flu tablets": a remedy for a cold, not the air's temperature
_COLD_CURE = (r"(?:and flu\s+)?(?:medicines?|medications?|remed(?:y|ies)|tablets|pills|capsules|syrup"
              r"|sores?)\b")
WEATHER_TOPIC = re.compile(r"天气|气温|温度|冷不冷|热不热|下雨|下雪|刮风|带伞|穿什么|穿多少"
                           r"|空气质量|雾霾|PM2\.?5"
                           r"|weather|temperature|forecast"
                           r"|\b(rain|snow|storm|sunny|windy|wind|hot)\b"
                           rf"|(?<!a )(?<!common )\bcold\b(?!\s+{_COLD_CURE})"
                           r"|umbrella", re.I)
_WEATHER_ZH = re.compile(
    r"晴|多云|阴天|阴沉|转阴|阴雨|下雨|有雨|降雨|雨水多|[小中大暴阵雷]雨|毛毛雨|雨夹雪|下雪|有雪|[中暴]雪|雪花|"
    r"大雾|有雾|雾霾|有霾|沙尘|PM2\.?5|PM10|AQI|空气(质量)?(很|挺|比较|不太|不|特别|有点)?(好|差|糟|新鲜|清新|污染)|[重中轻]度污染|刮风|[大微]风|风力|风[一二三四五六七八九十两0-9]+级|级[大]?风|湿度|空气质量|紫外线|"
    r"降温|升温|回暖|变冷|天冷|天凉|天热|(?:很|挺|比较|有点)(?:冷(?![静漠淡门])|热(?![闹情心门烈]))|暖和|凉快|寒冷|炎热|闷热|"
    rf"阳光明媚|阳光充足|万里无云|艳阳|气温|度左右|摄氏度|零下|{_AMOUNT}度(?!数)|寒潮|冷空气|台风|高温|"
    r"天气(很|挺|真|还|比较|非常|特别)?(不错|好|晴好|差|糟|恶劣)|好天气|坏天气|"
    r"有点风|有风|起风|没风|(?<![中痛伤])(雨|雪|风|雾|霾)(很|挺|不|不太|特别|比较)?[大小]|能见度|"
    r"太阳(很|挺|真|特别)?(好|大|足)|出太阳|有太阳|"
    r"(外面|外头|天气|今天|明天|后天|天)(会|要|将|可能|应该|还会)?(有点|有些|很|挺|比较|特别|不|不太|还)?(冷|热|凉)")
_WEATHER_EN = re.compile(
    r"\b(sunny|cloudy|overcast|rain|rainy|raining|showers?|drizzle|snow|snowy|snowing|fog|foggy|windy|storms?|stormy|"
    r"thunder\w*|clear skies|clear sky|humid|humidity|degrees|chilly|freezing|mild|warm|cold|hot|"
    r"winds?|breezy?|gusts?|gusty|blowing|sunshine|heat ?wave|cold front|high of|low of)\b"
    r"|\b(good|nice|lovely|beautiful|bad|terrible|fine) weather\b|\bweather (is|will be) \w+"
    r"|\b(air quality|smog)\b|°", re.I)
# "warm water", "keep warm", "hot tea": a thing's or a body's temperature, not the air's
_THING_WARMTH_EN = re.compile(r"\b(warm|hot|cold)\s+(water|milk|tea|soup|food|drinks?|clothes|clothing"
                              r"|layers|bath|shower|compress|towel|feet|hands)\b|\b(keep|stay|feel)\s+(warm|cold)\b"
                              r"|\b(a|the common) cold\b"
                              rf"|\bcold\s+{_COLD_CURE}", re.I)
_WEATHER_MEASURE = re.compile(rf"{_AMOUNT}度|气温|温度|degrees|°", re.I)  # a number only: whose?
_NOT_WEATHER = re.compile(r"体温|发烧|水温|油温|烤箱|空调|冰箱|酒精|角度|浓度|程度|度数"
                          r"|沸腾|沸点|烧开|熔点|冰点"
                          r"|fever|body temperature|oven|boil|melt|freezing point", re.I)
# Knowledge of a kind of day or season, or an explanation, not a claim about this one ("下雨天路滑",
# "夏天一般比较热", "下雨是因为水汽遇冷"), unless the clause itself names a day ("今天一般不会下雨").
_GENERIC = re.compile(r"一般|通常|往往|经常|常常|容易|总是|大多|多半|每年|每逢|一到|的时候"
                      r"|因为|原因|形成|原理"
                      r"|[下]?[雨雪]天(?!气)|刮风天|阴雨天|[春夏秋冬]天|[春夏秋冬]季|三伏天|梅雨季"
                      r"|\b(usually|generally|often|typically|normally|tends? to|because|every"
                      r"|in (spring|summer|autumn|fall|winter)|on (cold|hot|rainy|snowy) days"
                      r"|in (cold|hot|warm|rainy|wet|snowy|windy) weather"
                      r"|when it(?:'s| is) (cold|hot|raining))\b"
                      # what the weather does in general ("Rain is good for the garden")
                      r"|\b(rain|snow|sunshine|sunlight|sun|wind|frost|cold|heat) (is|are|can be) "
                      r"(good|bad|great|healthy|harmful|important|useful) for\b", re.I)
_DAY_NAMED = re.compile(r"今天|今日|今儿|今早|今晚|今夜|明天|明日|明早|明晚|后天|这几天|这两天|这周|本周|周末"
                        r"|现在|目前|当前|此刻|眼下|今年|外面|外头"
                        r"|\b(today|tonight|tomorrow|this (morning|afternoon|evening|week|weekend|year)"
                        r"|right now|currently|at the moment|outside)\b", re.I)
_SOLAR_TERM = re.compile(r"(小雪|大雪|雨水|谷雨|小暑|大暑|小寒|大寒)(节气|时节)?|节气")

_PRICE_ZH = re.compile(
    r"(股价|股票|大盘|股指|上证|深证|恒生|汇率|金价|黄金价格|油价|房价|菜价|肉价|猪肉价|基金净值|比特币).{0,12}"
    r"((?!一[份种个些样家只张部般定起直旦下])[0-9零一二两三四五六七八九十百千万点]+|涨|跌)"
    rf"|{NUM}(块|元|毛)([零一二两三四五六七八九半]毛?)?(钱)?(一|每)(斤|公斤|千克|升|克|吨|桶|两)"
    rf"|(每|一)(斤|公斤|千克|升|克|吨|桶)[^，。；]{{0,6}}{_AMOUNT}(多)?(块|元|美元)")
# 块 counts things too ("二百零六块骨头", "两块蛋糕"): money only when no such thing follows
_PIECES = (r"(?!骨|石|砖|肉|蛋糕|饼|布|地|表|手表|玻璃|木|冰|糖|巧克力|面包|瓜|西瓜|豆腐|积木|肥皂|香皂|橡皮"
           r"|田|板|瓦|姜|疤|斑|屏)")
_MONEY = re.compile(rf"[0-9零〇一二两三四五六七八九十百千万亿.]+\s*(块{_PIECES}|元|毛|美元|人民币)|\$\s?\d"
                    r"|\b\d[\d,]*(\.\d+)? (dollars|yuan|euros|pounds)\b"
                    r"|\b(one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|a hundred|hundred"
                    r"|a few|a couple of)( and a half)? (dollars|yuan|euros|bucks)\b", re.I)
_ASKS_AMOUNT = re.compile(r"多少|几|什么价|价格|价钱|汇率|行情"
                          r"|\bhow much\b|\bprice\b|\bcost\b|\brate\b", re.I)
_GIVEN_NUMBER = re.compile(r"[0-9零〇一二两三四五六七八九十百千万半]"
                           r"|\b(one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand)\b", re.I)
_PRICE_EN = re.compile(
    r"\b(stocks?|shares?|share price|gold|silver|exchange rate|oil|gas|gasoline|petrol|pork|eggs|bitcoin|dow"
    r"|s&p|nasdaq|market|index)\b.{0,30}(\d|\bup\b|\bdown\b|rose|fell|dollars|trading at)", re.I)
# a market or the present: a price the user's own figures cannot give
_MARKET = re.compile(r"股|大盘|指数|汇率|金价|黄金|油价|房价|比特币|美元|欧元|日元|英镑|港币|行情|市场|涨|跌"
                     r"|今天|今日|现在|目前|眼下|最近|这几天"
                     r"|\b(stocks?|shares?|gold|oil|gas|dollars?|euros?|market|today|now|currently"
                     r"|trading)\b", re.I)
# a market price asked beside a sum of the user's ("我有二十块，猪肉多少钱一斤？")
_ASKS_UNIT_PRICE = re.compile(r"多少钱一|一(斤|公斤|千克|克|升|两)[^，。？]{0,3}多少|什么价|价格|价钱|行情"
                              r"|\b(price|per (pound|kilo|gram|litre|liter))\b", re.I)
# a sum set by custom, not by a market: a gift's or a tip's amount ("压岁钱一般两百到五百块"), or the
# currency's own denominations ("硬币有一角、五角和一元"): knowledge, whatever day it is asked
_CUSTOM_SUM = re.compile(r"压岁钱|红包|份子|随礼|随份|礼金|礼钱|贺礼|见面礼|改口费|零花钱|零用钱|小费"
                         r"|面值|面额|硬币|纸币|钢镚"
                         r"|\b(gifts?|tips?|tipping|pocket money|allowance|coins?|banknotes?"
                         r"|dollar (bills?|notes?)"
                         r"|denominations?|quarters?|dimes?|nickels?|pennies|penny)\b", re.I)
_CURRENCY = (r"(美元|欧元|日元|英镑|港币|港元|韩元|卢布|\b(dollars?|euros?|yen|pounds?|rmb|yuan)\b)")
_RATE = re.compile(rf"{_CURRENCY}.{{0,12}}(换|兑|兑换|等于|合|能换|worth|buys|equals|gets you|trades at|is)"
                   rf".{{0,12}}{_AMOUNT}.{{0,6}}({_CURRENCY}|人民币|块|元)", re.I)
_NEWS_ZH = re.compile(r"新闻|头条|据报道|报道说|消息说|最新消息|据悉|宣布|发布了|通报"
                      r"|开奖|中奖号码|彩票号码|比分|伤亡|遇难|车祸"
                      r"|发生了?(一起|一场|一次)?.{0,6}(事故|火灾|爆炸|地震|洪水|案件|故障|停电|停水|停运|塌方|坍塌|踩踏|泄漏)"
                      r"|(事故|火灾|爆炸).{0,10}(死亡|受伤)"
                      r"|夺冠|比赛结果|地震|战胜|击败|获胜|战平|晋级|被淘汰"
                      r"|(上涨|下跌|上调|下调|提高|降低|涨|跌)了?(百分之|[0-9.]+%)")
_NEWS_ANCHOR_ZH = re.compile(r"今天|今日|昨天|昨晚|前天|最近|刚刚|刚才|这几天|今年|明年|本周|这周|上周|最新")
# a match result with its score ("二比一战胜", "以一百零八比九十九获胜"), anchored or not
_SCORE_ZH = re.compile(rf"{_AMOUNT}比{_AMOUNT}.{{0,6}}(战胜|击败|打败|赢|输|获胜|取胜|战平|打平|落败)"
                       rf"|(战胜|击败|打败|赢了|输给|战平|打平).{{0,8}}{_AMOUNT}比{_AMOUNT}")
_SCORE_EN = re.compile(r"\b(won|beat|defeated|lost|drew|tied|victory|win)\b.{0,30}\b\d+\s*(to|-|–)\s*\d+\b"
                       r"|\b\d+\s*(to|-|–)\s*\d+\b.{0,30}\b(won|beat|defeated|lost|win|victory)\b", re.I)
# the roads ("路上很堵"), not a nose or a bowel ("鼻子很堵", "大便通畅", "呼吸道通畅")
_TRAFFIC = re.compile(r"堵车|拥堵|路况|交通管制|封路"
                      r"|(路|道路|交通|高速|环线|[一二三四五六]环|街|桥|路面)[^，。]{0,6}(堵|通畅|畅通|车不多|车很多|车挺多|车多|好走|难走)"
                      r"|\b(traffic|congestion|gridlock\w*|road (is |are )?closed)\b", re.I)
_TRAFFIC_ASKED = re.compile(r"堵|路况|好走|车多|traffic|congest", re.I)
_LOTTERY_ZH = re.compile(r"(开奖|中奖|彩票|双色球|大乐透).{0,8}(号码)?.{0,4}"
                         r"[0-9零一二两三四五六七八九十](?![个位种次组注])")  # not "选六个红球": the rules
_NEWS_EN = re.compile(r"\b(news|headlines?|reported|lottery|winning numbers|score|won|lost|earthquake"
                      r"|(big|huge|major|terrible) (fire|accident|crash|explosion|flood)"
                      r"|caught fire|crashed|exploded"
                      r"|(mayor|president|governor|minister|prime minister)"
                      r" (spoke|said|announced|visited))\b", re.I)
_NEWS_ANCHOR_EN = re.compile(r"\b(today|yesterday|recently|just now|this week|latest|last night"
                             r"|this (morning|afternoon|evening)|earlier today)\b", re.I)

HONEST_ZH = {
    "weather": "我查不到实时的天气，您可以看看手机或电视上的天气预报。",
    "price": "现在的价格我查不到，您可以看看手机，或者问问家人。",
    "news": "最新的消息我查不到，您可以看看电视或手机上的新闻。",
    "traffic": "现在的路况我查不到，您可以看看手机地图，或者问问家人。",
    "lunar": "农历日期我现在查不准，您可以看看日历。",
    "misheard": "不好意思，我没听清，您能再说一遍吗？",
}
HONEST_EN = {
    "weather": "I can't look up the live weather; please check the forecast on your phone or TV.",
    "price": "I can't look up current prices; please check your phone or ask your family.",
    "news": "I can't look up the latest news; please check the TV or your phone.",
    "traffic": "I can't look up the traffic right now; please check a map app or ask your family.",
    "lunar": "I can't look up the lunar date right now; please check a calendar.",
    "misheard": "Sorry, I didn't catch that. Could you say it again?",
}


def is_hedged(text: str) -> bool:
    return bool(_HEDGE_ZH.search(text) or _HEDGE_EN.search(text) or _QUESTION.search(text.strip()))


# A day's warmth said with a word between ("明天路不冷", "最近几天会叫温暖"): a misheard weather question
# ("杭州明天冷不冷" heard "杭州明天路不冷") echoed back as a claim. Only when the question asks the same.
_LOOSE_WARMTH = re.compile(r"(?:今天|明天|后天|这几天|这两天|最近几天|外面|外头)"
                           r"(?P<between>[^，。？！,.?!]{0,3}?)"
                           r"(?:不|不太|很|挺|会|要|还)?(?:冷|热|凉快?|暖和|温暖)(?![闹情心门点爱水菜饭静漠淡饮拌气])")
_THING = re.compile(r"[汤水饭菜茶奶粥手脚脸身屋房家被衣澡]")


def _loose_warmth(clause: str, question: str) -> bool:
    said, asked = _LOOSE_WARMTH.search(clause), _LOOSE_WARMTH.search(question)
    return bool(said and asked and not _THING.search(said.group("between") + asked.group("between")))


def weather_claim(clause: str, context: str, question: str) -> bool:
    if _SOLAR_TERM.search(clause) and not re.search(r"气温|度|下雨|下雪|晴", _SOLAR_TERM.sub("", clause)):
        return False  # "今天是小雪节气": a date (the clock tool's job), not weather
    clause = _THING_WARMTH_EN.sub("", clause)
    if not (_WEATHER_ZH.search(clause) or _WEATHER_EN.search(clause) or _loose_warmth(clause, question)):
        return False
    if _NOT_WEATHER.search(clause) or (_GENERIC.search(clause) and not _DAY_NAMED.search(clause)):
        return False
    bare = _WEATHER_MEASURE.sub("", clause)
    if not (_WEATHER_ZH.search(bare) or _WEATHER_EN.search(bare)) and _NOT_WEATHER.search(context):
        return False  # "…body temperature is about 36.5" + "to 37 degrees.": the sentence's subject
    degrees = re.findall(rf"({NUM})\s*度", clause)
    if degrees and all(f"{d}度" in question for d in degrees) and not re.search(r"雨|雪|晴|阴|风|雾", clause):
        return False  # the reading she gave ("屋里才十五度，是不是得多穿点？" → "十五度有点凉")
    anchored = bool(re.search(_ANCHOR_ZH, clause + context) or re.search(_ANCHOR_EN, clause + context, re.I)
                    or WEATHER_TOPIC.search(question))
    return anchored and not is_hedged(clause)


def news_claim(clause: str, context: str) -> bool:
    if is_hedged(clause):
        return False
    if _LOTTERY_ZH.search(clause) or _SCORE_ZH.search(clause) or _SCORE_EN.search(clause):
        return True
    if _NEWS_ZH.search(clause) and _NEWS_ANCHOR_ZH.search(clause + context):
        return True
    return bool(_NEWS_EN.search(clause) and _NEWS_ANCHOR_EN.search(clause + context))


def price_claim(clause: str, question: str = "", context: str = "") -> bool:
    """A market price, or any sum of money given for a question that named no number at all
    ("明天美元的汇率是多少" misheard as "明天每元的会里是多少" -> "…是10元"): no sum can make it, unless
    custom sets it (a gift, a tip, a coin: ``_CUSTOM_SUM`` in the question or the sentence so far)."""
    if is_hedged(clause):
        return False
    if question and (_MONEY.search(question) or _PRICE_ZH.search(question)) and not _MARKET.search(clause) \
            and not _ASKS_UNIT_PRICE.search(question):
        return False  # a sum on the user's own prices ("三斤鸡蛋二十一块" -> "一斤七块钱")
    made_up = bool(question) and bool(_MONEY.search(clause)) and bool(_ASKS_AMOUNT.search(question)) \
        and not _GIVEN_NUMBER.search(question) and not _CUSTOM_SUM.search(question + context + clause)
    return bool(_PRICE_ZH.search(clause) or _PRICE_EN.search(clause) or _RATE.search(clause)) or made_up


def traffic_claim(clause: str, question: str) -> bool:
    """The roads now ("现在三环路上很堵"): no tool knows them. Not "早高峰路上容易堵" (knowledge)."""
    if is_hedged(clause) or not _TRAFFIC.search(clause):
        return False
    if _GENERIC.search(clause) and not _DAY_NAMED.search(clause):
        return False
    return bool(_DAY_NAMED.search(clause) or _TRAFFIC_ASKED.search(question))
