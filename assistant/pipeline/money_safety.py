"""A consequential money or legal decision an elder asks about, or a procedure after a death: the safe
answer is written here (:mod:`.money_safety_answers`), never the LLM's. Pure logic.

Asked "把房子抵押了去养老划算吗？" the shipped 1.5B model said "确实是一个不错的选择"; asked "老伴走了，
他的存款我怎么取出来？" it said "先存入自己的账户中"; a product the bank's man recommends got nothing of use
(discovery 9, 2026-12-01). An elder acts on such an answer with her savings or her home. So these are
answered in code, by kind:

* ``product``: buying a financial, insurance or investment product, stocks or collectibles someone
  recommends: not on the spot; guaranteed or high returns are a warning sign; the bank's own counter,
  the contract, the family. Never "可以买". Which is better for her savings (gold, a fund, shares or a
  deposit: "买黄金好还是存定期好" got "买黄金好。" in discovery 12) names none: prices go up and down, a
  deposit is steady, only money she can spare, the bank's counter and the family.
* ``lend``: lending money, or standing guarantor (a guarantor may have to pay).
* ``house``: the house mortgaged, 以房养老, signed over or transferred to a child.
* ``will``: how a will is made to count (in her own hand, signed and dated; witnesses; a notary).
* ``estate``: after a death, the deceased's deposits or house, or an inheritance: the bank's counter or
  a notary, with the death certificate and proof of kinship; the 12348 legal-service hotline.

A question is one of these when it names the thing *and* asks or is pressed to decide ("要不要买",
"该不该借", "让我签", "怎么取"). Fraud told of (a stranger's call, a fee first, "每个月返") is answered
before this by :mod:`.scam`; plain banking ("利息多少", "银行卡丢了怎么办"), her own bank errands and talk
about money ("钱真不经花") go on as before.
"""

from __future__ import annotations

import re

from assistant.pipeline.money_safety_answers import KIND_OF, REPLY_EN, REPLY_ZH

_S = r"[^。？！?]"  # within one sentence
_MONEY = r"(?:钱|块|万|千|百|存款|积蓄)"  # a sum of money named
_HOME = r"\b(?:house|flat|home|apartment|property)\b"
_CASH = r"\b(?:money|cash|yuan|dollars|pounds|thousand|hundred|savings|\d+)\b"
# what is bought or put in: a financial, insurance or investment product, shares, collectibles
_PRODUCT = (r"(?:理财|基金(?!会)|股票|期货|信托|债券|分红险|寿险|重疾险|年金险|万能险|保险"
            r"|养老项目|投资项目|项目|纪念币|金币|金条|黄金(?!周|时间|期|档|比例|搭档)|邮票|字画|收藏品|藏品|古董"
            r"|投资|高收益|保本|年化|国债"
            r"|\b(?:wealth management|fund|insurance|polic(?:y|ies)|investment|stocks?|shares|gold|annuity"
            r"|financial product|collectibles?|gold coins?|commemorative coins?|high returns?)\b)")
_DEATH = re.compile(r"去世|过世|逝世|离世|病故|故去|身故|已故|生前"
                    r"|(?:老伴|老头子?|老婆子?|爱人|丈夫|妻子|爸|妈|父亲|母亲|公公|婆婆|爷爷|奶奶|儿子|女儿)"
                    r"儿?(?:已经|刚|前些天)?(?:走了|没了|不在了|死了)|(?:他|她)(?:已经)?(?:不在了|死了)"
                    r"|\b(?:passed away|passed on|died|dead|death)\b|\blate (?:husband|wife|father|mother)\b"
                    r"|\blost my (?:husband|wife)\b", re.I)
_AFTER_DEATH = ("deposit", "inherit")  # topics asked only once a death is told

# topic → its words, Chinese and English; tried in this order, the first that matches wins.
_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # after a death: the deceased's deposits ("他的存款怎么取"), the house or an inheritance
    ("deposit", re.compile(rf"(?:存款|存折|银行卡|卡里|卡上|账户|定期|的钱){_S}{{0,12}}(?:取|提|转|领|拿)"
                           r"|\b(?:bank account|bank card|savings|deposits?"
                           r"|(?:his|her|their) (?:money|account))\b", re.I)),
    ("inherit", re.compile(rf"遗产|继承|房{_S}{{0,12}}(?:过户|名下|归谁|怎么分|分给)|过户"
                           rf"|\binherit\w*|\bestate\b|{_HOME}.{{0,40}}\b(?:name|transfer\w*|deed|title"
                           r"|ownership|belongs?|split|divide\w*)\b|\b(?:transfer\w*|deed|title)\b.{0,30}"
                           rf"{_HOME}", re.I)),
    ("will", re.compile(r"遗嘱|立嘱"
                        r"|\b(?:write|make|draw up|do|set up|leave|need)\b.{0,12}\b(?:a|my|his|her) will\b"
                        r"|\b(?:a|my|the|his|her) (?:(?:handwritten|typed|printed|written|own|last) )?will\b"
                        r".{0,30}\b(?:valid|legal|count|hold up|witness\w*|notar\w*)", re.I)),
    ("mortgage", re.compile(rf"以房养老|(?:房|房产证|房本){_S}{{0,10}}抵押|抵押{_S}{{0,4}}房"
                            rf"|\breverse mortgage\b|\bmortgage\b.{{0,20}}{_HOME}"
                            rf"|{_HOME}.{{0,20}}\bmortgage\b", re.I)),
    ("transfer", re.compile(rf"房{_S}{{0,10}}(?:过户|赠与|赠送|送给|转给|转到|写[^。？！?，,]{{0,6}}名字)"
                            rf"|(?:房本|房产证){_S}{{0,8}}(?:写|改|换|过户)|过户{_S}{{0,6}}房"
                            rf"|把{_S}{{0,4}}房{_S}{{0,3}}卖|\bsign\w*\b.{{0,20}}{_HOME}.{{0,10}}\bover\b"
                            rf"|{_HOME}.{{0,30}}\b(?:signed over|transfer\w*"
                            r"|in (?:his|her|their|my \w+'s) name)"
                            rf"|\b(?:transfer|give|hand)\w*\b.{{0,20}}{_HOME}.{{0,20}}\bto\b", re.I)),
    ("guarantee", re.compile(r"担保|作保|做保|保人"
                             r"|\bco-?sign\w*|\bguarantor\b|\bstand surety\b", re.I)),
    # someone wants her money ("找我借", "借给他", "借我五千"), not her own borrowing ("我想借点钱")
    ("lend", re.compile(rf"^(?=.*{_MONEY})(?=.*(?:借给|借不借|借还是不借|该不该借|要不要借|能不能借|借我"
                        rf"|(?:找|向|跟|问)我{_S}{{0,3}}借|(?<![我也])(?:要|想)借))"
                        rf"|帮{_S}{{0,3}}还{_S}{{0,4}}(?:信用卡|贷款|债|网贷)"
                        rf"|\blend\w*\b.{{0,40}}{_CASH}|{_CASH}.{{0,40}}\blend\b"
                        rf"|(?<!\bI )\bborrow\w*\b.{{0,40}}{_CASH}", re.I | re.S)),
    # which is better for her savings ("买黄金好还是存定期好", "买金条能保值吗"): none is named the better
    ("choice", re.compile(rf"{_PRODUCT}{_S}{{0,12}}还是|还是{_S}{{0,8}}{_PRODUCT}|{_PRODUCT}{_S}{{0,6}}保值"
                          rf"|{_PRODUCT}.{{0,30}}\bor\b|\bor\b.{{0,30}}{_PRODUCT}", re.I)),
    ("product", re.compile(rf"(?:买(?![的了过])|投|入|转成|转到|换成|存进|办|炒|跟着|参加|认购|拿去|放进)"
                           rf"{_S}{{0,8}}{_PRODUCT}|{_PRODUCT}{_S}{{0,14}}(?:买|投|入场)"
                           r"|(?:我(?:也)?(?:想|要|打算)|拿去|拿钱|要不要|该不该|能不能)[^。？！?]{0,4}炒股"
                           rf"|\b(?:buy|put|invest|sign up|take out)\b.{{0,40}}{_PRODUCT}"
                           rf"|{_PRODUCT}.{{0,40}}\b(?:buy|invest|put|sign up)\b", re.I)),
)
# She asks, or is pressed, to decide; or asks how it is done.
_ASKS = re.compile(r"吗|？|\?|要不要|该不该|能不能|可不可以|可以|行不行|行吗|靠谱|划算|值不值|值得|好不好"
                   r"|([买投借签办卖给])(?:还是)?不\1|怎么|如何|咋|同意|合适"
                   r"|我想|打算|准备|让我|叫我|拉我|劝我|推荐|推销"
                   r"|\b(?:should|how|can|could|is it|worth|good idea|wants? me)\b", re.I)
# Social insurance, a card lost, the interest on her own account: plain business, no decision.
_NOT_HERE = re.compile(r"社保|医保|新农合|丢了|挂失|密码忘|忘了密码|保险丝|保险箱|保险柜"
                       r"|怎么查|查一下|查查|利息多少|多少利息|利率多少"
                       r"|\binterest rate\b|\blost my (?:bank )?card\b", re.I)
# how the market went ("股票今天涨了还是跌了？"): a fact of the day (the guard's), not her choice
_MARKET = re.compile(r"涨了?还是跌|跌了?还是涨|涨没涨|跌没跌|\b(?:go|went|goes) up or down\b", re.I)


def topic(text: str) -> str | None:
    """The topic of the decision or procedure asked about ("product", "guarantee", "transfer", "deposit",
    …; see :data:`money_safety_answers.KIND_OF`), or None."""
    said = text.strip()
    if not said or len(said) > 160 or not _ASKS.search(said):
        return None
    after_death = _DEATH.search(said) is not None
    for name, pattern in _TOPICS:
        if name in _AFTER_DEATH and not after_death:
            continue
        if name not in _AFTER_DEATH and _NOT_HERE.search(said):
            return None
        if pattern.search(said) and not (name == "choice" and _MARKET.search(said)):
            return name
    return None


def advice(text: str, language: str) -> tuple[str, str] | None:
    """``(kind, reply)`` when ``text`` asks about a consequential money or legal decision or procedure
    ("product", "lend", "house", "will", "estate"), else None."""
    found = topic(text)
    if found is None:
        return None
    return KIND_OF[found], (REPLY_EN if language == "en" else REPLY_ZH)[found]
