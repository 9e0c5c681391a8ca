"""The care tail: a health answer always ends by pointing to the family or a doctor.

The system prompt asks the LLM to do this, and the 1.5B model often does not ("降压药忘了吃一次" was
answered with advice and nothing else). An elder may act on a small model's medical advice alone, so
the rule is kept in code: when the question is about the body or a medicine and the answer the user
heard names no doctor, pharmacist, hospital, family or 120, one short sentence is added at its end.

Emergencies never get here: they are answered in code (:mod:`assistant.pipeline.emergency`).
Pure logic.
"""

from __future__ import annotations

import re

# A dose missed or doubled is about a medicine even when its name was misheard ("将鸭鸭妖忘了吃一次").
# A medicine called by its name or its form, without the word 药 ("阿司匹林一次吃几片", "吃头孢能喝酒吗").
_MEDICINE_ZH = re.compile(r"药|剂量|胰岛素|打针|输液|保健品|胶囊|冲剂|口服液|钙片"
                          r"|(?:一次[吃服]?[一二两三几\d半]?|吃[一二两三几\d半]+)[片粒]"
                          r"(?=$|[？?，。！吗呢啊呀好才就合比最])"
                          r"|阿司匹林|布洛芬|对乙酰氨基酚|扑热息痛|头孢|青霉素|阿莫西林"
                          r"|抗生素|消炎片|二甲双胍|格列(?:吡嗪|齐特|美脲|本脲|喹酮)|阿卡波糖|[^\s，。]{1,3}地平"
                          r"|[^\s，。]{1,3}他汀|华法林|氯吡格雷|硝酸甘油|速效救心丸"
                          r"|地西泮|艾司唑仑|佐匹克隆|褪黑素"
                          r"|(忘|漏)(了|记)?吃(?!.{0,2}(饭|早点|早餐|午餐|晚餐|东西|水果))"
                          r"|多吃了一(次|回)|吃(了)?两(次|遍)")
_MEDICINE_EN = re.compile(r"\b(medicines?|medications?|pills?|tablets?|capsules?|drugs?|doses?|dosage|insulin"
                          r"|aspirin|ibuprofen|advil|paracetamol|acetaminophen|tylenol|antibiotics?|penicillin"
                          r"|amoxicillin|metformin|warfarin|statins?|nitroglycerin|melatonin)\b", re.I)
_BODY_ZH = re.compile(
    r"疼|痛|晕|发烧|发热|咳|不舒服|难受|血压|血糖|血脂|心慌|心跳|胸闷|喘|拉肚子|腹泻|便秘|呕吐|恶心|失眠|睡不着|没劲|乏力"
    r"|发麻|麻木|肿|痒|过敏|感冒|流鼻涕|嗓子|抽筋|出血|骨折|扭伤|摔倒|摔了一跤|摔伤|伤口"
    r"|生病|(?<!毛)病了|犯病|心脏病|糖尿病|老毛病")
_BODY_EN = re.compile(
    r"\b(pain|ache|aches|\w+aches?|hurts?|dizzy|fever|cough\w*|sick|unwell|blood pressure|blood sugar|"
    r"nause\w*|vomit\w*|diarrh\w*|can't sleep|insomnia|numb|swollen|itch\w*|allerg\w*|a cold|flu|bleed\w*)\b",
    re.I)
# A medicine is mentioned in passing ("谢谢，我吃过药了") or asked about ("降压药可以停吗？").
_ASKS = re.compile(r"[？?]|吗|呢|怎么|怎样|能不能|能否|可以|可不可以|什么|几|多少|要不要|该不该|行不行"
                   r"|\b(can|could|should|how|what|when|is it|do i|may i)\b", re.I)
# An answer that already sends the user to someone who can help needs no tail.
_REFERRAL_ZH = re.compile(r"医生|大夫|医院|就医|就诊|看病|药师|药剂师|一二零|120|急救|家人|子女|儿女|孩子")
_REFERRAL_EN = re.compile(r"\b(doctor|pharmacist|hospital|clinic|family|120|emergency)\b", re.I)

TAIL_MEDICINE_ZH = "用药的事，最好再问问医生或药师。"
TAIL_BODY_ZH = "要是还不舒服，记得告诉家人，或者去看看医生。"
TAIL_MEDICINE_EN = "For medicines, it's best to check with your doctor or pharmacist."
TAIL_BODY_EN = "If you still feel unwell, tell your family or see a doctor."


def care_tail(question: str, answer: str) -> str:
    """The sentence to add after ``answer`` to ``question`` ("" when none is needed)."""
    if not question.strip() or not answer.strip():
        return ""
    english = not re.search(r"[\u4e00-\u9fff]", question)
    if (_REFERRAL_EN if english else _REFERRAL_ZH).search(answer):
        return ""
    if (_MEDICINE_EN if english else _MEDICINE_ZH).search(question) and _ASKS.search(question):
        return TAIL_MEDICINE_EN if english else TAIL_MEDICINE_ZH
    if (_BODY_EN if english else _BODY_ZH).search(question):
        return TAIL_BODY_EN if english else TAIL_BODY_ZH
    return ""
