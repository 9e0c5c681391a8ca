"""An answer that only says the question back.

Asked something it did not understand, the 1.5B often turns the words as heard into a statement and
stops: "昨天国主体引了没有" → "昨天没有国主体引。", "推荐几出好听的经济吧" → "推荐几出好听的经济吧。",
"我被开水烫着了，手上起了个大碰" → "你被开水烫着了，手上起了个大碰。" (held-out sets 33-35, stop 14). That
answers nothing, and said as fact it repeats a mishearing. A first sentence that adds nothing to the
question but pronouns and particles (:func:`parrots`) is held back by the honesty guard
(:class:`assistant.pipeline.honesty.HonestyGuard`). When nothing follows it, the answer is an ask-back
instead, or, to something she tells, that she is listened to (:func:`instead_of_parrot`); when more
follows, it was an echo before the answer ("您孙子考上大学了！真为他高兴。") and is said. A number the
question does not hold is an answer ("一个星期有几天" → "一个星期有七天"), so is a yes or a no to a yes/no
question ("今天是星期二吗？" → "是的，今天是星期二。"), so is one side of a choice ("冬至吃饺子还是汤圆？" →
"冬至吃饺子。") or of an A-not-A question ("冬至是不是要吃饺子？" → "冬至是要吃饺子。"), and a short question
said back is a greeting ("早上好").

Pure logic: no I/O, no model.
"""

from __future__ import annotations

import re

_HAN = re.compile(r"[\u4e00-\u9fff]")
# words that change between a question and its statement without adding anything
_FILLER = set("我你您咱他她它们了的吗呢吧啊呀嘛么是有也都就还很得地着过这那个")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?|[零一二两三四五六七八九十百千万亿半]+")
# a question or a request, not a statement of her own ("孩子们好久没回来看我了")
# ("多长时间": Whisper often ends a question with "。", so the question word must show it)
_ASKS = re.compile(r"[？?]|吗|呢|什么|啥|怎么|怎样|几|多少|多[大久长远高重快宽深厚贵]|哪|谁|为什么"
                   r"|是不是|有没有|能不能|会不会|可不可以|没有[。！]?$|不[。！]?$|吧|请|给我|帮我|讲|唱|说说|推荐|念|背|告诉我")
# a yes/no question, and a sentence that opens with its yes or no: a confirmation, not the question said back
_YES_NO = re.compile(r"吗[？?。！!]?$|是不是|对不对|有没有|能不能|会不会|可不可以|行不行|吧[？?。]?$")
# what usually holds ("养老金一般是每个月发一次吗？" → "养老金一般是每个月发一次。"): said back, it is a yes
_USUALLY = re.compile(r"一般|通常|平时|往往|每年|总是")
# an A-not-A question ("是不是", "会不会", "有没有")
_A_NOT_A = re.compile(r"(?P<a>[是会能要有可])(?:不|没)(?P=a)")
_CONFIRMS = re.compile(r"(?:是的|是啊|是|对|对的|对啊|没错|当然|不是|不对|不会|不能|不行)[，,。！!]")
LISTENING = "嗯，我在听，您慢慢说。"
MISHEARD = "不好意思，我没听清，您能再说一遍吗？"
_SHORTEST_QUESTION = 6  # Han characters: a shorter one said back is a greeting or a thanks


def _han(text: str) -> list[str]:
    return _HAN.findall(text)


def parrots(sentence: str, question: str, *, at_most_new: int = 0, numbers_answer: bool = True,
            sides: bool = False) -> bool:
    """Whether the Chinese ``sentence`` says ``question`` back: no number of its own (unless not
    ``numbers_answer``), and at most ``at_most_new`` characters that are neither the question's nor filler.
    ``sides``: one side of an A-not-A question is an answer (not for a question of her own world, whose
    "孙子有没有打电话？" → "孙子打电话了。" is the question said back as a made-up yes)."""
    asked = _han(question)
    # after a greeting ("您好，您的狗今天吃饭了吗？"), or an "okay" to a yes or no ("好的，您的狗…")
    opener = r"您好|你好|好的" if _YES_NO.search(question.strip()) else r"您好|你好"
    said = _han(re.sub(rf"^\s*(?:{opener})[，,！!。\s]*", "", sentence))
    if len(asked) < _SHORTEST_QUESTION or len(said) < 4:
        return False
    if numbers_answer and set(_NUMBER.findall(sentence)) - set(_NUMBER.findall(question)):
        return False  # a number the question did not hold: an answer
    if _YES_NO.search(question.strip()) and (_CONFIRMS.match(sentence.strip()) or _USUALLY.search(question)):
        return False
    if "还是" in question and "还是" not in sentence:
        return False  # a choice asked, one taken ("冬至吃饺子还是汤圆？" → "冬至吃饺子。"): an answer
    both = _A_NOT_A.search(question) if sides else None
    if both is not None and both.group() not in sentence:
        return False  # one side of "是不是" taken ("冬至是不是要吃饺子？" → "冬至是要吃饺子。"): a yes
    new = {ch for ch in said if ch not in _FILLER} - set(asked)
    return len(new) <= at_most_new


def instead_of_parrot(question: str) -> str:
    """What to say instead of the question said back: an ask-back for a question or a request; for
    something she tells ("孩子们好久没回来看我了"), that she is listened to."""
    return MISHEARD if _ASKS.search(question) else LISTENING
