"""Questions no tool can answer and the LLM must not: today's news, market and shop prices, lottery
draws, match results. The small LLM answers them with made-up content whatever its prompt says, so
the answer is made here, in code: one honest sentence that says where to look instead.

A question is one of these when it names such a topic *and* asks for its current value or content
("茅台的股价现在是多少", "今天有什么新闻", "下一期双色球开什么号码", "昨天的比赛谁赢了"). A
question about the topic in general ("股票是什么", "怎么看新闻", "彩票中奖率高吗") goes to the LLM.
Pure logic.
"""

from __future__ import annotations

import re

from assistant.pipeline.unknowable_local import REPLY_EN as _LOCAL_EN
from assistant.pipeline.unknowable_local import REPLY_ZH as _LOCAL_ZH
from assistant.pipeline.unknowable_local import local_topic
from assistant.pipeline.unknowable_people import REPLY_EN as _PEOPLE_EN
from assistant.pipeline.unknowable_people import REPLY_ZH as _PEOPLE_ZH
from assistant.pipeline.unknowable_people import people_topic
from assistant.pipeline.unknowable_phone import REPLY_EN as _PHONE_EN
from assistant.pipeline.unknowable_phone import REPLY_ZH as _PHONE_ZH
from assistant.pipeline.unknowable_phone import phone_topic
from assistant.tools.calendar_words import NEVER

_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("lottery", re.compile(r"彩票|双色球|大乐透|福彩|体彩|开奖|中奖号码|lottery|winning numbers", re.I)),
    ("market", re.compile(r"股价|股票|股市|大盘|指数|基金|汇率|金价|油价|比特币"
                          r"|黄金(?!周|时间|时段|搭档|年龄)|金子|金条"
                          r"|(美元|欧元|日元|港币|美金)(?!是什么)|[九八]?[二五八]号(?:汽油|油)|汽油|柴油|\bstocks?\b"
                          r"|\b(?:gas|petrol|gasoline|diesel|fuel) prices?\b"
                          r"|\b(?:gallon|litre|liter) of (?:gas|petrol|diesel)\b"
                          r"|share price|exchange rate|\bgold\b|oil price|bitcoin|dow jones|nasdaq", re.I)),
    ("sports", re.compile(r"(比赛|球赛|决赛|联赛|世界杯|奥运|篮球|足球|排球|乒乓|羽毛球|网球"
                          r"|nba|cba|中超|英超|[中男女]?[国足篮排]队|国足|男足|女足|男篮|女篮|男排|女排|国乒)"
                          r".{0,6}(谁赢|谁输|赢了|输了|比分|结果|冠军|踢赢|踢输|打赢|打输|[踢打比]得(?:怎么样|咋样|如何|好不好))"
                          r"|比分|几比几|(?:进|踢进|投进)了?几个球"
                          r"|\b(who won|the score|final score)\b", re.I)),
    ("news", re.compile(r"新闻|头条|时事|热点|大事件|国家大事|(发生|出)了?(什么|啥)(大)?事"
                        r"|有(什么|啥)(大|新鲜)事|新鲜事"
                        r"|(最近|现在|目前|这几天|今年).{0,6}(疫情|流感)(?!疫苗)|(疫情|流感).{0,4}(严重|情况|怎么样|厉害)"
                        r"|新政策|(?:出台|出了|发了)[^，。？]{0,4}(?:什么|啥|哪些)?[^，。？]{0,2}(?:政策|规定)"
                        r"|(?:政策|规定)[^，。？]{0,4}(?:出台|出来|变了|改了)"
                        r"|(?:电视|广播|报纸|手机|新闻)(?:上|里)?(?:说|播|报|讲)的[^，。？]{0,6}(?:事|那个)"
                        r"|(?:哪儿|哪里|哪个地方|什么地方)又?(?:地震|发大水|发洪水|着大火|爆炸|出事)了"
                        r"|(?:地震|洪水|台风|山火|空难|爆炸|塌了)[^，。？]{0,6}(?:是真的|真的吗|真的假的)"
                        r"|\bnews\b|headlines?", re.I)),
    # This year's pension rise, when it is paid ("今年养老金涨了多少"): only the social-security office knows.
    ("pension", re.compile(r"(?:养老金|退休金|退休工资|养老钱)[^，。？]{0,6}"
                           r"(?:涨|调|上调|提高|增加|发了|到账|发放|几号发|什么时候发|啥时候发)"
                           # whether this month's has come ("这个月的退休工资到账了没有", 到账 heard as 到占)
                           r"|(?:这个月|本月|这月|今天)的?(?:养老金|退休金|退休工资)(?:(?!够|花|用)[^，。？]){1,4}(?:了没有|了没|了吗)"
                           r"|\bpensions?\b.{0,20}"
                           r"\b(?:ris(?:e|ing)|rais(?:e|ing)|increas(?:e|ing)|go(?:es|ing)? up|paid)",
                           re.I)),
    ("office", re.compile(r"(总统|主席|总理|首相|市长|省长|书记|部长)(现在)?是谁"
                          r"|谁是.{0,6}(总统|主席|总理|首相)"
                          r"|现任|\bwho is the (president|prime minister|mayor)\b", re.I)),
    # Air quality asks about now by itself ("空气质量好吗"); fresh air in general ("多呼吸新鲜空气") does not.
    ("air", re.compile(r"空气质量|(?<!新鲜)空气(?:好不好|怎么样|咋样|差不差|脏不脏)"
                       r"|(今天|现在|最近|这几天|明天|外面|外头|我们这|这里|这边)的?空气"
                       r"|雾霾|\bpm ?2\.?5\b|\baqi\b|air quality|\bsmog\b", re.I)),
    ("local", re.compile(r"停电|停水|停气|停不停|堵车|堵不堵|路况"
                         r"|路上[^，。？]{0,4}(?:车多|人多|好走|挤)|限行|限号|尾号|封路|(几点|什么时候)(关门|开门)|营业到几点"
                         # an event of her neighbourhood: when it starts, whether there is one
                         # ("我们小区的广场舞几点开始？" got "通常在下午1点开始")
                         r"|(?:小区|社区|村里|楼下|广场上|公园里|附近|我们这儿?|咱们?这儿?)[^，。？]{0,8}"
                         r"(?:广场舞|活动|义诊|讲座|集市|大集|庙会|体检|打疫苗|领鸡蛋|发鸡蛋|太极拳)[^，。？]{0,6}"
                         r"(?:几点|什么时候|啥时候|哪天|几号|开始|有没有|有吗)"
                         r"|(?:小区|社区|村里|附近|我们这儿?|咱们?这儿?)[^，。？]{0,6}(?:有没有|有)(?:什么)?"
                         r"(?:活动|义诊|讲座|集市|大集|庙会|免费体检|打疫苗|领鸡蛋|发鸡蛋)"
                         r"|\b(power cut|traffic)\b", re.I)),
    # Whether a place is open on a day, or when: only the place knows ("银行今天上不上班").
    ("open", re.compile(r"(?:医院|卫生院|诊所|门诊|银行|超市|商场|药店|药房|邮局|菜市场|营业厅|公园|派出所"
                        r"|社区|居委会|街道|食堂|店|馆)"
                        # the place named in a clause of its own first ("小区门口那个超市，今天开不开门")
                        r"(?:[^，。？]{0,6}|[，,][^，。？]{0,8})(?:(?:开门|关门|上班|营业|放假|休息|有人|开着)了?(?:吗|没|嘛|不)"
                        r"|开不开|开没开|上不上班|放不放假|营不营业|营业时间|有没有人|有人没有?)"
                        # not "is it bad luck to open an umbrella"
                        r"|\b(?:is|are) (?:the |my )?[a-z' ]{2,30}(?<!\bto) open\b"
                        r"(?! (?:an?|the|my|your|it|this|that)\b)|\bopening hours\b", re.I)),
    # Today's television: "今晚中央一台演什么".
    ("tv", re.compile(r"(?:电视|央视|中央|cctv|卫视|频道"
                      r"|[一二三四五六七八九十\d]+台)"
                      r"[^，。？]{0,6}(?:演|放|播)(?:什么|啥|哪[出部个集])|第几集|(?:什么|啥)节目"
                      r"|(?:春晚|晚会)[^，。？]{0,6}(?:有谁|谁上|谁演|哪些(?:人|明星|节目)|(?:什么|啥)节目)|几点(?:播|演|放(?![学假]))"
                      r"|(?:什么|啥)好看的(?:电视|节目)|电视(?:上|里)?有(?:什么|啥)"
                      r"|\bon (?:tv|television)\b|\btv (?:schedule|guide)\b", re.I)),
    # Whether tickets or a doctor's slot are left ("明天的火车票还有没有"): only the seller knows.
    ("tickets", re.compile(r"(?:火车票|车票|高铁票|动车票|汽车票|机票|飞机票|船票|门票|戏票|电影票"
                           r"|挂号|号源|专家号)"
                           r"[^，。？]{0,6}(?:还有|有没有|有吗|剩|卖完|紧张|好买|买得到|买不买得到|能买|买到)"
                           r"|(?:能不能|能|还能)挂(?:上|到)号|挂得上号|还有票|有没有票|有票吗"
                           r"|\b(?:any|are there) (?:train |plane |bus )?tickets (?:left|available)\b",
                           re.I)),
    # A parcel on its way ("我的快递到哪儿了"): only the carrier knows.
    ("parcel", re.compile(r"(?:快递|包裹|邮包|网购的东西|买的东西)[^，。？]{0,4}"
                          r"(?:到哪|到了吗|到了没|到没到|什么时候到|啥时候到|几时到|几号到|送到了|发货|寄到)"
                          r"|\bwhere(?:'s| is) my (?:parcel|package|delivery)\b"
                          r"|\b(?:has|did) my (?:parcel|package) (?:come|arrive)", re.I)),
    # A flight or a train on its way ("那趟航班晚点了没有"): only the airline or the station knows.
    # Asked, not told ("女儿的航班晚点了一个小时" is the user's own news).
    ("travel", re.compile(r"(?:航班|飞机|班机|火车|高铁|动车|列车|大巴|班车|那趟车|那班车)[^，。？]{0,6}"
                          r"(?:(?:晚点|延误|误点|准点|正点|落地|降落|起飞|到站|到|取消)了?(?:吗|嘛|没有?|不)"
                          r"|(?:晚|延|误|落|起|到|准)没|(?:有没有|会不会)(?:晚点|延误|误点|取消)|(?:几点|什么时候|啥时候|几时)(?:到|落地|起飞)"
                          r"|(?:怎么样|咋样)了?[吗呢？?]*$)"
                          # a city bus or the metro on its way ("23路公交车还得几分钟到"): only the
                          # stop's board or the bus app knows
                          r"|(?:公交车?|[\d一二三四五六七八九十百零两]+路(?:公交)?车?|地铁|班车)[^，。？]{0,6}?"
                          r"(?:(?:还得|还要|还有|再过|要等)?(?:几分钟|多久|多长时间|多大会儿|几站)(?:才|能)?(?:到|来|过来)"
                          r"|(?:什么时候|啥时候|几点)(?:才|能)?(?:到|来)|到哪(?:儿|里)?了|快到了?(?:吗|没)|来了(?:吗|没)"
                          # whether it comes at all, or has gone ("还来不来", "咋还没来", "过去了没有")
                          r"|(?:到底)?还?来不来|(?:怎么|咋)还(?:不|没)来|还来(?:吗|不|没)|(?:过去|开走)了?(?:没有?|吗))"
                          r"|\b(?:flight|plane|train)\b.{0,20}\b(?:delayed|late|on time|landed|cancell?ed)\b"
                          # when the next one comes or leaves: only the timetable or the stop knows
                          r"|\b(?:when|what time) (?:does|is|will) the (?:next )?"
                          r"(?:bus|train|tram|coach|ferry|flight)\b"
                          r"(?! (?:driver|station|stop|ticket))",
                          re.I)),
    ("price", re.compile(r"(猪肉|牛肉|鸡蛋|蔬菜|白菜|菜价|肉价|大米|房价|房子|机票|火车票)"
                         r".{0,6}(多少钱|什么价|价格|贵不贵|涨|跌)|\b(price|cost) of\b"
                         # what a thing costs in a shop now ("how much are eggs at the supermarket this week")
                         r"|\bhow much (?:is|are|does|do) (?:an? |the )?(?:[a-z']+ ){1,3}"
                         r"(?:cost|going for|selling for"
                         r"|at the (?:supermarket|market|store|shop|butcher'?s))\b"
                         # a price asked, whatever is sold ("白菜今天啥价", "西瓜卖几块")
                         r"|贵不贵|便宜不便宜|涨价了|降价了|啥价|什么价(?!位)|价钱|卖多少钱|卖几块|几(?:块|毛)钱?一(斤|个|公斤|升)"
                         r"|(?:啥|什么)行情|行情(?:怎么样|咋样|如何|好不好)|(?:贵|便宜)了?多少"
                         # what something sells for by weight now, whatever it is ("现在煮肉多少钱一斤")
                         r"|多少钱一(斤|公斤|两|千克|升)|一(斤|公斤|千克|升)(要)?多少钱"
                         # a price by area or weight without 钱 ("房价现在多少一平", "一平米多少")
                         r"|多少(?:钱)?一(?:平|平米|平方|克|斤|公斤)|一(?:平|平米|平方米?|克)(?:要|得)?多少",
                         re.I)),
)
# Asks for what it is now, or will be: an anchor in time, or a question for a value.
_LIVE = re.compile(
    r"今天|今日|现在|目前|最近|近来|这几天|这周|本周|昨天|昨晚|明天|下一期|这一期|这期|上一?期|本期|最新|刚才"
    r"|刚刚|今年|这个月|本月|明年|今儿|昨儿|明儿|今个|这阵子?|这阵儿|这会儿|眼下|如今|这些天|又要|涨不涨|调不调"
    r"|[那这]一?场|上一场|听说|是真的|真的假的"
    r"|今晚|今天晚上|待会|等会|这两天|谁(?:拿|得|夺)了?(?:冠军|第一)|多少|几点|涨了|跌了|涨还是跌|谁赢|开什么|什么号|有什么|有哪些|怎么样了"
    r"|现任|是谁|谁是|严重吗|会不会|几点|什么时候|堵不堵|开门|关门|踢赢|打赢|赢了吗|输了吗"
    r"|\b(today|tomorrow|now|current|currently|latest|recent|recently|yesterday|tonight|next|this week"
    r"|last night|this year|this month"
    r"|this morning|who is|who won|what'?s the (?:exchange rate|price|score))\b",
    re.I,
)
# Only a time anchor: a topic word heard in other characters is taken for the topic only with one.
_NOW = re.compile(r"今天|今日|今晚|现在|目前|最近|近来|这几天|这两天|这周|本周|昨天|昨晚|明天|下一期|这一期"
                  r"|这期|本期|最新|刚才|刚刚|今儿|昨儿|明儿|今个|这阵子?|这会儿|眼下|又要")
# Asked of the old days, not now ("以前鸡蛋多少钱一斤你还记得吗", "八十年代的猪肉什么价"): memory and history,
# for the LLM, unless now is named too ("现在比以前贵多少").
_PAST = re.compile(r"以前|过去(?![了没吗])|从前|那时候?|那会儿|当年|早年|年轻(?:的)?时候|年轻那会|小时候"
                   r"|解放前"
                   r"|[五六七八九]十年代")
# Topic words as Whisper often writes them: the same syllables and tones in other characters
# ("骨架" for 股价, "大新文" for 新闻). Matched on the pinyin with tones.
_SOUND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("lottery", ("双色球", "大乐透", "彩票", "开奖")),
    ("market", ("股价", "股票", "股市", "汇率", "金价", "油价", "基金", "大盘")),
    ("news", ("新闻", "头条", "时事")),
)
# A question about the thing itself, not its value now: for the LLM.
_GENERAL = re.compile(r"是什么意思|什么是|是什么东西|怎么(看|买|玩|查|用)|如何|为什么|能不能买|该不该|"
                      r"一般|通常|平时|往往|"  # what usually holds ("银行一般周末也营业吗？")
                      r"\b(what is a|how do i|how to|why|usually|generally|normally)\b", re.I)

_REPLY_ZH = {
    "lottery": "开奖号码谁也预测不了，我也查不到，您可以看看彩票站或者官方的开奖公告。",
    "market": "我查不到实时的行情，您可以看看手机上的行情软件，或者问问家人。",
    "sports": "比赛的结果和消息我查不到，您可以看看电视或手机上的体育新闻。",
    "news": "最新的新闻我查不到，您可以看看电视或手机上的新闻。",
    "price": "现在的价格我查不到，您可以看看手机，或者问问家人和菜市场。",
    "office": "现在是谁在任，我查不到最新的消息，我知道的可能已经过时了，您可以看看新闻。",
    "air": "空气质量我现在查不到，您可以看看手机上的天气软件。",
    "local": "这种本地的实时消息我查不到，您可以问问家人、物业，或者打电话问一下。",
    "open": "开没开门我查不到，您可以打个电话问一下，或者问问家人。",
    "tv": "今天的电视节目我查不到，您可以看看电视上的节目单，或者问问家人。",
    "tickets": "还有没有票、有没有号，我查不到，您可以打电话问问，或者请家人在手机上帮您看看。",
    "parcel": "快递到哪儿了我查不到，您可以看看手机短信，或者请家人帮您查一下。",
    "travel": "航班和车次晚没晚点、到没到，我查不到，您可以打电话问问，或者请家人在手机上帮您查一下。",
    "pension": "养老金怎么调、什么时候发，我查不到最新的消息，您可以打电话问问社保局，或者问问家人。",
}
_REPLY_EN = {
    "lottery": "Nobody can predict lottery numbers; please check the official draw.",
    "market": "I can't look up live market prices; please check a finance app or ask your family.",
    "sports": "I can't look up match results; please check the sports news on TV or your phone.",
    "news": "I can't look up the latest news; please check the TV or your phone.",
    "price": "I can't look up current prices; please check your phone or ask your family.",
    "office": "I can't look up who holds that office now, and what I know may be out of date; "
              "please check the news.",
    "air": "I can't look up the air quality now; please check a weather app on your phone.",
    "local": "I can't look up live local news like that; please ask your family or call to check.",
    "open": "I can't look up whether it is open; please call them or ask your family.",
    "tv": "I can't look up today's TV schedule; please check the programme guide or ask your family.",
    "tickets": "I can't look up whether tickets or appointments are left; please call them or ask "
               "your family.",
    "parcel": "I can't track parcels; please check the text messages on your phone or ask your family.",
    "travel": ("I can't look up when a bus, train or flight comes or whether it is on time; please call them "
               "or ask your family."),
    "pension": "I can't look up the latest pension news; please call the social-security office or ask "
               "your family.",
}


def topic_of(text: str) -> str | None:
    """The live topic ``text`` asks about now ("news", "market", "price", "lottery", "sports", "office",
    "air", "open", "tv", "local", "tickets", "parcel", "travel", "pension"), how a neighbour or a famous
    person is now (:mod:`.unknowable_people`: "neighbour", "famous"), or the local fact it asks for
    (:mod:`.unknowable_local`: "contact", "place", "route", "benefit", "papers", "service"), or the steps
    on her phone (:mod:`.unknowable_phone`: "phone"), or None. A local fact wins over a price
    ("高龄补贴每个月给多少钱" is a benefit's amount)."""
    if len(text) > 120 or fixed_answer(text, "zh") is not None:
        return None
    live = None if len(text) > 60 or _GENERAL.search(text) else _live_topic(text) or people_topic(text)
    local = local_topic(text) or phone_topic(text)
    return local if local is not None and live in (None, "price") else live


def _live_topic(text: str) -> str | None:
    if _PAST.search(text) and not _NOW.search(text):
        return None
    for name, pattern in _TOPICS:
        if (name == "price" and _GIVEN_PRICE.search(text)) or (name == "market" and _GIVEN_RATE.search(text)):
            continue  # "一斤白菜两块五，三斤多少钱": the price is given, a sum is asked
        if name == "sports" and _OWN_MATCH.search(text):
            continue  # "我今天参加了象棋比赛，赢了": the user's own news
        if pattern.search(text) and (name in _ALWAYS_LIVE or _LIVE.search(text)):
            return name
    if _MATCH.search(text) and _RECENT.search(text) and not _OWN_MATCH.search(text):
        return "sports"  # "昨天晚上的独球比赛时已轮": a match of a given day, whatever is asked of it
    return _sounds_like_topic(text) if _NOW.search(text) else None


# Topics that are about now by themselves ("火车票还有吗", "空气怎么样").
_ALWAYS_LIVE = frozenset({"air", "open", "tickets", "parcel", "travel"})
# When a programme with a fixed time is on ("新闻联播几点开始", "天气预报几点播", "春晚什么时候开始"): not
# today's listing, and the 1.5B model names it wrong ("新闻联播从早上8点开始", the forecast at the clock
# line's time), so the fixed time is said here (CCTV-1: the news at 19:00 for half an hour, the forecast
# right after it, the gala at 20:00 on New Year's Eve).
_SHOW_TIME = r"[^，。？]{0,4}(?:几点|什么时候|啥时候|哪个台|几台|哪个频道)"
_FIXED_SHOWS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"新闻联播" + _SHOW_TIME), "新闻联播每天晚上七点开始，在中央一台，大约半个小时。",
     "The CCTV evening news starts at 7 p.m. every day on CCTV-1, for about half an hour."),
    (re.compile(r"天气预报" + _SHOW_TIME), "中央一台的天气预报在新闻联播后面，大约晚上七点半。"
     "您也可以直接问我天气怎么样。",
     "The CCTV-1 weather forecast comes right after the 7 p.m. news, at about 7:30. You can also ask me."),
    (re.compile(r"(?:春晚|春节联欢晚会)" + _SHOW_TIME), "春晚在除夕晚上八点开始，中央一台直播。",
     "The Spring Festival Gala starts at 8 p.m. on Chinese New Year's Eve, live on CCTV-1."),
)
# A price she says herself ("六块五一斤", "金价按五百八一克"): a sum is asked, not today's price.
_NUMBER = r"[0-9零一二两三四五六七八九十百千万.点]+"
_GIVEN_RATE = re.compile(rf"(?:按|算){_NUMBER}(?:块|元)?(?:钱)?一(?:克|斤|升|公斤|两)"
                         rf"|{_NUMBER}\s*(?:块|元)[0-9零一二两三四五六七八九]?一(?:克|升)")
_GIVEN_PRICE = re.compile(rf"{_NUMBER}\s*(块|元|毛|角)|{_GIVEN_RATE.pattern}")
_MATCH = re.compile(r"比赛|球赛|决赛|联赛|世界杯|奥运")
_RECENT = re.compile(r"昨天|昨晚|前天|今天|今晚|刚才|刚刚")
# The user's own match, or one they watched or played ("我昨天去看了孙子的比赛"): for the LLM.
_OWN_MATCH = re.compile(r"我.{0,4}(看了|去看|参加|打了|踢了|下了|赢了|输了)"
                        r"|孙子|孙女|儿子|女儿|闺女|老伴|学校|社区|小区")


def _sounds_like_topic(text: str) -> str | None:
    """The live topic whose word ``text`` holds in other characters ("毛牌的骨架现在是多少"), or None."""
    from pypinyin import Style, lazy_pinyin

    heard = f" {' '.join(lazy_pinyin(text, style=Style.TONE3, errors='ignore'))} "
    if _MATCH.search(text) and re.search(r" (shui|shei) ying ", f" {' '.join(lazy_pinyin(text))} "):
        return "sports"  # "足球比赛水英文": 谁赢 in other characters and tones, after a match
    for name, words in _SOUND_WORDS:
        if any(f" {' '.join(lazy_pinyin(word, style=Style.TONE3))} " in heard for word in words):
            return name
    return None


# The date of a day that never comes ("太阳从西边出来那天是几号", "猴年马月是哪天"): there is none, and the
# 1.5B model would make one up.
_DAY_ASKED = re.compile(r"哪天|哪一天|几号|几月|什么时候|啥时候|哪年|\bwhen\b|\bwhat date\b", re.I)
_NEVER_ZH = "这是说永远不会有的那一天，日历上没有这一天，所以说不出是几号。"
_NEVER_EN = "That's a way of saying \"never\": there is no such day on any calendar."


def fixed_answer(text: str, language: str) -> str | None:
    """The fixed time of a programme asked about ("新闻联播几点开始"), or the date of a day that never
    comes (none), else None."""
    for pattern, zh, en in _FIXED_SHOWS:
        if pattern.search(text):
            return en if language == "en" else zh
    if NEVER.search(text) and _DAY_ASKED.search(text):
        return _NEVER_EN if language == "en" else _NEVER_ZH
    return None


def honest_reply(text: str, language: str) -> str | None:
    """The honest answer to a question about live news, prices, draws or results, or the fixed time of
    a programme, else None."""
    if (fixed := fixed_answer(text, language)) is not None:
        return fixed
    topic = topic_of(text)
    if topic is None:
        return None
    replies = ({**_REPLY_EN, **_LOCAL_EN, **_PHONE_EN, **_PEOPLE_EN} if language == "en"
               else {**_REPLY_ZH, **_LOCAL_ZH, **_PHONE_ZH, **_PEOPLE_ZH})
    return replies[topic]
