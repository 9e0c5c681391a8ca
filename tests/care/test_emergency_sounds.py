"""Emergencies heard in other characters (pure logic). The transcripts are what Whisper base wrote
for the project's own voice saying the development set's emergencies (``detect_emergency`` missed
each of them)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from assistant.asr.repair import repair
from assistant.care.emergency import detect_emergency
from assistant.care.emergency_sounds import EMERGENCY_TERMS, sound_alike_emergency

HERE = Path(__file__).parent


@pytest.mark.parametrize(
    ("said", "heard", "kind"),
    [
        ("我想死", "我相思。", "crisis"),
        ("胸闷得厉害，喘不过气", "兄们得厉害，传不过情。", "chest"),
        ("我透不过气", "我偷不过去。", "breath"),
        ("老伴刚才讲话突然含糊不清", "老半缸才讲话突然寒糊不清", "stroke"),
        ("我的脸一边耷拉下来了", "我的脸一边搭拉下来了。", "stroke"),
        ("我手麻，头也晕", "我手马，头也晕。", "stroke"),
        ("他突然说不出话来了", "他突然收不出话来了。", "stroke"),
        ("我右手突然没劲，拿不住筷子了", "我右手突然没进，拿不住筷子了。", "stroke"),
    ],
)
def test_a_misheard_emergency_is_found_by_its_sound(said: str, heard: str, kind: str) -> None:
    assert detect_emergency(said) is not None and detect_emergency(heard) is None
    found = sound_alike_emergency(heard)
    assert found is not None and found.kind == kind, found
    assert found.text == heard  # the family reads the words as they were heard


def test_a_sound_alike_span_never_cuts_a_word() -> None:
    # "我全部上起来了" was 我喘不上气来了, but 全部上起 ends inside 起来: given up so that "我想知道…"
    # (我想知 sounds like 我想死) is never a crisis
    assert sound_alike_emergency("我全部上起来了。") is None
    assert repair("我想知道", ["我想死"]) == "我想死道"
    assert repair("我想知道", ["我想死"], cuts={0, 1, 2, 4}) == "我想知道"


def test_a_term_differs_only_in_one_near_syllable() -> None:
    assert repair("我想不起来", ["站不起来"]) == "我站不起来"  # the transcript repair of the user's words
    assert repair("我想不起来", ["站不起来"], strict=True) == "我想不起来"
    assert repair("我拿不起来", ["爬不起来"], strict=True) == "我拿不起来"
    assert repair("我扒不起来", ["爬不起来"], strict=True) == "我爬不起来"  # b/p: aspirated or not
    assert repair("我偷不过去", ["透不过气"], strict=True) == "我透不过气"  # qu/qi: a near final
    assert repair("我想说", ["我想死"], strict=True) == "我想说"
    assert repair("我想说", ["我想死"]) == "我想死"


def test_the_same_words_are_always_read_the_same_way() -> None:
    # two terms of one length that both sound alike: the one given first, not the one a set yields
    assert repair("我扒不起来", ["抬不起来", "站不起来"]) == "我抬不起来"
    assert repair("我扒不起来", ["站不起来", "抬不起来"]) == "我站不起来"


def _probe(name: str) -> list[tuple[bool, str]]:
    with (HERE / name).open(encoding="utf-8") as f:
        return [(r[0] == "1", r[1]) for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#")]


def test_probe9_as_heard_and_as_typed() -> None:
    """Probe 9 holds emergencies as Whisper may write them ("我帅倒了起不赖了"): as a spoken turn reads
    them (the detector, then the sound-alike reading) every one is found, and no non-emergency is; as
    typed text the misheard ones may be missed, but nothing is a false alarm."""
    rows = _probe("emergency_probe9.tsv")
    heard = [detect_emergency(p) or sound_alike_emergency(p) for _, p in rows]
    wrong = [p for (truth, p), found in zip(rows, heard, strict=True) if truth != (found is not None)]
    assert sum(t for t, _ in rows) >= 40 and wrong == []
    assert [p for truth, p in rows if not truth and detect_emergency(p) is not None] == []


@pytest.mark.parametrize(("heard", "kind"), [("我老伴中疯了", "stroke"), ("我左手麻木是不是中分了", "stroke"),
                                           ("帮我叫就护车", "help"), ("新脏病犯了", "chest")])
def test_a_named_illness_or_the_ambulance_in_other_characters(heard: str, kind: str) -> None:
    found = sound_alike_emergency(heard)
    assert found is not None and found.kind == kind, found


def test_a_word_is_read_in_context() -> None:
    assert repair("厨房找火了", ["着火"]) == "厨房着火了"  # 着火 is zhao huo, not zhe huo


def _non_emergencies() -> list[str]:
    rows = []
    for name in ("emergency_phrases", "emergency_heldout", "emergency_heldout2", "emergency_probe5",
                 "emergency_probe6", "emergency_probe7", "emergency_probe8", "emergency_probe9"):
        with (HERE / f"{name}.tsv").open(encoding="utf-8") as f:
            rows += [r[1] for r in csv.reader(f, delimiter="\t") if r and r[0] == "0"]
    return rows


def test_no_non_emergency_of_the_phrase_sets_becomes_one() -> None:
    phrases = _non_emergencies()
    assert len(phrases) > 100
    assert [p for p in phrases if sound_alike_emergency(p) is not None] == []


@pytest.mark.parametrize(
    "heard",
    ["我不想活得这么累，想出去旅游", "这两张照片很相似", "我觉得这两个颜色相似", "我头疼，想睡一会儿",
     "孩子们都很孝顺", "今天的煤气费多少钱？", "心里有点闷", "帮我查一下明天的天气", "那个救生圈放在哪儿了",
     "这首歌叫相思", "他们两个互相思念",
     # 我想知 sounds like 我想死, but 知道 is a word: every "我想知道…" was once a crisis alarm
     "我想知道明天的天气", "我想知道今天几号", "我想知道昏迷的人怎么护理", "你就明白了",
     "我出点钱给孙子买书", "我们去河边钓鱼了", "掉头回家吧", "我去种树了", "你睡了吗", "我今天没去了",
     # a long term once matched with any one syllable changed (想不起来 as 站不起来)
     "我一下想不起来他叫什么了", "这个箱子太沉，我拿不起来", "衣服小了，我穿不上了",
     # a reading that writes over "好了" or "怕" (早好了 as 着火了)
     "腿骨折过，现在早好了", "怕不起来就定个闹钟", "谁来付我工资",
     # once read as 我想死, 吃多了药, 轻生 or 起不来 in one run and not in the next (the order of a set)
     "我想说的事", "我想吃荸荠", "谢谢，我吃过药了", "股票涨跌谁也说不准，投资要谨慎", "记不了提醒",
     "他是球队的中锋"],
)
def test_ordinary_words_are_not_read_as_an_emergency(heard: str) -> None:
    assert sound_alike_emergency(heard) is None


def test_every_term_is_chinese_and_at_least_two_characters() -> None:
    assert all(len(t) >= 2 and all("\u4e00" <= c <= "\u9fff" for c in t) for t in EMERGENCY_TERMS)
