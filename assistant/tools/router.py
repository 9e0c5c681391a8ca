"""The fast intent router: picks a tool from the transcript before any LLM runs (microseconds).

It only answers when the words clearly ask for a tool ("现在几点", "明天天气怎么样",
"每天晚上九点提醒我泡脚", "三百五十块打八折是多少", "what time is it"); anything else goes to the
LLM unchanged. Checked in this order: reminders, sums, weather, the clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.tools import calendar_words as words
from assistant.tools.calculator import asks_calculation
from assistant.tools.calendar_words import NEVER, calendar_args, festival_in, year_offset
from assistant.tools.city_names import named_first
from assistant.tools.day_span import DAY_WORDS as _DAYS
from assistant.tools.day_span import day_span, year_long_past
from assistant.tools.reminder_words import KIN_REMINDED, is_done_note, reminder_action, told_not_called
from assistant.tools.weather_days import SPAN, WEEK_DAY, span_of, week_day_of
from assistant.tools.world_clock import place_in
from assistant.tools.zodiac import AGE_ASKED, ZODIAC_ASKED, zodiac_year


@dataclass(frozen=True, slots=True, kw_only=True)
class ToolCall:
    name: str
    args: dict[str, Any] = field(default_factory=dict)


_REMEMBER = r"(?:帮|给|替)我记(?:着|住|一下)"  # "帮我记着明天两点去打疫苗"
_REMIND = re.compile(rf"提醒|叫我|喊我|闹钟|{_REMEMBER}|\bremind|\breminders?\b|\balarm\b|\bwake me\b",
                     re.IGNORECASE)
# "叫我" that names the user, not a wake-up call: "大家都叫我老李", "你可以叫我王奶奶".
_NAMING = re.compile(
    r"(?:叫|喊|称呼)我(?:做|作)?\s*(?:[\u4e00-\u9fff]{0,2}(?:奶奶|爷爷|姥姥|姥爷|外婆|外公|阿姨|叔叔|大爷|大妈|大娘"
    r"|婆婆|阿婆|伯伯|老师|师傅|同志|先生|女士|大姐|大哥)|(?:老|小|阿)[\u4e00-\u9fff](?![起来去吃喝点]))"
    r"(?:[\s，。！？,.!?吧呀啊就好了行]*)$"
)
_REMIND_LIST = re.compile(
    r"(?:哪些|什么|啥|几个|多少|所有的?|查一?下|看一?下|看看|查查|有没有)[^，。？]{0,4}(?:提醒|闹钟)"
    r"|(?:提醒|闹钟)[^，。？]{0,3}(?:[有是](?:哪些|什么|啥|几个|多少)|列表)"
    r"|what reminders|list (?:my )?reminders|my reminders\??$"
    r"|(?:提醒|闹钟)[^，。？]{0,3}(?:都|全)?(?:告诉我|说给我听|念给我听|念一?下|说一?下|报一?下)"
    r"|\b(?:show|tell|read)(?: me)? (?:all )?my reminders\b",
    re.IGNORECASE,
)
_REMIND_CANCEL = re.compile(
    r"取消|删(?:除|掉|了)|去掉|关掉|不用再?提醒|不要再?提醒|别再?提醒|提醒[^，。？]{0,3}(?:不要|不用|不需要|算)了"
    r"|\bcancel\b|\bdelete\b|\bremove\b", re.IGNORECASE
)
# "设个后天上午九点的提醒", "定个八点的闹钟": its time may stand between the verb and the reminder.
_REMIND_SET = re.compile(rf"{_REMEMBER}|提醒我|叫我|喊我|提醒一下|[设定][^，。？,?]{{0,10}}(?:提醒|闹钟)"
                         rf"|{KIN_REMINDED}"
                         r"|\bremind me\b|\bwake me\b|\bset (?:a |an )?(?:reminder|alarm)\b", re.IGNORECASE)

# A day or an outing the forecast is about ("今天", "这两天", "出门").
_ANCHOR = (r"(?:今天|明天|后天|这两天|这几天|过两天|过几天|今儿个?|明儿个?|周末|出门|外面|外头|外出"
           r"|待会儿?|等会儿?|今晚|今儿晚上|今天晚上|夜里|半夜|后半夜|明早|明晚)")
_WEATHER = re.compile(
    r"天气|(?<!聊)天儿|下着?雨|下着?雪|会下[大小中暴阵][雨雪]|有雾|起雾|大雾|雾大|紫外线|冷不冷|热不热|(?:带|拿|打|穿)[^，。？]{0,2}(?:伞|雨衣)|(?:要不要|用不用|需不需要|需要|用得着)(?:雨伞|雨衣|伞)"
    r"|刮.{0,2}风|雾霾|晴天|阴天"
    r"|出太阳|有太阳|太阳大|太阳(?:好不好|好吗|足不足|足吗|毒不毒|毒吗|晒不晒|怎么样|咋样)(?=[呢啊呀]?(?:[，,。？?！!]|$))"
    r"|(?:会|要|有没有|还)(?:降温|升温|变天|刮大风)|(?:降温|升温|变天)了?(?:吗|没有?)|风大不大|风大吗|外面.{0,3}风"
    # a cold wave or a warm spell coming ("下礼拜会不会冷空气来" got a made-up "可能会")
    r"|(?:会不会|有没有|会|要|还有|有)[^，。？]{0,4}(?:冷空气|寒潮|回暖|倒春寒)(?!是|什么)"
    r"|(?:冷空气|寒潮)[^，。？]{0,4}(?:来不来|要来|会来|来了?吗|到了?吗|过来了?吗|南下)|回暖了?(?:吗|没有?)"
    r"|\bcold (?:front|snap|spell|wave)\b|\bheat ?wave\b"
    r"|\bwarm(?:ing)? up\b.{0,20}\b(?:tomorrow|week|weekend)\b"
    r"|有(?:没有)?[大小中暴阵]?[雨雪](?![伞衣鞋])(?:吗|嘛|没有?|不)?"  # "后天上海有雨吗", "有没有雪"
    r"|([降升])不\1温|变不变天|晴不晴|刮不刮风|下不下|有没有雨"  # asked as A-not-A
    # what to wear or whether to air the quilt, on a given day: it depends on the forecast
    rf"|{_ANCHOR}[^，。？]{{0,6}}(?:穿(?:什么|多少|几件|厚|薄|少|多|棉|羽绒|毛衣|秋裤|大衣|外套|短袖|长袖|裙)"
    r"|加衣服|多穿)"
    rf"|{_ANCHOR}[^，。？]{{0,6}}(?:上冻|结冰|下霜|霜冻|打霜|收衣服|收被子|(?:衣服|被子)[^，。？]{{0,3}}收(?!拾|到|好))"
    rf"|{_ANCHOR}[^，。？]{{0,4}}(?:冷|热|凉|暖和|温暖|晒)(?:吗|嘛|不|了吗|了没)"
    rf"|{_ANCHOR}的?天儿?(?:好不好|咋样|怎么样|如何|好吗)"
    rf"|{_ANCHOR}[^，。？]{{0,3}}会不会[^，。？]{{0,2}}(?:冷|热|凉|晒|闷)"
    rf"|{_ANCHOR}[^，。？]{{0,6}}(?:适合|适不适合|能不能|可以|能|好不好)[^，。？]{{0,3}}"
    r"(?:晒|晾|洗车|出门|出去|遛弯|散步|爬山|钓鱼|去公园|逛公园|郊游|踏青|出游)"
    r"|\bweather\b|\brain(?:ing|y)?\b|\bumbrella\b|\bsnow(?:ing)?\b|\bwindy\b|\bforecast\b"
    r"|\bthe (?:whether|wether)\b(?! or\b)"  # Whisper's "what's the weather" ("the whether" is no English)
    r"|\b(?:cold|hot|warm|chilly) (?:outside|out there|today|tomorrow)\b|\bwhat (?:should|do) i wear\b"
    r"|\b(?:need|wear|bring|take) (?:a |an |my )?(?:[a-z]+ )?(?:coat|jacket|sweater|scarf|gloves)\b.*"
    r"\b(?:today|tomorrow|tonight|outside|this (?:morning|afternoon|evening)|go(?:ing)? out)\b"
    r"|\bhow (?:hot|cold|warm) (?:will|is) it\b|\bwill it be (?:hot|cold|warm|sunny|cloudy)\b"
    r"|\b(?:cold|hot|warm|chilly|sunny) in (?-i:[A-Z][a-z]+)"
    # "cold" as Whisper may write it, in a yes-or-no question of a place ("Is it called in Guangzhou today?")
    r"|^\s*is it (?:called|code|coal|colde?) in "
    r"(?!english|chinese|mandarin|cantonese|japanese|french)(?-i:[A-Z])",
    re.IGNORECASE,
)
# Degrees alone ("外面多少度") ask for the weather only when nothing else has a temperature in the
# sentence: water, a fever, the air conditioner ("水在多少度会结冰" is general knowledge).
_DEGREES = re.compile(r"气温|温度|几度|多少度|\btemperature\b", re.IGNORECASE)
_OTHER_HEAT = re.compile(
    r"水|冰|沸|体温|发烧|烧|烤|空调|暖气|冰箱|洗澡|泡脚|油|奶|汤|身体"
    r"|屋里|屋子|室内|房间|卧室|家里"  # a room's temperature ("屋里温度多少合适")
    r"|眼镜|老花|近视|远视|散光|度数|酒"  # degrees of glasses or of a spirit, not of the air
    r"|\bwater\b|\bboil|\bfreez|\bfever\b|\bbody\b|\boven\b|\bheating\b|\bheater\b|\bthermostat\b"
    r"|\bindoors?\b|\broom\b",
    re.IGNORECASE,
)
_NOT_CITY = re.compile(
    r"^(?:我们?(?:这儿?|这里|这边|那儿?|那里|家|这)?|这儿?|这里|这边|外面|外边|今天|明天|后天|现在|最近|"
    r"那边|那里|当地|本地|咱们?(?:这儿?|这里|这边)?)$"
)
_CITY_BEFORE = re.compile(
    r"^(?:请问|那么?|你知道|帮我查一?下|(?:怎么|咋|怎样|如何)?(?:查|看)(?:一?下)?|告诉我|问一?下)*\s*(?P<city>[\u4e00-\u9fff]{2,8}?)"
    r"(?:市|县|区)?(?:今天|明天|后天|大后天|现在|这几天|这两天|最近|周末)?的?"
    r"(?:天气|天儿|会不会下[雨雪]|下不下[雨雪]|会下[雨雪]|下[雨雪]了?吗|冷不冷|热不热|冷吗|热吗|气温|温度|多少度|几度"
    r"|出太阳|刮.{0,2}风|有(?:没有)?[大小中暴阵]?[雨雪](?![伞衣鞋])|是?(?:晴天|阴天)|(?:会不会|会|要)?(?:降温|升温|变天))"
)
# A capitalised place after "in" ("Is it going to snow in Harbin tomorrow?").
_EN_CITY_IN = re.compile(r"\b(?i:in|at) (?P<city>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})\b")
# A place named before "那边" ("我闺女在深圳，那边这两天热不热").
_CITY_THERE = re.compile(r"在(?!老家|家里|外地|乡下|农村|南方|北方|国外|外面|单位|学校|医院)"
                         r"(?P<city>[\u4e00-\u9fff]{2,4}?)(?:市|县)?[，,]?\s*(?:那边|那儿|那里|那块儿?)")
# The words of a request before the place ("麻烦你查一下北京", "我想知道"): no place name holds them.
_REQUEST_WORDS = re.compile(r"^.*(?:我们?|你们?|您|咱们?|查|问|知道|说|看|告诉|帮|麻烦|请|一下|想|听)")
_EN_CITY = re.compile(
    r"weather (?:like )?in (?P<city>[a-z][a-z .'-]{1,30}?)(?: today| tomorrow| on | this | next | at |\?|$)",
    re.IGNORECASE
)
# "in" misheard ("What is the weather like and Beijing", "Do I need an umbrella and Shanghai tomorrow?"): a
# capitalised name after a short word that follows a word of the weather.
_EN_CITY_HEARD = re.compile(r"(?i:weather(?: like)?|umbrella|raincoat|coat|jacket|rain|raining|snow|snowing"
                            r"|cold|hot|warm|windy|sunny|foggy) (?i:and|an|on|at|for|of|end) "
                            r"(?P<city>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})(?: (?i:today|tomorrow))?[?.!]?$")

# Weather or an hour named only as the setting of an advice or a why-question ("天气冷了吃什么好",
# "下雨天膝盖疼怎么办", "为什么会下雨", "几点睡觉对身体好"): general knowledge, for the LLM.
_ADVICE = re.compile(
    r"为什么|怎么形成|怎么来的|怎么回事|原理|怎么办|怎么缓解|怎么预防|怎么防|如何|注意(?:什么|啥|些)|要注意"
    r"|吃(?:什么|啥|点啥)|喝(?:什么|啥|点啥)|有什么好处|有什么坏处|对身体"
    r"|预报[^，。？]{0,3}(?:准不准|准吗|准确|怎么看|在哪|几点|哪个台)"  # about the forecast, not the forecast
    r"|咋办|咋整|咋弄"
    r"|吉利|晦气|忌讳|不祥|\bbad luck\b|\bunlucky\b|\bsuperstition"  # an umbrella's luck, not the rain
    r"|\bwhy\b|\bwhat should i (?:eat|drink)\b|\bhow (?:can|do|should) i\b"
    r"|\bon (?:mars|venus|jupiter|saturn|mercury|neptune|uranus|pluto|the moon|the sun)\b|\bin space\b"
    r"|\bforecasts? (?:is |are )?(?:\w+ )?(?:right|wrong|accurate|reliable)\b",  # about the forecast
    re.IGNORECASE,
)
# How to use a feature, asked without its answer ("怎么查天气", "提醒咋设", "how do I set a reminder").
_HOW_TO = re.compile(r"(?:怎么|咋|怎样|如何)(?:样)?(?:才能)?(?:查|看|问|用|使用|设|定|弄|操作|开)"
                     r"|功能|\bhow (?:do|can|should) i (?:set|use|check|get|make|ask|find)\b"
                     r"|\bhow to (?:set|use|check|get|make)\b", re.IGNORECASE)
# The user's mood or body, with the weather as its setting ("下雨了我心情不好", "一下雨腿就疼"): talk,
# not a forecast question.
_FEELING = re.compile(r"心情|心里[^，。？]{0,3}(?:烦|难受|不舒服|堵|闷|空|慌)|难受|心烦|(?<!麻)烦[死得人躁]"
                      r"|孤单|寂寞|孤独|不开心|不高兴|伤心|难过|想哭"
                      r"|(?:好|真|太|憋)闷"
                      r"|疼|痛|酸|没劲|睡不着|\b(?:feel|feels|feeling|lonely|sad|mood|depressed|hurts?"
                      r"|aches?|achy|pain)\b", re.IGNORECASE)
# A why-question, the climate ("北方冬天一般下雪吗"), rainy days in general ("下雨天能吃西瓜吗"): no forecast
_WHY = re.compile(r"为什么|怎么形成|怎么来的|怎么回事|原理|一般|通常|平时|往往|每年|[冬夏春秋]天|\b(?:why"
                  r"|usually|generally|normally|in (?:winter|summer|spring|autumn)|in \w+ weather)\b", re.I)
_ANY_RAINY_DAY = re.compile(r"(?:下雨|下雪|阴雨|刮风|阴|晴|雨|雪)天(?!气)|天气?(?:冷|热|凉)的?时候")
# Asks the forecast itself, whatever else the sentence says.
_FORECAST = re.compile(r"天气(?:怎么样|咋样|如何|好不好)|会不会|下不下|冷不冷|热不热|多少度|几度|[吗嘛不]\W*$"
                       r"|会(?:下|刮|降|变)|(?:下雨|下雪|冷|热)了?(?:吗|没)"
                       r"|\bwill it\b|\bis it (?:going to )?(?:rain|snow|cold|hot)", re.IGNORECASE)
# An hour asked for something else than now: when a place opens, when one should sleep.
_OTHER_HOUR = re.compile(
    r"几点(?!了|啦|钟了)[^，。？]{0,4}(?:关门|开门|上班|下班|营业|开始|结束|出发|发车|起飞|开车|开播|播|演|放|睡"
    r"|起床|吃|喝|锻炼|散步|回|到|来|过来|走|出门|接|送|放学|下课)|(?:应该|该|最好|适合|一般)几点|几点.{0,6}(?:最好"
    r"|合适|为宜|比较好|好)|\bwhat time (?:should|do|does|is the|are the|(?:will|would|did|is) (?:he|she|they"
    r"|my)|of (?:the )?(?:year|day|month))\b|\bwhen should\b", re.IGNORECASE)
_NOW_ASKED = re.compile(r"现在几点|几点了|几点啦|几点钟了|\bwhat time is it\b", re.IGNORECASE)
# Air quality: no tool has it, so not the weather tool (pipeline/unknowable.py answers it honestly).
AIR = re.compile(r"(?<!冷)空气|雾霾|\bpm ?2\.?5\b|\baqi\b|air quality|\bsmog\b", re.IGNORECASE)
_TIME = re.compile(
    r"几点|什么时间|现在时间|几时了|(?:上午|早上|白天)还是(?:下午|晚上)|\bwhat time\b|\bthe time\b"
    r"|\bmorning or (?:afternoon|evening)\b",
    re.IGNORECASE,
)
_DATE = re.compile(  # "几号线" is a metro line, "几号楼" a building, "几号床" a bed: not the date
    r"几号(?![线楼门床窗])|(?<![这前近过头后那好要用得需玩住待呆])几日(?![游子内里后前来])|几月几|星期几|礼拜几|周几|什么日子|日期|哪一天|哪天|哪一年|哪年|几几年|几月份|哪个月|几月了"
    r"|今年是(?!不是|我|你|他|她|咱|俺)|几儿|是几月|几月(?:啊|呀|了|呢)?[？?]?$"
    r"|\bwhat day\b|\bdate\b|\bwhich day\b|\bwhat year\b|\bwhat month\b"
    # a weekday checked yes or no: "今天是不是星期天", "is today Sunday"
    r"|(?:今天|明天|后天|昨天)(?:是不是|是)(?:(?:星期|礼拜|周)[一二三四五六日天]|周末)"
    r"|\bis (?:it|today|tomorrow) (?:a )?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
    re.IGNORECASE,
)
# When a festival is (its date, not today's): "中秋节是农历几月几号", "端午节是哪天".
_FESTIVAL_WHEN = re.compile(r"几月几|几号|哪一天|哪天|(?:什么|啥)时候|多会儿|几时|农历|阴历|阳历"
                            r"|(?:星期|礼拜|周)几|\bwhen\b"
                            r"|\bwhat date\b|\b(?:what|which) day\b", re.IGNORECASE)
# When she last did something ("我上次去医院是哪天"): a day of her own life (pipeline/own_life.py), not
# today's.
_HER_LAST_TIME = re.compile(r"(?:我|俺)[^，。？]{0,3}(?:上(?:次|回)|最后一次)|\bwhen did i last\b",
                            re.IGNORECASE)
_LUNAR = re.compile(r"农历|阴历|旧历|节气|初几|(?:什么|啥)节(?!目)|\blunar\b|\bsolar term", re.IGNORECASE)
# What a calendar word means, with no day asked ("什么是节气", "一年有几个节气"): for the LLM.
_ABOUT = re.compile(r"什么是|是什么意思|有几个|有哪些|为什么|怎么来的|由来|来历|习俗|\bwhat is a\b|\bwhy\b",
                    re.IGNORECASE)
_TERM_COUNT = re.compile(r"(?:多少|几)个节气|节气(?:一共|总共)?有(?:多少|几)")
_DAY_ASKED = re.compile(r"今天|明天|后天|昨天|今年|明年|这个?月|本月|[正冬腊]月|农历.{1,2}月"
                        r"|几个(?:周末|礼拜|星期)"
                        r"|下一个|下个|哪天|哪一天|什么时候|几号|几月|还有几天"
                        r"|\btoday\b|\bnext\b|\bwhen\b", re.IGNORECASE)
_UNTIL = re.compile(
    r"(?:离|距离?|到)?(?P<name>[\u4e00-\u9fffA-Za-z -]{1,12}?)(?:还有|还剩|有)(?:(?:几|多少)天|多久|多长时间)"
    r"|how (?:many|long)[a-z ]*(?:until|till|to) (?P<en>[a-z -]+)",
    re.IGNORECASE,
)
def route(text: str) -> ToolCall | None:
    """The tool call that ``text`` clearly asks for, or None."""
    text = text.strip()
    if not text or len(text) > 80:
        return None
    told = _names_the_user(text) or told_not_called(text)  # "叫我老李", "医生叫我少吃盐": no reminder
    if (_REMIND.search(text) or reminder_action(text)) and not told:
        call = _reminder(text)
        if call is not None:
            return call
    if asks_calculation(text):
        return ToolCall(name="calculator", args={"expression": text})
    if AIR.search(text):
        return None
    if _asks_weather(text):
        return _weather(text)
    # Whisper writes a comma where the speaker paused ("现在是上午，还是下午？").
    return _clock(text) or _clock(_PAUSE_COMMA.sub("", text))


_PAUSE_COMMA = re.compile(r"(?<=[\u4e00-\u9fff])[，,、]\s*(?=[\u4e00-\u9fff])")


def _asks_weather(text: str) -> bool:
    if not re.search(_ANCHOR, text):
        if _WHY.search(text):
            return False  # "为什么会下雨"
        text = _ANY_RAINY_DAY.sub("", text)
    if not (_WEATHER.search(text) or (_DEGREES.search(text) and not _OTHER_HEAT.search(text))):
        return False
    return not (_ADVICE.search(text) or _HOW_TO.search(text) or _FEELING.search(text)) \
        or bool(_FORECAST.search(text))


def _names_the_user(text: str) -> bool:
    """"叫我老李": how the user is called, not a reminder ("下午三点提醒我叫我奶奶" still is one)."""
    return bool(_NAMING.search(text)) and not re.search(r"提醒|闹钟|remind|alarm", text, re.IGNORECASE)


# A request to be reminded: a time, or "提醒我" itself.
_ASKED_TO_REMIND = re.compile(r"\d|[点时]|提醒我|叫我|喊我|\b[ap]\.?m\b|\bremind me\b", re.IGNORECASE)


def _reminder(text: str) -> ToolCall | None:
    if is_done_note(text) or (_HOW_TO.search(text) and not _ASKED_TO_REMIND.search(text)):
        return None  # "你记着，我下午三点吃了药", "提醒功能怎么用" (not "晚上提醒我问医生这药怎么用")
    action = reminder_action(text)  # the finer reading first ("帮我看看我设的提醒" lists)
    if action == "list":
        return ToolCall(name="reminders", args={"action": "list", "request": text})
    if action is not None:
        return ToolCall(name="reminders", args={"action": action, "request": text})
    if _REMIND_CANCEL.search(text):
        return ToolCall(name="reminders", args={"action": "cancel", "request": text})
    if _REMIND_LIST.search(text):
        return ToolCall(name="reminders", args={"action": "list", "request": text})
    if _REMIND_SET.search(text):
        return ToolCall(name="reminders", args={"action": "set", "request": text})
    return None


def _day_offset(text: str) -> int:
    lowered = text.lower()
    for word, offset in _DAYS:
        if word in lowered:
            return offset
    return 0


def _weather(text: str) -> ToolCall:
    named = week_day_of(text)
    args: dict[str, Any] = {"day": max(0, _day_offset(text)), **named, **({} if named else span_of(text))}
    m = _CITY_BEFORE.search(text)
    city = m.group("city") if m else ""
    for word, _ in _DAYS:
        city = city.replace(word, "")
    city = SPAN.sub("", WEEK_DAY.sub("", city))
    city = _REQUEST_WORDS.sub("", re.sub(r"今天|现在|这几[天日]|这两日|最近|外面|外边|外头"
                                              r"|今[晚夜早晨]|傍晚|黄昏|凌晨|[这下本]个?(?:礼拜|星期|周)|这阵子|这些天|[早晚]上|[上中下]午"
                                              r"|(?:前|后|上|下)?半夜|夜里|白天|出门"
                                              r"|[会是要]不[会是要]|最[高低]|零下|今儿个?|儿?个$", "", city))
    if m is None or _NOT_CITY.match(city) or len(city) < 2:
        en = _EN_CITY.search(text) or _EN_CITY_HEARD.search(text) or _EN_CITY_IN.search(text)
        there = _CITY_THERE.search(text)
        city = en.group("city").strip().title() if en else there.group("city") if there else named_first(text)
    if city:
        args["city"] = city
    return ToolCall(name="weather", args=args)


def _clock(text: str) -> ToolCall | None:
    if (place := place_in(text)) and not _OTHER_HOUR.search(text) and festival_in(text) is None:
        return ToolCall(name="clock", args={"what": "time", "place": place})  # "美国现在几点"
    if AGE_ASKED.search(text) and "year" in (year := zodiac_year(text)):  # "1948年生的，今年多大了"
        return ToolCall(name="clock", args={"what": "zodiac", "age": True, **year})
    if (_ABOUT.search(text) and not _DAY_ASKED.search(text)) or _HER_LAST_TIME.search(text) \
            or _TERM_COUNT.search(text):  # "一年有多少个节气": 24, knowledge for the LLM
        return None
    if (words.SOMEONES_DAY.search(text) and not words.A_DAY_SAID.search(text)) or words.no_day_asked(text):
        return None  # "我闺女哪天回来", "我生日是几号": her family's days (pipeline/own_life.py)
    if NEVER.search(text) or words.DRAW.search(text):  # "猴年马月是哪天": a day that never comes has no
        return None  # date; "大乐透开几号": a draw's numbers, no date either
    if (calendar := calendar_args(text)) is not None:
        return ToolCall(name="clock", args=calendar)
    if ZODIAC_ASKED.search(text) and (year := zodiac_year(text)):
        return ToolCall(name="clock", args={"what": "zodiac", **year})
    until = _UNTIL.search(text)
    festival = festival_in(text) or words.term_asked(text)
    if festival is not None and until is None and words.IS_IT.search(text):  # "今天是重阳节吗": yes or no
        return ToolCall(name="clock", args={"what": "days_until", "festival": festival,
                                            "asked_day": _day_offset(text)})
    if festival is not None and (until is not None or (_FESTIVAL_WHEN.search(text) and "今天" not in text)):
        said = year_offset(text) if until is None else None  # "今年中秋是几号", not "离过年还有几天"
        today = {"today_lunar": True} if re.search(r"农历|阴历", text) and words.TODAY_SAID.search(text) \
            else {}
        return ToolCall(name="clock", args={"what": "days_until", "festival": festival, **today,
                                            **({"year_offset": said} if said is not None else {})})
    offset = _day_offset(text)
    # "三天后是几号", "再过一个星期", "三个月后": a day counted from today (none: today's or a named day's)
    span = (day_span(text) if offset == 0 else None) or {"day_offset": offset}
    if _LUNAR.search(text):
        if festival is not None and words.WHAT_DAY_IS.search(text) and not words.TODAY_SAID.search(text):
            return None  # "平安夜是什么节": what the day is, for the LLM
        term = {"solar_term": True} if re.search(r"节气|\bsolar term", text, re.IGNORECASE) else \
            {"festival_asked": True} if words.FESTIVAL_ASKED.search(text) else {}
        return ToolCall(name="clock", args={"what": "lunar", **span, **term})
    if (span == {"day_offset": 0} and year_long_past(text)) or words.kin_comes_unnamed(text):
        return None  # "孙中山是哪一年去世的": history; "孙子下周回来，是哪天": his; not today's date
    if _DATE.search(text):
        named = week_day_of(text) if span == {"day_offset": 0} and not _WEEKDAY_CHECK.search(text) else {}
        weekday = {"weekday": named["weekday"], "next_week": named["next_week"]} if named else {}
        return ToolCall(name="clock", args={"what": "date", **span, **weekday})
    if (_TIME.search(text) and (not _OTHER_HOUR.search(text) or _NOW_ASKED.search(text))) \
            or _sounds_like_what_time(text):
        return ToolCall(name="clock", args={"what": "time"})
    return None


_WEEKDAY_CHECK = re.compile(r"是不是|是(?:星期|礼拜|周)[一二三四五六日天]")


# "现在几点了" as Whisper may write it ("现在记点了", "现在计点", "起点了"): the whole utterance, tones
# ignored.
_WHAT_TIME_SOUNDS = re.compile(r"^(xian zai |ni zhi dao |qing wen )?[jq]i dian "
                               r"(le|zhong|le ma|zhong le)?\s*$")


def _sounds_like_what_time(text: str) -> bool:
    if len(text) > 10 or not re.search(r"[\u4e00-\u9fff]", text):
        return False
    from pypinyin import lazy_pinyin

    heard = " ".join(lazy_pinyin(re.sub(r"[^\u4e00-\u9fff]", "", text))) + " "
    return bool(_WHAT_TIME_SOUNDS.match(heard))
