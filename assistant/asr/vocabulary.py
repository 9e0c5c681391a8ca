"""The user's own words: the names, medicines and places one elder says, for biasing the ASR.

The family sets a list in the console (the elder's ``words``: 小明, 闺女, 二甲双胍); the system adds
the elder's city and the medicines named in their reminders ("每天早上吃硝苯地平" → 硝苯地平).
:func:`user_terms` merges and caps them; :func:`hint_text` writes them the way they are shown to
Whisper (faster-whisper ``hotwords``: text placed before the decoder prompt, so the decoder has
"just read" them) or sent as a remote server's ``prompt``.

A prompt can leak: Whisper sometimes writes its prompt out instead of the speech, above all on
near-silence ("以下是普通话的句子"; "一加一" heard as "以下以"). :func:`strip_prompt` removes any
copy of the prompt, or of a run of two or more hint words in their prompt order, from a transcript.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from assistant.asr.filter import ZH_PROMPT, compact

MAX_TERMS = 24
MAX_TERM_CHARS = 20  # as the console allows
MAX_HINT_CHARS = 120  # about 150 Whisper tokens: well under its 223-token prompt half
_MEDICINE = re.compile(
    r"([\u4e00-\u9fffA-Za-z0-9]{1,10}?(?:药|片|丸|胶囊|颗粒|冲剂|口服液|滴丸|贴|喷雾|针|胰岛素|眼药水|糖浆))")
_MEDICINE_LEAD = re.compile(r"^(?:每天|每日|早上|晚上|中午|饭前|饭后|睡前|按时|记得|提醒我|该|要|去|把|"
                            r"吃|服|喝|用|打|滴|贴|一|两|三|[0-9]+|片|粒|颗|次|的)+")
_TAKE = re.compile(r"服用|吃|服|喝|用|打|滴|贴")
_FOOD = frozenset("饭 早饭 午饭 晚饭 早餐 午餐 晚餐 东西 水果 点心 夜宵 饺子 面条 鸡蛋 苹果".split())
_PROMPT_PARTS = tuple(p for p in re.split(r"[，。]", ZH_PROMPT) if len(p) >= 4)


def medicine_names(texts: Iterable[str]) -> list[str]:
    """Medicine names in reminder texts: "吃降压药" → 降压药, "晚上吃二甲双胍片" → 二甲双胍片, and the
    object of 吃 / 服用 without a medicine's suffix ("吃硝苯地平" → 硝苯地平, not "吃饭")."""
    found: list[str] = []
    for text in texts:
        for clause in re.split(r"[，,。；;、和跟及]|还有", text):
            verb = _TAKE.search(clause)
            stem = clause[verb.end():] if verb else clause.strip()
            match = _MEDICINE.search(stem)
            if match is not None:
                name = _MEDICINE_LEAD.sub("", match.group(1))
            elif verb is not None and verb.group() in ("吃", "服", "服用"):
                name = _MEDICINE_LEAD.sub("", stem.strip())
                name = "" if name in _FOOD or not 2 <= len(name) <= 8 else name
            else:
                continue
            if len(name) >= 2:
                found.append(name)
    return found


def user_terms(words: Sequence[str] = (), *, city: str = "",
               reminders: Sequence[str] = ()) -> tuple[str, ...]:
    """The hint words of one user, family-set words first, without repeats, capped in number and length."""
    terms: list[str] = []
    for term in [*words, city, *medicine_names(reminders)]:
        term = " ".join(str(term).split())
        if term and len(term) <= MAX_TERM_CHARS and term not in terms:
            terms.append(term)
    out: list[str] = []
    total = 0
    for term in terms[:MAX_TERMS]:
        if total + len(term) + 1 > MAX_HINT_CHARS:
            break
        out.append(term)
        total += len(term) + 1
    return tuple(out)


def for_language(terms: Sequence[str], language: str) -> tuple[str, ...]:
    """The terms worth showing a decoder of ``language``: Latin-script ones only for English (Chinese
    words would pull an English decode towards Chinese), all of them otherwise."""
    return tuple(t for t in terms if t.isascii()) if language == "en" else tuple(terms)


def hint_text(terms: Sequence[str]) -> str:
    """The terms as one line of prompt text ("小明、闺女、降压药。"; English terms with commas)."""
    if not terms:
        return ""
    if all(t.isascii() for t in terms):
        return ", ".join(terms) + "."
    return "、".join(terms) + "。"


def strip_prompt(text: str, terms: Sequence[str] = ()) -> str:
    """``text`` without what came from the prompt: the decoder prompt's own phrases, and runs of two
    or more hint words written out in prompt order ("小明、闺女、降压药"). A single hint word stays:
    that is what the user said. Returns "" when nothing else is left."""
    out = text
    for part in _PROMPT_PARTS:
        out = out.replace(part, "")
    if len(terms) >= 2:
        any_term = "|".join(re.escape(t) for t in terms)
        for i in range(len(terms) - 1):
            pattern = r"[\s、,，]+".join(re.escape(t) for t in terms[i:i + 2])
            out = re.sub(rf"{pattern}(?:[\s、,，]+(?:{any_term}))*[。.]?", "", out)
    out = re.sub(r"^[\s，,。.、]+", "", out)
    return out if compact(out) else ""
