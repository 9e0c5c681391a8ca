"""A warning for an elder who tells of a likely fraud: a call or message that wants money, a card
number or a code. Pure logic.

Elders are the first target of telephone fraud, and believe what the assistant says. Asked on the
shipped 1.5B model (2026-12-01), 11 of 12 told frauds got an answer that goes along with it
("你中奖了，但需要先交手续费", "请告诉我你的安全账户信息，我会帮助你转账", "请把手机收到的
验证码告诉他", "您需要支付医保卡欠费"). So the telling of one is answered here, in code: it is
very likely a fraud; pay nothing, give no code, hang up; ask the family, or call 110. One who says
he is kin or an old friend and wants money is first called back on his own number.

A fraud is told by what is asked for and how: a prize or refund that costs a fee first, a card or
account "frozen" or "in arrears", a "safe account", police or a court on the telephone, a code from
a text message, a password or card number asked for by a caller, a link to click for money, a refund
or parcel claim done in an app or a QR code, gift cards as payment, money or an investment asked by
someone met online, an auction or buy-back that costs a fee, interest far above a bank's or paid back
"每个月返", the house signed over for a monthly sum (以房养老) to someone who offers it (asked about on her
own, it is money_safety's), a boss on a new account who wants money passed on, a relative or an old
friend who wants money at once,
a remedy that "cures" an illness for sale at the door or on the phone, a
stranger at the door who says he comes to check the meter or the gas (asked on the shipped 1.5B,
"有陌生人敲门说是查水表的，要不要开门？" got "你是不是来查水表的？", no word of keeping it shut): first
check, keep the door shut; also one who offers a free check, test or part at the door ("上门说免费换燃气
管"). Discovery 11 (2026-12-02) found the 1.5B agreeing to pay for luck ("算命的说我今年有灾，要花钱破一破" →
"花点钱破破，但要小心不要花太多"; "庙里的师父说捐一万块能保佑全家平安" → "捐一万块可以保佑全家平安") and to a
sales talk with free eggs ("当然可以去"): money asked to lift bad luck or buy a blessing ("luck") and
free gifts, check-ups or trips that end in a sale ("gifts") are warned of too.
Questions about fraud in general ("怎么防诈骗", "what is a scam") and plain banking ("银行卡丢了怎么办",
"利息多少") go on to the LLM.
"""

from __future__ import annotations

import re

_CONTACT = r"(?:电话|打来|来电|短信|信息|消息|微信|QQ|视频|网上|上门|有人|那人|对方|自称|说是|陌生人)"
_MONEY = (r"(?:转账|转钱|打钱|汇款|汇钱|交钱|付钱|给钱|手续费|保证金|税费?|押金|激活费|解冻费|保释金"
          r"|先交|先付)")
# one who says he is kin ("微信上有人说是我孙子，让我先给他转5000块钱"), and money sent
_CLAIM = r"(?:说是|自称是?|冒充|假装是?|装成|说他是|说她是|说自己是)"
_SEND = r"(?:转|汇|打|充值?)[^。？！，]{0,8}?(?:钱|块|万|千|百|元)"
_KIN = r"(?:孙子|孙女|外孙女?|儿子|女儿|闺女|侄子|外甥|老同学|老战友|老朋友|老领导|亲戚)"
_FREE_FIX = r"[^。？！]{0,20}免费[^。？！]{0,6}(?:换|检测|检查|检修|维修|安装|测)"
# bad luck to be lifted, or a blessing to be had, and money handed over for it
_FATE = (r"(?:有灾|灾祸|血光|太岁|转运|化解|破灾|消灾|破一破|破解|驱邪|撞邪|辟邪|法事|做法|开光|保佑|保平安"
         r"|功德|风水|法器|符咒|护身符|续命|改命)")
_PAY = (r"(?:(?:花|交|给|捐|出|拿)[^。？！]{0,3}(?:钱|[一二三四五六七八九十两几\d]+(?:块|万|千|百))"
        r"|[一二三四五六七八九十两几\d]+(?:块钱?|万块?|千块?|千[一二三四五六七八九])|香火钱)")
_GIFT = (r"(?:免费|白送|送)[^。？！]{0,6}(?:鸡蛋|米|油|面|礼品|礼物|小礼|旅游|游|体检|量血压|午饭|吃饭"
         r"|(?:检)?查身体|测血[压糖脂]|测骨密度|看病|理疗|按摩)")  # a free check-up that ends in a sale
_SELL = r"(?:卖|推销|买|下单|交钱|掏钱)"

_ZH_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # a prize said many ways ("中了二十万大奖", "抽中了一等奖", "幸运用户", "中了一辆小汽车")
    ("prize", re.compile(rf"(?:中奖|中了奖|领奖|奖品|奖金|退款|退费|补贴|赔偿|回购|拍卖"
                         r"|中了[^。？！，]{0,8}(?:奖|车|手机|电脑|金条)|抽中|幸运(?:用户|观众|客户|儿)|获得了?[^。？！，]{0,8}奖)"
                         rf"[^。？！]{{0,16}}{_MONEY}"
                         rf"|{_MONEY}[^。？！]{{0,10}}(?:领奖|领奖品|领奖金|退款|领补贴)"
                         r"|(?:退款|退费|赔偿|理赔|赔我|赔您)[^。？！]{0,20}(?:下[载个]?[^。？！]{0,2}(?:软件|APP|app)"
                         r"|扫[个一下]*码|备用金|共享屏幕|屏幕共享|填[^。？！]{0,4}(?:银行卡|卡号|信息))"
                         # a code to scan or an app for the money ("快递员说包裹丢了，让我扫码领赔偿")
                         r"|(?:扫[个一下]*码|二维码|下[载个]?[^。？！]{0,2}(?:软件|APP|app)|共享屏幕|加[^。？！]{0,3}(?:微信|QQ|群))"
                         r"[^。？！]{0,8}(?:领|拿|办|退|给)[^。？！]{0,2}(?:赔偿|理赔|赔款|退款|退费|补贴|奖金?|钱)")),
    ("account", re.compile(r"安全[账帐]户?"  # 帐 as Whisper often writes 账
                           r"|(?:银行卡|账户|账号|存折|医保卡|社保卡|信用卡|养老金)[^。？！]{0,6}"
                           r"(?:被)?(?:冻结|欠费|异常|停用|被盗刷|要注销|涉嫌)"
                           r"|(?:电话|短信|打来|来电)[^。？！]{0,12}卡[^。？！]{0,4}(?:被)?(?:冻结|异常|停用|盗刷)")),
    ("police", re.compile(rf"(?:公安|警察|检察院|法院|派出所|警官){_CONTACT}?[^。？！]{{0,14}}"
                          r"(?:洗钱|涉嫌|通缉|逮捕|配合调查|涉案|保密|别告诉)"
                          # contraband in her parcel, or "配合调查" asked on the telephone ("一个陌生电话说我
                          # 快递里有违禁品，要我配合调查" got "建议您配合调查")
                          r"|(?:快递|包裹|邮件|行李)[^。？！]{0,10}(?:违禁品|毒品|护照|涉嫌|洗钱|涉案|黑钱)"
                          rf"|{_CONTACT}[^。？！]{{0,24}}配合(?:调查|办案|警方|公安|检查)")),
    ("code", re.compile(r"验证码[^。？！]{0,10}(?:告诉|给|说|发|报)"
                        r"|(?:告诉|给|说|发|报)[^。？！]{0,6}验证码")),
    # a password, a card or ID number asked for by a caller ("银行打电话让我报一下密码"); heard of only
    ("secret", re.compile(r"(?:跟我要|向我要|问我要|要我|让我|叫我|核对|确认|提供)[^。？！]{0,6}"
                          r"(?:密码|银行卡号|信用卡号|CVV|安全码)")),  # (not an ID number: hospitals ask it)
    ("link", re.compile(r"(?:点|打开|点开)[^。？！]{0,4}链接|链接[^。？！]{0,8}(?:领|退|补贴|中奖)")),
    ("press", re.compile(r"(?:电话|语音)[^。？！]{0,16}按(?:[一二三四五六七八九零1-9]|键)")),
    ("interest", re.compile(r"高息|高回报|稳赚|保本保息"
                            r"|(?:利息|回报|收益)[^。？！]{0,6}百分之(?:[五六七八九十]|[一二三四]十)"
                            r"|(?:一|每)个月[^。？！]{0,4}(?:利息|回报|收益)[^。？！]{0,4}百分之"
                            r"|返利|(?:每个月|每月|每年)[^。？！]{0,2}返")),
    # a sweetheart or friend met online who wants money ("网上认识了一个男朋友，他说要投资让我打钱")
    ("online", re.compile(r"(?:网上|微信上?|QQ上?|抖音上?|网恋)[^。？！]{0,12}"
                          r"(?:男朋友|女朋友|对象|老伴|网友|朋友|大哥|大姐)"
                          rf"[^。？！]{{0,24}}(?:投资|理财|{_MONEY}|{_SEND}|借钱|借点钱|借给?[他她])")),
    # the house signed over for a monthly sum ("以房养老")
    ("house", re.compile(r"以房养老|房(?:子|产|产证)[^。？！]{0,6}(?:抵押|过户)"
                         r"[^。？！]{0,12}(?:每个月|每月|利息|回报)")),
    ("kin_money", re.compile(rf"{_KIN}[^。？！]{{0,16}}"
                             r"(?:出事|出了事|车祸|被抓|被扣|扣了|被拘|关起来|撞了人|住院|急用|借钱|借点钱|要钱)"
                             rf"[^。？！]{{0,14}}(?:{_MONEY}|借|块钱|万)|(?:{_CONTACT})[^。？！]{{0,12}}{_KIN}"
                             r"[^。？！]{0,8}借钱"
                             rf"|{_KIN}[^。？！]{{0,10}}{_CONTACT}[^。？！]{{0,10}}借[^。？！]{{0,6}}钱"
                             # one who says he is kin, or kin on a message, wants money sent
                             # ("微信上有人说是我孙子，让我先给他转五千块钱": the 1.5B said 请先给他转)
                             rf"|{_CLAIM}[^。？！]{{0,4}}{_KIN}[^。？！]{{0,30}}(?:{_MONEY}|{_SEND})"
                             # "电话里说是我的老同学，想借两万块钱" (the 1.5B asked for her name and contacts)
                             rf"|(?:{_CONTACT}|{_CLAIM})[^。？！]{{0,6}}{_KIN}[^。？！]{{0,12}}借[^。？！]{{0,6}}"
                             r"(?:钱|万|千|块|元)"
                             rf"|(?:微信|短信|电话|QQ|视频|网上)[^。？！]{{0,8}}{_KIN}[^。？！]{{0,10}}(?:让|叫|要|催)我"
                             rf"[^。？！]{{0,8}}{_SEND}"
                             # kin online who wants money sent or topped up ("孙子在网上…让我给他充值五百块")
                             rf"|{_KIN}[^。？！]{{0,6}}(?:在)?(?:网上|微信上|QQ上|游戏里)[^。？！]{{0,12}}(?:让|叫|要|催)我"
                             rf"[^。？！]{{0,8}}{_SEND}"
                             # a boss on a new account who wants money passed on for him
                             r"|(?:领导|老板|局长|处长|主任)[^。？！]{0,12}(?:加我|加了我|新号|换号)[^。？！]{0,20}"
                             r"(?:转|汇|打)[^。？！]{0,4}钱")),
    ("remedy", re.compile(r"(?:保健品|偏方|神药|理疗仪|磁疗)[^。？！]{0,12}(?:治好|根治|包治|治愈|能治)|包治"
                          r"|(?:专家|讲座|推销)[^。？！]{0,16}(?:根治|治愈|不用吃[^。？！]{0,3}药)")),
    # a stranger at the door who says he comes to check or fix something ("说是查水表的，要不要开门")
    ("door", re.compile(r"(?:陌生人|不认识的人?|有人|自称|说是|冒充)[^。？！]{0,12}"
                        r"(?:敲门|上门|来家|按门铃|叫门)"
                        r"[^。？！]{0,12}(?:查水表|查燃气|查煤气|查电表|抄表|检查|维修|修理|推销|送礼|发礼品"
                        r"|社区的|物业的|街道的|燃气公司|自来水公司|电力公司)"
                        r"|(?:查水表|查燃气|查煤气|查电表|抄表)的?[^。？！]{0,8}(?:开门|敲门|进门|进屋)"
                        r"|(?:门口|门外)[^。？！]{0,6}(?:来了|站着)[^。？！]{0,6}(?:说是|自称)[^。？！]{0,12}"
                        r"(?:公司|物业|社区|街道)[^。？！]{0,12}(?:进来|检查|维修|收费|检测费)"
                        # a free check, test or part offered at the door ("上门说免费换燃气管")
                        rf"|(?:敲门|上门|来家|进屋|来了个){_FREE_FIX}|{_FREE_FIX}[^。？！]{{0,20}}"
                        r"(?:开门|进屋|进来|进门|上门)")),
    # money asked to lift bad luck or to buy a blessing ("算命的说我今年有灾，要花钱破一破")
    ("luck", re.compile(rf"(?:说|让|叫|劝|要)[^。？！]{{0,16}}(?:{_FATE}[^。？！]{{0,20}}{_PAY}"
                        rf"|{_PAY}[^。？！]{{0,20}}{_FATE})")),
    # free gifts, check-ups or a trip that end in a sale ("听课送鸡蛋，还卖净水器")
    ("gifts", re.compile(rf"{_GIFT}[^。？！]{{0,30}}{_SELL}|{_SELL}[^。？！]{{0,30}}{_GIFT}"
                         # a free gift for a scan, a group or her details ("免费送鸡蛋，只要扫码加个群")
                         rf"|{_GIFT}[^。？！]{{0,16}}(?:扫[个一下]*码|加[^。？！]{{0,3}}(?:群|微信)|留[^。？！]{{0,3}}"
                         r"(?:电话|手机号|身份证)|登记身份证|拍[^。？！]{0,2}身份证)")),
)
# A question about fraud in general, or about her own bank business, is not a report of one.
_ZH_NOT = re.compile(r"怎么(?:防|识别|辨别|预防)|什么是|(?:卡|存折|证|手机|钱包)丢了|挂失|忘了密码")

_EN_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("prize", re.compile(r"\b(?:won|win|prize|lottery|refund)\b.{0,40}"
                         r"\b(?:fee|pay|tax|transfer|send money)\b"
                         r"|\b(?:scan|qr code|download|app|share (?:my |the )?screen)\b.{0,40}"
                         r"\b(?:compensation|refund|prize)\b"
                         r"|\b(?:compensation|refund|prize)\b.{0,40}\b(?:scan|qr code|download|app"
                         r"|share (?:my |the )?screen)\b", re.I)),
    ("account", re.compile(r"\bsafe account\b|\b(?:card|account)\b.{0,20}\b(?:frozen|blocked|suspended)\b",
                           re.I)),
    ("police", re.compile(r"\bpolice\b.{0,30}\b(?:money laundering|arrest|warrant|secret)\b"
                          r"|\b(?:parcel|package)\b.{0,30}\b(?:drugs|contraband|illegal|fake passports?)\b"
                          r"|\b(?:call\w*|phon\w*|someone|a man|a woman)\b.{0,40}"
                          r"\bcooperate with (?:an|the|their) investigation\b", re.I)),
    ("code", re.compile(r"\b(?:code|password|pin)\b.{0,20}\b(?:tell|give|send|read)\b"
                        r"|\b(?:tell|give|send|read)\b.{0,20}\b(?:verification code|the code|my pin)\b"
                        # a caller who needs or asks for a secret ("they're from my bank and need my PIN")
                        r"|^(?!.*\bwi-?fi\b)(?=.*\b(?:call\w*|phon\w*|text\w*|messag\w*|e-?mail\w*|someone|somebody|they|caller"
                        r"|a man|a woman|stranger|website|link)\b).*\b(?:need|want|ask|request|confirm|verify"
                        r"|provide)\w*\b.{0,25}\b(?:pin|password|passcode|verification code|security code"
                        r"|one-time code|otp|card number|cvv|bank details|account number)\b",
                        re.I)),
    ("door", re.compile(r"\b(?:stranger|someone|a man|a woman|(?:two|some|three) (?:men|women|people))\b"
                        r".{0,30}\b(?:door|knock\w*)\b.{0,40}"
                        r"\b(?:check|inspect|meter|repair|fix|gas company|water company)\w*", re.I)),
    # gift cards asked for as payment, by anyone ("My grandson says he needs gift cards for an emergency")
    ("gift_card", re.compile(r"\bgift ?cards?\b.{0,40}"
                             r"\b(?:need|needs|want|wants|ask\w*|pay|buy|send|read|emergency)\b"
                             r"|\b(?:need|needs|want|wants|ask\w*|pay|buy|send)\b.{0,40}\bgift ?cards?\b",
                             re.I)),
    ("online", re.compile(r"\b(?:met|meet|know)\b.{0,20}\bonline\b.{0,60}"
                          r"\b(?:money|invest\w*|send|wire|transfer)\b", re.I)),
    ("kin_money", re.compile(r"\b(?:grandson|granddaughter|son|daughter|nephew)\b.{0,30}"
                             r"\b(?:trouble|arrested|accident|bail|jail|hospital)\b.{0,40}\b(?:money|send|wire|transfer)\b"
                             r"|\b(?:says?|said|saying|claim\w*|pretend\w*)\b.{0,12}"
                             r"\b(?:he|she)(?:'s| is| was)\b.{0,6}"
                             r"\bmy (?:grandson|granddaughter|son|daughter|nephew|niece)\b.{0,60}"
                             r"\b(?:money|send|wire|transfer|yuan|pay)\b"
                             r"|\b(?:friend|classmate|colleague|boss)\b.{0,30}"
                             r"\b(?:call|phon|messag|text|wechat|email)\w*.{0,30}\b(?:borrow|lend)\w*",
                             re.I)),
    ("remedy", re.compile(r"\b(?:pills?|supplements?|remedy|tea|device)\b.{0,20}\bcures?\b", re.I)),
    # a fortune teller, a temple or a master, bad luck or a blessing, and a sum of money, in any order
    ("luck", re.compile(r"^(?=.*\b(?:fortune[- ]?tellers?|psychic|medium|monk|temple|priest|shaman|feng shui"
                        r"|master)\b)"
                        r"(?=.*\b(?:curse\w*|bad luck|evil|bless\w*|luck|protect\w*|lift|pass \w+ exams?)\b)"
                        r"(?=.*\b(?:\d[\d,]*|hundred|thousand|dollars|yuan|donat\w*"
                        r"|pay (?:them|her|him|for))\b)",
                        re.I)),
    ("gifts", re.compile(r"\bfree\b.{0,40}\b(?:eggs|gifts?|trips?|tours?|rice|oil|check-?ups?|lunch|meals?)\b"
                         r".{0,60}\b(?:sell|buy|order|purchas)\w*", re.I)),
    ("interest", re.compile(r"\b(?:[1-9]\d|\d{3}) ?(?:percent|%).{0,30}\bguarantee"
                            r"|\bguarantee\w*.{0,30}\b(?:[1-9]\d|\d{3}) ?(?:percent|%)", re.I)),
)
_EN_NOT = re.compile(r"\bhow (?:do|can) I (?:spot|avoid|recogni[sz]e)\b|\bwhat is a scam\b", re.I)

_ZH_REPLIES = {
    "kin_money": "先别转钱，这很可能是骗子冒充的。您挂了电话，直接打他原来的号码问一问，或者问问家里人。"
                 "拿不准就打幺幺零报警。",
    "online": "网上认识、没见过面的人，要您投资、打钱、借钱，几乎都是骗子，一分钱也别给。"
              "先跟家里人说说，拿不准就打幺幺零报警。",
    "remedy": "说能治好病的保健品，多半是骗人的，先别买、别交钱。吃什么要听医生的，也跟家里人商量商量。"
              "要是被缠住了，就打幺幺零。",
    "door": "先别开门。隔着门问清楚是哪个单位的，再打物业或者居委会的电话核实一下。"
            "拿不准就别开，告诉家里人，情况不对就打幺幺零。",
    "luck": "花钱消灾、捐钱保平安，多半是骗钱的，先别给钱。家里平安靠的是照顾好身体，不靠交钱。"
            "跟家里人商量商量，被缠住了就打幺幺零。",
    "gifts": "送鸡蛋、送礼品、免费旅游，多半是为了让您买贵东西，别去，更别掏钱买。"
             "真要买什么，跟家里人商量着去正规商店。被缠住了就打幺幺零。",
    "other": "这很可能是骗子。千万别转账、别交钱，也别把验证码、密码和卡号告诉别人，电话直接挂掉。"
             "先跟家里人说一声，拿不准就打幺幺零报警。",
}
_EN_REPLIES = {
    "kin_money": "Don't send any money yet, this is very likely a scam. Hang up and call your family member "
                 "on the number you already have. If in doubt, call the police.",
    "online": "Someone you met online who asks for money or an investment is almost always a scam: don't "
              "send anything. Talk it over with your family first, and call the police if in doubt.",
    "gift_card": "No real relative, bank or office asks to be paid in gift cards: this is a scam. Don't buy "
                 "them or read out the numbers. Call your grandson or family on the number you know.",
    "remedy": "A product that claims to cure an illness is very likely a scam: don't buy it or pay anything. "
              "Ask your doctor, talk it over with your family, and call the police if they won't leave.",
    "door": "Don't open the door yet. Ask through the door who sent them, and check with the building "
            "office. If in doubt, keep it shut, tell your family, and call the police if it feels wrong.",
    "luck": "Paying to lift bad luck or to buy a blessing is very likely a scam: don't pay anything. "
            "Talk it over with your family first, and call the police if they won't leave you alone.",
    "gifts": "Free gifts or trips that end in a sales pitch are a common scam aimed at older people: don't "
             "go, and don't buy anything there. Talk it over with your family; call the police if pressed.",
    "other": "This is very likely a scam. Don't transfer or pay anything, and never give anyone a code, "
             "your PIN or your card number. Hang up, tell your family, and if in doubt call the police.",
}


def fraud(text: str) -> str | None:
    """The kind of likely fraud the speaker tells of ("prize", "account", "kin_money", …), or None."""
    said = text.strip()
    if not said:
        return None
    if re.search(r"[\u4e00-\u9fff]", said):
        if _ZH_NOT.search(said) and not re.search(rf"{_CLAIM}[^。？！]{{0,4}}{_KIN}", said):
            return None  # (his "lost phone" is the impostor's story, not her own loss)
        # told by phone, message or a stranger, or money to be sent far off
        heard_of = re.search(rf"{_CONTACT}|{_CLAIM}|汇|转过去|打过去|卡号|账号|支付宝", said) is not None
        # 以房养老 offered by someone, not asked about on her own (money_safety's "听说以房养老好，要不要办")
        offered = heard_of or re.search(r"公司|机构|讲座|推销|他们", said) is not None
        return next((kind for kind, pattern in _ZH_KINDS if pattern.search(said)
                     and (kind not in ("kin_money", "secret") or heard_of)  # not her son in person
                     and (kind != "house" or offered)), None)
    if _EN_NOT.search(said):
        return None
    return next((kind for kind, pattern in _EN_KINDS if pattern.search(said)), None)


def warning(text: str, language: str) -> tuple[str, str] | None:
    """``(kind, reply)`` for a likely fraud told of, in ``language``; None when the words tell of none."""
    kind = fraud(text)
    if kind is None:
        return None
    replies = _EN_REPLIES if language == "en" else _ZH_REPLIES
    return kind, replies[kind if kind in replies else "other"]
