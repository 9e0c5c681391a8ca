"""Cut streamed LLM text into speakable clauses, and clean Markdown out of text meant for speech.

``ClauseSplitter.push(delta)`` returns the clauses that the text so far completes; ``flush()``
returns the rest at the end of the reply. A clause ends at ``，。！？；：、`` ``, . ! ? ;`` or a
newline, with these exceptions:

* an ASCII ``.`` or ``,`` between digits (``3.5``, ``1,000``), a ``.`` after an abbreviation
  (``Mr.``, ``e.g.``) or after a list number at the start of a line (``1.``), and a ``.`` not
  followed by a space or Chinese text (``example.com``) do not end a clause; when such a mark is
  the last character received, the splitter waits for the next delta (or ``flush``) to decide;
* the FIRST clause is cut at the first mark once it holds ``first_min_chars`` speakable characters,
  so that the first audio starts as early as possible; later clauses are cut at weak marks
  (``，、：,``) only once they hold ``min_chars``, and at strong marks (``。！？；.!?;`` and newline)
  always;
* a first clause that runs on without a mark is cut at a phrase break once it is long enough
  (:func:`assistant.tts.phrases.phrase_break`, e.g. "今天出门应该穿一件轻薄的外套 | 和一条长裤", or
  before an amount of ``known``, the curated facts the question carried: "每天应该喝 | 一千五…"),
  unless ``first_phrase_break`` is off;
* a clause longer than ``max_chars`` without any mark is cut at the last space (or at the limit).

Every clause goes through :func:`clean_for_speech`; clauses with nothing speakable are skipped.
"""

from __future__ import annotations

import re

from assistant.tts.phrases import phrase_break

_STRONG = frozenset("。！？；!?;\n")
_WEAK = frozenset("，、：,")
_AMBIGUOUS = frozenset(".,")  # need the neighbouring characters to decide
_CLOSERS = frozenset("”’\"')）」』】》")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st vs etc e.g i.e no fig approx dept inc ltd co jan feb mar apr jun "
    "jul aug sep sept oct nov dec a.m p.m u.s".split())
_SPEAKABLE = re.compile(r"[0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff]")

_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\U00002600-\U000027bf\U0001f1e6-\U0001f1ff\U0000fe0f\U0000200d"
    "\U00002b00-\U00002bff\U0000231a-\U0000231b\U000023e9-\U000023fa\U0001f900-\U0001f9ff]")
_LIST_MARKER = re.compile(r"^[ \t]*(?:[-*+•·]|\d{1,2}[.)、．]|[（(]\d{1,2}[)）]"
                          r"|[一二三四五六七八九十]+、)[ \t]*")
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]*")
_QUOTE = re.compile(r"^[ \t]*>+[ \t]*")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"https?://\S+|www\.\S+")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_MARKUP = re.compile(r"\*{1,3}|_{2,3}|`+|~~|^[ \t]*[-=*_]{3,}[ \t]*$|\|")
_SPACES = re.compile(r"[ \t]{2,}")


def clean_for_speech(text: str, *, line_start: bool = True) -> str:
    """Remove Markdown, emoji, links and list markers; ``line_start`` says ``text`` begins a line."""
    lines = []
    for i, line in enumerate(text.split("\n")):
        if i > 0 or line_start:
            line = _QUOTE.sub("", _HEADING.sub("", line))
            line = _LIST_MARKER.sub("", line)
        line = _LINK.sub(r"\1", line)
        line = _URL.sub("", line)
        line = _TAG.sub("", line)
        line = _MARKUP.sub("", line)
        line = _EMOJI.sub("", line)
        lines.append(_SPACES.sub(" ", line).strip())
    return " ".join(x for x in lines if x).strip()


def speakable_chars(text: str) -> int:
    return len(_SPEAKABLE.findall(text))


class ClauseSplitter:
    """Turns a stream of text deltas into clauses; one instance per reply."""

    def __init__(self, *, first_min_chars: int = 2, min_chars: int = 6, max_chars: int = 60,
                 first_phrase_break: bool = True, known: str = "") -> None:
        self.first_min_chars = first_min_chars
        self.first_phrase_break = first_phrase_break
        self.known = known
        self.min_chars = min_chars
        self.max_chars = max_chars
        self._buf = ""
        self._scan = 0  # characters of _buf already checked for marks
        self._emitted = 0
        self._line_start = True  # _buf begins at the start of a line

    def push(self, delta: str) -> list[str]:
        """Add a delta; return the clauses it completes (cleaned, non-empty)."""
        self._buf += delta
        out: list[str] = []
        while True:
            cut = self._find_cut(final=False)
            if cut is None:
                break
            self._take(cut, out)
        return out

    def flush(self) -> list[str]:
        """End of the reply: return what is left (possibly cut at marks seen now), and reset."""
        out: list[str] = []
        while (cut := self._find_cut(final=True)) is not None:
            self._take(cut, out)
        self._take(len(self._buf), out)
        self._emitted = 0
        self._line_start = True
        return out

    def _take(self, cut: int, out: list[str]) -> None:
        clause, self._buf = self._buf[:cut], self._buf[cut:]
        self._scan = 0
        line_start = self._line_start
        self._line_start = clause.endswith("\n")
        text = clean_for_speech(clause, line_start=line_start)
        if text and speakable_chars(text):
            out.append(text)
            self._emitted += 1

    def _find_cut(self, *, final: bool) -> int | None:
        """Index just past the end of the next complete clause in the buffer, or None."""
        buf = self._buf
        i = self._scan
        while i < len(buf):
            ch = buf[i]
            if ch in _STRONG or ch in _WEAK or ch in _AMBIGUOUS:
                verdict = self._is_boundary(i, final=final)
                if verdict is None:  # undecidable until more text arrives
                    self._scan = i
                    return None
                if verdict and self._long_enough(buf[:i], strong=ch in _STRONG or ch in ".!?"):
                    end = i + 1
                    while end < len(buf) and (buf[end] in _CLOSERS or buf[end] in _STRONG - {"\n"}):
                        end += 1
                    return end
            i += 1
        self._scan = i
        cut = phrase_break(buf, self.known) if self._emitted == 0 and self.first_phrase_break else None
        if cut is not None:
            return cut
        if speakable_chars(buf) > self.max_chars and len(buf) > self.max_chars:
            space = buf.rfind(" ", 0, len(buf) - 1)
            return space + 1 if space > len(buf) // 2 else len(buf)
        return None

    def _long_enough(self, text: str, *, strong: bool) -> bool:
        n = speakable_chars(clean_for_speech(text, line_start=self._line_start))
        if self._emitted == 0:
            return n >= self.first_min_chars or (strong and n > 0)
        return n > 0 if strong else n >= self.min_chars

    def _is_boundary(self, i: int, *, final: bool) -> bool | None:
        buf = self._buf
        ch = buf[i]
        if ch not in _AMBIGUOUS:
            return True
        prev = buf[i - 1] if i > 0 else ""
        if i + 1 >= len(buf):
            if final:
                return True
            # "3." may become "3.5" and "1," may become "1,000"; "Mr." may be an abbreviation.
            return None if prev.isdigit() or (ch == "." and prev.isalpha()) else True
        nxt = buf[i + 1]
        if prev.isdigit() and nxt.isdigit():
            return False  # 3.5, 1,000
        if ch == ",":
            return True
        if not (nxt.isspace() or nxt in _CLOSERS or (_SPEAKABLE.match(nxt) and not nxt.isascii())):
            return False  # example.com, e.g.x
        word = re.search(r"([A-Za-z][A-Za-z.]*)$", buf[:i])
        if word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS:
            return False
        line = buf[: i].rsplit("\n", 1)[-1]
        return not (line.strip().isdigit() and (self._line_start or "\n" in buf[:i]))
