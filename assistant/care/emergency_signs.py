"""Signs that need more than one fixed phrase: a stroke (BE-FAST) and a crisis (thoughts of suicide).

**Stroke.** A *clear* sign is enough alone when it is said as happening now: the face droops
("嘴歪了", "半边脸麻了"), one side is weak or numb ("一边手没劲", "左边胳膊抬不起来"), speech is
slurred ("说话也不清楚了", "说不清话", "舌头不利索"), sight is lost suddenly or doubled ("突然看不见了",
"看东西重影"). A *soft* sign (dizziness, numb or weak limbs, blurred sight, unsteadiness) is common
alone ("我腿麻了", "有点头晕"); two soft signs of different groups in one utterance are one emergency
("头晕，手脚发麻", "头晕，站不稳"). Numbness from sitting or lying on a limb ("腿坐麻了") is no sign,
nor is dizziness with a plain cause ("一站起来就头晕", "喝多了", "晕车").

**Crisis.** The user says they want to die or to hurt themself ("不想活了", "活着没意思", "我想死",
"I want to die", "kill myself"). Not a crisis: the common hyperbole with 死 ("累死了", "笑死我了",
"热死了", "饿得想死"), missing someone ("想死你了"), the negation of the wish ("我不想死",
"我没有不想活", "I don't want to die"), or the words of someone not close ("他不想活了", "你不想活了？");
those of someone close are relayed (:mod:`assistant.care.emergency_crisis`). The usual false-alarm
rules (television and hearsay, hypothetical, past) are applied by the caller.
"""

from __future__ import annotations

import re

from assistant.care.emergency_context import KIN

_PART = r"(身子|身体|脸|手|胳膊|腿|脚|手脚|手臂)"
_WEAK = r"(动不了|没劲|没有劲|劲都没有|没力气|使不上劲|没知觉|没感觉|不听使唤|抬不起来|不能动|发软|拿不住)"
_NOW = r"(突然|有点|有些|好像|也|都|一下子|变得|开始|总|老)*"

STROKE_CLEAR: tuple[str, ...] = (
    # face droop
    r"(嘴|嘴巴|嘴角|脸).{0,4}?(歪|斜|耷拉|往下掉|垂下来|垮下来)", r"口眼歪斜|眼歪嘴斜|口角歪",
    # one side weak or numb (numbness needs "半边/一边": "左手麻" alone is a soft sign)
    rf"(半边|半拉子?|一边|一侧|半个|一只|一条)(的)?{_PART}.{{0,6}}?(麻|木|{_WEAK})",
    rf"(左|右)(边|半边|侧)?(的)?{_PART}.{{0,6}}?{_WEAK}", r"(左|右)(边|半边|侧)?(的)?脸.{0,4}?(麻|木)",
    r"(嘴|嘴巴)(也|都|突然|有点)*(合不拢|合不上|闭不上|关不住)",
    rf"(手脚|手|胳膊|腿|脚).{{0,3}}?(突然|一下子).{{0,3}}?(麻|{_WEAK})",
    rf"(突然|一下子)(手脚|手|胳膊|腿|脚).{{0,3}}?(麻|{_WEAK})", r"(手脚|胳膊|腿)动不了了",
    # speech ("你说话不清楚" is about the assistant; "孙子说话还不清楚" is a child's)
    rf"(?<![你您])(说话|讲话|说起话来){_NOW}(说|讲)?(不清|不利索|不利落|不太清|含糊|含含糊糊|大舌头|不连贯)",
    r"(?<![听得])说不(清|出|了)(楚)?话", r"话(都|也)?说不(清|利索|出来)", r"口齿不清|吐字不清|口齿不利索",
    r"舌头(有点|突然|也|都|发|就|老|直|一直)*(不利索|不听使唤|发硬|硬了|僵|打结|转不过来)",
    # sight
    r"(突然|一下子).{0,6}?看不(见|清|到)",
    r"(一只|一边|一侧|左|右)(边)?眼(睛)?(突然|也|都)*(什么都|啥都)?看不(见|到)",
    r"看(东西|什么|人|字)?(有|出现|都|也)*(重影|是两个|是双的|成两个|变成两个)",
    r"中风了|脑梗(了|犯了)|脑出血了",
    r"\ba stroke\b(?! of)|\b(face is drooping|drooping|droopy face|slurred|slurring)\b",
    r"\b(face|mouth|smile) (\w+ ){0,2}(droopy|lopsided|sagging)\b",
    r"\bcan'?t (move|feel|lift) my (left |right )?(arms?|legs?|hands?|face)\b",
    r"\bcan'?t (speak|talk) (properly|clearly|right)\b",
    r"\b(numb|weak|tingling|paralys)\w*( on)? (on )?one side\b|\bone side of my (face|body)\b",
    r"\b(left|right) (arm|leg|hand|side|foot)\b.{0,25}\b(weak|numb|dead|heavy|limp)\b",
    r"\b(suddenly|all of a sudden)\b.{0,30}\b(weak|numb)\b",
    r"\b(weak|numb)\b.{0,30}\b(suddenly|all of a sudden)\b",
    r"\bsuddenly (can'?t|cannot) see\b|\bblind in one eye\b",
    r"\bcan'?t see out of (my|one) (left |right )?eye\b",
    r"\b(seeing double|double vision)\b",
)

# group -> pattern; two groups in one utterance make a stroke alarm.
STROKE_SOFT: dict[str, str] = {
    "dizzy": r"头(好|很|有点|有些|也|都|突然|特别|发)*(晕|昏)|眩晕|天旋地转|晕乎乎|晕晕乎乎"
             r"|\b(dizzy|light-?headed|room is spinning|vertigo)\b",
    "limbs": r"(手|脚|腿|胳膊|手脚|手指|手臂|四肢)(有点|有些|也|都|突然|发|一阵阵)*"
             r"(麻|木|没劲|没力气|无力|发软|使不上劲)|拿不住|\b(numb(ness)?|tingling)\b"
             r"|\b(arm|leg|hand|arms|legs|hands) (is|are|feels?) (numb|weak)\b",
    "sight": r"(眼睛|眼前|看东西)(有点|有些|也|都|突然)*(模糊|看不清)|看不清"
             r"|\b(blurr(y|ed) vision|can'?t see well)\b",
    "balance": r"(站|走)(都|也)?(站|走)?不稳|(走路|走道)(有点|也|都)*(打晃|不稳|发飘)|(站|走)不住|摇摇晃晃"
               r"|\b(los(t|e|ing) (my )?balance|can'?t (stand|walk) straight|unsteady)\b",
    "speech": r"(嘴|舌头)(也|都|有点|突然)*瓢了"
              r"|\b(can'?t find (my|the) words|words are (jumbled|wrong)"
              r"|words (are |keep )?(coming|come|came) out (jumbled|wrong|garbled))\b",
}
# Dizziness with a plain cause: standing up quickly, drink, travel sickness ("一站起来就头晕").
DIZZY_EXPLAINED = re.compile(r"(站|坐|蹲|爬)起来|起身|蹲(久|下)|坐久了|躺久了|猛(地|的)?(起|站)"
                             r"|喝(多|醉)|醉了|晕(车|船)"
                             r"|\b(stood up|got up|drunk|hangover|car ?sick|sea ?sick)\b", re.I)
# Numbness from sitting, kneeling or lying on a limb ("腿坐麻了", "手压麻了") is no sign.
POSITIONAL = re.compile(r"(坐|压|蹲|跪|睡|盘腿)(得)?(麻|木)|\b(fell asleep|pins and needles)\b", re.I)

CRISIS: tuple[str, ...] = (
    # 了 as Whisper also writes it (累, 乐, 勒, 咯...), or nothing before the clause ends ("不想活。")
    r"不想(再)?活(了|下去|啦|着|累|乐|勒|嘞|咯|喽|啰|罗|$|[，。！？,.!?\s])", r"活不下去", r"活(够|腻)了",
    r"活着(真|太|也|还)*(没|有什么|有啥|没有|没什么|没啥)(意思|劲|意义|盼头|用)",
    r"活着(就是|只是|也是|真是)?(个|一个)?(受罪|遭罪|拖累|累赘|多余)",
    r"(?<![累热饿困烦气笑])死了?(就|倒|才)?(算了|好了|干净|解脱|痛快|一了百了|不拖累)",
    r"(还是|不如|倒不如|干脆)死了?(好|算了|干净|省心|清净)", r"了结了?算了",
    r"(?<![不没])想(要|去)?死(?![你您他她它我人]|去的)", r"想过(要|去)?死",
    r"(想|要|打算|准备)(去)?自杀|自杀算了",
    r"(想|要|打算|准备)(去)?(寻死|轻生|跳楼|跳河|跳江|上吊|喝农药|寻短见)", r"寻短见",
    r"(想|要|打算)从.{0,6}跳下去",
    r"(想|干脆|死了就?)一了百了|一了百了算了|(一)?死了之", r"生不如死",
    r"了结(自己|生命|此生)|结束(自己的?)?生命",
    r"一睡不醒|(睡着了?|睡下去)(就)?(别|不要|不)(再)?醒|不想(再)?醒(来|过来)",
    r"(吃|喝)(了)?(一瓶|一整瓶|一把|好多|很多)安眠药|攒安眠药|伤害自己|自残|割腕",
    # a plan to take a hoard of pills at once ("想把攒下的药都吃了")
    r"(想|要|打算|准备)把.{0,4}(攒|存|囤)(下|着|了)?(的|来的|起来的)?.{0,3}药.{0,2}(都|全|全部|一次|一口气)(吃|喝|吞)(?!完)",
    r"\b(wants?|wanna|wish(es)?|going|gonna) to die\b|\bwish (i was|i were|i'?d been) (dead|never born)\b",
    r"\bkill(ing)? myself\b(?! laughing)|\bend(ing)? (my life|it all)\b|\btak(e|ing) my (own )?life\b",
    r"\b(commit(ting)?|thinking (about|of)|think about) suicide\b|\bsuicidal\b",
    r"\b(don'?t|do not|doesn'?t|does not) want to (live|go on)( any ?more| like this)?[\s.!]*($|[,;])",
    r"\bdon'?t want to be alive\b",
    r"\bno (reason|point) (to live|in living|in going on)\b|\bbetter off dead\b|\b(hurt|harm|cut) myself\b",
    r"\b(not|no longer) worth living\b|\bworth living any ?more\b",
    r"\bcan'?t go on( (any ?more|like this|living))?[\s.!]*$|\b(want|going|gonna) to end it[\s.!]*$",
    r"\b(nobody|no one) (would|will) (miss|care about) me\b|\b(everyone|they)'?d be better off without me\b",
)
# The wish denied, or about someone else: checked on the clause (the text before the phrase for the subject).
CRISIS_NEGATION = re.compile(
    r"(没|没有|不是|并不是|不会|绝不|从没|从来没)(有)?(想过?|要)?"
    r"(不想活|想死|去死|死|自杀|寻死|轻生|做傻事|伤害自己|活够)"
    r"|\b(not|never|won'?t|wouldn'?t|(don|doesn)'?t want to|do(es)? not want to)\b.{0,12}"
    r"\b(die|kill|hurt|harm|suicid\w*|end)\b",
    re.I)
# "热得我都不想活了", "忙得我都不想活了" are the weather and work, not a wish to die.
CRISIS_HYPERBOLE = re.compile(r"(笑|热|冷|饿|困|馋|急|羡慕|美|乐|高兴|累|忙|晒|吵|撑|痒)得(我|人)?"
                              r"(都|真|简直|快)*((要|想)死|不想活|活不下去|活不了)", re.I)
CRISIS_KIN = re.compile(KIN, re.I)
# Who says it: the subject nearest before the phrase is the user (or none), or someone close.
CRISIS_SUBJECT = re.compile(r"我|俺|他|她|你|您|人家|别人|有人|" + KIN
                            + r"|\b(?:i|he|she|they|you|someone|somebody)\b", re.I)
# Relayed words the user calls a joke ("我老伴说他活够了？开玩笑的"); "不是开玩笑" is no joke.
CRISIS_JOKE = re.compile(r"(?<!不是)(?<!没)(?<!没有)(?<!不)(开玩笑|说着玩|玩笑话|随口说说|口头禅)"
                         r"|(?<!not )(?<!n't )\b(joking|kidding)\b", re.I)
CRISIS_CONDITION = re.compile(r"如果|要是|假如|假设|万一|会不会|预防|防止", re.I)  # for the whole sentence
CRISIS_HYPOTHETICAL = re.compile(r"\b(if|in case|prevent)\b", re.I)  # for the clause
CRISIS_RESOLVED = re.compile(r"(现在|已经)(好多了|好了|没事了|想开了)|想开了"
                             r"|(现在|如今|这些年)(都|也|已经)*(天天|每天|整天)?(好好的|挺好|很好|乐呵呵|开开心心"
                             r"|高高兴兴|挺开心|挺高兴|有说有笑)"
                             r"|\bi'?m (ok|fine|better) now\b", re.I)

STROKE_SOFT_RES = {group: re.compile(pattern, re.I) for group, pattern in STROKE_SOFT.items()}
CRISIS_RE = re.compile("|".join(CRISIS), re.I)
