"""The kinds of emergency and the phrases that state each one (read by :mod:`assistant.care.emergency`).

Each pattern of :data:`SIGNALS` must state the emergency itself, happening now; the caller drops it
in a negated, hypothetical, past or hearsay clause. Besides the first kinds (a fall, a call for help,
chest pain, breathlessness, a stroke, fainting, bleeding, fire or gas, the wrong medicine), these are
kinds of situation rather than fixed phrases:

* bleeding that will not stop or is a lot ("血一直流", "按着也止不住", "流了一地血"), and blood
  brought up or passed ("吐血了", "咳出血来");
* someone who collapsed or does not answer ("倒下了", "叫他不答应", "没反应了");
* any medicine taken wrongly, in either word order ("降压药吃多了", "把安眠药当成钙片吃了",
  "把一瓶药片吃了", "took too many of my heart pills"), or something poisonous swallowed;
* a burn that is large or blistered ("烫伤了一大片", "烫起泡了", "开水浇到腿上");
* someone lost outside ("走丢了", "迷路了", "不知道这是哪儿");
* smoke filling a room or a stairwell ("楼道里全是烟");
* lips or face turning blue ("嘴唇发紫") as breathlessness;
* a sudden illness: pain so bad that one sweats, rolls or cannot straighten up, a low blood sugar
  attack, and (in the caller) a cold sweat together with another symptom ("手抖，直冒冷汗").
* a weight on the chest ("胸口像压了块大石头", not from worries), a sudden drop ("突然就倒了"), someone
  with dementia out and not back or not answering, the worst pain of one's life ("这辈子没这么疼过").

:func:`excused` drops a signal that its context explains ("气得我吐血", "屋里全是烟" from cigarettes,
"我家狗走丢了", "冻得嘴唇发紫", "药吃多了伤肝"). Pure logic.
"""

from __future__ import annotations

import re

from assistant.care.emergency_causes import CAUSE_RES, cause_excused, cause_split
from assistant.care.emergency_signs import STROKE_CLEAR, STROKE_SOFT

_PILL = r"(药|药片|药丸|片|粒|安眠药|降压药|降糖药|胶囊)"
_SPOT = r"(身上|脸上|头上|手上|腿上|脚上|胳膊上|背上|肚子上)"
_KIN = r"(妈|爸|老伴|老头子?|老太太?|爷爷|奶奶|外公|外婆|姥姥|姥爷|孙子|孙女|孩子|儿子|女儿|老公|老婆)"

# kind -> signal patterns (Chinese and English). Each must state the emergency itself.
SIGNALS: dict[str, tuple[str, ...]] = {
    "fall": (
        r"(摔|跌|滑)(倒|了一跤|了一下|在地上|下来|伤)", r"(摔|跌)了", r"(摔|跌)到了\s*$",
        r"(起|爬|站)不起来", r"起不来",
        r"倒在地上",
        r"(躺|趴|倒)在地(上|下)(已经)?(半天|好半天|好久|一宿|一晚上|一夜|一上午|一下午|几个小时|一个多?小时)",
        r"从(床|椅子|凳子|梯子|楼梯|台阶|沙发|马桶|车)上?(掉|摔|滚|跌)(了)?下(来|去)",
        r"摔(断|骨折|破头)|骨(头)?(折|断)了",
        r"\b(i('ve| have)? fallen|i fell|fell down|i fall down|fell (off|from) the)\b",
        r"\bon the floor and can'?t\b",
        r"\bcan'?t (get|stand) up\b(?! (early|in time|at|by|before|for|to|tomorrow|on time))",
        # someone close fell ("My wife fell and her head is bleeding")
        r"\b(he|she|my (husband|wife|mum|mom|mother|dad|father|grandma|grandpa|son|daughter|neighbou?r))"
        r"( has| had| just)? (fell|fallen|had a fall|slipped and fell)\b"
        r"(?! (in love|asleep|for|behind|apart|short|silent|ill|sick|pregnant|out|through))",
        # slipped or tripped, and hurt or unable to stand ("I slipped in the shower and hurt my hip")
        r"\b(slipped|tripped|stumbled)\b.{0,60}"
        r"\b(hurt my (hip|back|head|leg|arm|wrist)|my (hip|leg|back|head|arm|wrist) (hurts|is bleeding)"
        r"|can'?t (stand|walk|move)|broke|broken|bleeding)\b",
    ),
    "help": (
        r"救命(?!恩人|稻草|钱|药|之恩)", r"救救我", r"快来人", r"来人啊", r"快叫救护车", r"叫(个)?救护车",
        r"打(一二零|120|幺二零)",
        # someone called ("你快帮我叫人", not "帮我叫人来修水管"), or a hand to get up ("谁来扶我一把")
        r"((快|赶紧|赶快|快点)(帮我|给我)?|帮我|给我)叫(个)?人(来)?(啊|呀|吧|哪)?(?=$|[，。！？!?,\s]|我)",
        r"(谁(来|能|快)*|快|来人)(扶|拉|搀)(一下)?(我|一把)(一把|一下|起来)?(吧|啊|呀)?(?=$|[，。！？!?,\s])",
        r"\b(help!|somebody help|call an ambulance|call 911|call 120)",
        r"^\s*help[\s.!]*$", r"\bhelp me(,? please)?[\s.!]*$", r"^\s*(快)?救(救)?我(吧|啊|呀)?[\s。！!]*$",
        r"疼得(直)?(打滚|满头大汗|直冒冷汗|冒冷汗|昏过去)",
    ),
    "chest": (
        # 心口窝子: the pit of the chest (northern); "这块儿", "那一块儿": a spot of it, said with 儿
        r"(胸口|心口|胸部|心脏)(窝子?|窝儿)?(这儿|这里|那儿|那里|[这那]一?(块|片|边)儿?)?"
        r"(好|很|特别|非常|有点|一阵阵|一阵一阵[地的]?|突然|绞着|还是|还|又|一直|老是|直|都|也)*"
        r"(疼|痛|闷|难受|绞痛|压着)",
        r"(胸口|心口|胸)(啊|呀)?.{0,2}(像|好像|跟)?(被)?(压|堵|坠|搁)(了|着)(一)?(块|个|座)?(大)?(石头|石板|东西|山)",
        # "心口这块儿像有东西压着"
        r"(胸口|心口)[^，。？！]{0,6}(像|好像|跟|好似)[^，。？！]{0,4}(压|堵|坠|搁)(着|了|住)",
        r"胸(闷|痛)", r"心脏病(犯|发作)", r"心(慌|悸)(得)?(厉害|受不了|要命|喘不)",
        r"\b(chest (pain|hurts)|my chest (hurts|is tight)|heart attack)\b",
        r"\bpain in (my|his|her) chest\b|\bcrushing (pain|chest)\b|\bchest (is |feels )?(crushing|burning)\b",
        r"\bchest (is |feels |gets |went |has gone )?(so |very |really )?(tight|heavy)\b"  # a tight chest
        r"|\b(tightness|pressure|heaviness) (in|on|across) (my|his|her) chest\b",
    ),
    "breath": (
        r"喘不(上|过|动|匀)气?", r"(上不来|透不过|吸不上)气", r"呼吸困难",
        r"(呼吸|喘气)(很|特别|非常|越来越)困难",
        r"噎(住|着)了", r"\b(i'?m|he'?s|she'?s|is) choking\b", r"憋(得慌|死了|气)", r"没法呼吸",
        r"\b(can'?t breathe|cannot breathe|short of breath|struggling to breathe)\b",
        r"\b(can|could) (barely|hardly) breathe\b|\bcan'?t catch (my|his|her) breath\b",
        r"\bgasping for (air|breath)\b",
        r"(嘴唇|嘴|脸|指甲|手指)(都|也|有点|突然|已经)*(憋(得)?)?(发紫|发青|青紫|紫了|乌了)",  # blue lips
        r"(果冻|汤圆|元宵|年糕|粽子|糯米|花生|枣|糖块|豆子|肉块|馒头|鸡蛋|蛋黄|饼干|葡萄|东西)"
        r".{0,3}卡(住|在)(了)?(嗓子|喉咙|气管|嗓子眼)?",  # food stuck in the throat (not a fish bone)
        r"(喉咙|嗓子|舌头|嘴唇)(突然|一下子)(都|也)*肿(了|起来|得)",  # sudden swelling of the airway
        r"\b(lips|face) (is |are |look |looks |turning |gone )+(blue|purple)\b",
    ),
    "stroke": (*STROKE_CLEAR, r"(眼睛|我)(突然)?看不见了|(什么都|啥都)看不见了"),
    "faint": (
        r"(晕|昏)(倒|过去)了?", r"头晕得(站不住|厉害|天旋地转)",
        r"昏迷|不省人事|人事不省|抽搐|抽风|口吐白沫",
        # a seizure said as 抽筋 with a fever or the eyes rolled up ("我孙女发烧抽筋了"; not a leg cramp)
        r"(发烧|高烧|发热)[^。？！]{0,6}抽筋|抽筋[^。？！]{0,6}(翻白眼|口吐白沫|叫不醒|发烧|高烧)|浑身抽筋",
        r"(叫|喊|推)(也|都)?(叫|喊|推)?不醒|怎么(叫|喊)都不醒",
        r"(没|没有)(了)?(呼吸|气息|心跳)了?|不喘气了|没(了)?气(儿)?了|摸不(着|到)(气|心跳)(?!的位置)",
        r"(突然|一下子)(就)?(倒|栽)(下|地)?(了|去了)?$",
        r"(躺|倒|趴|瘫)(在)?地(上|下)?(了)?.{0,3}(一动)?不动|倒地不起",
        # collapsed, or does not answer ("叫他不答应"; not "叫他戒烟他不答应": the words must touch)
        r"(突然|一下子|扑通|咕咚|一头)?(倒下|栽倒|栽下)(了|去了|去)", r"叫不应",
        r"(叫|喊|拍)(他|她|人)?(半天|了半天|了几声|了好几声)?(也|都)?(不太|不大|不怎么|不|没)(答应|应声|应|回应|吭声)",
        r"(叫|喊|拍|推).{0,4}没(有)?(反应|动静)|没(有)?知觉了",
        r"\b(passed out|fainted|blacking out|collapsed|unconscious|seizure|won'?t wake up)\b",
        r"\b(not|isn'?t|stopped) breathing\b",
        r"\b(he|she|they|husband|wife|mum|mom|dad)('s| is| are|'re) not moving\b"
        r"|\b(he|she|husband|wife|mum|mom|dad) (isn'?t|stopped|has stopped) moving\b",
        r"\b(he|she|mum|mom|dad|husband|wife)( is|'s) (not responding|unresponsive)\b",
    ),
    "bleeding": (
        r"(流|出)了(好多|很多|一地|一身|一脸|一大滩|一摊)(的)?血", r"血(止不住|流不止|停不下来|按不住)",
        r"血(还在|一直|不停|止不住|哗哗|直)(地|的)?(流|淌|冒|往外)", r"(止|停)不住(地|的)?(流血|出血)",
        r"(流|出)血(不止|止不住|停不下来)", r"满(手|脸|头|身)(都)?是血",
        r"血(流|冒|淌)(个|得)?(不停|不止|没完)", r"血(一下子|都|直)?(喷|涌|飙|呲|滋|蹿)(出来|出去|了)",
        r"(咬|切|划|割|砍|扎|戳|撞|摔)(了|出|破|开)?了?(个|一个|一道|条|一条)?(好|很)?(大|深|长)口子",
        # blood brought up or passed ("吐血了", "咳出血来"; not 血压, 血糖)
        r"(吐|咳|呕|拉|便|尿)(出)?(了)?(一大口|一口|好多|很多|一滩)?(的)?血(了|来|块)?"
        r"(?!压|糖|型|管|液|栓|脂|常规)",
        r"\b(bleeding (badly|a lot|heavily)|won'?t stop bleeding)\b",
        r"\bblood (is )?(everywhere|pouring|spurting|gushing)\b|\b(pouring|spurting|gushing) blood\b",
        r"\b(coughing|vomiting|throwing) up blood\b",
    ),
    "fire": (
        r"着火了", r"失火了", r"起火了", r"煤气(泄漏|漏了|味)",
        # gas smelt or leaking in the home ("我闻到燃气味了", "天然气好像漏了"; not "煤气罐没气了")
        r"(煤气|燃气|天然气|液化气)(好像|可能|是不是|像是|有点)?(泄漏|泄露|漏了|漏气|味)",
        r"(闻到|闻着|一股|全是|满屋子?(都是)?)(的)?(煤气|燃气|天然气|液化气)",
        r"火苗(子)?(蹿|窜|冒)(得)?(老高|好高|很高|起来)",
        r"(厨房|家里|屋里|屋子|房间|楼道|电线|插座|电视|电器)(里)?(冒烟|冒黑烟|起火|烧起来)(了)?",
        r"(全是|都是|满是|到处是|满屋子?|一屋子)(的)?(黑|浓)?烟(?![花火头灰盒酒囱])|浓烟|黑烟",
        # a pan or its oil alight ("锅里的油着起来了", "油锅烧起来了"; not a stove lit on purpose)
        r"(油锅|锅里的?油|锅里|锅|灶台上?|灶上|油烟机)(突然|一下子)?(就)?(着|烧|蹿)(起来|火)了|(锅|油)(着|烧)着了",

        r"\b(fire!|there'?s a fire|there is a fire(?! in the (fireplace|stove)))",
        r"\b(on fire|caught fire|catching fire|smell gas|gas leak|full of smoke)\b",
    ),
    "poison": (  # any medicine taken wrongly, in either word order, or something poisonous swallowed
        r"(吃错|吃多|多吃|吃重)了?药", rf"{_PILL}.{{0,3}}(吃|喝|吞)(错|多|重|了两遍|了两次)了",
        rf"多(吃|喝|吞)了(好几|几|两|三|一把|一瓶|半瓶|一整|好多|很多).{{0,4}}{_PILL}",
        r"(误吃|误服|错吃|错服)", rf"把.{{0,10}}{_PILL}(当|当成|当做|当作)",
        rf"(重复|一下子?|一口气|不小心)(吃|服|喝)了(两|三|好几)(次|遍|回|份|倍).{{0,2}}{_PILL}",
        rf"把.{{0,4}}(一|半|整|几)(瓶|板|盒|把|整瓶).{{0,4}}{_PILL}?(都)?(吃|喝|吞)",
        rf"(吃|吞|喝)了(一|半|整|好几)(瓶|把|整瓶)(的)?{_PILL}",
        r"(喝|吃|误喝|误吃)(了|下|进)(一|几|半)?(口|点|些|瓶)?(农药|敌敌畏|百草枯|老鼠药|耗子药|洗洁精|消毒水|消毒液|84"
        r"|洗衣液|杀虫剂|除草剂|酒精|汽油|煤油)",
        r"\b(took too many|wrong medicine|took the wrong (pills|medicine|tablets|meds)|overdosed?)\b",
        r"\btook (too much|double|two doses)\b",
        r"\bswallowed (some |a bottle of |the )?(pills|bleach|poison)\b",
    ),
    "burn": (  # a burn that is large or blistered, or boiling water or oil on the body
        r"(烫|烧|灼)(伤|坏|烂|破|着)了?.{0,6}"
        r"(一大片|大片|一片|好大一块|(?<![没不])起(了)?(大|水)?泡|很严重|得厉害|严重)",
        r"(?<![没不])烫(得|出|起)(了)?(好多|一片|一大片|好几个|个|一个|两个|几个)?(大|水)?泡",
        r"(皮|肉)(都)?(烫|烧)(掉|烂|焦|熟|脱)了",
        rf"(开水|热水|滚水|沸水|热油|滚油|油锅|热汤).{{0,10}}(浇|泼|洒|倒|溅|烫)(在|到)?.{{0,4}}{_SPOT}",
        r"\b(badly (burned|burnt|scalded)|(burned|burnt|scalded) (\w+ ){0,3}badly)\b",
        r"\b(burn\w*|scald\w*)\b.{0,30}\b(blister\w*|boiling|skin (is )?peeling)\b",
    ),
    "intruder": (  # a break-in or a robbery happening now: the police (110), not the ambulance
        r"(有人|小偷|贼|坏人|陌生人|强盗)(正)?在?(撬|砸|踹|拧|撞|砍)(我家|我们家|咱家)?的?(门|锁|窗)",
        r"(家里|屋里|我家|我们家|咱家)(进|来)了?(小偷|贼|坏人|强盗)",
        r"(小偷|贼|坏人|强盗|陌生人)(进|闯进|钻进|爬进|翻进)(来|了|我家|屋)",
        r"有人(闯|闯进|冲进|翻进|爬进|溜进)(来|了|我家|屋|院)",
        r"(我|俺)?被(人)?(抢|打劫)了|有人(抢|劫)(了)?我",
        r"\b(someone|somebody|a man|a stranger|burglars?|an intruder|a thief)( is| are|'s)? "
        r"(breaking in|trying to (get|break) in|in (my|the) (house|flat|apartment))\b",
        r"\b(i'?m|i am) being robbed\b|\bsomeone (just )?(robbed|mugged) me\b",
    ),
    "lost": (
        r"(走|跑)丢了|走失了?|迷(了)?路了|找不(到|着)回家的路|找不(到|着)(回)?家(了|啦)?$",
        rf"{_KIN}(突然|一下子|怎么)?不见了",
        r"(不知道|不晓得|搞不清)((我|自己)(现在)?(在|到了)|(这|这里|这儿)(是|是个)?)哪(儿|里|块|旮旯)了?\s*$",
        r"\b(i|he|she|we|mum|mom|dad)('m| am|'s| is| are|'re| got| has got)( got)? lost\b"
        r"(?! in (thought|the (book|story|movie|film|plot|game|music)))",
        r"\bgot lost (on|in|at) (the|my|our) way\b|\bcan'?t find (my|our|the) way (home|back)\b",
        r"\bwandered off\b",
    ),
    "illness": (  # pain so bad that one sweats or cannot straighten up, a low blood sugar attack
        r"(疼|痛)得(我)?(直|都|一直|满头)?(冒(冷|虚)?汗|出(冷|虚)?汗|大汗|直不起(腰|身|来)"
        r"|站不(起来|住|直)|动不了|下不了床|喘不上气|说不出话)",
        r"(肚子|胃|腰|头|肚)(突然)?(剧痛|剧烈(地)?疼)",
        r"(这辈子|一辈子|从来|从|长这么大)(都)?没(有)?(这么|这样|那么)(疼|痛)过(?![他她孙儿女人谁])",
        r"低血糖(又)?(犯|发作)了?|(?<![点些])低血糖了",
        # sudden confusion: not knowing people or where one is, talking nonsense
        # (的 for 得 as Whisper writes it: "连我都不认的了")
        r"(突然|一下子|今天|今儿|早上|起来|醒来|刚才|这会儿)[^，。？！]{0,6}(犯糊涂|糊里糊涂|糊涂[了的]|迷迷糊糊)",
        r"不认(得|的|识)(我|人|家里人)了|认不(出|得)(我|人)了|连我都不认(得|的|识)|说胡话|胡言乱语|神志不清"
        r"|意识(不清|模糊)",
        r"\b(suddenly|all of a sudden)\b.{0,20}\b(confused|disoriented)\b|\btalking nonsense\b"
        r"|\b(doesn'?t|does not|didn'?t) (recogni[sz]e|know) (me|us|anyone)\b"
        r"|\b(doesn'?t|does not) know where (he|she) is\b",
        r"(高烧|发烧|烧)(到)?(了)?(四十|40|41)(度|℃|点)|高烧不退",
        r"\bfever\b.{0,40}\b(confused|not making sense|won'?t wake|drowsy|stiff neck)\b",
        r"\b(in (terrible|severe|agony|so much) pain|hypo(glycemic)? attack)\b",
        r"血糖(太|特别|非常|好|很)低",
        r"\b(my|his|her|blood) sugar('s| is)? "
        r"(crashing|dropping fast|((really|very|so|too|dangerously) )?low)\b",
    ),
}
SIGNAL_RES = {**CAUSE_RES, **{kind: re.compile("|".join(pats), re.I) for kind, pats in SIGNALS.items()}}

# kind -> (topic, sign): the topic anywhere in the sentence and the sign in a clause of it, for an
# emergency told over two clauses ("鼻子流血，流了半天还止不住", "烫到腿上，起了好多水泡").
SPLIT_SIGNS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "bleeding": (
        re.compile(r"(流|出|冒|淌)血|(?<![抽验献贫])血(?![压糖脂管型液栓常])"),
        re.compile(r"(?<!咳嗽)(?<!眼泪)(?<!打嗝)(止不住|停不下来|按不住|还没止住|止也止不住|不停(地|的)?(流|冒)"
                   r"|(流|冒|淌)(个|得)?(不停|没完))"),
    ),
    "burn": (
        re.compile(r"(烫(到|着|伤|了)|烧伤)(?!膏|药|科|医院)|(开水|热水|滚水|热油|热汤).{0,6}(洒|泼|浇|翻|溅|倒)"),
        re.compile(r"(?<![没不])起(了)?(好多|好几个|一片|一大片|个|一个|两个|几个)?(的)?(大|水)*泡(?![沫泡])"
                   r"|皮(都)?(掉|破|烂|脱)了"),
    ),
    "lost": (  # someone with dementia out and not back, or not to be reached
        re.compile(r"老年痴呆|痴呆|阿尔茨海默|失智|\b(dementia|alzheimer\w*)\b", re.I),
        re.compile(r"(还|到现在|都|也)(没|没有)回(来|家)|(电话|手机)(也|都|一直)?(不接|打不通|没人接)"
                   r"|找不(到|着)(人|她|他)(了)?$"),
    ),
}


def split_signal(clause: str, sentence: str) -> tuple[str, str] | None:
    """(kind, words) of an emergency whose sign is in ``clause`` and its topic elsewhere in ``sentence``."""
    cause = cause_split(clause, sentence)
    if cause is not None:
        return cause
    for kind, (topic, sign) in SPLIT_SIGNS.items():
        found, about = sign.search(clause), topic.search(sentence)
        if found is not None and about is not None:
            return kind, f"{about.group(0)}…{found.group(0)}"
    return None


# group -> pattern; a cold sweat and one other group in one utterance are a sudden illness.
ILLNESS_SOFT: dict[str, str] = {
    "sweat": r"(冒|出|淌|一身|满头)(的)?(冷|虚)汗|冷汗(直流|直冒)|大汗淋漓|\b(cold sweat|clammy)\b",
    "shake": r"(手|浑身|全身|身上|腿)?(直|都|也|一直)*(抖|发抖|哆嗦|打颤|打哆嗦)(?!音)"
             r"|\b(shaking|trembling|shaky)\b",
    "heart": r"心慌|心跳(得)?(好|很|特别|老)?快|\b(heart is racing|palpitations)\b",
    "dizzy": STROKE_SOFT["dizzy"],
    "weak": r"没劲|没力气|浑身发软|(手|腿|身上|浑身)软|\b(so weak|no strength)\b",
    "pain": r"(疼|痛)(得)?|\b(pain|hurts)\b",
    "sick": r"恶心|想吐|吐了|\b(nauseous|vomit\w*|throwing up)\b",
    # a fever and a muddled mind told in separate clauses ("一直发高烧，三十九度多，人有点糊涂了")
    "fever": r"发烧|高烧|发热|烧到|\bfever\b",
    "muddled": r"(人|他|她|脑子)?(有点|有些|都)?(糊涂|迷糊)(?!了?吧)|说胡话|胡言乱语|不认人",
}
ILLNESS_SOFT_RES = {group: re.compile(pattern, re.I) for group, pattern in ILLNESS_SOFT.items()}
# A cold sweat from a fright, or a shiver from the cold, is no illness.
SWEAT_EXPLAINED = re.compile(r"吓|紧张|惊|噩梦|冻|冷得|天冷|\b(scared|nervous|fright|cold outside)\b", re.I)

# Prices fall too: "指数涨了还是跌了", "金价跌了" is no fall.
_MARKET = re.compile(r"涨|股|指数|价|基金|行情|汇率|大盘|利率|点数|成绩|温度|气温")
# Smoke from cigarettes, cooking, incense or a chimney.
_SMOKE_HARMLESS = re.compile(r"抽烟|吸烟|香烟|烟瘾|油烟|烧烤|烤肉|熏|蚊香|烧香|烟花|鞭炮|炒菜|做饭"
                             r"|冒烟了?是|烟囱|工厂|尾气")
_BLOOD_HYPERBOLE = re.compile(r"(气|难|累|看|玩|坑|郁闷|憋屈|心疼)得.{0,3}(要|想)?吐血|(让|令|叫)人.{0,2}吐血"
                              r"|吐血(推荐|整理|价|甩卖|分享|清仓)")
# Bleeding or a complaint that has gone on for days is for a doctor, not an emergency now.
_LONG_STANDING = re.compile(r"有一阵子|有段时间|好(几|多)(天|个月|年)|(几|两|三)(个)?(星期|礼拜|月|年)(了|来)"
                            r"|老毛病|一直都有")
# "烫坏了一大片" of a shirt, the hair or a pan is no burn of a person.
_BURNT_THING = re.compile(r"衣|衫|裤|裙|布|头发|锅|桌|地板|沙发|床单|菜|饭"
                          r"|\b(toast|bread|food|pan|pot|dinner|cake|rice|shirt|clothes|sauce)\b", re.I)
# A pet lost, a player lost in a game, or "I'm lost" meaning "I don't follow".
_NOT_A_PERSON = re.compile(r"狗|猫|鸟|鹦鹉|宠物|鸡|鸭|羊|牛|游戏"
                           r"|\b(dog|cat|pet|bird|keys|phone|wallet|game)\b"
                           r"|\b(what do you mean|explain|understand|follow|confus\w*|again|repeat)\b", re.I)
_WORRY = re.compile(r"心事|烦|愁|压力|担心|着急|操心|账|钱|房贷|债|考试|工作|事儿"
                    r"|\b(worr\w*|stress\w*)\b", re.I)
_GAS_HANDLED = re.compile(r"(已经|都)?(关|关掉|关好|拧紧)(了|好了)|开(了)?窗|窗(也|都)?开了")
_RESTING = re.compile(r"睡|歇|休息|打盹|打呼|看电视|玩手机")
_UP_AGAIN = re.compile(r"(爬|站)起来(又|就|接着)(跑|走|玩|去)|自己(爬|站)起来(了|又|就)(?!.{0,4}(不|疼|痛))")
_BLUE = re.compile(r"紫|青|乌|blue|purple", re.I)
_BLUE_EXPLAINED = re.compile(r"冻|冷|吃|涂|口红|染|颜料|桑葚|葡萄|墨|\b(cold|lipstick|ate|eating)\b", re.I)
# A general word about medicine, said anywhere in the sentence ("药吃多了伤肝，能少吃就少吃"), or in the
# clause ("别把药当饭吃", the idiom "你吃错药了吧").
_DRUG_EFFECT = re.compile(r"伤(肝|胃|肾|身)|副作用|有害|对身体|会怎(么|样)|会有(什么|啥)|少吃")
_DRUG_ADVICE = re.compile(r"别|不要|不能|千万|不该|(你|您).{0,5}吃错(了)?药|吃错药了?吧")
_CONFUSED = re.compile(r"糊涂|认|胡话|胡言|神志|意识|confused|disoriented|nonsense|recogni|know", re.I)
_CHRONIC = re.compile(r"痴呆|阿尔茨海默|失智|经常|老是|总是|平时|一直都"
                      r"|\b(dementia|alzheimer\w*|always|often)\b", re.I)
# Muddled by something, one's own lapse, nonsense said to someone, or drink: no sudden confusion.
_MUDDLED = re.compile(r"(搞|弄|说|绕|听|看|整|算)糊涂"
                      r"|我(今天|今儿|刚才|这会儿|突然|一下子|也|都|就|真是|有点|又)*(犯|是)?糊涂"
                      r"|(你|您|别|不要|少)[^，。]{0,3}(说胡话|胡言乱语)|喝多|喝醉|醉了|\bdrunk\b", re.I)
# A tree falls down, and one drops onto the bed to sleep: no collapse.
_NOT_COLLAPSE = re.compile(r"树|墙|柜|车|杆|架|瓶|牌|楼|房|篱笆|柱|床|睡|躺")
# A tyre, a ball or a gas bottle with no air left, a cut in cloth: no person.
_PET = re.compile(r"狗|猫|鸟|鱼|鸡|鸭|兔|仓鼠|宠物")
_NO_AIR_THING = re.compile(r"胎|球|轮|罐|瓶|汽水|可乐|打气|充气|气垫|煤气|车"  # and the home's gas ran out:
                           r"|^(我们?|咱)?(家里?|屋里|厨房|灶)(的)?(又|突然|怎么|好像)?没气了")
# Someone in the clause (not as an owner: "他的车胎"): then no thing explains a collapse or "没气" away.
_SOMEONE = re.compile(r"(?:人|他|她|老伴|老头|老太|外公|外婆|公公|婆婆|儿子|女儿|孙子|孙女|孩子|媳妇|女婿"
                      r"|丈夫|妻子|老公|老婆|邻居|朋友|爸爸|妈妈|爷爷|奶奶|哥哥|姐姐|弟弟|妹妹|爸|妈|爷|奶|哥|姐|弟|妹)"
                      r"(?![的爸妈爷奶哥姐弟妹子女])")
_CUT_THING = re.compile(r"衣|裤|套|袄|褂|布|包|袋|沙发|床单|纱|帐篷|伞|鞋|皮带"
                        r"|\b(shirt|coat|bag)\b", re.I)
# Laughing or crying so hard one gasps is no breathlessness, nor being swamped by work ("忙得我喘不过气来").
_LAUGHING = re.compile(r"笑|乐得|逗|哭得|忙得|压得|逼得|事(情)?多得|\blaugh\w*", re.I)
# Not getting up in the morning as a habit ("早上我老是起不来", "I can't get up this early anymore").
_HABIT = re.compile(r"老是|总是|每天|天天|经常|平时|一般|常常|赖床|闹钟|懒觉"
                    r"|\b(early|mornings|anymore)\b", re.I)
# A child or a sleeper who will not wake from a sound sleep ("叫都叫不醒，睡得可香了").
_SOUND_ASLEEP = re.compile(r"睡得(可|真|很|正|好|太)?(香|熟|沉|死)|懒觉|赖床")
# Speech muddled by dentures, teeth, a sore throat or drink is no stroke.
_SPEECH_EXPLAINED = re.compile(r"假牙|拔(了|完)?牙|补牙|镶牙|种牙|牙(疼|痛|肿|掉)|麻药|嗓子(哑|疼|肿)|感冒"
                               r"|喝(多|醉)|醉了"
                               r"|口腔溃疡|\b(dentures|false teeth|dentist|drunk)\b", re.I)
_SPEECH = re.compile(r"说|话|口齿|吐字|舌头|slur|speak|talk", re.I)


def excused(kind: str, phrase: str, clause: str, sentence: str) -> bool:
    """Whether the context explains the signal ``phrase`` of ``kind`` away (it is then no emergency)."""
    if kind == "fall":
        habit = ("起不来" in phrase or "get up" in phrase) and bool(_HABIT.search(clause))
        market = phrase.startswith("跌") and bool(_MARKET.search(clause))
        return habit or market or bool(_UP_AGAIN.search(sentence))
    if kind == "fire":
        if phrase.endswith("味") and _GAS_HANDLED.search(sentence):
            return True  # "煤气味…是灶没关好，已经关了"
        return "火" not in phrase and "烟" in phrase and bool(_SMOKE_HARMLESS.search(sentence))
    if kind == "chest" and "压" in phrase + clause and _WORRY.search(sentence):
        return True  # "房贷没着落，我心口像压了块大石头"
    if kind in ("bleeding", "illness") and _LONG_STANDING.search(sentence):
        return True
    long_or_muddled = _CHRONIC.search(sentence) or _MUDDLED.search(sentence)
    if kind == "illness" and _CONFUSED.search(phrase) and long_or_muddled:
        return True  # "我妈有老年痴呆，经常不认得人", "这事把我搞糊涂了", "你别说胡话了"
    if kind == "bleeding":
        cloth = "口子" in phrase and bool(_CUT_THING.search(clause))  # "外套划了个大口子"
        return cloth or bool(_BLOOD_HYPERBOLE.search(sentence))
    if kind == "burn":
        return bool(_BURNT_THING.search(clause))
    if kind == "lost":
        return bool(_NOT_A_PERSON.search(sentence))
    if kind == "breath":
        return bool(_BLUE.search(phrase) and _BLUE_EXPLAINED.search(clause)) or bool(_LAUGHING.search(clause))
    if kind == "poison":
        return bool(_DRUG_EFFECT.search(sentence) or _DRUG_ADVICE.search(clause))
    if kind == "faint":
        if ("气" in phrase or "不动" in phrase) and _PET.search(clause):
            return True  # "狗趴在地上不动了": a pet
        if "气" in phrase:
            return bool(_NO_AIR_THING.search(clause)) and not _SOMEONE.search(clause)
        if "醒" in phrase:
            return bool(_SOUND_ASLEEP.search(sentence))
        fell_over = ("倒" in phrase or "栽" in phrase) and not re.search("[晕昏]", phrase)
        return fell_over and bool(_NOT_COLLAPSE.search(clause)) and not _SOMEONE.search(clause)
    if kind == "stroke":
        return bool(_SPEECH.search(phrase) and _SPEECH_EXPLAINED.search(sentence))
    if kind == "shock" and "不动" in phrase and _RESTING.search(sentence):
        return True  # "电线换好了，老伴躺着不动，睡得正香"
    return cause_excused(kind, clause, sentence)
