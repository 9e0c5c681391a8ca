"""A PhotoDescription plus the user's question -> the small local LLM's prompt (Chinese).

The local model is a 0.5B/1.5B Qwen: it copies badly and invents freely. So
- the prompt states what was recognised *and how sure*: below ``UNSURE_BELOW`` the label is
  given as uncertain candidates, never as a fact;
- :func:`direct_answer` bypasses the LLM for requests that have an exact answer: "read it to me"
  with short text, "how do I take this medicine" when the dosage line (用法用量) is on the box
  (read verbatim, never paraphrased by the model), and "what is this?" about a photo without
  text, which is answered from the labels alone with their certainty (the 0.5B model would
  otherwise rename or embellish the object).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum

from assistant.llm.base import ChatMessage, ChatRequest
from assistant.vision.base import PhotoDescription
from assistant.vision.reading import (
    english_dose_answer,
    field_answer,
    field_lines,
    is_scam_message,
    language_of,
    no_dose_answer,
    scam_answer,
    unreadable_answer,
)

NOTHING_BELOW = 0.12  # top label probability under which the labels are noise: not mentioned
UNSURE_BELOW = 0.35  # top label probability under which we only offer candidates
SURE_FROM = 0.6
MAX_PROMPT_TEXT = 400  # OCR characters put into the prompt (prompt processing is ~60 tok/s)
MAX_DIRECT_TEXT = 120  # longer text is summarised by the LLM instead of read out whole


class Intent(StrEnum):
    READ = "read"  # 念一下 / 上面写的什么
    MEDICINE = "medicine"  # a medicine box, or a question about taking medicine
    IDENTIFY = "identify"  # 这是什么
    GENERAL = "general"


_READ_WORDS = ("念", "读", "写的", "写着", "写了", "上面写", "什么字", "哪些字", "内容", "说的什么",
               "说了什么",
               "read", "say")
_SAYS_WHAT = re.compile(r"说(?:的|了)?(?:什么|啥)(?!时候|时间)")  # 短信说什么: read it (not 说什么时候)
_MEDICINE_ASK = ("药", "怎么吃", "怎么用", "吃几", "用量", "几次", "几粒", "几片", "饭前", "饭后", "dose",
                 "pill")
_IDENTIFY_WORDS = ("是什么", "什么东西", "啥", "叫什么", "认识", "这是", "看看", "what is")
_MEDICINE_STRONG = ("用法用量", "用法与用量", "胶囊", "口服", "国药准字", "说明书", "不良反应", "禁忌",
                    "适应症",
                    "功能主治", "颗粒", "处方药", "非处方", "OTC")
_MEDICINE_WEAK = ("片", "每日", "一日", "每次", "一次", "次", "丸", "粒", "规格")
_DOSE_UNIT_RE = re.compile(r"\d\s*(mg|ml|g|毫克|克|毫升)\b", re.IGNORECASE)


def is_medicine_text(lines: Sequence[str]) -> bool:
    """Looks like a medicine box: one strong keyword (用法用量, 胶囊, 口服, …) plus any other keyword
    or a dose unit ("0.3g", "200mg"). Common words alone ("一次", "图片") are not enough."""
    text = "".join(lines)
    strong = sum(1 for k in _MEDICINE_STRONG if k in text)
    weak = sum(1 for k in _MEDICINE_WEAK if k in text) + (1 if _DOSE_UNIT_RE.search(text) else 0)
    return strong >= 2 or (strong == 1 and weak >= 1)


def detect_intent(question: str, description: PhotoDescription) -> Intent:
    """READ beats MEDICINE beats IDENTIFY; a medicine box makes any non-read question MEDICINE."""
    q = question.strip().lower()
    if any(w in q for w in _READ_WORDS) or _SAYS_WHAT.search(q):
        return Intent.READ
    if is_medicine_text(description.text_lines) or any(w in q for w in _MEDICINE_ASK):
        return Intent.MEDICINE
    if not q or any(w in q for w in _IDENTIFY_WORDS):
        return Intent.IDENTIFY
    return Intent.GENERAL


def _certainty(description: PhotoDescription) -> tuple[str, str, list[str]]:
    """(how sure: "none" | "sure" | "likely" | "unsure", the top label, up to two other labels)."""
    labels = description.labels
    if not labels or labels[0][1] < NOTHING_BELOW:
        return "none", "", []
    name, p = labels[0]
    others = [n for n, _ in labels[1:3] if n != name]
    level = "sure" if p >= SURE_FROM else "likely" if p >= UNSURE_BELOW else "unsure"
    return level, name, others


def describe_labels(description: PhotoDescription) -> str:
    """One honest Chinese sentence about what the classifier saw."""
    level, name, others = _certainty(description)
    if level == "none":
        return "图像识别：没有认出具体是什么东西。"
    if level == "sure":
        return f"图像识别：很可能是{name}（把握较大）。"
    if level == "likely":
        alt = f"，也可能是{'或'.join(others)}" if others else ""
        return f"图像识别：大概是{name}{alt}（把握一般）。"
    candidates = "、".join([name, *others])
    return f"图像识别：看不太准，只是有点像{candidates}，这些都不确定。"


def _text_block(lines: Sequence[str]) -> str:
    text = "\n".join(lines)
    if len(text) > MAX_PROMPT_TEXT:
        text = text[:MAX_PROMPT_TEXT] + "……（后面还有）"
    return text


PHOTO_SYSTEM_PROMPT = ("你是一位耐心的助手，正在帮一位老人看他刚拍的照片。你看不到照片本身，"
                       "只能看到下面的识别结果。"
                       "用简体中文口语回答，简短，最多三句话，不要用列表、表格或特殊符号。"
                       "只根据识别结果回答；识别结果里没有的内容就说看不清，绝不要编造，尤其是药品的用量。")
# (Engines.warmup caches this prefix in one LLM slot: on a 2-core CPU its ~80 tokens cost 2 s.)

_TASK = {
    Intent.READ: "他想让你念照片上的字。字不多就照着念；字很多就先说大意，再念最重要的几句。",
    Intent.MEDICINE: "这像是药品包装或说明书。先说清楚用法用量（一次多少、一天几次），再说药名；"
                     "最后提醒按说明书或遵医嘱服用。",
    Intent.IDENTIFY: "告诉他照片里大概是什么。如果识别结果说不确定，就直说不太确定，"
                     "可以请他换个角度再拍一张。",
    Intent.GENERAL: "根据识别结果回答他的问题。",
}


def build_messages(description: PhotoDescription, question: str,
                   intent: Intent | None = None) -> list[ChatMessage]:
    intent = intent or detect_intent(question, description)
    parts = []
    if description.text_lines:
        parts.append("照片上的文字（从上到下）：\n" + _text_block(description.text_lines))
    else:
        parts.append("照片上没有识别到文字。")
    parts.append(describe_labels(description))
    if description.notes:
        parts.append("提示：" + "；".join(description.notes) + "。")
    parts.append(f"他的问题：{question.strip() or '这是什么？'}")
    parts.append("要求：" + _TASK[intent])
    if language_of(question) == "en":
        parts.append("他是用英语问的：请用简短的英语口语回答。")
    return [ChatMessage(role="system", content=PHOTO_SYSTEM_PROMPT),
            ChatMessage(role="user", content="\n".join(parts))]


def build_request(description: PhotoDescription, question: str, *, max_tokens: int = 160,
                  temperature: float = 0.2) -> ChatRequest:
    """The ChatRequest for the embedded LLM path."""
    return ChatRequest(messages=build_messages(description, question), max_tokens=max_tokens,
                       temperature=temperature)


# ---- deterministic answers ----------------------------------------------------------------------
_DOSAGE_RE = re.compile(r"(用法用量|用法与用量|用法|用量)\s*[:：]?\s*(.*)")


def direct_answer(description: PhotoDescription, question: str) -> str | None:
    """A ready spoken answer when the LLM would only risk mangling it, else None.

    - a question about the text where none was found (dark, blurred, none printed): say so, retake;
    - a bank, carrier or prize message with a link or a lure: a scam warning, then the text;
    - medicine question (or a read request on a medicine box, not a prescription) with a dosage line:
      that line verbatim;
      on a box without one, that the photo does not show it (never a guessed dose);
    - how much / when (a bill, a notice, a date on a package): the lines that say it, verbatim;
    - read-aloud request, short text (<= MAX_DIRECT_TEXT chars): "上面写着：…" verbatim;
    - "what is this?" about a photo without text: the labels, as sure as the classifier is.
    """
    intent = detect_intent(question, description)
    lines = [line.strip() for line in description.text_lines if line.strip()]
    language = language_of(question)
    if not lines and (intent in (Intent.READ, Intent.MEDICINE) or field_lines([], question) is not None):
        return unreadable_answer(description.notes, language)
    if is_scam_message(lines):
        return scam_answer(lines, language)
    slip = any(word in line for line in lines for word in ("处方", "姓名"))  # read whole, like a letter
    if intent is Intent.MEDICINE or (intent is Intent.READ and is_medicine_text(lines) and not slip):
        box = intent is Intent.MEDICINE and is_medicine_text(lines)
        if medicine := _medicine_answer(lines, language, box=box):
            return medicine
    if intent is Intent.IDENTIFY and not lines:
        return identify_answer(description)
    if intent is not Intent.READ:
        return english_dose_answer(lines, question) or field_answer(lines, question, description.notes,
                                                                    language)
    text = "，".join(line.rstrip("，,。. ") for line in lines)
    if len(text) > MAX_DIRECT_TEXT:
        return None
    return f"上面写着：{text}。"


def _medicine_answer(lines: Sequence[str], language: str, *, box: bool) -> str | None:
    """The dosage line verbatim; on a medicine ``box`` without one, that the photo does not show it."""
    dosage = _dosage(lines)
    name = _medicine_name(lines)
    if dosage:
        head = f"这是{name}。" if name else ""
        return f"{head}用法用量是：{dosage}。具体请按说明书或遵医嘱。"
    return no_dose_answer(name, language) if box else None


def identify_answer(description: PhotoDescription) -> str:
    """A spoken "what is this" answer from the labels, honest about how sure they are."""
    retake = "您可以离近一点、光线亮一点，换个角度再拍一张。"
    notes = "，".join(description.notes)
    if notes:
        retake = f"{notes}，{retake}"
    level, name, others = _certainty(description)
    if level == "none":
        return f"我没认出来这是什么。{retake}"
    if level == "sure":
        return f"我看这很可能是{name}。"
    if level == "likely":
        alt = f"，也可能是{'或'.join(others)}" if others else ""
        return f"我看着大概是{name}{alt}，不太确定。"
    return f"我看不太准，只是有点像{'、'.join([name, *others])}。{retake}"


_DOSE_LINE_RE = re.compile(r"(一次|每次|成人).{0,10}(一日|每日|一天|日).{0,4}次"
                           r"|(一日|每日|一天).{0,4}次.{0,6}(一次|每次)"
                           r"|(口服|冲服|服用|含服|吞服|滴于|涂于|睡前|饭前|饭后|餐前|餐后).{0,12}(一次|每次)"
                           r"|(一次|每次).{0,8}(口服|冲服|服用|含服)")


def _dosage(lines: Sequence[str]) -> str:
    """The text after a 用法用量 heading, else a line that states a dose and how often ("口服 一次两粒
    一日三次"), verbatim; "" when the box shows neither."""
    heading = _dosage_after_heading(lines)
    if heading:
        return heading
    return next((line.strip().rstrip("。.，, ") for line in lines if _DOSE_LINE_RE.search(line)), "")


def _dosage_after_heading(lines: Sequence[str]) -> str:
    for i, line in enumerate(lines):
        match = _DOSAGE_RE.search(line)
        if match is None:
            continue
        rest = match.group(2).strip().lstrip("】]）):： ")
        if len(rest) < 4 and i + 1 < len(lines):  # "用法用量：" alone, the dose on the next line
            rest = (rest + lines[i + 1]).strip()
        if rest:
            return rest.rstrip("。.，, ")
    return ""


_NAME_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9（）()]{1,16}"
                      r"(胶囊|片|颗粒|口服液|丸|糖浆|软膏|注射液|滴眼液|散|膏)")


def _medicine_name(lines: Sequence[str]) -> str:
    """A line that is just a product name ("布洛芬缓释胶囊"), not a dosage ("每次两片")."""
    for line in lines:
        compact = line.replace(" ", "")
        # "氨氯地平片 5mg×28片": the name before its size
        for name in (compact, re.sub(r"\d.*$", "", compact)):
            if _NAME_RE.fullmatch(name) and not any(ch in name for ch in "次每日服用"):
                return name
    return ""
