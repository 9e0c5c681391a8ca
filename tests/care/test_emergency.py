"""Emergency detection (pure logic), measured on the phrase sets kept next to this file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from assistant.care.channels.webhook import AlertMessage
from assistant.care.emergency import (
    KIND_LABELS,
    Emergency,
    EmergencyAdvice,
    advice_note,
    detect_emergency,
    emergency_reply,
    spoken_digits,
)
from assistant.care.emergency_first import someone_else
from assistant.config import AlertSettings
from assistant.errors import ConfigError

HERE = Path(__file__).parent


def load(name: str) -> list[tuple[bool, str]]:
    rows = []
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, phrase = line.split("\t")
            rows.append((label == "1", phrase))
    return rows


def scores(rows: list[tuple[bool, str]]) -> tuple[float, float, list[str]]:
    """(precision, recall, mistakes)."""
    tp = fp = fn = 0
    wrong = []
    for truth, phrase in rows:
        got = detect_emergency(phrase) is not None
        tp += truth and got
        fp += got and not truth
        fn += truth and not got
        if got != truth:
            wrong.append(phrase)
    return tp / max(1, tp + fp), tp / max(1, tp + fn), wrong


@pytest.mark.parametrize("name", ["emergency_phrases.tsv", "emergency_heldout.tsv", "emergency_heldout2.tsv",
                                  "emergency_probe5.tsv", "emergency_probe6.tsv", "emergency_probe7.tsv",
                                  "emergency_probe8.tsv"])
def test_precision_and_recall(name: str) -> None:
    rows = load(name)
    assert sum(t for t, _ in rows) >= 15 and sum(not t for t, _ in rows) >= 15
    precision, recall, wrong = scores(rows)
    print(f"{name}: {len(rows)} phrases, precision {precision:.3f}, recall {recall:.3f}, wrong: {wrong}")
    assert recall == 1.0, wrong  # a missed emergency is the worse error
    assert precision >= 0.95, wrong


def test_phrase_sets_hold_at_least_40_phrases_in_all() -> None:
    assert len(load("emergency_phrases.tsv")) + len(load("emergency_heldout.tsv")) >= 40
    rows = load("emergency_heldout2.tsv")
    assert len(rows) >= 30 and sum(t for t, _ in rows) * 2 == len(rows)  # half emergencies


def test_every_set_has_strokes_and_crises() -> None:
    for name in ("emergency_phrases.tsv", "emergency_heldout2.tsv"):
        kinds = [found.kind for truth, phrase in load(name) if truth and (found := detect_emergency(phrase))]
        assert kinds.count("stroke") >= 8 and kinds.count("crisis") >= 6, (name, kinds)


@pytest.mark.parametrize(("text", "kind"), [
    ("我摔倒了，起不来了", "fall"), ("救命", "help"), ("胸口疼得厉害", "chest"), ("喘不上气", "breath"),
    ("I've fallen and I can't get up", "fall"), ("I can't breathe", "breath"),
    ("我头晕，手脚发麻，说话也不清楚了", "stroke"), ("我嘴歪了", "stroke"), ("我看东西重影了", "stroke"),
    ("头晕，站不稳", "stroke"), ("手发麻，说话不清", "stroke"), ("My face is drooping", "stroke"),
    ("不想活了", "crisis"), ("活着没意思", "crisis"), ("救命，我不想活了", "crisis"),
    ("I want to die", "crisis"), ("I don't want to live anymore", "crisis"),
    ("开水浇到手上了", "burn"), ("烫到了，起了一大片水泡", "burn"), ("我老伴走丢了", "lost"),
    ("我肚子疼得直不起腰", "illness"), ("浑身发抖，直冒冷汗", "illness"), ("药片吃多了", "poison"),
    ("伤口流血，按着也止不住", "bleeding"), ("叫她也不答应", "faint"),
    # a cause named with the emergency, and a cry for help that says what happened
    ("触电了", "shock"), ("他摸了插座，倒在地上不动了", "shock"),
    ("I got an electric shock from the plug", "shock"), ("The heater caught fire!", "fire"),
    ("老伴掉河里了", "drowning"), ("救命，孩子掉进池塘里了", "drowning"),
    ("Help, she fell into the lake", "drowning"),
    ("屋里生着炉子，我头疼得厉害，想吐", "gas"), ("煤气味好大，我们都头晕", "gas"), ("老伴中暑了", "heat"),
    ("在外面冻了一宿，腿都没知觉了", "cold"), ("吃了花生以后舌头肿了，喘不上气", "allergy"),
    ("孙子把磁铁吞下去了", "swallowed"), ("救命，我嘴歪了", "stroke"), ("血喷出来了", "bleeding"),
    ("烧着炉子，我摔倒了起不来", "fall"),  # a stove named, but no sign of its fumes
    # dialect and misheard words, food stuck in the throat, a strong word for a low blood sugar
    ("俺娘半拉身子不听使唤了", "stroke"), ("老倌讲话讲不清楚了", "stroke"), ("一说话舌头就打结", "stroke"),
    ("My face feels droopy", "stroke"), ("我老伴摔到了", "fall"), ("孙子吃果冻卡住了", "breath"),
    ("脸都憋紫了", "breath"), ("她血糖特别低，手直抖", "illness"),
    ("I think my sugar is really low", "illness"), ("我这心口窝子绞着疼", "chest"),
    # what comes before "他说/她说" counts; a first-aid question about someone here
    ("老伴在厕所摔倒了，她说起不来了", "fall"), ("我老伴胸口疼得厉害，他说喘不上气", "chest"),
    ("老伴噎住了怎么急救", "breath"),
    # a call for someone or for a hand up, a body on the floor for long, someone who does not wake
    ("你快帮我叫人", "help"), ("谁来扶我一把", "help"), ("快拉我一把", "help"),
    ("我躺在地上半天了，没人来", "fall"), ("我妈叫不醒", "faint"), ("我老伴突然说不了话了", "stroke"),
])
def test_kinds(text: str, kind: str) -> None:
    found = detect_emergency(text)
    assert found is not None and found.kind == kind and found.text == text


@pytest.mark.parametrize("text", ["电视里有人摔倒了", "我没摔倒", "要是摔倒了怎么办", "听说他摔倒了",
                                  "去年摔了一跤", "", "   ",
                                  # one soft sign of a stroke alone, or numbness from sitting
                                  "我有点头晕", "我腿麻了", "我腿坐麻了，头有点晕", "头晕手脚发麻是什么原因",
                                  "我没有头晕，手也不麻了",
                                  # hyperbole, missing someone, someone else's words, the wish denied
                                  "累死了", "笑死我了", "热死了", "想死你了", "这个电视剧里他不想活了",
                                  "你不想活了？", "我不想死", "I'm dying to see you", "I don't want to die",
                                  # hyperbole, things and pets, a fright, a general word about medicine
                                  "热得我都不想活了", "气得我吐血", "我家猫走丢了", "衣服烫坏了一大片",
                                  "吓出一身冷汗，手都抖了", "药吃多了伤胃",
                                  # a simile, a game, things in the water or out of air, a laugh, dentures
                                  "像触电一样", "游戏里被电死了", "钥匙掉河里了", "球没气了", "笑得喘不上气",
                                  "戴了假牙说话不清楚", "差点摔倒", "怎么防煤气中毒", "咋样才能不中暑",
                                  "外套划了个大口子", "I'm drowning in work", "The news was a shock",
                                  # first aid asked about no one, a fish bone, things stuck or falling,
                                  # a slip of the tongue, a mild low, hearsay
                                  "噎住了怎么急救", "老人摔倒了怎么处理", "鱼刺卡在喉咙里了", "门卡住了",
                                  "股票跌到了", "我嘴瓢了，说错了", "血糖有点低", "他说张大爷摔倒了",
                                  "我儿子打电话来，他说张大爷摔倒了",
                                  # a habit, work, a pet that is fine, a sound sleep, an errand
                                  "早上我总是起不来", "忙得我喘不过气来", "猫从桌上摔下来了，一点事都没有",
                                  "孙子叫都叫不醒，睡得正香", "帮我叫人来修水管", "你扶我去公园走走",
                                  "I can't get up this early anymore"])
def test_not_emergencies(text: str) -> None:
    assert detect_emergency(text) is None


def test_replies() -> None:
    fall = Emergency(kind="fall", phrase="摔倒了", text="我摔倒了，起不来了")
    zh = emergency_reply(fall, language="zh")
    assert "一二零" in zh and "家人" in zh
    with_phone = EmergencyAdvice(family_phone="138 0000 0000")
    assert "一三八" in emergency_reply(fall, language="zh", advice=with_phone)
    en = emergency_reply(fall, language="en", advice=EmergencyAdvice(number="911"))
    assert "911" in en and "family" in en
    fire = emergency_reply(Emergency(kind="fire", phrase="着火了", text="着火了"), language="zh")
    assert "一一九" in fire
    assert "一二零" in fire  # someone hurt: still the ambulance
    lost = detect_emergency("我出来买菜走丢了，不知道这是哪儿")
    assert lost is not None and lost.kind == "lost"
    assert "原地" in emergency_reply(lost, language="zh") and "一一零" in emergency_reply(lost, language="zh")
    assert "一二零" in emergency_reply(lost, language="zh")
    burn = Emergency(kind="burn", phrase="烫伤了一大片", text="烫伤了一大片")
    assert "凉水" in emergency_reply(burn, language="zh") and "cold" in emergency_reply(burn, language="en")
    assert spoken_digits("120") == "一二零"


def test_crisis_reply_stays_calls_120_tells_the_family_and_gives_the_help_line() -> None:
    crisis = detect_emergency("我不想活了")
    assert crisis is not None and crisis.kind == "crisis"
    zh = emergency_reply(crisis, language="zh")
    assert "陪着您" in zh and "一二零" in zh and "家人" in zh and "一二三五六" in zh, zh
    assert len(zh) <= 80  # short: it is spoken at once
    none = emergency_reply(crisis, language="zh", advice=EmergencyAdvice(crisis_line="", has_channel=False))
    assert "热线" not in none and "一二零" in none and "告诉您的家人" in none
    en = emergency_reply(crisis, language="en", advice=EmergencyAdvice(number="911", crisis_line="988"))
    assert "here with you" in en and "911" in en and "family" in en and "9 8 8" in en, en
    fall = Emergency(kind="fall", phrase="摔倒了", text="我摔倒了")
    assert "热线" not in emergency_reply(fall, language="zh")  # the help line is for a crisis only


@pytest.mark.parametrize("text", ["我妈说她不想活了", "老伴说不想活了", "我爸刚才说，活着没意思",
                                  "我妈刚才哭了，她说活着没意思",
                                  "My mum just said she doesn't want to live anymore"])
def test_a_wish_to_die_relayed_by_someone_close_is_a_crisis(text: str) -> None:
    found = detect_emergency(text)
    assert found is not None and found.kind == "crisis" and found.relayed, found


@pytest.mark.parametrize("text", ["我妈以前说过不想活了，现在天天乐呵呵的", "我老伴说他活够了？开玩笑的",
                                  "他不想活了", "奶奶说她想死你了", "My mum doesn't want to die",
                                  "我妈说她不想活得这么累，想出去旅游"])
def test_relayed_words_past_joking_or_not_a_wish_are_no_crisis(text: str) -> None:
    assert detect_emergency(text) is None


def test_own_words_are_not_relayed() -> None:
    for text in ("我不想活了", "我跟老伴说我不想活了", "我不想拖累孩子们，想一死了之"):
        found = detect_emergency(text)
        assert found is not None and found.kind == "crisis" and not found.relayed, text


def test_a_relayed_crisis_is_answered_to_the_helper() -> None:
    relayed = detect_emergency("我妈说她不想活了")
    assert relayed is not None
    zh = emergency_reply(relayed, language="zh")
    assert "陪着他" in zh and "一二零" in zh and "通知家人" in zh and "一二三五六" in zh, zh
    assert "陪着您" not in zh and "您不是一个人" not in zh and len(zh) <= 90
    quiet = emergency_reply(relayed, language="zh", advice=EmergencyAdvice(has_channel=False, crisis_line="",
                                                                          family_phone="13800000000"))
    assert "我会告诉家人" in quiet and "热线" not in quiet and "一三八" in quiet and "一二零" in quiet, quiet
    assert emergency_reply(relayed, language="zh", advice=EmergencyAdvice(offer_call=True)).endswith(
        "要我现在给家人打电话吗？")
    en = emergency_reply(relayed, language="en", advice=EmergencyAdvice(number="911", crisis_line="988"))
    assert "stay with them" in en and "911" in en and "telling the family" in en and "9 8 8" in en, en
    assert "you're not alone" not in en


@pytest.mark.parametrize("kind", ["shock", "drowning", "gas", "heat", "cold", "allergy", "swallowed"])
def test_cause_replies_say_120_the_family_and_their_own_first_aid(kind: str) -> None:
    found = Emergency(kind=kind, phrase="", text="")
    zh, en = emergency_reply(found, language="zh"), emergency_reply(found, language="en")
    assert "拨打一二零急救电话" in zh and "通知您的家人" in zh, zh
    assert "Call 120" in en and "family" in en, en
    assert zh.index("一二零") > 4 and en.index("120") > 4  # the kind's own first aid comes first
    assert kind in KIND_LABELS


def test_first_aid_for_a_shock_and_for_the_water() -> None:
    shock = detect_emergency("老伴触电了")
    assert shock is not None and "电闸" in emergency_reply(shock, language="zh")
    water = detect_emergency("老伴掉河里了")
    assert water is not None and "别下水" in emergency_reply(water, language="zh")
    gas = detect_emergency("烧着煤炉，头疼恶心")
    assert gas is not None and "开窗" in emergency_reply(gas, language="zh")
    assert "一一九" not in emergency_reply(gas, language="zh")  # poisoning: an ambulance, not the firemen


def test_the_family_console_names_every_kind() -> None:
    script = (HERE.parents[1] / "clients" / "web" / "family-care.js").read_text(encoding="utf-8")
    maps = script.split("category: {")[1:]
    assert len(maps) == 2  # Chinese and English
    for kind in KIND_LABELS:
        assert all(f" {kind}: " in block.split("}")[0] for block in maps), kind


def test_family_message_names_the_kind() -> None:
    at = datetime(2026, 11, 30, 8, 5, tzinfo=UTC)
    message = AlertMessage(alert_id=1, kind="emergency", category="crisis", user_name="王奶奶",
                           text="我不想活了", at=at, advice=advice_note("120"))
    assert message.summary().startswith("【紧急求助：情绪危机】王奶奶刚才说：“我不想活了”")
    assert "陪着" in message.summary()
    assert set(KIND_LABELS) >= {"fall", "help", "chest", "breath", "stroke", "faint", "bleeding", "fire",
                                "poison", "crisis", "burn", "lost", "illness"}


def test_crisis_line_setting_is_checked() -> None:
    AlertSettings(crisis_line="400-161-9995").check()
    AlertSettings(crisis_line="").check()
    with pytest.raises(ConfigError, match=r"alerts\.crisis_line"):
        AlertSettings(crisis_line="call me").check()


@pytest.mark.parametrize("said", ["有人在撬我家的门，我好害怕", "家里进小偷了", "有人闯进我家了", "我被抢了",
                                  "someone is breaking in", "I'm being robbed"])
def test_a_break_in_now_is_an_emergency_for_the_police(said: str) -> None:
    found = detect_emergency(said)
    assert found is not None and found.kind == "intruder", found
    reply = emergency_reply(found, language="en" if said.isascii() else "zh")
    assert ("一一零" in reply and "一二零" in reply and "家人" in reply) if not said.isascii() \
        else ("110" in reply and "family" in reply), reply


@pytest.mark.parametrize("said", ["我怕小偷进来", "如果家里进了小偷怎么办", "小偷一般怎么撬门",
                                  "我家门锁坏了，撬不开", "有人在敲门", "昨天新闻说有人被抢了"])
def test_talk_of_thieves_is_no_break_in(said: str) -> None:
    assert detect_emergency(said) is None


@pytest.mark.parametrize(("said", "language", "words"), [
    # someone else in danger: the user is the helper (a blind probe: "老伴…噎住了" got "请您坐直，慢慢呼吸")
    ("老伴吃东西噎住了，脸都憋红了！", "zh", ("让他使劲咳嗽", "向里向上冲压")),
    ("孙女吃果冻卡住了", "zh", ("让她使劲咳嗽",)),  # she, for a woman or girl
    ("我妈摔倒了，起不来", "zh", ("先别急着扶她起来",)),
    ("老伴胸口疼得厉害", "zh", ("让他马上坐下或躺下",)),
    ("我老伴说话说不清楚，嘴也歪了", "zh", ("记住是几点发病的",)),
    ("老伴突然晕倒了，没呼吸了", "zh", ("胸外按压",)),
    ("My husband is choking!", "en", ("Get them to cough hard",)),
    ("My husband just collapsed and he's not breathing.", "en", ("chest compressions",)),
    ("He fell down the stairs and can't get up", "en", ("Don't rush to lift them",)),
    # the user herself
    ("我噎住了", "zh", ("请使劲咳嗽", "椅背")),
    ("我摔倒了，起不来了", "zh", ("您先别急着起来",)),
    ("I fell and I can't get up.", "en", ("Please don't try to get up quickly",)),
])
def test_first_aid_is_said_for_whoever_is_in_danger(said: str, language: str, words: tuple[str, ...]) -> None:
    found = detect_emergency(said)
    assert found is not None, said
    reply = emergency_reply(found, language=language)
    assert all(word in reply for word in words), reply
    assert ("120" in reply) if language == "en" else ("一二零" in reply)
    if language == "zh" and "他" in words[0] + reply[:4]:
        assert "请您坐直" not in reply and "您先别急着起来" not in reply


@pytest.mark.parametrize(("text", "phrase", "who"), [
    ("我老伴噎住了", "噎住了", "老伴"), ("我噎住了", "噎住了", ""), ("噎住了", "噎住了", ""),
    ("He collapsed", "collapsed", "He"), ("I collapsed", "collapsed", ""), ("你摔倒了吗", "摔倒", ""),
])
def test_who_the_sign_is_told_of(text: str, phrase: str, who: str) -> None:
    assert someone_else(text, phrase) == who
