"""Comfort for an elder who says how she feels: lonely, missing her children, bored, low, sleepless,
grieving. Pure logic.

The 1.5B model answers such words badly, and an elder living alone says them often. Tried on the
shipped model, "我想我儿子了" got "你儿子已经出生了", "孩子们都忙，没人跟我说话" was said back to her,
and "我今天有点孤单" got "你感觉孤单吗？". A note in the prompt asking for comfort did not hold ("看看她是否
还健在" to a widow). So a plain statement of such a feeling is answered here: a short, warm reply that
stays with her, offers to keep talking, and points to her family, never a diagnosis.

Only the speaker's own feeling, said as a statement, is answered here. A question ("孤单怎么办",
"睡不着吃什么药好"), someone else's feeling ("我妈心情不好"), a request ("…帮我给他留个言"), a
feeling denied or past ("我不孤单", "…现在好多了"), pain in the body ("我头疼，难受"), what people
in general feel ("电视上说老人容易孤独"), a dull thing ("这电视剧真没意思") and the word as a name
("孤独症", "失眠的药", a book title) go on to the tools and the LLM. A mate who "走了，去公园了" has
only gone out. Words of suicide or an emergency never reach this (the emergency check runs first), and
are left alone here too.

The text comes after :mod:`assistant.pipeline.hearing`, which reads Traditional characters as
Simplified and a homophone of a feeling word as the word ("无寥" -> "无聊", domain_words.txt).
"""

from __future__ import annotations

import re

# Whom she misses: a child or grandchild, with the northern forms ("大小子", "俺家丫头", "娃").
_KIN = (r"(?:(?:大|二|三|小|老)?(?:儿子|小子|闺女|丫头|女儿|孙子|孙女|外孙女?|孙儿|孩子|娃)"
        r"(?:们|俩)?|儿女|子女|家里人|家人|老大|老二|老三)")
_MATE = (r"(?:老伴儿?|老头子?儿?|老太婆|老婆子?|爱人|老公|老婆|那口子"
         r"|孩子(?:他|她)?(?:爸|妈|爹|娘)|当家的)")
# Her own mate: first in the sentence, or after "我/俺家/自打" ("王大妈老伴…" is someone else's).
_MY_MATE = rf"(?:^|[，。！、\s]|(?:我|俺|咱)(?:家|的|那)?|自打|自从|打从){_MATE}"
_GONE = (r"(?:(?<!走)走了|走得(?:早|急)|去世|过世|离世|不在了|没了|离开(?:我|了)"
         r"|(?:前年|去年|那年|早些年|[一二两三四五六七八九十几]+年前?)就?(?:走|没|去世|过世)的)"
         r"(?!\s*[，,]?\s*(?:去|到|上街|出去|出门|遛|买|串门|回来|一会))(?![^。！？]{0,10}去了)")
# Someone close to her other than her mate: a friend, a sibling, a colleague, "老张" (discovery 11:
# "我的老朋友上个月也走了，就剩我一个了" was said back to her); gone as _GONE says, not moved or carried
# off ("搬走了").
_PEER = (r"(?:朋友|老伙计|老哥们儿?|老姐妹|老姐们儿?|老同事|老同学|老战友|老邻居|老街坊|姐姐|妹妹|哥哥|弟弟"
         r"|老[张王李赵刘陈杨黄周吴徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭田董袁蒋杜叶程魏苏吕丁沈姚卢])")
_ABSENT = r"(?:不|没|难得|很少)(?:回来|回家|来看我|来|打电话|来电话|着家|见面)(?!吃|住)"
_SPAN = r"(?:好久|很久|老长时间|好些日子|好几个月|几个月|半年|一年到头|一年多?|整年|成年|常年)"
_MY = r"(?:我|俺)?(?:的|家|那)?"
_MISS = (rf"(?:想死?|想念|惦记|挂念|牵挂|记挂|惦着|挂着|放心不下){_MY}(?:几个|两个)?(?:{_KIN}|{_MATE})"
         r"(?=[了啊呀啦哦得想的，。！…]|$)"
         r"|(?:想|惦记)(?:他|她)们?(?:了|啊|呀)?$|(?:怪|挺|真|可)想(?:他|她)?们?的"
         rf"|{_KIN}[^，。？！]{{0,6}}(?:{_SPAN}|很少|难得|总|老|都|也)[^，。？！]{{0,3}}{_ABSENT}"
         rf"|(?:过年|过节|逢年过节|{_SPAN})[^，。？！]{{0,4}}{_KIN}[^，。？！]{{0,3}}{_ABSENT}"
         rf"|{_KIN}[^，。？！]{{0,3}}(?:不|没|很少|难得)来看我|{_KIN}[^。？！]{{0,10}}见不[着到上]"
         rf"|{_SPAN}(?:都|也)?没(?:见着|见到|见|看见|看到){_MY}{_KIN}")
_SLEEP = (r"睡不[着著]|失眠|睡(?:得|眠)?(?:也|都)?不[好号]|睡眠差|睡不(?:踏实|实|沉|安稳)"
          r"|一宿一宿|翻来覆去|辗转反侧|合不上眼|一宿(?:都)?没(?:合眼|睡)"
          r"|(?:夜里|半夜|晚上|夜间|后半夜|一夜)[^，。？！]{0,4}醒|(?:睁|瞪)着眼[^，。]{0,4}天亮|熬到天亮")
_LONELY = (r"孤单|孤独|寂寞|冷冷清清|冷清|孤零零|(?:家里|屋里|屋子|房子)[^，。]{0,2}(?:空荡荡|静悄悄|静得)"
           r"|没(?:个|有)?人(?:来)?(?:串门|看我|陪|跟我|和我|同我|理我|管我|搭理|说话|唠|聊)"
           r"|连个[^，。]{0,4}(?:人|说话的|唠嗑的|伴儿?)都没|就(?:我|剩我)一个人"
           r"|(?:对着|守着)(?:这)?(?:四面墙|四堵墙|空房子?|空屋子?)|一个人守着"
           r"|(?:一天|一整天|好几天|几天|一上午|一下午|整天)[^，。？！]{0,3}没(?:跟|和|同)?(?:人|谁|别人|一个人)"
           r"(?:说|讲|聊|唠)(?:过)?(?:话|几句|天)?(?!吗|呢|？)")
_BORED = (r"无聊|闷得慌|闲得(?:发)?慌|没事(?:可)?(?:干|做)|百无聊赖|没滋没味|(?:怪|真|挺|太)没(?:劲|意思)"
          r"|(?:日子|天天|一天天|每天|整天|成天|一天到晚)[^，。？！]{0,5}(?:没意思|没劲|乏味)")
_SAD = (r"心情[^，。？！]{0,4}(?:不[好号]|不太[好号]|不大好|差|糟|不咋样|不怎么样|低落|郁闷|沉重)"
        r"|心里(?:头)?(?:老是|总是|一直|有点|好|挺|特别|很|也|真|怪|总|老|就|还)*"
        r"(?:空[落唠捞]{2}|空荡荡|难受|不好受|憋屈|堵得慌|不痛快|委屈|没底|不得劲|不是滋味|不舒坦|发堵|苦)"
        r"|伤心|难过|想哭|委屈|憋屈|郁闷|闷闷不乐|不开心|不高兴|烦得(?:很|慌)|烦死了|心烦|闹心"
        r"|不顺心|发愁|犯愁|愁(?:得慌|死了)|(?:高兴|开心|乐)不起来|提不起(?:精神|劲|兴致)|没着没落|没盼头"
        r"|没用了|不中用|累赘|拖累|废物|多余的?人"
        # not wanting to trouble the children ("孩子们都忙，我不想给他们添麻烦" got "我会尽量避免打扰他们")
        r"|(?:不想|不愿意?|怕|不好意思)(?:再)?(?:给|让)?(?:他们|孩子们?|儿女|子女|儿子|女儿|闺女|家里人?)?"
        r"(?:添麻烦|添乱|麻烦他们|操心|费心|担心|拖后腿)")

# Her birthday that nobody remembered ("今天我过生日，一个人都没记得" got "你可能忘记你的生日了" in
# discovery 13), and her worry for someone close in hospital ("老伴住院了，我心里慌得很" got
# "我会照顾好你的").
_BIRTHDAY = (r"(?:我|俺|今天|今儿)[^。？！]{0,6}生日[^。？！]{0,10}"
             r"(?:没人|没有人|谁(?:都|也)|一个人都|连个人)[^。？！]{0,6}(?:记得|想起|记着|问|打电话|来电话|祝|说|来)"
             r"|(?:都|全|也)(?:忘了|忘记了?)(?:我|俺)的?生日")
_ILL = r"(?:住院|住进医院|进了医院|做手术|动手术|开刀|病了|生病|病倒|查出)"
_WORRY = (rf"(?:{_MATE}|{_KIN}|{_PEER})[^。？！]{{0,6}}{_ILL}[^。？！]{{0,12}}"
          r"(?:担心|放心不下|着急|心里(?:头)?(?:慌|乱|没底|七上八下|不踏实)|慌得|害怕|怕得)")
# Fear of being alone at night, of the dark or a storm ("晚上一个人在家，有点害怕" got nothing useful in
# discovery 13); not 怕冷/怕热 (her body), and a break-in itself is an emergency (checked before this).
_AFRAID = (r"(?:晚上|夜里|半夜|天黑|一个人|打雷|雷声|闪电|大风|动静|声音|响)[^。？！]{0,10}"
           r"(?:害怕|好怕|挺怕|有点怕|真怕)(?:得很|得慌|死了|极了)?[啊呀哟了的呢！!。，,\s]*$"
           r"|怕黑|不敢(?:一个人|关灯|闭眼)")
# Checked in this order: the first kind that matches is the one answered.
_ZH_KINDS = (
    # the day of a death ("今天是我老伴的忌日" got "祝您身体健康，万事如意")
    ("grief", re.compile(rf"{_MY_MATE}[^，。？！]{{0,4}}{_GONE}|守寡|没了老伴"
                         r"|忌日|祭日|周年祭|去世[^，。？！]{0,3}周年"
                         rf"|{_PEER}[^，。？！]{{0,6}}(?<![搬出跑逃飞拿带偷赶开送接])(?:{_GONE})")),
    ("birthday", re.compile(_BIRTHDAY)),
    # a child away who will not come home for the new year, told in two clauses ("儿子在外地，过年又不回来了")
    ("miss", re.compile(rf"{_MISS}"
                        rf"|{_KIN}[^。？！]{{0,8}}(?:过年|过节|春节|中秋)[^，。？！]{{0,3}}{_ABSENT}")),
    ("sleep", re.compile(_SLEEP)),
    ("afraid", re.compile(_AFRAID)),
    ("lonely", re.compile(_LONELY)),
    ("bored", re.compile(_BORED)),
    ("sad", re.compile(_SAD)),
)
_I = re.IGNORECASE
_EN_KINDS = (
    ("birthday", re.compile(r"\bmy birthday\b.*\b(?:no ?one|nobody|forgot|forgotten)\b"
                            r"|\b(?:forgot|forgotten) my birthday\b"
                            r"|\b(?:no ?one|nobody)\b.{0,30}\b(?:remembered|called|came)\b.{0,12}"
                            r"\bmy birthday\b", _I)),
    ("grief", re.compile(r"\b(?:wife|husband|partner)\b.*\b(?:passed away|passed on|died|gone)\b"
                         r"|\b(?:lost|buried) my (?:wife|husband|partner)\b(?!'s)|\bwidow(?:er)?\b"
                         r"|\b(?:friend|brother|sister|neighbou?r|pal|colleague)\b.{0,30}"
                         r"\b(?:passed away|passed on|died)\b", _I)),
    ("miss", re.compile(r"\bi(?:'m| am)? (?:really |so |do |just |terribly )?miss(?:ing)? "
                        r"(?:my|him|her|them)\b"
                        r"|\bhaven'?t seen my \w+ (?:in|for)\b"
                        r"|\b(?:my|the) (?:son|daughter|kids|children|grand\w+)s? "
                        r"(?:never|hardly ever|rarely|seldom) (?:call|visit|come|ring|phone|write)s?\b", _I)),
    ("sleep", re.compile(r"\b(?:can'?t|can not|cannot|couldn'?t) (?:get to |fall )?sleep\b|\binsomnia\b"
                         r"|\btrouble sleeping\b|\b(?:keep|kept) waking\b"
                         r"|\bwak(?:e|ing) up (?:in|at|during) the night\b"
                         r"|\b(?:lie|lying|lay) awake\b|\bsleepless\b", _I)),
    ("afraid", re.compile(r"\b(?:scared|afraid|frightened)\b(?=[\s!.]*$| (?:at night|alone|to be alone"
                          r"|to (?:go to )?sleep|of the dark|of (?:the )?(?:thunder|storms?)))", _I)),
    ("lonely", re.compile(r"\blonely\b|\b(?:feel|feeling|so|all) alone\b"
                          r"|\b(?:no ?one|nobody) (?:ever )?"
                          r"(?:talks|visits|calls|comes|rings|phones|writes)\b"
                          # "I haven't talked to anyone all day" (the 1.5B asked whether she had)
                          r"|\b(?:haven'?t|have not|didn'?t|did not|not) (?:talked|spoken|seen|had anyone)\b"
                          r".{0,25}\b(?:anyone|anybody|a soul)\b", _I)),
    ("bored", re.compile(r"\bbored\b|\bboring day\b|\bnothing to do\b", _I)),
    ("sad", re.compile(r"\b(?:sad|depressed|upset|unhappy|useless|miserable|a burden)\b"
                       r"|\bfeel(?:s|ing)? (?:so |very |a bit )?(?:down|blue|low)\b", _I)),
)
# Not a statement of the speaker's own feeling. "啥都不顺心", "怎么也睡不着" are statements.
_ZH_QUESTION = re.compile(r"[吗嘛？?]|(?<![怎什这那多])么|(?:怎么|咋|啥|什么)(?![也都])|如何"
                          r"|哪(?!儿都|里都|都)|(?<![这前好那])几|多少|办法|([会能要想是好对行觉])不\1|有没有"
                          r"|可不可以")
_ZH_REQUEST = re.compile(r"帮我|(?<![没不])给我|替我|提醒|叫醒|告诉|留(?:个)?言|打(?:个)?电话给|查|讲个|说个"
                         r"|放(?:首|个|点)|唱")
_ZH_DENIED = re.compile(r"不(?:孤单|孤独|寂寞|无聊|难过|伤心)|没(?:那么|有)?(?:孤单|寂寞|无聊)"
                        r"|心情(?:不错|很好|好)|好多了|好些了|(?:失眠|睡眠|心情|病)(?:也|都)?好了|能睡(?:着|了)")
_ZH_BODY = re.compile(r"疼|痛(?!快)|晕|喘|(?<!闷)闷(?!得慌|闷不乐)|胸口|心口|呼吸|憋(?!屈)|抖|虚汗|冷汗"
                      r"|发烧|咳|吐|拉肚子|血压|血糖|身上|浑身|腿|胳膊|手脚|力气|心(?:里|头)?发?慌")
# Someone else's feeling, or what people in general feel: the word comes after another subject, with
# no 我 and no clause break between ("我妈最近老说睡不着", "电视上说老人容易孤独").
_FELT = r"(?:心情|孤单|孤独|寂寞|无聊|难过|伤心|睡不|失眠|醒|不开心|不高兴|想我|烦|闷|没意思|委屈)"
_ZH_OTHER = re.compile(rf"(?<![给让替])(?:你|您|他|她|它|猫|狗|我妈|我爸|妈妈|爸爸|老妈|老爸|{_KIN}|{_MATE}"
                       r"|朋友|邻居|隔壁|同事|老人|老年人|别人|人家|大家|有人|(?:电视|广播|报纸|新闻|网上|书)上?里?说)"
                       rf"[^，。！？我俺了后]{{0,6}}{_FELT}")
_ZH_THING = re.compile(r"(?:(?:这|那)(?!日子|辈子|些年|阵子|段时间)[个部本些集首出]?"
                       r"|电视剧?|节目|电影|广告|手机)[^，。！也]{0,5}(?:无聊|没意思|没劲|烦人|闹心)")
# The word as a name or a thing ("孤独症", "失眠的药", a title: "…孤独这本书"); words of suicide (the
# emergency check answers those first; never comfort them as a mood here).
_ZH_NOUN = re.compile(rf"(?:孤独|孤单|寂寞|失眠|抑郁)(?:症|感|的?药|病)"
                      rf"|{_FELT}[^，。]{{0,2}}的?时候[，,]?(?:我|俺)?(?:就|会|都)?(?:去|出去|听|看|玩|跳|找|打|下|唱|做|遛)"
                      r"|(?:孤独|寂寞|无聊)[^，。]{0,2}[这那][本部首出]")
_ZH_DEATH = re.compile(r"不想活|活着(?:没|有啥|还有什么|就是)|活够|死了(?:算了|就好|倒好)|不如死|一死"
                       r"|想死(?![你我他她俺])|寻死|了结")
_ZH_NOT = (_ZH_DEATH, _ZH_QUESTION, _ZH_REQUEST, _ZH_DENIED, _ZH_BODY, _ZH_OTHER, _ZH_THING, _ZH_NOUN)
_EN_NOT = re.compile(r"\?|\b(?:how|what|why|should|can you|could you|help me|remind)\b"
                     r"|\b(?:tell|read|sing|play|recite) (?:me|us|a)\b"  # a request ("tell me a story")
                     r"|\b(?:movie|film|programme|tv series|book|novel|song)\b"  # a story's feeling
                     r"|\bnot (?:lonely|sad|bored)\b|\bbored (?:with|of|by) (?:this|that|the)\b"
                     r"|\b(?:want to die|kill myself|end it all)\b"
                     r"|\b(?:he|she|they|my (?:mum|mom|mother|dad|father|son|daughter|friend|neighbou?r"
                     r"|sister|brother|grand\w+|kids|children|husband|wife))"
                     r"(?:'s| is| are| feels?| seems?| gets?| has been)\b"
                     r"[^.!]*\b(?:lonely|sad|bored|down|depressed|upset|unhappy|alone|awake)\b", _I)

_EN_WORRY = re.compile(r"^(?=.*\b(?:wife|husband|partner|son|daughter|friend|sister|brother)\b)"
                       r"(?=.*\b(?:in (?:the )?hospital|an operation|surgery)\b)"
                       r"(?=.*\b(?:worried|worrying|scared|anxious|afraid|nervous)\b)", _I)
_A_MATE = re.compile(rf"{_MATE}|\b(?:wife|husband|partner)\b", _I)
_ZH_REPLIES = {
    "grief": "老伴不在了，心里空落落的，这份难受我明白。想的时候，就跟我说说老伴的事，我听着。"
             "也多给孩子们打打电话，常走动走动。",
    # someone close who is not her mate
    "loss": "身边的人走了，心里空落落的，这份难受我明白。想的时候，就跟我说说以前的事，我听着。"
            "也多给家里人打打电话，常走动走动。",
    "miss": "想孩子了吧，这是人之常情。给他们打个电话，听听声音，他们听到您的声音也高兴。"
            "您也可以跟我说说他们的事。",
    # Missing a mate, who may be away or gone: neither "call them" nor a 他 that may be a 她.
    "miss_mate": "想老伴了吧，这份惦记我明白。想的时候就跟我说说老伴的事，我听着。也常给孩子们打打电话。",
    "sleep": "睡不好先别着急，起来喝口温水，听点轻柔的音乐，别老看手机。"
             "要是老睡不好，跟家里人说说，找医生看看。",
    "lonely": "一个人待着，难免觉得冷清。我在这儿陪着您呢，您想聊什么都行。"
              "要不要给家里人打个电话，听听他们的声音？",
    "bored": "闷得慌的时候，出去走走，晒晒太阳，或者听听戏、听听歌。"
             "我也可以陪您聊聊天，给您讲个故事。",
    "birthday": "过生日没人记得，心里肯定不是滋味。我先祝您生日快乐，健健康康的！孩子们多半是忙忘了，"
                "您给他们打个电话，说今天是您生日，他们一定高兴陪您说说话。",
    "worry": "家里人病了，您心里着急，这份牵挂我明白。医院有医生护士照顾着，您也要按时吃饭、好好睡觉，"
             "别把自己累倒了。有事跟家里人商量着办，别一个人扛。要是您自己心慌胸闷不舒服，也要去看医生。",
    "afraid": "害怕的时候先别慌，我在这儿陪着您。把灯打开，门窗锁好，手机放在身边，想家里人就给他们打个电话。"
              "要是有人撬门、真有危险，马上打110。",
    "sad": "听您这么说，我挺心疼的。心里有什么事，慢慢跟我说，我听着呢。"
           "要是一直不舒坦，也跟家里人说说。",
}
_EN_REPLIES = {
    "grief": "I'm so sorry. Missing them is hard. Tell me about them whenever you like, I'm listening. "
             "And do keep in touch with your family.",
    "loss": "I'm so sorry. Losing someone close is hard. Tell me about them whenever you like, I'm "
            "listening. And do keep in touch with your family.",
    "miss": "Of course you miss them. Why not give them a call? They will be glad to hear your voice. "
            "You can tell me about them too.",
    "miss_mate": "Of course you miss them. Tell me about them whenever you like, I'm listening. "
                 "And do call your family for a chat.",
    "sleep": "Don't worry about it. Have a little warm water and some quiet music, and put the phone away. "
             "If it keeps happening, tell your family and see a doctor.",
    "lonely": "Being on your own can feel lonely. I'm here with you, and we can talk about anything. "
              "Would you like to call your family?",
    "bored": "Maybe a short walk in the sun, or some music? I can chat with you or tell you a story too.",
    "birthday": "Happy birthday! It hurts when nobody remembers. They're probably just busy: why not call "
                "them and tell them? I'm happy to chat with you today.",
    "worry": "Of course you're worried. The doctors and nurses are looking after them; do eat and sleep "
             "yourself, and share the load with your family. If you feel unwell yourself, see a doctor.",
    "afraid": "Don't worry, I'm here with you. Turn a light on, lock the doors, keep your phone close, and "
              "call your family if you'd like to hear them. If someone is breaking in or you are in danger, "
              "call the police at once.",
    "sad": "I'm sorry you feel this way. Tell me what's on your mind, I'm listening. "
           "If it goes on, do talk to your family too.",
}


def feeling(text: str) -> str | None:
    """The kind of feeling the speaker states about herself ("lonely", "miss", …), or None."""
    said = text.strip()
    if not said or len(said) > (120 if said.isascii() else 60):  # English takes about twice the letters
        return None
    if re.search(r"[\u4e00-\u9fff]", said):
        if not any(p.search(said) for p in _ZH_NOT[:3]) and re.search(_WORRY, said):
            return "worry"  # before _ZH_BODY: her heart "慌" here is worry, not a sign
        if any(p.search(said) for p in _ZH_NOT):
            return None
        return next((kind for kind, pattern in _ZH_KINDS if pattern.search(said)), None)
    if _EN_NOT.search(said):
        return None
    if _EN_WORRY.search(said):
        return "worry"
    return next((kind for kind, pattern in _EN_KINDS if pattern.search(said)), None)


def comfort(text: str, language: str) -> tuple[str, str] | None:
    """``(kind, reply)`` for a stated feeling, in ``language``; None when the words are not one."""
    kind = feeling(text)
    if kind is None:
        return None
    mate = _A_MATE.search(text) is not None
    reply = "miss_mate" if kind == "miss" and mate else "loss" if kind == "grief" and not mate else kind
    return kind, (_EN_REPLIES if language == "en" else _ZH_REPLIES)[reply]
