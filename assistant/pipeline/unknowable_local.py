"""Local facts only a directory, a map or the office itself knows: a service's phone number, where it is,
which bus goes there, what a local benefit pays, where a card or certificate is made and what to bring.
Topics of :mod:`.unknowable`, answered there in code.

Asked them (discovery 9, 2026-12-01), the shipped 1.5B model makes the answer up: "去市人民医院坐几路公交
车？" → "坐1路公交车", "坐几路车能到社保局？" → "坐3路车", "最近的药店在哪" → "在我们小区的东门附近",
"七十岁以上坐公交是不是免费？" → "是免费的", "门诊一年最多报多少？" → "一年最多报2000元". An elder
acts on them: she waits for a bus that does not go there, or counts on money that is not paid. Discovery 10
(2026-12-02) found the same for papers: "户口本丢了怎么办？" → "去公安局报案……民政局", "办老年证需要带什么材
料？" → a list that repeats "一寸照片". These differ by city and by year, so no answer in code names one
either: it says who knows (the family with a phone map, the bus stop, the community office, the police
station's registration desk, the 12345 citizens' hotline that every city has).

A question is one of these when it asks a value of a *local* service (a clinic, a bank, the gas company,
a bus to a place). The national emergency numbers (120, 110, 119) and places in general knowledge ("长城在
哪里") are not local: the LLM answers them. The steps of a task on her phone ("手机上怎么存电话号码") are
:mod:`.unknowable_phone`'s. Pure logic.
"""

from __future__ import annotations

import re

# A local place or service, or someone who comes to fix things.
_SERVICE = (r"(?:医院|卫生院|卫生服务中心|诊所|门诊|药店|药房|银行|超市|菜市场|市场|邮局|派出所|社保|医保"
            r"|居委会|街道|社区|营业厅|车站|汽车站|火车站|公园|店|老年大学|养老院|敬老院|物业|办事处|局|中心|厕所"
            r"|公司|师傅|维修|报修|客服)")
# A card or certificate of hers, or the yearly check of the pension.
_PAPERS = (r"(?:身份证|户口本|户口簿|户口|老年证|老年卡|敬老卡|优待证|医保卡|社保卡|退休证|残疾证|护照"
           r"|驾驶证|驾照|独生子女证|结婚证|居住证|资格认证|生存认证)")
# A service for the elderly run by the community or the town (discovery 11: "老年大学怎么报名？" got
# "通过学校官方网站……学历证明", "社区食堂的饭一顿多少钱？" got "大约是20元", "居委会说可以上门帮老人
# 体检，是真的吗？" got "是的").
_ELDERS = (r"(?:老年大学|老年活动中心|老年食堂|社区食堂|长者食堂|助餐点|老年餐桌|日间照料|养老院|敬老院"
           r"|托老所|养老驿站|居家养老|护工|保姆|家政)")
_OFFICE = r"(?:居委会|街道|社区|物业|社保局|民政)"
# A number is the directory's only when a service is named: "小明的电话号码是多少" is her own life's.
_NAMED_SERVICE = re.compile(_SERVICE + r"|\b(?:clinic|hospital|police|bank|office|station|pharmacy|company"
                            r"|plumber|locksmith|council|gas|water|electricity)\b", re.I)
# A number of her own people: her own life, not a directory's (:mod:`.own_life`).
_KIN = re.compile(r"儿子|女儿|闺女|孙|老伴|爱人|老公|老婆|媳妇|女婿|侄|外甥|亲戚|朋友|同学|邻居"
                  r"|我的电话|我家电话|你的电话"
                  r"|\bmy (?:son|daughter|grandson|granddaughter|wife|husband|friend)\b", re.I)
# The national emergency numbers: known, and said by the emergency answers.
_NATIONAL = re.compile(r"火警|报警|急救|救护车|120|110|119|\bambulance\b|\bemergency\b|\bfire brigade\b",
                       re.I)

TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("benefit", re.compile(
        r"(?:补贴|补助|津贴|奖励|报销|高龄|老年卡|敬老卡|老年证|医保|养老金|退休金)[^。？]{0,12}"
        r"(?:多少|几成|百分之|比例|免不免|免费|要不要钱|收不收钱|给不给|能报|报几"
        # whether it changed this year ("高龄补贴今年是不是提高了")
        r"|是不是(?:提高|涨|调|增加|降|变|取消)|(?:提高|涨|调高|增加|降低|变|取消)了?(?:吗|没有?|不|嘛))"
        r"|(?:多少|几成)[^，。？]{0,4}(?:补贴|补助|津贴|奖励|报销)"
        r"|(?:公交|地铁|坐车|公园|景点|门票)[^，。？]{0,8}(?:免不免|是不是免费|免费吗|要不要钱|要钱吗|收不收钱|收钱吗|收费吗|半价吗)"
        r"|\b(?:allowance|subsidy|reimburse\w*|benefits?)\b.{0,40}\b(?:how much|percent|percentage)\b"
        r"|\bhow much\b.{0,30}\b(?:allowance|subsidy|reimburse\w*|benefits?)\b"
        r"|\b(?:higher|more|bigger) (?:pension|allowance)\b"
        r"|\b(?:ride|travel|bus|metro|subway)\b.{0,30}\bfor free\b",
        re.I)),
    # Where a card or certificate is made, renewed or replaced, a yearly check done, what to bring.
    ("papers", re.compile(
        rf"{_PAPERS}[^。？]{{0,10}}(?:(?:去|到|上|在)哪(?:儿|里)?|(?:怎么|如何|咋)(?:办|补|换|申请|认证|做|领|弄)"
        r"|(?:丢|坏|过期|到期)了?[^，。？]{0,2}怎么办|(?:带|准备|提供|需要)(?:什么|啥|哪些)|什么手续|啥手续)"
        rf"|(?:办|换|补办|补|申请|迁)[^，。？]{{0,4}}{_PAPERS}[^，。？]{{0,6}}(?:带|准备|需要|提供|要)(?:什么|啥|哪些)"
        r"|\b(?:renew|replace|apply for)\b.{0,30}\b(?:id|card|passport|licen[cs]e|certificate|permit)\b"
        r"|\bwhat documents\b", re.I)),
    # How to sign up for a service for the elderly, what it costs, or whether an office's offer is real.
    ("service", re.compile(
        rf"{_ELDERS}[^。？]{{0,10}}(?:怎么|如何|咋|在哪(?:儿|里)?|去哪(?:儿|里)?|哪里)(?:报名|申请|办|登记|入住|预约)"
        rf"|{_ELDERS}[^。？]{{0,12}}(?:多少钱|几块钱|收费|学费|费用|贵不贵|要钱吗|价格)"
        rf"|{_OFFICE}[^。？]{{0,20}}(?:是真的吗|真的假的|是不是真的|靠谱吗|靠不靠谱|可信吗|能信吗)"
        r"|\b(?:senior|elderly|older people'?s|community) (?:university|college|canteen|dining hall|day ?care"
        r"|cent(?:re|er)|home)\b.{0,30}\b(?:sign up|register|apply|enrol|how much|cost|price)"
        r"|\b(?:sign up|register|apply|enrol|how much|cost)\b.{0,40}\b(?:senior|elderly|community) "
        r"(?:university|college|canteen|dining hall|day ?care|cent(?:re|er)|home)\b", re.I)),
    ("contact", re.compile(
        r"(?:电话|号码|热线|手机号)[^，。？]{0,6}(?:多少(?!位)|是几(?!位)|几号|是啥|是什么|告诉我|哪个|知道|给我)"
        r"|(?:打|拨)(?:哪个|什么|多少)(?:号码|电话)?|有没有[^，。？]{0,10}(?:电话|号码)"
        r"|\b(?:phone )?number (?:for|of)\b|\bwhat'?s (?:the|their) (?:phone )?number\b", re.I)),
    ("route", re.compile(
        r"(?:去|到|回)[^，。？]{0,10}(?:怎么走|怎么去|怎么坐|坐几路|坐哪路|坐什么车|坐啥车|几路|几号线|哪条路|最近的路)"
        rf"|{_SERVICE}[^，。？]{{0,4}}(?:怎么走|怎么去|咋走|咋去)|坐几路|几路车|哪路(?:公交|车)|几号线|换乘"
        r"|\bwhich (?:bus|train|line|tram)\b|\bwhat bus\b|\bhow (?:do|can) i get to\b|\bdirections to\b",
        re.I)),
    ("place", re.compile(
        rf"{_SERVICE}[^，。？]{{0,6}}(?:在哪|在什么地方|在哪条街|地址|是哪家|在几楼)"
        rf"|(?:哪有|哪里有|哪儿有|附近|最近的|离我家最近)[^，。？]{{0,10}}{_SERVICE}"
        r"|\bwhere(?:'s| is| are)\b.{0,30}\b(?:nearest|closest|local)\b|\baddress of\b", re.I)),
)
# Asked, not told: "我今天去药店买了点感冒药" is her news.
_ASKED = re.compile(r"[？?吗呢]|多少|几|哪|什么|怎么|有没有|告诉我|要不要|免不免|是不是|知道不|收不收"
                    r"|\b(?:what|where|which|how|can you|do|does|is|are)\b", re.I)

REPLY_ZH = {
    "contact": "这个电话号码我查不到，怕说错了耽误您的事。您可以看看社区发的联系卡、缴费单上印的电话，"
               "或者请家人在手机上查；不知道找谁，可以打一二三四五市民热线问。",
    "place": "具体在哪儿我查不到，怕说错了让您白跑一趟。您可以问问家人、邻居或者社区，"
             "也可以请家人用手机地图帮您找。",
    "route": "坐几路车、怎么走，我查不到，怕说错了让您走冤枉路。您可以请家人用手机地图帮您查，"
             "或者看看公交站牌，问问司机也行。",
    "benefit": "各地的补贴、报销和优惠都不一样，每年还会调，我说不准。您可以问问社区或社保局，"
               "也可以打一二三四五市民热线问清楚。",
    "papers": "办证换证的地方、要带的材料，各地不一样，还常有变动，我说不准，怕您白跑。"
              "一般身份证、户口的事找派出所的户籍窗口，社保、医保、退休的事找社保局或者社区。"
              "去之前打一二三四五市民热线或者问问社区，问清楚要带什么。",
    "service": "社区里的这些服务怎么报名、收多少钱、是真是假，各地不一样，我说不准。您可以直接去居委会问，"
               "或者打一二三四五市民热线问清楚；有人上门，先打居委会的电话核实。",
}
REPLY_EN = {
    "contact": "I can't look up that phone number, and a wrong one would waste your time. Please check the "
               "contact card from your community office or a bill, ask your family, or call the 12345 "
               "citizens' hotline.",
    "place": "I can't look up where that is, and I don't want to send you the wrong way. Please ask your "
             "family, a neighbour or the community office, or have your family find it on a phone map.",
    "route": "I can't look up bus routes or directions, and a wrong one would send you astray. Please have "
             "your family check a phone map, read the sign at the bus stop, or ask the driver.",
    "benefit": "Allowances, reimbursements and free rides differ from city to city and change every year, "
               "so I can't say. Please ask your community office or the social-security office, or call "
               "the 12345 citizens' hotline.",
    "papers": "Where to go and what to bring differ by city and change often, so I can't say for sure. ID "
              "cards and household registration are usually at the police station's registration desk; "
              "pensions and medical insurance at the social-security office or the community office. Call "
              "the 12345 citizens' hotline or ask the community office first.",
    "service": "How to sign up for these community services, what they cost and whether an offer is real "
               "differ from place to place, so I can't say. Please ask at your community office or call the "
               "12345 citizens' hotline; if someone comes to your door, check with the office first.",
}


def local_topic(text: str) -> str | None:
    """The local fact ``text`` asks for ("contact", "place", "route", "benefit", "papers", "service"), or
    None."""
    if _NATIONAL.search(text) or not _ASKED.search(text):
        return None
    for name, pattern in TOPICS:
        if pattern.search(text) and not (name == "contact" and (_KIN.search(text)
                                                                 or not _NAMED_SERVICE.search(text))):
            return name
    return None
