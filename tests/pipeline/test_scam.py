"""A likely fraud told of (assistant/pipeline/scam.py): warned of in code, never left to the LLM."""

from __future__ import annotations

import asyncio

import pytest

from assistant.llm.base import ChatMessage, ChatRequest
from assistant.pipeline.scam import warning
from assistant.pipeline.tooling import plan_text_turn

TOLD = [
    ("邻居说她接到电话，说中了大奖，要先交五百块税才能领奖", "prize"),
    ("短信说我有一笔退款，要先付手续费", "prize"),
    ("那个人说我的社保卡异常了，让我把钱转到安全账户", "account"),
    ("说我存折被冻结了", "account"),
    ("来电话的说是派出所的警官，说我涉案了，要保密", "police"),
    ("银行的人让我把验证码报给他", "code"),
    ("微信上有人发了个链接，说点开能领补贴", "link"),
    ("有个语音电话让我按九转人工", "press"),
    ("他们说这个项目稳赚不赔", "interest"),
    ("我外孙说他撞了人，让我赶紧汇五万块钱过去", "kin_money"),
    ("说是我老战友，在QQ上跟我借钱", "kin_money"),
    ("那个偏方据说能根治高血压", "remedy"),
    ("有个不认识的人敲门，说是燃气公司的，要进来检查", "door"),
    ("刚才有人按门铃说是物业的，来修水管", "door"),
    ("查煤气的在外面叫我开门", "door"),
    ("A stranger knocked on my door and says he has to check the gas meter.", "door"),
    ("Someone phoned to say I won the lottery and must pay the tax first.", "prize"),
    ("They told me to move my savings to a safe account.", "account"),
    ("The caller asked me to read him the code from my phone.", "code"),
    ("My grandson says he was arrested and needs me to wire money for bail.", "kin_money"),
    ("我孙子打电话说他出车祸了要我打钱", "kin_money"), ("银行打电话说我的卡被冻结了", "account"),
    # one who says he is kin and wants money sent (held-out set 39: "请先给他转5000块钱" from the 1.5B)
    ("微信上有人说是我孙子，让我先给他转5000块钱", "kin_money"),
    ("QQ上说是我侄子，要我给他转三千", "kin_money"),
    ("有个人加我微信，自称是我外孙，让我给他打两千块钱", "kin_money"),
    ("有人发消息说是我儿子，手机丢了，让我转五千到新账户", "kin_money"),
    ("Someone on WeChat says he's my grandson and wants me to send him 5000 yuan.", "kin_money"),
    # a code to scan or an app for a refund (a blind probe: the 1.5B explained how to scan it)
    ("快递员说包裹丢了，让我扫码领赔偿。", "prize"), ("快递丢了，客服让我加微信领理赔", "prize"),
    ("客服让我下载个软件办退款", "prize"),
    ("The courier says my parcel is lost and I should scan a QR code to get compensation", "prize"),
    # a password or card number asked for by a caller (a blind probe: the 1.5B asked her for the PIN)
    ("Someone called saying they're from my bank and they need my PIN.", "code"),
    ("The bank sent a text asking me to confirm my card number", "code"),
    ("银行打电话让我报一下密码。", "secret"), ("有人问我要银行卡密码", "secret"),
    ("电话里说是客服，让我提供银行卡号", "secret"),
]
# her own banking, fraud in general, interest, a grandson's news, a real prize
NOT_TOLD = [
    "银行卡丢了怎么办？", "怎么防诈骗？", "什么是电信诈骗？", "存款利息多少？", "我孙子今天考试得了一百分",
    "我儿子下周回来看我", "我中午吃了饺子", "我去银行取钱", "我给孙子打了个电话", "社区医院几点开门？",
    "我孙子住院了，我想去看他", "高血压吃什么保健品好？", "How do I spot a scam?", "I won at cards today!",
    "My son called me this morning.", "有人敲门，是我儿子回来了", "物业的人上午来修过水管了",
    "Someone knocked, it was my neighbour.", "I forgot my bank card pin.",
    # family money in person is no fraud ("这很可能是骗子" would wrong her son)
    "我儿子住院了，要交五千块押金", "我闺女急用钱，我给她转了一万", "我儿子急用钱，让我给他转五万",
    "我的卡被冻结了，去银行问问",
    "我给孙子转了五百块压岁钱", "说是我孙子考上大学了，要请客吃饭", "我闺女说让我别给她转钱",
    "我手机丢了怎么办", "我用微信扫码付钱买菜", "孙子教我扫码付款", "How do I scan a QR code?",
    "Can I claim my pension through the app?",
    "How do I change my PIN?", "I forgot my password, what do I do?", "我忘了银行卡密码怎么办",
    "孙子问我手机密码是多少", "我想改一下银行卡密码", "My daughter called and asked for the wifi password.",
]


@pytest.mark.parametrize(("said", "kind"), TOLD)
def test_a_likely_fraud_is_warned_of(said: str, kind: str) -> None:
    found = warning(said, "en" if said.isascii() else "zh")
    assert found is not None and found[0] == kind, found
    if said.isascii():
        assert {"door": "open the door", "remedy": "buy"}.get(kind, "scam") in found[1]
        assert "family" in found[1]
    else:
        assert "幺幺零" in found[1] and "家里人" in found[1]
        assert {"door": "别开门", "remedy": "别买"}.get(kind, "别转") in found[1]
        assert "孩子" not in found[1]  # the one asking may be an old friend


@pytest.mark.parametrize("said", NOT_TOLD)
def test_other_words_are_left_alone(said: str) -> None:
    assert warning(said, "en" if said.isascii() else "zh") is None


def test_a_session_warns_before_anything_else() -> None:
    async def request(text: str, language: str) -> ChatRequest:
        return ChatRequest(messages=[ChatMessage(role="user", content=text)])

    extra: dict[str, object] = {}
    plan = asyncio.run(plan_text_turn(None, "刚才有人打电话说我中奖了，要我先交手续费", language="zh",
                                      reply_id=1, speed=1.0, extra=extra, committed=None, remote=False,
                                      request=request))
    assert extra["scam"] == "prize" and "骗子" in plan.fixed_text  # type: ignore[attr-defined]
