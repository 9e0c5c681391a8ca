"""Questions about the user's own life that only the user can answer: said plainly in code.

Asked "我孙子今年几岁了？", "你还记得我叫什么吗？", "我刚才吃药了没有？", "我什么时候生日？",
"我昨天晚上吃的什么？", "我的降压药放在哪儿了？" or "How old am I?", the shipped 1.5B model answers as
if it knew (2026-12-01/02: "他今年10岁了", "你叫张三", "你刚才吃药了", "您的生日是2026年12月1日",
"你昨天晚上吃的可能是披萨、汉堡", "你的降压药放在药盒里", "You are 63 years old"), and a grandchild's
exam ("我孙子今年高考，考了多少分？" → "考了550分"). An elder who forgets
may believe it. So when the conversation so far holds nothing on the subject, the answer says that it
does not know, and where she can find out (not that she never said it: her family may have, in the
console). When she has spoken of it (``told`` holds the word), the LLM answers from what she said, and
the honesty guard (:mod:`assistant.pipeline.honesty_personal`) still checks its names and days. Pure
logic.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_KIN = (r"(?:大|小|二|三)?(?:孙子|孙女|外孙女?|儿子|女儿|闺女|老伴儿?|爱人|老头子?|老太婆|儿媳妇?|女婿"
        r"|那口子|老大|老二|老三|猫|狗|小狗|小猫)")
_MINE = r"(?:我|俺)(?:的|家的?|家)?"
# "我闺女", "俺家老头子", "我那口子", or "孙子他" at the start (the family member she means)
_WHO = rf"(?:{_MINE}那?({_KIN})(?:他|她)?|^({_KIN})(?:他|她))"
_WHEN = r"(?:刚才|刚刚|今天|今儿个?|早上|中午|晚上|昨天|上午|下午|昨晚|最近|这几天|这周|[^，。？]{1,6}的时候)"
_DO = r"(?:吃|喝|量|打|关|锁)"
_NEIGHBOUR = r"(?:对门|隔壁|楼上|楼下|邻居|街坊|同楼)"
_NOW = r"(?:今天|今儿|刚才|现在|这会儿|昨天|早上|上午|下午|晚上)"
_DAY = (r"(?:今天|今儿个?|明天|明儿个?|后天|周末|这周|这个星期|下周|下个?星期|过年|春节|中秋|国庆|今晚|晚上"
        r"|中午|下午|上午)")
_KIDS = r"(?:孩子|儿女|子女|孙子孙女|孙辈|儿孙|小辈|晚辈|小的)们?"
_ASKED = r"(?:了没有|了没|了吗|过没有|过没|过吗|没有|没)"
# Where she put a thing ("我把钥匙放在哪里了", "存折我搁哪儿了"); not where it is best kept
# ("放在哪儿比较好").
_PUT_WHERE = (r"(?:放|搁|收|藏|塞)(?:在|到)?(?:哪|什么地方|啥地方)"
              r"(?![^，。？]{0,6}(?:好|合适|比较|应该|才|保存))")
# what an elder looks for ("我的眼镜在哪里？")
_THINGS = (r"(?:老花镜|花镜|眼镜|钥匙|钱包|手机|存折|银行卡|身份证|医保卡|社保卡|药盒|药|遥控器|拐杖"
           r"|助听器|假牙|手表|钱)")
_EN_KIN = r"son|daughter|grandson|granddaughter|grandchild|wife|husband|cat|dog"
Key = Callable[[re.Match[str]], str]  # a pattern: found in what she said before, she told it


def _group(n: int) -> Key:
    return lambda m: re.escape(m.group(n).strip())


def _fixed(pattern: str) -> Key:
    return lambda m: pattern


def _first(m: re.Match[str]) -> str:
    return re.escape(next(g for g in m.groups() if g).strip())


def _zh(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(parts))


# A grandchild's (or child's) school: a score, a rank, the school got into, how they do there
_SCHOOL = (r"[^。？]{0,10}(?:考了?(?:多少|几)分|考(?:得|的)(?:怎么样|咋样|好不好)|(?:考|排)了?第?几名"
           r"|考上了?[^，。？]{0,4}(?:吗|没有|没)[？?。]?$|(?:及格|考过|通过)了?(?:吗|没有|没)[？?。]?$"
           r"|考上了?(?:哪|什么)|在学校[^，。？]{0,4}(?:表现|怎么样|咋样|好不好|乖不乖|听不听话))")

# A score, a rank or a school told before ("考了六百分", "第三名"); not any 分 or 名 (the clock's "3点49分")
_SCORE_TOLD = (r"(?<![点:：\d一二三四五六七八九十百零两])[\d一二三四五六七八九十百零两]+分(?!钟)"
               r"|第[\d一二三四五六七八九十]+名|考上|成绩|考得")

# (topic, question pattern, the word that, said before in the conversation, means she told it)
_ZH: tuple[tuple[str, re.Pattern[str], Key], ...] = (
    ("school", _zh(rf"{_MINE}那?{_KIN}{_SCHOOL}", rf"^{_KIN}{_SCHOOL}"), _fixed(_SCORE_TOLD)),
    ("name", _zh(r"我(?:叫|的名字(?:是|叫)?)(?:什么|啥)", r"(?:记得|知道)我(?:叫|的名字|是谁)"),
     _fixed("我叫|名字|叫我|姓")),
    ("kin", _zh(rf"{_WHO}(?:的名字)?(?:叫|是|姓)(?:什么|啥|谁)",
                rf"{_WHO}(?:今年|现在)?(?:多大|几岁|多少岁|(?:上|读)几年级|(?:是)?哪年生的|属(?:什么|啥))",
                rf"{_WHO}(?:现在)?在(?:哪|什么地方)(?:儿|里)?(?:上班|工作|住|上学|读书)?",
                rf"{_WHO}(?:是)?(?:干|做)(?:什么|啥)(?:工作)?的",
                rf"{_WHO}是[^，。？]{{1,3}}还是"), _first),
    ("age", _zh(r"我(?:今年|现在)?(?:多大(?:岁数|年纪)?|几岁|多少岁)(?:了|啦)?[？?。]?$",
                r"我(?:是)?属(?:什么|啥)",
                r"我(?:今年|现在)有?[一二三四五六七八九十]+(?:多)?岁?了?(?:没有|没|吗)[？?。]?$"),
     _fixed("岁")),
    ("birthday", _zh(r"我(?:的)?(?:过)?生日(?:是)?(?:农历|阳历)?(?:哪天|什么时候|几号|几月)",
                     r"我(?:是)?(?:什么时候|哪天)(?:过)?生日",
                     r"我(?:是)?(?:几月几号|哪天|哪年|什么时候)(?:出)?生的"),
     _fixed("生日")),
    ("kin_day", _zh(rf"{_WHO}(?:的)?[^，。？]{{0,6}}?(?:哪天|哪一天|几号|几月几号?|几点|什么时候|啥时候)",
                    # whether they come on a day ("我女儿今天来吗", "我儿子周末会回来看我吗")
                    rf"(?:{_WHO}|^({_KIN}))(?:这个?)?{_DAY}[^，。？]{{0,3}}?(?:来|回来|回家|过来|来看我|回来看我)"
                    r"(?:看我|看看我)?"
                    r"(?:吗|不|没有|了吗|了没有)[？?。]?$",
                    # the children, unnamed ("孩子们过年回来吗", "儿女们什么时候回来看我")
                    rf"^(?:{_MINE})?({_KIDS})(?:他们)?[^，。？]{{0,6}}?(?:{_DAY}|哪天|什么时候|啥时候|几号)"
                    r"[^，。？]{0,3}?(?:来|回来|回家|过来)(?:看我|看看我)?(?:吗|不|没有|了吗|了没有|呢)?[？?。]?$"),
     _first),
    ("calls", _zh(r"(?:今天|刚才|早上|上午|下午)?有(?:没有)?(?:人|谁)(?:给我)?"
                  r"(?:打(?:过)?电话|来(?:过)?(?:家)?|找(?:过)?我)(?:吗|没有|没)?[？?。]?$",
                  r"谁(?:给我)?(?:打|来)(?:过|了)?电话",
                  rf"{_WHO}[^，。？]{{0,4}}(?:打|来)过?电话(?:来)?(?:{_ASKED}|吗)[？?。]?$"),
     _fixed("电话")),
    # where someone is or what they are doing now ("对门的老王今天出门了吗" was said back in discovery 13)
    ("whereabouts", _zh(rf"(?:{_WHO}|^{_KIN}(?={_NOW}?到)|{_NEIGHBOUR}[^，。？]{{0,5}}?)"
                        rf"{_NOW}?[^，。？]{{0,3}}"
                        r"(?:(?:出门|出去|在家|回来|回家|到家|起床|上班|下班)(?:了|过)?(?:吗|没有|没|呢|了没)"
                        # what they are busy with ("在忙啥呢", "干嘛呢", "在搞什么")
                        r"|(?:去哪(?:儿|里)?|去了哪(?:儿|里)?|(?:干|做|忙|搞|弄)(?:些)?(?:什么|啥)|干嘛|干吗)"
                        r"(?:了|呢|去了)?"
                        # on the way: how far they got ("走到哪儿了", "到哪了"), aboard or there yet
                        r"|(?:走|开|坐|跑)?到(?:了)?哪(?:儿|里)?(?:了|啦)?(?:呢|呀|啊)?"
                        r"|(?:上车|上飞机|上火车|上高铁|下车|下飞机|出发|到站|到地方|到了)(?:了)?(?:吗|没有|没|了没)"
                        # a place reached ("到单位了没有", "到医院了吗")
                        r"|到(?:了)?(?:单位|公司|医院|学校|公园|家里|地方|站|机场|车站|那儿|那边|老家|厂里)"
                        r"(?:了)?(?:吗|没有|没|了没))"
                        # and one more short question after it ("到哪儿了，到单位了没有")
                        r"(?:[，,][^，。？]{0,10}(?:吗|没有|没|了没|呢))?[？?。]?$"),
     _fixed("出门|出去|在家|回来|回家|到家|上班|下班|出发|路上|上车|飞机|火车|高铁")),
    ("ate", _zh(r"(?:我|俺)[^，。？]{0,6}?(?:吃|喝)(?:的|了)(?:是)?(?:什么|啥|些什么|点什么|点啥)"
                r"(?:东西|饭|菜)?"
                r"(?:来着|呀|呢|啊)?(?:[，,]?你(?:还)?(?:记得|知道)(?:吗|不))?[？?。！]?$"),
     _fixed("吃了|吃的|吃过|喝了|喝的")),
    ("put", _zh(rf"(?:我|俺)把([^，。？]{{1,6}}?){_PUT_WHERE}",
                rf"(?:我|俺)(?:的|家的?)?([^，。？该应最要]{{1,6}}?){_PUT_WHERE}",
                rf"([^，。？]{{1,6}}?)(?:我|俺){_PUT_WHERE}",
                rf"(?:我|俺)(?:的|家的?)?({_THINGS})(?:在哪(?![^，。？]{{0,3}}(?:买|修|办|换|充|交))|哪去了|跑哪"
                rf"|去哪|呢[？?]?$)"), _first),
    ("did", _zh(rf"(?:我|俺){_WHEN}*{_DO}过?([^，。？了没吗]{{1,4}}){_ASKED}",
                rf"(?:我|俺){_WHEN}*([^，。？了没吗]{{1,4}}?){_DO}(?:过|了)?{_ASKED}",
                rf"(?:我|俺){_WHEN}*是不是(?:已经)?{_DO}过?([^，。？了没吗]{{1,4}})",
                rf"(?:我|俺){_WHEN}*{_DO}过([^，。？了没吗]{{1,4}})吗[？?。]?$"), _first),
    # how much she had or did ("我今天喝了多少水", "我昨晚睡了几个小时"): only she, or her band, knows
    ("how_much", _zh(rf"(?:我|俺){_WHEN}*(?:一共|总共|大概|都)?(?:(?:吃|喝|睡|走|量|跑|服)了"
                     r"(?:多少|几|多久|多长时间)|(?:吃|喝|走|跑)够[^，。？]{0,6}?(?:了吗|了没有?|没有|吗))"
                     r"(?![^，。？]{0,4}(?:会|才|就|能|合适|比较|好|应该|算|正常))"),
     _fixed(r"(?:吃|喝|睡|走|跑|服)了[\d一二三四五六七八九十两半好]")),
    # how she slept ("我昨晚睡够了吗", "我昨天睡得好不好"): only she knows
    ("slept", _zh(rf"(?:我|俺){_WHEN}*(?:晚上)?(?:睡|睡觉)(?:得|的)?(?:够|好|着|香|足)"
                  r"[^，。？]{0,6}?(?:了)?(?:吗|没有|没|不好|不够|不着|不香)[？?。]?$"),
     _fixed(r"睡(?:得|的)?(?:很|挺|不|还|够|好|着|香|足|晚|早)|睡了")),
    ("last_time", _zh(r"我(?:上(?:次|回)|最后一次)([^，。？]{1,10}?)(?:是)?(?:什么时候|哪天|几号|啥时候)"),
     _group(1)),
    ("address", _zh(r"我(?:家)?(?:住在?哪|的地址|家(?:在)?哪)", r"我家离[^，。？]{1,8}(?:远吗|多远|远不远)",
                    r"我(?:家|的)*(?:地址|住址|门牌号?)(?:是)?(?:多少|啥|什么|哪)"), _fixed("住")),
    ("report", _zh(r"我(?:的|上次的?|上回的?|这次的?|那个|这个)?(?:体检|验血|化验|检查|拍的)?"
                   r"(?:报告|结果|化验单|片子)[^，。？]{0,2}"
                   r"(?:怎么样|咋样|正常吗|正常不|有没有问题|好不好|怎么说|说的?(?:什么|啥))"),
     _fixed("报告")),
)


def _en(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(parts), re.IGNORECASE)


_EN: tuple[tuple[str, re.Pattern[str], Key], ...] = (
    ("school", _en(rf"\bwhat (?:grade|mark|score|result)s? did my (?:{_EN_KIN})\b",
                   rf"\b(?:which|what) (?:university|college|school) (?:did|does|is) my (?:{_EN_KIN})\b",
                   rf"\bhow did my (?:{_EN_KIN}) do (?:in|on) (?:his|her|their|the) (?:exams?|tests?)\b"),
     _fixed(r"\bgrade|\bscore|\bmark|\bgot into\b")),
    ("name", _en(r"\bwhat'?s my name\b", r"\bwhat is my name\b", r"\bdo you (?:remember|know) my name\b"),
     _fixed(r"\bmy name\b|\bcall me\b")),
    ("kin", _en(rf"\bwhat'?s my ({_EN_KIN})'?s name\b", rf"\bhow old is my ({_EN_KIN})\b",
                rf"\bwhere does my ({_EN_KIN}) (?:work|live)\b"), _first),
    ("age", _en(r"\bhow old am i\b"), _fixed("years old")),
    ("birthday", _en(r"\bwhen is my birthday\b"), _fixed("birthday")),
    ("kin_day", _en(rf"\b(?:is|are|will|does) my (?:{_EN_KIN})s?\b.{{0,12}}"
                    r"\b(?:coming|come|visit\w*|be back|be home)\b.{0,20}"
                    r"\b(?:today|tomorrow|tonight|this (?:week|weekend)|next week|soon)\b"),
     _fixed(r"\bcom(?:e|ing)\b|\bvisit")),
    ("put", _en(r"\bwhere (?:did|have) i (?:put|left|leave|kept|hidden)\b",
                r"\bwhere (?:are|is) my (?:glasses|keys|wallet|purse|bankbook|passbook|pills|medicine)\b"),
     _fixed(r"\bput\b|\bleft\b|\bkeep\b")),
    ("whereabouts", _en(rf"\b(?:has|did|is) (?:my |the )?(?:neighbou?r|{_EN_KIN})\b.{{0,20}}"
                        r"\b(?:gone out|go out|left|come home|come back|got home|at home|home yet)\b"),
     _fixed(r"\bout\b|\bhome\b|\bleft\b")),
    ("ate", _en(r"\bwhat did i (?:eat|drink)\b"), _fixed(r"\bate\b|\beat\b|\bhad\b")),
    ("did", _en(r"\bdid i (take|eat|have|drink|lock|turn off) ([a-z ]{2,20}?)\b"
                r"(?:today|this morning|yet)?\?*$"), _group(2)),
    ("how_much", _en(r"\bhow (?:much|many|long)\b[^?]{0,30}\bdid i (?:drink|eat|have|take|walk|sleep)\b"),
     _fixed(r"\bI (?:drank|ate|had|took|walked|slept)\b")),
    ("slept", _en(r"\bdid i sleep (?:well|enough|ok|okay)\b"), _fixed(r"\bI slept\b")),
    ("address", _en(r"\bwhere do i live\b", r"\bwhat'?s my address\b"), _fixed("live")),
    ("last_time", _en(r"\bwhen did i last ([a-z ]{2,30}?)\?*$"), _group(1)),
    ("calls", _en(r"\b(?:did|has) (?:anyone|anybody|someone) (?:call|phone|ring)", r"\bwho called\b"),
     _fixed("call")),
    ("report", _en(r"\b(?:what did|what do|how (?:is|are|was|were)|is|are|was|were) my "
                   r"(?:blood test|test|check-?up|scan|x-ray|lab)(?: results?| report)?\b"),
     _fixed("result")),
)

_ZH_REPLIES = {
    "school": "孩子考得怎么样、在哪儿上学，我不知道呀。您打个电话问问孩子或者他爸妈，有好消息也跟我说说。",
    "name": "您叫什么，我这儿没记着，不知道。您跟我说说吧。",
    "kin": "这个我不知道。您跟我说说家里人的事吧，我爱听。",
    "age": "您多大年纪，我不知道。身份证上写着呢，也可以问问家里人。",
    "birthday": "您的生日我不知道。问问家里人，或者看看身份证。",
    "kin_day": "这个我不知道。您打个电话问问家里人吧。",
    "did": "这个我看不到，不知道呀。您想一想，看看药盒或者屋里，也可以问问家里人。",
    "how_much": "您吃了多少、喝了多少、睡了多久，我看不到，不知道呀。您自己最清楚，戴手环的话手环上也记着。",
    "slept": "您睡得怎么样，我看不到，您自己最清楚。要是总睡不好，可以跟我说说，也可以问问医生。",
    "last_time": "这个我这里没有记录，不知道。您可以翻翻病历本或者问问家里人。",
    "calls": "有没有人来过电话，我这里看不到。您看看手机上的未接来电吧。",
    "address": "您家的地址我不知道。记不清的话，看看身份证，或者问问家里人。",
    "whereabouts": "别人这会儿在哪儿、在做什么，我看不到，也不知道。您可以打个电话问问，或者敲敲门看看。",
    "ate": "您吃了什么，我看不到，不知道呀。想不起来也没关系，看看厨房、冰箱，或者问问家里人。",
    "put": "东西放哪儿了，我看不到，不知道呀。您别着急，想想最后一次用是在哪儿，常放的抽屉、衣服口袋都找找，"
           "也可以请家里人帮着找。",
    "report": "您的报告我看不到。您可以拍张照片给我，我帮您念一念，结果还是要听医生的。",
}
_EN_REPLIES = {
    "school": "I don't know how they did or where they study. Give them or their parents a call, and tell me "
              "the good news!",
    "name": "I don't have your name, so I don't know. Tell me, I'd like to know.",
    "kin": "I don't know. Tell me about them, I'd love to hear.",
    "age": "I don't know. It's on your ID card, or ask your family.",
    "birthday": "I don't know. Your family or your ID card can tell you.",
    "kin_day": "I don't know. Give your family a call and ask them.",
    "did": "I can't see that, so I don't know. Have a look around, or ask your family.",
    "how_much": "I can't see how much you had or how long you slept, so I don't know. You know best, or "
                "check your fitness band if you wear one.",
    "slept": "I can't see how you slept; you know best. If you often sleep badly, tell me, or ask your "
             "doctor.",
    "last_time": "I have no record of that. Your medical notes or your family can tell you.",
    "calls": "I can't see your calls. Check the missed calls on your phone.",
    "address": "I don't know. Your ID card or your family can tell you.",
    "whereabouts": "I can't see where they are or what they're doing, so I don't know. Give them a call, or "
                   "knock on their door.",
    "ate": "I can't see what you ate, so I don't know. Have a look in the kitchen, or ask your family.",
    "put": "I can't see where things are, so I don't know. Don't worry: think where you last used it, check "
           "the usual drawer and your pockets, or ask your family to help look.",
    "report": "I can't see your report. Show me a photo and I'll read it to you; your doctor explains it.",
}


def own_life(text: str, language: str, told: str) -> tuple[str, str] | None:
    """``(topic, reply)`` when ``text`` asks a fact of the user's own life that ``told`` (the
    conversation before this question) says nothing of; else None (the LLM answers)."""
    said = text.strip()
    for topic, pattern, key in (_ZH if re.search(r"[\u4e00-\u9fff]", said) else _EN):
        found = pattern.search(said)
        if found is None:
            continue
        if re.search(key(found), told, re.IGNORECASE):
            return None
        return topic, own_life_reply(topic, language)
    return None


def own_life_reply(topic: str, language: str) -> str:
    """What is said of ``topic`` (one of :func:`own_life`'s) when nobody told it."""
    return (_EN_REPLIES if language == "en" else _ZH_REPLIES)[topic]
