"""Answers read off a photo's printed text, for questions whose answer is printed there (no model).

The small local LLM changes numbers when it copies them and fills a gap with a likely dose, date or
amount. So when the question asks for one of those, the answer quotes the OCR lines that hold it,
verbatim, or says plainly that the photo does not show it:

- :func:`unreadable_answer`: a question about the text of a photo where OCR found none (too dark, too
  blurred, too small, or no text at all): say so and ask for a clearer photo;
- :func:`scam_answer`: a bank, carrier or prize message with a link or a lure (frozen account, a prize
  to claim, "verify"): warn that it is likely a scam, then read it;
- :func:`field_answer`: how much to pay, when (a date, a time, an expiry, a queue number): the lines
  that state it;
- :func:`no_dose_answer`: a medicine question about a box whose dosage is not in the photo.

Each takes the OCR lines (reading order) and the question; "en" questions get English answers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_CJK = re.compile(r"[\u4e00-\u9fff]")
MONEY_ASK = re.compile(r"多少钱|交多少|付多少|缴多少|几块|几元|金额|费用|how much|amount", re.IGNORECASE)
WHEN_ASK = re.compile(r"什么时候|啥时候|哪天|哪一天|几号|几点|几月|日期|截止|过期|保质|到期|有效期"
                      r"|\bwhen\b|expir|\bdate\b|what time|best before|use by", re.IGNORECASE)
_MONEY_LINE = re.compile(r"\d+(?:\.\d+)?\s*元|[￥¥$]\s*\d|金额|应缴|应付|欠费", re.IGNORECASE)
_WHEN_LINE = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{4}\s*[年.\-/]\s*\d{1,2}|\d{1,2}\s*[点:：]"
                        r"|睡前|[饭餐][前后中]|早晚|每晚|每早|早上|晚上|上午|下午|中午"
                        r"|第\s*\d+\s*号|\d+\s*号|周[一二三四五六日天]|星期|保质期|有效期|截止|日期|到期|\d+\s*天"
                        r"|\b(?:exp|best before|use by)\b|\d{1,2}/\d{1,2}/\d{2,4}", re.IGNORECASE)
# A message that names a bank, a carrier or an office, and lures: a link, a frozen account, a prize.
_SENDER = re.compile(r"【[^】]{2,12}】|银行|账户|帐户|移动|联通|电信|客服|社保|医保|快递|公安|法院"
                     r"|\bbank\b|account", re.IGNORECASE)
_LURE = re.compile(r"点击|链接|网址|https?://|www\.|[a-z0-9-]+\.(?:cc|top|vip|xyz|com|cn|net|shop|info)\b"
                   r"|冻结|异常|验证|中奖|大奖|领取|兑换|退款|理赔|安全账户|转账|验证码|积分"
                   r"|click|\blink\b|verify|frozen|suspend|prize|winner|claim", re.IGNORECASE)
_WARNS = re.compile(r"反诈|防骗|谨防|警惕|提防|beware|warning", re.IGNORECASE)  # a notice about scams
_EN_DOSE_ASK = re.compile(r"how (?:many|often|much)|times a day|\bdose\b|\btake\b", re.IGNORECASE)
_EN_DOSE_LINE = re.compile(r"\btake\b|\bdaily\b|a day|times|every \d+ hours|\btablets?\b.*\bday\b",
                           re.IGNORECASE)


def language_of(question: str) -> str:
    """"en" for a question with Latin letters and no Chinese, else "zh"."""
    return "en" if re.search(r"[A-Za-z]", question) and not _CJK.search(question) else "zh"


def _quote(lines: Sequence[str], language: str) -> str:
    if language == "en":
        return "It says: " + "; ".join(line.rstrip("，,。. ") for line in lines) + "."
    return "上面写着：" + "，".join(line.rstrip("，,。. ") for line in lines) + "。"


def unreadable_answer(notes: Sequence[str], language: str) -> str:
    """No text found: too dark or blurred (``notes`` say which), or none printed."""
    if language == "en":
        why = " The photo is too dark or blurred." if notes else ""
        return (f"I can't read any text in this photo.{why} Please take it again closer, "
                "in good light, and hold the phone still.")
    if notes:
        return (f"{'，'.join(notes)}，我看不清上面的字。您开亮一点灯，离近一点，拿稳了再拍一张。")
    return "我在照片上没看到字，看不清写的什么。您可以离近一点、光线亮一点，再拍一张。"


def is_scam_message(lines: Sequence[str]) -> bool:
    """A bank, carrier or office message with a link or a lure (frozen account, a prize, verify)."""
    text = " ".join(lines)
    return (_SENDER.search(text) is not None and _LURE.search(text) is not None
            and _WARNS.search(text) is None)


def scam_answer(lines: Sequence[str], language: str) -> str:
    """A likely scam message: the warning first, then what it says."""
    if language == "en":
        return ("Be careful: this looks like a scam message. Don't tap the link, don't reply, and never "
                "send money or a code; call the official number yourself, or ask your family. "
                + _quote(lines, language))
    return ("这很可能是诈骗短信，千万别点里面的链接，别回复，也别转账、别说验证码；"
            "有疑问就自己打官方客服电话问，或者问问家里人。" + _quote(lines, language))


def field_lines(lines: Sequence[str], question: str) -> list[str] | None:
    """The lines that answer a how-much or when question ([] when none does), or None: not such a
    question."""
    wanted = [pattern for ask, pattern in ((MONEY_ASK, _MONEY_LINE), (WHEN_ASK, _WHEN_LINE))
              if ask.search(question)]
    if not wanted:
        return None
    return [line for line in lines if any(pattern.search(line) for pattern in wanted)]


def field_answer(lines: Sequence[str], question: str, notes: Sequence[str], language: str) -> str | None:
    """The printed lines that say how much or when, verbatim; or that the photo does not show it."""
    found = field_lines(lines, question)
    if found is None:
        return None
    if not found:
        if language == "en":
            return "I can't see that written in this photo. Please photograph the side where it is printed."
        return "照片上我没看到写这个的地方。您可以把印着它的那一面拍给我看看。"
    unsure = ""
    if notes:
        unsure = (" Some letters are hard to read, so please check." if language == "en"
                  else "有些字看得不太清，您再核对一下。")
    return _quote(found, language) + unsure


def english_dose_answer(lines: Sequence[str], question: str) -> str | None:
    """An English dosing question about an English label: the directions line, verbatim."""
    if not _EN_DOSE_ASK.search(question):
        return None
    directions = [line for line in lines if _EN_DOSE_LINE.search(line)]
    if not directions:
        return None
    return _quote(directions, "en") + " Please follow the leaflet or your doctor."


def no_dose_answer(name: str, language: str) -> str:
    """A medicine question about a box whose dosage is not in the photo: no guess at a dose."""
    if language == "en":
        head = f"This is {name}. " if name else ""
        return (f"{head}I can't see how to take it in this photo. Please read the leaflet, "
                "or ask your doctor or pharmacist.")
    head = f"这是{name}。" if name else ""
    return f"{head}照片上没看到用法用量，我不能替您猜。请看说明书，或者问医生、药师。"
