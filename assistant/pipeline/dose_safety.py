"""How much of a medicine to take, and what to do after a dose missed or doubled: answered in code.

Asked "忘了吃一顿药，下顿要不要吃两片？", the shipped 1.5B model said yes (2026-12-01), and asked how
many to take it names a number it cannot know. An elder may act on it. So a question about the dose
gets a short answer written here, by kind:

* ``missed``: a dose forgotten ("中午的药忘了吃"): never a double dose; whether to make it up depends
  on the medicine (the leaflet, the doctor or pharmacist, the family); else the next dose as usual;
* ``unsure``: she does not remember whether she took it ("我刚才吃没吃药来着"): none more to be safe,
  the pill box or the family tell; a reminder she answers "吃了" keeps a record. (This comes before
  :mod:`.own_life`, whose "did" topic still answers "I don't know" of other things: 锁门, 关火.)
* ``overdose``: taken twice, too much, the wrong or someone else's pill, with no sign told: no more,
  keep the box, call the doctor or pharmacist (120 when unsure), tell the family; 120 at once when she
  feels unwell. With a sign told ("吃错药了，头晕") it is an emergency, found before the text turn
  (:mod:`assistant.care.emergency`, kind "poison") and never reaches this module;
* ``change``: the dose or the way of taking changed on her own (stopped, halved, doubled, split or
  crushed, with alcohol or grapefruit or another medicine, expired, given to someone else): the doctor
  decides, the leaflet and the pharmacist tell; said plainly where the harm is known whatever the
  medicines: drink on 头孢 or 甲硝唑 ("antibiotic_drink"), two cold or fever medicines (the same
  对乙酰氨基酚, "cold_pair"), a painkiller on a blood
  thinner ("bleed"), a sleeping pill after drink ("sleep_drink");
* ``amount``: how many, how often ("阿司匹林一次吃几片"): the assistant does not know her prescription.

No answer names a dose. A request for a reminder ("提醒我八点吃药", "我老忘吃药，每天八点提醒我") is
the reminder tool's (:func:`assistant.tools.router.route`), and general questions about a medicine
("降压药是干什么的", "有什么副作用") go on to the LLM, whose answer the care tail
(:mod:`.care_tail`) sends to a doctor or pharmacist. Pure logic.
"""

from __future__ import annotations

import re

from assistant.tools.router import route

_CUT = r"[^，。？！?!,]"  # within one clause
_MED = (r"(?:药|胶囊|冲剂|口服液|钙片|维生素|鱼油|胰岛素|阿[司斯]匹林|布洛芬|对乙酰氨基酚|扑热息痛"
        r"|头孢|青霉素|阿莫西林|抗生素|二甲双胍|格列\w{2}|阿卡波糖|\w{1,3}地平|\w{1,3}他汀|\w{1,3}沙坦|\w{1,3}普利|华法林|氯吡格雷"
        r"|硝酸甘油|速效救心丸|地西泮|艾司唑仑|佐匹克隆|褪黑素|颗粒|感冒灵|泰诺|白加黑|快克|芬必得|散利痛|利伐沙班)")
# A cold or fever medicine (many hold the same 对乙酰氨基酚), a blood thinner, a painkiller that thins
# the blood.
_COLD = r"(?:感冒|退烧|退热|泰诺|白加黑|快克|散利痛|对乙酰氨基酚|扑热息痛|百服宁|日夜百服宁|999|三九)"
_THINNER = r"(?:华法林|氯吡格雷|利伐沙班|抗凝|阿司匹林)"
_SLEEP = r"(?:安眠药|安定|地西泮|艾司唑仑|阿普唑仑|佐匹克隆|唑吡坦|舒乐安定|镇静药|助眠药|睡觉的药)"
_ANTIBIOTIC = r"(?:头孢|甲硝唑|替硝唑|奥硝唑|呋喃唑酮|抗生素|消炎药)"
_PAINKILLER = r"(?:布洛芬|芬必得|阿司匹林|止疼药|止痛药|止疼片|止痛片|双氯芬酸|扶他林|萘普生|消炎痛)"
# a medicine in the words, a doctor's order to take something ("医生让我一天吃两次"), or a count of
# pills said alone ("吃几片？", not "几片面包")
_ABOUT_MED = re.compile(rf"{_MED}|医生(?:让|叫|说|开)[^。？]{{0,10}}吃"
                        r"|[一二两三四半几\d]+[片粒颗](?=$|[？?，。！吗呢啊呀吧还够行可对就合好])")
_ASK = r"(?:吗|么|呢|吧|行不行|可不可以|能不能|可以|要不要|该不该|用不用|好不好|怎么办|咋办|[？?])"
_MADE_UP = rf"(?:补|一起|一块|双份|两顿|还是|现在|{_ASK})"  # what follows a dose not taken, asked about
_KIN = r"(?:老伴儿?|老头子?|老太婆|爱人|孙子|孙女|儿子|女儿|闺女|邻居|别人|人家|他|她)"

# (kind, the reply's key, pattern): the first that matches in the words wins; those of ``_ZH_WITH_MED``
# count only when a medicine is named or a dose is said (``_ABOUT_MED``).
_ZH: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    # feeling unwell after a medicine ("吃了降压药以后头晕，正常吗？" got "正常。")
    ("change", "side_effect", re.compile(
        rf"(?:(?:吃|服|用|打)(?:了|完|上)?[^。？]{{0,3}}{_MED}|{_MED}[^。？]{{0,2}}(?:吃了|一吃|服了|吃上))"
        r"[^。？]{0,4}(?:以后|之后|后|就|老是|总)[^。？]{0,8}"
        r"(?:头晕|头昏|恶心|想吐|难受|不舒服|心慌|起疹子|出疹子|起红疹|身上痒|没劲|干咳|咳嗽|拉肚子|脚肿|腿肿|犯困)")),
    # an antibiotic bought and taken on her own ("我能不能自己去药店买点消炎药？" got "当然可以")
    ("change", "antibiotic_self", re.compile(rf"(?:自己|药店|药房|网上)[^。？]{{0,8}}买[^。？]{{0,4}}"
                                             rf"{_ANTIBIOTIC}|{_ANTIBIOTIC}[^。？]{{0,6}}(?:自己|随便)[^。？]{{0,4}}(?:买|吃)")),
    # drink on 头孢 or 甲硝唑 (a disulfiram-like reaction; "吃了头孢能喝酒吗" had got "每种药不一样")
    ("change", "antibiotic_drink", re.compile(rf"{_ANTIBIOTIC}[^。？]{{0,20}}酒"
                                              rf"|酒[^。？]{{0,20}}{_ANTIBIOTIC}")),
    # the medicine run out, and whether it may stop ("我的血压药吃完了，能停几天吗？" got "你可以停几天")
    ("change", "run_out", re.compile(rf"{_MED}[^。？]{{0,4}}(?:吃完了|吃光了|没了|断了|快吃完|快没了|用完了)"
                                     r"[^。]{0,10}(?:停|怎么办|咋办|能不能|可不可以|要不要|还能|去哪)")),
    ("overdose", "overdose", re.compile(
        rf"又(?:吃|服)了(?:一|两|几)?(?:遍|次|回|顿|片|粒|颗)"
        rf"|(?:吃|服)(?:了|完)[^。？]{{0,8}}(?:才发现|才想起来?)[^。？]{{0,8}}(?:已经|早就|刚才)吃过"
        rf"|(?:吃错|拿错|吃混)了?{_CUT}{{0,4}}{_MED}|{_KIN}的{_MED}{_CUT}{{0,8}}(?:当成|当作)"
        rf"|(?:吃了|吃成了){_CUT}{{0,4}}{_KIN}的{_MED}|{_KIN}[^。？]{{0,3}}把[^。？]{{0,4}}{_MED}{_CUT}{{0,6}}吃了"
        r"|(?:两顿|两次|两天)[^。？]{0,4}(?:一起|一块儿?|一下)(?:吃|服)了"
        # more than her usual by mistake ("一不留神吃了三片，平时只吃一片")
        r"|(?:不小心|不留神|没留神|没注意|糊涂)[^。？]{0,4}(?:吃|服)了[^。？]{0,2}[两三四五六七八九十几好多]+[片粒颗]"
        r"|(?:吃|服)了[两三四五六七八九十几好多]+[片粒颗][^。？]{0,6}(?:平时|平常|本来|一般)")),
    ("unsure", "unsure", re.compile(
        rf"(?:吃没吃|吃了没|吃过没|服没服|到底吃了|是不是(?:已经)?吃过?了?){_CUT}{{0,4}}{_MED}"
        rf"|{_MED}{_CUT}{{0,8}}(?:吃没吃|吃了没|吃过没|(?:已经|到底)?吃(?:了|过)(?:吗|没有?))"
        # a doubt whether it was taken, and one more asked, whatever the medicine was heard as
        r"|^(?=.*(?:吃没吃|吃了没|吃过没))(?=.*(?:忘|记不清|想不起|不记得)).*再吃[一两半]?[片粒颗]"
        # the medicine said first, in a clause of its own ("那个降糖药，早上吃没吃我给忘了")
        rf"|{_MED}[，,]{_CUT}{{0,8}}(?:吃没吃|吃了没|吃过没|(?:已经|到底)?吃(?:了|过)(?:吗|没有?))"
        rf"|(?:记不清|想不起来?|不记得|忘了){_CUT}{{0,6}}(?:吃没吃|吃了没|吃过没|有没有吃)"
        rf"|{_MED}[^。？]{{0,10}}(?:吃了还是没吃|吃过还是没吃)"
        # a doubt of memory, and a question whether it went down ("那片药我咽下去没有，记不得了")
        rf"|^(?=.*(?:记不清|记不得|想不起|不记得|糊涂)).*{_MED}{_CUT}{{0,6}}(?:吃|咽|服|喝){_CUT}{{0,4}}(?:没有|没)")),
    ("missed", "missed", re.compile(
        rf"(?<![别不没怕])(?:忘|漏|落)(?:了|记|掉)?(?:吃|服|喝|打)?{_CUT}{{0,4}}{_MED}"
        rf"|{_MED}{_CUT}{{0,4}}(?:没顾上|没来得及|顾不上)(?:吃|服|打)|{_MED}断了[一二两三几\d]+(?:天|顿)"
        rf"|{_MED}[，,]?{_CUT}{{0,8}}(?<![别不没怕])(?:忘|漏|落下|落了)(?![了记掉]?吃?(?:饭|早饭|早点|午饭|晚饭|东西))"
        rf"|^(?=.*{_MED}).*?(?:昨天|昨儿|昨晚|前天|早上|今早|上午|早饭|中午|午饭|下午|晚上|晚饭|上顿|上一顿|一天)"
        rf"[^。？]{{0,8}}没(?:吃|服)(?!饭|东西){_CUT}{{0,2}}"
        rf"(?:{_MED})?[^。]{{0,14}}{_MADE_UP}|{_MED}{_CUT}{{0,3}}没(?:吃|服)[^。]{{0,14}}{_MADE_UP}")),
)
_ZH_WITH_MED: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("overdose", "overdose", re.compile(r"多吃了|吃多了|(?:吃|服)了两(?:遍|次|回|顿|份)|吃两遍"
                                        r"|重复吃|吃重了")),
    ("missed", "missed", re.compile(r"断了[一二两三几好\d]+(?:天|顿)|(?:顿|次)(?!饭)[^。？]{0,3}(?:忘|漏)")),
    # a sleeping pill after a drink, either order ("喝了二两白酒，睡前那个安眠药还能吃不")
    ("change", "sleep_drink", re.compile(rf"酒[^。？]{{0,20}}{_SLEEP}|{_SLEEP}[^。？]{{0,20}}酒")),
    ("change", "mix", re.compile(r"(?:喝|沾|配)[^。？]{0,3}(?:酒|啤酒|白酒)|西柚|葡萄柚|柚子")),
    # two cold medicines, or a painkiller taken on a blood thinner ("吃着华法林，能买点布洛芬吃吗")
    ("change", "cold_pair", re.compile(rf"{_COLD}[^。？]{{1,16}}{_COLD}[^。？]{{0,12}}"
                                       r"(?:一起|同时|一块儿?|都)(?:吃|服|喝)"
                                       rf"|{_COLD}[^。？]{{0,10}}(?:和|跟|与|加|再|又|另外)[^。？]{{0,8}}{_COLD}")),
    ("change", "bleed", re.compile(rf"{_THINNER}[^。？]{{0,30}}(?<!阿司匹林){_PAINKILLER}(?!.*是(?:什么|干))"
                                   rf"|{_PAINKILLER}[^。？]{{0,20}}(?:和|跟|与|加|配)[^。？]{{0,6}}{_THINNER}")),
    ("change", "together", re.compile(rf"(?:和|跟|与|加){_CUT}{{0,8}}(?:一起|同时|一块儿?)(?:吃|服|喝)"
                                      # the second said in a clause of its own ("A跟B，能一块儿吃不")
                                      rf"|(?:和|跟|与){_CUT}{{1,8}}[，,][^。？]{{0,6}}(?:一起|同时|一块儿?)(?:吃|服|喝)"
                                      # one more while on another ("一直在吃华法林，能不能买点布洛芬吃")
                                      rf"|(?:(?:在|正在|一直|天天|每天|长期)(?:吃|服)着?|(?:吃|服)着){_CUT}{{0,4}}?{_MED}[^。？]{{0,20}}?"
                                      rf"(?:能不能|可不可以|能|可以|要不要)[^。？]{{0,10}}?{_MED}"
                                      rf"|的时候(?:能|可以)不?(?:能|可以)?(?:吃|喝|服|用){_CUT}{{0,6}}{_MED}")),
    # food while taking it ("吃降压药的时候能吃香蕉吗")
    ("change", "mix", re.compile(rf"{_MED}的时候(?:能|可以)不?(?:能|可以)?(?:吃|喝)")),
    ("change", "expired", re.compile(r"过期|过了(?:保质期|有效期)"
                                     r"|(?:剩下|剩的|放了好?久|放了[^。？]{0,3}年|去年|前年)[^。？]{0,8}还能(?:吃|用)")),
    ("change", "share", re.compile(rf"给{_KIN}{_CUT}{{0,4}}(?:吃|用)|(?:吃|借){_KIN}的{_CUT}{{0,4}}药"
                                   r"|借[^。？]{0,4}(?:吃|用)")),
    ("change", "change", re.compile(
        rf"(?:停|断)(?:药|了|掉|一停|下来){_CUT}{{0,6}}{_ASK}|{_ASK}{_CUT}{{0,6}}(?:停|断)(?:了|掉|药)"
        r"|不想吃了|不吃了|(?:多吃|加|少吃|减)(?:[一二两半\d]+[片粒颗]|点|些|量|半|一半|一样|一种|几样|几种)"
        # one more on her own ("吃了安眠药还是睡不着，能再吃一片吗" got "可以再吃一片试试" in discovery 13)
        r"|(?:再|另外|额外|补)(?:吃|服|加|来)(?:上|个)?(?:[一二两半\d]+[片粒颗]|点|些)"
        rf"|(?:能不能|可不可以|可以|要不要)[^。？]{{0,4}}停|(?:加|减|改|换)(?:到|成){_CUT}{{0,8}}{_ASK}"
        rf"|{_ASK}{_CUT}{{0,8}}(?:加|减|改|换)(?:到|成)|想(?:加|减|改|换|停|少吃|多吃)|加量|加大|减量|减半|吃一半"
        r"|掰|碾碎|磨碎|压碎|嚼碎|切开|剪开|(?:打开|拆开)胶囊|倒出来")),
    ("amount", "amount", re.compile(
        r"(?:吃|服|用|喝|打|涂|抹)(?!了|过)[^。？]{0,3}(?:几|多少|多大)(?!年|岁|钱|个月|天了)(?:片|粒|颗|次|顿|天|包|袋|支|勺|毫升|毫克|克|单位|个|量)?"
        r"|(?:一次|每次|一天|每天|一回)[^。？]{0,2}几(?:片|粒|颗|次|包|袋|支|勺)"
        r"|(?:吃|服)[一二两三半\d]+[片粒颗包袋][^。？]{0,3}(?:够|行|可以|对|多|少|合适)"
        r"|(?:多长时间|多久|几个小时|几个钟头)[^。？]{0,4}(?:能|可以|再|吃)(?:吃|服)?"
        r"|剂量|用量")),
)

_EN_MED = (r"(?:pills?|tablets?|capsules?|medicines?|medications?|meds|drugs?|doses?|insulin|aspirin"
           r"|ibuprofen|paracetamol|acetaminophen|tylenol|advil|antibiotics?|metformin|warfarin|statins?)")
_EN_ANTIBIOTIC = r"\b(?:antibiotics?|cephalosporins?|cef\w+|metronidazole|flagyl|tinidazole)\b"
_EN_DRINK = r"\b(?:alcohol|wine|beer|drink\w*|drank)\b"
_EN: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("change", "run_out", re.compile(rf"\b(?:ran|run|running) out of\b.{{0,20}}\b{_EN_MED}\b", re.I)),
    ("overdose", "overdose", re.compile(
        rf"\b(?:took|taken|had)\b.{{0,30}}\b{_EN_MED}\b.{{0,20}}\btwice\b|\btook\b.{{0,10}}\btwice\b"
        rf"|\b(?:took|taken) (?:too many|too much|an extra|one more|a double|double)\b"
        rf"|\b(?:wrong|someone else'?s|my (?:husband|wife)'?s) {_EN_MED}", re.I)),
    ("unsure", "unsure", re.compile(
        r"\b(?:can'?t|cannot|don'?t|do not) (?:remember|recall)\b.{0,20}\b(?:if|whether) I (?:took|had|taken)"
        r"|\bnot sure (?:if|whether) I (?:took|had|'ve taken)|\bdid I (?:take|have) my\b"
        r"|\bhave I (?:taken|had) my\b", re.I)),
    ("missed", "missed", re.compile(
        rf"\b(?:forgot|forget|missed|skipped)\b.{{0,30}}\b{_EN_MED}|\b{_EN_MED}\b.{{0,30}}\b(?:forgot|missed)\b",
        re.I)),
    ("change", "sleep_drink", re.compile(
        r"\b(?:alcohol|wine|beer|whisk(?:e)?y|drinks?|drinking|drank)\b.{0,40}"
        r"\bsleeping (?:pills?|tablets?)\b"
        r"|\bsleeping (?:pills?|tablets?)\b.{0,40}"
        r"\b(?:alcohol|wine|beer|whisk(?:e)?y|drinking|drank)\b", re.I)),
    ("change", "side_effect", re.compile(
        r"\b(?:after|since) (?:taking|I took|starting) (?:my |the |a |this )?(?:new )?(?:\w+ ){0,2}"
        rf"{_EN_MED}\b.{{0,40}}"
        r"\b(?:dizzy|sick|nause\w*|rash|itch\w*|weak|cough\w*|swollen|unwell)\b", re.I)),
    ("change", "antibiotic_self", re.compile(
        r"\b(?:buy|get|take)\b.{0,20}\bantibiotics?\b.{0,30}\b(?:myself|on my own|without (?:a )?"
        r"(?:doctor|prescription))\b", re.I)),
    ("change", "antibiotic_drink", re.compile(rf"{_EN_ANTIBIOTIC}.{{0,40}}{_EN_DRINK}|{_EN_DRINK}.{{0,40}}"
                                              rf"{_EN_ANTIBIOTIC}", re.I)),
    ("change", "mix", re.compile(
        rf"\b(?:alcohol|wine|beer|drink|grapefruit)\b.{{0,30}}\b{_EN_MED}|\b{_EN_MED}\b.{{0,30}}"
        r"\b(?:alcohol|wine|beer|grapefruit)\b", re.I)),
    ("change", "expired", re.compile(rf"\b(?:expired|out of date)\b.{{0,20}}\b{_EN_MED}"
                                     rf"|\b{_EN_MED}\b.{{0,20}}\b(?:expired|out of date)\b", re.I)),
    ("change", "bleed", re.compile(r"\b(?:warfarin|blood thinners?|clopidogrel|rivaroxaban|apixaban)\b.{0,60}"
                                   r"\b(?:ibuprofen|advil|naproxen|aspirin|painkillers?|nsaids?)\b"
                                   r"|\b(?:ibuprofen|advil|naproxen|painkillers?)\b.{0,30}"
                                   r"\b(?:warfarin|blood thinners?|clopidogrel)\b", re.I)),
    ("change", "together", re.compile(rf"\b{_EN_MED}\b.{{0,20}}\b(?:with|and|together)\b.{{0,20}}\b{_EN_MED}"
                                      r"|\b(?:aspirin|ibuprofen|paracetamol|tylenol|advil)\b.{0,12}\b(?:with|and)\b"
                                      rf".{{0,12}}\b(?:{_EN_MED}|aspirin|ibuprofen)\b", re.I)),
    ("change", "share", re.compile(rf"\b(?:give|gave) (?!me\b|myself\b).{{0,20}}\b(?:one of |some of )?my "
                                   rf"(?:\w+ )?{_EN_MED}\b", re.I)),
    ("change", "change", re.compile(
        rf"\b(?:stop|quit|skip) taking\b"
        rf"|\b(?:cut|split|crush|break|halve|double)\b.{{0,20}}\b(?:{_EN_MED}|it|them)\b"
        rf"|\b(?:take|have)\b.{{0,10}}\b(?:half|more|less|extra|another)\b.{{0,15}}\b{_EN_MED}"
        r"|\b(?:just |only )?take (?:a |the )?(?:half|less|more|extra|double)\b", re.I)),
    ("amount", "amount", re.compile(
        rf"\bhow (?:many|much|often)\b.{{0,40}}\b(?:{_EN_MED}|take)\b"
        r"|\bwhat(?:'s| is) the (?:right )?dos(?:e|age)\b", re.I)),
)
# Not about her dose: a saying ("药吃多了伤肝"), an idiom ("你吃错药了吧"), a question in passing.
_EN_NOT = re.compile(r"\b(?:cost|costs|price|pay for|buy(?!.{0,20}\bantibiotic)|afford)\b", re.I)
_ZH_NOT = re.compile(r"随便问问|就是问问|问问而已|吃多了(?:会)?(?:伤|对身体|不好|有害)"
                     r"|你[^。？]{0,4}吃错(?:了)?药")

_ZH_REPLIES = {
    "missed": "漏了一顿，千万别下一顿吃双份补回来。要不要补，每种药不一样，"
              "看看说明书，或者问问医生、药剂师和家里人。拿不准就先照常吃下一顿。",
    "unsure": "记不清的话，为了安全先别再吃了。看看药盒里少没少，或者问问家里人。",
    "overdose": "先别再吃了，药盒留着别扔。打电话问问医生或者药剂师，拿不准就打一二零，也告诉家里人一声。"
                "要是头晕、心慌、胸口难受或者喘不上气，马上打一二零。",
    "mix": "吃药的时候能不能喝酒、什么要忌口，每种药不一样。"
           "说明书上写着，问问药剂师最稳妥，没问清楚先别这么吃。",
    "side_effect": "吃药以后不舒服，可能是药的副作用，也可能是药量不合适，别不当回事。"
                   "先坐下歇歇，起身慢一点；降压药吃了头晕，就量一量血压。别自己停药或者减药，尽快告诉医生或者药剂师。"
                   "要是起疹子、脸肿、喘不上气、胸口疼或者晕倒，马上打一二零。",
    "antibiotic_self": "消炎药大多是抗生素，要医生看过、开了处方才能吃；自己买来吃，不对症不管用，还伤身体、"
                       "以后吃药不灵。哪儿不舒服，先去社区医院让医生看看，也可以问问药剂师。",
    "antibiotic_drink": "吃头孢、甲硝唑这类消炎药的时候千万别喝酒，停药以后一个星期内也别喝，"
                        "藿香正气水这类含酒精的也别碰：一起会脸红心慌、血压下降，严重的有生命危险。拿不准就问问药剂师；已经喝了又觉得心慌胸闷，"
                        "马上打一二零。",
    "together": "几种药能不能一起吃，要看是什么药。问问医生或者药剂师再吃，说明书上也写着。",
    "sleep_drink": "喝了酒，安眠药今晚就先别吃了：酒和安眠药一起会让呼吸变慢，很危险。"
                   "睡不着就躺着歇歇，以后怎么吃问问医生。",
    "cold_pair": "两种感冒药、退烧药别一起吃：很多都含同样的成分，比如对乙酰氨基酚，一起吃容易过量伤肝。"
                 "选一种按说明书吃，拿不准就问问药剂师。",
    "bleed": "吃着华法林、阿司匹林这类防血栓的药，别自己加布洛芬这类止疼药，一起吃容易出血。"
             "先问问医生或者药剂师，疼得厉害就去医院看看。",
    "expired": "过期的药别再吃了，留着药盒问问药剂师或者医生，该换就换新的。",
    "share": "药是医生按每个人的病开的，别给别人吃，也别吃别人的。谁不舒服，就让医生看看再开药。",
    "change": "药怎么吃，别自己改：停药、加量、减量、掰开碾碎，都得先问医生。"
              "说明书上写着，药剂师也能告诉您。",
    "run_out": "药吃完了可别自己停，降压、降糖这类药一停，病可能加重。尽快去医院或者社区医院开药，"
               "也可以请家里人帮着去拿。",
    "amount": "该吃多少，我不知道您的处方，不能乱说。按医生开的方子或者说明书上写的吃，拿不准就问问药剂师。",
}
_EN_REPLIES = {
    "run_out": "Please don't just stop when your medicine runs out: stopping pills for blood pressure or "
               "diabetes can make you worse. Get a new prescription from your doctor or clinic soon, or ask "
               "your family to pick it up.",
    "missed": "Never take a double dose to make up for a missed one. What to do depends on the medicine: "
              "check the leaflet, or ask your doctor, pharmacist or family. If unsure, just take the next "
              "dose as usual.",
    "unsure": "If you're not sure, don't take another one, to be safe. Check your pill box or ask your "
              "family.",
    "overdose": "Don't take any more, and keep the box. Call your doctor or pharmacist, or 120 if unsure, "
                "and tell your family. If you feel dizzy, your chest hurts or you can't breathe well, "
                "call 120 now.",
    "mix": "Whether you can drink or eat that with your medicine depends on the medicine: check the leaflet "
           "or ask your pharmacist. Until then, better not.",
    "side_effect": "Feeling unwell after a medicine can be a side effect or a dose that doesn't suit you, so "
                   "don't ignore it. Sit down and get up slowly; if it's a blood pressure pill and you feel "
                   "dizzy, check your blood pressure. Don't stop or cut it on your own: tell your doctor or "
                   "pharmacist soon. If you get a rash, a swollen face, trouble breathing, chest pain or "
                   "faint, call 120.",
    "antibiotic_self": "Antibiotics need a doctor's prescription: taken on your own they may not fit the "
                       "illness, can harm you, and work less well later. Please see a doctor at your clinic "
                       "first, or ask a pharmacist.",
    "antibiotic_drink": "Don't drink alcohol while taking antibiotics such as cephalosporins or "
                        "metronidazole, or for a week after: together they can cause a dangerous reaction, "
                        "with flushing, a racing heart and low blood pressure. Ask your pharmacist if "
                        "unsure; if that happens after a drink, call 120.",
    "together": "Whether medicines can be taken together depends on which ones. Ask your doctor or "
                "pharmacist first; the leaflet says too.",
    "sleep_drink": "Don't take a sleeping pill after drinking: together they slow your breathing and can be "
                   "dangerous. Skip it tonight, and ask your doctor how to take it.",
    "cold_pair": "Don't take two cold or fever medicines together: many hold the same ingredient, such as "
                 "paracetamol, and together it is easy to take too much. Choose one, and ask your "
                 "pharmacist.",
    "bleed": "On a blood thinner such as warfarin or aspirin, don't add a painkiller like ibuprofen on your "
             "own: together they can cause bleeding. Ask your doctor or pharmacist first.",
    "expired": "Better not take expired medicine. Keep the box, and ask your pharmacist or doctor "
               "for a new one.",
    "share": "Medicine is prescribed for one person: don't share it. Whoever feels unwell should see "
             "a doctor.",
    "change": "Please don't change how you take it on your own: stopping, more, less, splitting or crushing "
              "is for your doctor to decide. The leaflet and your pharmacist can tell you.",
    "amount": "I don't know your prescription, so I can't say. Take it as your doctor prescribed or as the "
              "leaflet says, and ask your pharmacist if unsure.",
}
# After "unsure": how not to be unsure next time (a reminder she answers is recorded: care_answer.py).
_NEXT_TIME = {
    ("zh", True): "以后可以让我按时提醒您吃药，您回一声“吃了”，就有记录了。",
    ("zh", False): "以后可以用个分格的药盒，吃没吃一看就知道。",
    ("en", True): " I can remind you at pill time; tell me \"done\" and it's recorded.",
    ("en", False): " A pill box with a slot for each day shows at a glance.",
}

def dose_question(text: str) -> tuple[str, str] | None:
    """``(kind, reply key)`` when ``text`` asks how much to take, or what to do after a dose missed,
    doubled or changed; None otherwise, and for a request a tool answers (a reminder, a sum)."""
    said = text.strip()
    if not said or route(said) is not None:  # a reminder, a sum ("一盒能吃几天"): the tool's
        return None
    if not re.search(r"[\u4e00-\u9fff]", said):
        if _EN_NOT.search(said):
            return None
        return next(((kind, key) for kind, key, pattern in _EN if pattern.search(said)), None)
    if _ZH_NOT.search(said):
        return None
    found = next(((kind, key) for kind, key, pattern in _ZH if pattern.search(said)), None)
    if found is None and _ABOUT_MED.search(said):
        found = next(((kind, key) for kind, key, pattern in _ZH_WITH_MED if pattern.search(said)), None)
    return found


def advice(text: str, language: str, *, reminders: bool = True) -> tuple[str, str] | None:
    """``(kind, reply)`` for a question about a dose, in ``language``; None when ``text`` asks none.
    ``reminders``: the reminder tool is on (``tools.enabled``), so "unsure" may offer it."""
    found = dose_question(text)
    if found is None:
        return None
    kind, key = found
    lang = "en" if language == "en" else "zh"
    said = (_EN_REPLIES if lang == "en" else _ZH_REPLIES)[key]
    return kind, said + _NEXT_TIME[lang, reminders] if key == "unsure" else said
