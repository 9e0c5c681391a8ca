"""An answer about programming to a question that is not.

The shipped model is a coder model: asked "Tell me something interesting about pandas." (a blind probe,
twenty-sixth stop) it described the Python library for data analysis. Nobody asking an elder-care
assistant about pandas, pythons or java means code, so a sentence about programming, for a question that
names nothing of it, is replaced: the assistant says it is not sure, and asks for other words. Pure logic.
"""

from __future__ import annotations

import re

# what only a sentence about programming says
_CODE = re.compile(r"\bpython\b|\bprogramming\b|\bdata (?:manipulation|analysis|science|structures?)\b"
                   r"|\bdataframes?\b|\bsource code\b|\bcsv\b|\bsql\b|\bjavascript\b|\bnumpy\b"
                   r"|\b(?:import|def|print)\s*\(|```|编程|代码|数据分析|数据处理|编程语言|python", re.I)
# a question about computers or code, where such a sentence belongs
_ASKED_ABOUT_CODE = re.compile(r"python|program|code|coding|software|computer|data|\bsql\b|\bcsv\b"
                               r"|编程|代码|程序|电脑|软件|数据", re.I)


def code_claim(clause: str, question: str) -> bool:
    """``clause`` is about programming while ``question`` is about nothing of it."""
    return bool(_CODE.search(clause)) and not _ASKED_ABOUT_CODE.search(question)
