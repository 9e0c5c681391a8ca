"""The spoken answers of :mod:`.money_safety`, by topic (each topic belongs to one kind: what the
turn's metrics and the probe name). Short, in the words an elder hears; a telephone number spelled as it
is read (幺二三四八).

Every fact said here holds in mainland China, and nothing more is said than is sure: a handwritten
will is valid written out, signed and dated in her own hand (Civil Code art. 1134); one typed or
written by another needs two witnesses who are neither heirs nor close to them (arts. 1135, 1136,
1140); a notary (公证处) can make one; a guarantor can be made to pay a debt he vouched for; the deposits
of someone who died are paid out at the bank's counter against the death certificate and proof of
kinship, with a shorter way for small sums (the 2021 notice of the banking regulator and the PBOC),
larger ones through a notary's certificate of inheritance; 12348 is the national legal-service hotline
(中国法律服务热线). No sum, tax or fee is named: they differ by city and year.
"""

from __future__ import annotations

# topic → kind
KIND_OF = {"product": "product", "choice": "product", "lend": "lend", "guarantee": "lend",
           "mortgage": "house", "transfer": "house", "will": "will", "deposit": "estate", "inherit": "estate"}

REPLY_ZH = {
    "choice": "哪个更赚钱，我可不能替您拿主意。黄金、基金、股票都会涨会跌，存定期稳当、不赔本。养老的钱别"
              "为了多赚一点去冒险；真想买，也只拿万一亏了也不影响过日子的一小部分，到正规银行柜台问清楚，再跟家里人商量。",
    "product": "这种事别当场决定，谁催着买都先放一放。说保本、保证高收益的，恰恰要当心；"
               "要买就去正规银行柜台问清楚是不是银行自己的产品、钱能不能随时取，合同看明白，再跟家里人商量。",
    "lend": "借钱先别当场答应，跟家里人商量了再说。借出去的数，最好是万一要不回来也不影响您过日子的，"
            "还要让他写好借条。",
    "guarantee": "担保的字先别签。担保了，他还不上钱，这笔债就可能要您来还；"
                 "先跟家里人商量，拿不准可以打中国法律服务热线幺二三四八问问。",
    "mortgage": "房子是您养老的底，抵押、以房养老这种事千万别急着签字。抵押了还不上钱，房子可能被收走，"
                "打着以房养老旗号骗房子的也不少；合同拿回家跟家里人一起看，去正规银行柜台问清楚再说。",
    "transfer": "房子过户别急着办，过户以后房子就不归您了，住在哪儿、以后怎么办都要先说定。"
                "跟家里人坐下来商量好，去公证处或者当地不动产登记中心问清楚手续和税费，"
                "拿不准就打中国法律服务热线幺二三四八问问。",
    "will": "自己亲笔写的遗嘱，全文自己写、签上名、写明年月日就算数；打印的或者别人代写的，"
            "要有两个跟遗产没有利害关系的人在场作见证、一起签名。"
            "最稳妥是去公证处办，拿不准就打法律服务热线幺二三四八问问。",
    "deposit": "带上他的死亡证明、您的身份证、户口本或结婚证这些能证明亲属关系的材料，"
               "到他开户的银行柜台去问。钱不多的，银行有简化的办法；钱多的，一般要先去公证处办继承公证，家里的继承人商量好一起去。",
    "inherit": "先开好死亡证明，带上户口本、结婚证这些能证明亲属关系的材料，家里的继承人商量好，"
               "一起去公证处或者当地不动产登记中心问清楚怎么办。拿不准就打中国法律服务热线幺二三四八问问。",
}
REPLY_EN = {
    "choice": "I can't choose for you which earns more. Gold, funds and shares go up and down; a fixed "
              "deposit is steady and doesn't lose. Don't risk the money you live on: only put in a small "
              "part you could do without, ask at the bank's own counter, and talk it over with your family.",
    "product": "Please don't decide on the spot, however hard they push. A promise of guaranteed or high "
               "returns is a warning sign. Ask at the bank's own counter, read the contract, and talk it "
               "over with your family first.",
    "lend": "Don't agree on the spot; talk it over with your family first. Only lend what you could live "
            "without if it never came back, and ask for a signed IOU.",
    "guarantee": "Please don't sign yet. As a guarantor you may have to pay the debt if he can't. Talk it "
                 "over with your family, and if unsure call the 12348 legal-service hotline.",
    "mortgage": "Your home is what keeps you safe in old age, so please don't sign anything in a hurry. If "
                "the loan can't be paid you could lose the house, and some reverse-mortgage offers are "
                "scams. Read the contract with your family and ask at a proper bank counter.",
    "transfer": "Please don't rush. Once the house is transferred it is no longer yours, so first agree "
                "with your family where you will live. Ask a notary office or the local property "
                "registration centre about the steps and the taxes, or call the 12348 legal-service hotline.",
    "will": "A will you write entirely in your own hand, sign and date counts. A typed one, or one "
            "written for you, needs two witnesses who gain nothing from it. Safest is a notary office; if "
            "unsure, call the 12348 legal-service hotline.",
    "deposit": "Take the death certificate, your ID and proof of your relationship, such as the household "
               "register or marriage certificate, to a counter of his bank. Small sums have a simpler way; "
               "larger ones usually need a notarised certificate of inheritance first.",
    "inherit": "Get the death certificate and proof of your relationship, agree among the heirs, and ask "
               "together at a notary office or the local property registration centre. If unsure, call "
               "the 12348 legal-service hotline.",
}
