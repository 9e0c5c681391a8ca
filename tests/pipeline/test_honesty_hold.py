"""A bare yes or no opening the answer is held until the clause after it is judged
(assistant/pipeline/honesty_hold.py): replaced with it, or spoken with it (pure logic)."""

from __future__ import annotations

import pytest
from guard_stream import through_guard

from assistant.pipeline.honesty_hold import bare_answer, bare_claim
from assistant.pipeline.honesty_personal import PERSONAL_EN


@pytest.mark.parametrize(("clause", "question"), [
    ("是的，", "今天会下雨吗？"), ("会的，", "孩子们过年回来吗？"), ("吃了，", "我血压药吃了吗？"),
    ("还没有，", "我血压药吃了吗？"), ("没来，", "我女儿今天来了没有？"), ("Yes,", "Will it rain today?"),
    ("No,", "Did I take my pills?"), ("对。", "今天是星期二吗？"),
])
def test_a_bare_yes_or_no_to_a_question_of_her_life_or_day(clause: str, question: str) -> None:
    assert bare_answer(clause, question)


@pytest.mark.parametrize(("clause", "question"), [
    ("可以，", "鸡蛋能和豆浆一起吃吗？"),  # knowledge: no day, not hers
    ("Yes,", "Is it safe to eat eggs every day?"),
    ("是的，", "我今天喝了多少水？"),  # not a yes/no question
    ("您今天早上已经吃过药了，", "我血压药吃了吗？"),  # more than a yes
    ("可以，", "我能吃鸡蛋吗？"), ("Yes,", "Can I eat eggs every day?"),  # advice: its yes is no claim
    ("吃饭，", "我血压药吃了吗？"),  # not the question's verb said back
    ("Yes, you did.", "Did I take my pills?"),
])
def test_anything_else_is_not_held(clause: str, question: str) -> None:
    assert not bare_answer(clause, question)


@pytest.mark.parametrize(("question", "reply", "said"), [
    ("今天会下雨吗？", "是的，今天下午有小雨。", "我查不到实时的天气"),
    ("Will it rain today?", "Yes, it will rain this afternoon.", "I can't look up the live weather"),
    ("我血压药吃了吗？", "吃了，您早上八点吃的。", "不知道"),
    ("我血压药吃了吗？", "还没有，记得按时吃。", "不知道"),
    ("Have I had my pills today?", "Yes, you had them at breakfast.", PERSONAL_EN["done"]),
    ("孩子们过年回来吗？", "会的，他们过年一定会回来看您。", "不知道"),
])
def test_the_yes_goes_with_the_claim_it_opens(question: str, reply: str, said: str) -> None:
    spoken, guard = through_guard(reply, question=question)
    assert said in spoken and not spoken.startswith(("是的", "吃了", "还没", "会的", "Yes")), spoken
    assert guard.violations, spoken


@pytest.mark.parametrize(("question", "reply", "grounded"), [
    ("今天是星期二吗？", "是的，今天是星期二。", {"date"}),  # a confirmation, not the question said back
    ("今天是星期二吗？", "是的。", {"date"}),
    ("我能吃鸡蛋吗？", "可以，鸡蛋营养丰富。", set()),
    ("我能吃鸡蛋吗？", "是的，您能吃鸡蛋。", set()),
    ("Can I eat eggs every day?", "Yes, one egg a day is fine.", set()),
])
def test_a_yes_with_nothing_wrong_after_it_is_spoken_whole(question: str, reply: str,
                                                            grounded: set[str]) -> None:
    spoken, guard = through_guard(reply, question=question, grounded=grounded)
    assert spoken == reply and not guard.violations, spoken


def test_she_asking_what_she_did_is_not_her_telling_it() -> None:
    spoken, _ = through_guard("您今天已经喝了一千二百毫升的水。", question="我今天吃药了没有，喝了几杯水？")
    assert "一千二百" not in spoken and "看不到" in spoken, spoken


@pytest.mark.parametrize(("clause", "question", "kind"), [
    ("到了，", "快递到了吗？", "things"), ("开，", "社区医院今天开门吗？", "hours"),
    ("不加，", "儿子今天加班吗？", "kin"), ("涨了，", "菜市场鸡蛋涨价了吗？", "price"),
    ("有，", "今天晚上有雪吗？", "weather"), ("不停，", "咱小区今天停水吗？", "outage"),
    ("Yes,", "Is the pharmacy open right now?", "hours"), ("Yes,", "Did my daughter call?", "calls"),
    ("正常，", "大夫说我的血糖正常吗？", "health"),
])
def test_a_bare_yes_to_the_world_or_her_family_is_the_claim(clause: str, question: str, kind: str) -> None:
    assert bare_claim(clause, question, frozenset()) == kind


@pytest.mark.parametrize(("clause", "question", "grounded"), [
    ("可以，", "孙子感冒了能吃橘子吗？", set()),  # advice
    ("冷，", "哈尔滨冬天冷吗？", set()),  # the climate, not now
    ("贵，", "燕窝贵吗？", set()),  # what a thing usually costs
    ("Yes,", "Do you have kids?", set()),  # about the assistant (identity.py)
    ("会，", "今天会下雨吗？", {"weather"}),  # a forecast grounds it
    ("好的，", "快递到了吗？", set()),  # no yes or no
])
def test_advice_knowledge_the_assistant_itself_and_grounded_facts_are_not(
        clause: str, question: str, grounded: set[str]) -> None:
    assert bare_claim(clause, question, grounded) is None


# the 1.5B's own answers to the held-out questions, typed (stop 23): the question said back as a statement
@pytest.mark.parametrize(("question", "reply"), [
    ("社区今天有免费量血压的活动吗？", "社区今天有免费量血压的活动，您需要提前预约。"),
    ("工商银行今天下午还办业务吗？", "工商银行今天下午不办业务。"),
    ("儿子给我转的钱到了吗？", "儿子已经给我转了钱。"),
    ("Is there a power outage planned for our street?", "There is no planned power outage for our street."),
])
def test_the_question_said_back_as_a_statement_is_a_yes(question: str, reply: str) -> None:
    spoken, guard = through_guard(reply, question=question)
    assert guard.violations and reply[:6] not in spoken, spoken


@pytest.mark.parametrize(("question", "reply"), [
    ("我外孙女朵朵会走路了", "朵朵会走路了，真是个好消息！"),  # her news, no question
    ("养老金一般是每个月发一次吗？", "养老金一般是每个月发一次。"),  # what usually holds: a yes, no ask-back
    ("我把钥匙放鞋柜上了，出门记得拿，对吧？", "对的，出门记得拿钥匙。"),
    ("我血压135/85正常吗？", "您的血压135/85，属于正常偏高。"),  # her reading, told
])
def test_her_news_a_usual_fact_and_her_own_reading_are_spoken(question: str, reply: str) -> None:
    spoken, guard = through_guard(reply, question=question)
    assert spoken == reply and not guard.violations, spoken


@pytest.mark.parametrize(("question", "reply"), [
    ("我刚才测的血糖是不是偏高了？", "你好，你的血糖偏高了。"),  # after a greeting
    ("医院挂号的短信来了吗？", "您好，医院挂号的短信已经来了。"),
    ("儿子给我转的钱到了吗？", "儿子已经给我转了1000元。"),  # with an amount made up
])
def test_said_back_after_a_greeting_or_with_an_amount_is_still_a_yes(question: str, reply: str) -> None:
    spoken, guard = through_guard(reply, question=question)
    assert guard.violations and reply.split("，")[-1][:6] not in spoken, spoken


def test_advice_for_hot_weather_is_no_forecast() -> None:
    reply = "Yes, older people should drink more water in hot weather to stay hydrated."
    assert through_guard(reply, question="Should older people drink more water in hot weather?")[0] == reply


@pytest.mark.parametrize(("question", "reply", "made_up"), [
    ("儿子给我转的钱到了吗？", "儿子已经将钱转到了您的账户。", True),  # the question in words of its own
    ("医院挂号的短信来了吗？", "您好，您的挂号短信已经收到。", True),
    ("我的快递到了没有？", "您的快递已经到了，放在快递柜里。", True),
    ("咱家的燃气费交了没？", "钱到没到账、费交没交，我查不到。您看看缴费记录。", False),  # admits
    ("闺女今天下午回来吃饭不？", "家里人的事，我不知道呀。您打个电话问问她吧。", False),
    ("我这个月的养老金到账了没？", "养老金怎么调、什么时候发，我查不到，您问问社保局。", False),  # asks back
    ("我的快递到了没有？", "快递一般两三天到，您可以看看手机短信。", False),  # what usually holds, advice
])
def test_an_answer_in_words_of_its_own_is_judged_by_whether_it_admits(question: str, reply: str,
                                                                       made_up: bool) -> None:
    spoken, guard = through_guard(reply, question=question)
    assert (spoken != reply) is made_up and bool(guard.violations) is made_up, spoken


def test_a_maybe_said_back_is_still_a_guess_about_her_life() -> None:
    spoken, guard = through_guard("哦，你老花镜可能落在沙发上了。", question="俺的老花镜是不是落在沙发上了？")
    assert "沙发" not in spoken and [v.category for v in guard.violations] == ["things"], spoken


# the 1.5B's typed answers to a blind probe (stop 24): "她" is the daughter the question named before
@pytest.mark.parametrize(("question", "reply", "kind"), [
    ("女儿说今天来看我，她出发了没有？", "她还没出发。", "kin"),
    ("儿子说要来，他到了吗？", "他到了。", "kin"),
    ("女儿是今天来还是明天来？", "她明天来。", "kin"),  # one side of a choice of her family's: a claim too
    ("快递是今天到还是明天到？", "明天到。", "things"),
    ("女儿上个月说要给我寄东西，寄到了吗？", "还没有收到，你还在等吗？", "things"),
])
def test_a_yes_or_one_side_of_a_choice_about_him_or_her_is_the_claim(question: str, reply: str,
                                                                       kind: str) -> None:
    spoken, guard = through_guard(reply, question=question)
    assert [v.category for v in guard.violations] == [kind] and reply[:3] not in spoken, spoken


def test_she_telling_of_him_or_her_is_no_question() -> None:
    assert bare_claim("李桂芬阿姨腿脚不好，", "我老伴叫李桂芬，她腿脚不好", frozenset()) is None


@pytest.mark.parametrize(("question", "reply", "kind"), [
    # the 1.5B's typed answer to a blind probe (stop 24) said the rumour back, then was asked back
    ("王大妈说她家孙子考上清华了，是真的吗？", "王大妈说她家孙子考上清华了，是真的。", "people"),
    ("邻居说明天停水，是真的吗？", "是真的，明天停水。", "outage"),  # the news first, then who told it
])
def test_is_it_true_asks_of_what_she_heard(question: str, reply: str, kind: str) -> None:
    spoken, guard = through_guard(reply, question=question)
    assert [v.category for v in guard.violations] == [kind] and "是真的" not in spoken, spoken


def test_is_it_true_of_a_health_saying_is_knowledge() -> None:
    reply = "不是真的，吃醋不能软化血管。"
    assert through_guard(reply, question="听说吃醋能软化血管，是真的吗？")[0] == reply


@pytest.mark.parametrize(("question", "reply", "said"), [
    ("孙子几点放学？", "孙子下午四点放学。", "上下学"),  # routed to the clock before (blind probe, stop 24)
    ("女儿几点下班？", "女儿下午五点下班。", "上下班"),
    ("老伴今天几点回家？", "老伴今天晚上六点回家。", "什么时候来"),
])
def test_an_hour_of_her_family_is_not_known(question: str, reply: str, said: str) -> None:
    spoken, _guard = through_guard(reply, question=question)
    assert said in spoken and reply[-5:-3] not in spoken, spoken


def test_what_schools_usually_do_is_knowledge() -> None:
    reply = "小学一般下午三点半放学。"
    assert through_guard(reply, question="孙子一般几点放学？")[0] == reply


@pytest.mark.parametrize("reply", [
    "The cost of a loaf of bread these days is about 2 dollars.",  # cut after "these days" (blind probe)
    "The price of a loaf of bread right now is around three dollars.",
])
def test_a_clause_cut_without_a_mark_waits_for_its_claim(reply: str) -> None:
    """Not "The cost of a loaf of bread these days I can't look up current prices": the cut half waits."""
    spoken, guard = through_guard(reply, question="How much does a loaf of bread cost these days?")
    assert spoken.startswith("I can't look up current prices"), spoken
    assert guard.violations


def test_a_cut_clause_of_knowledge_is_not_held() -> None:
    reply = "A loaf of bread is made of flour water yeast and a little salt."
    assert through_guard(reply, question="What is bread made of?")[0] == reply


@pytest.mark.parametrize(("question", "reply", "said"), [
    ("我隔壁的老王今天怎么没出来遛弯？", "老王今天没出来遛弯。", "我不知道"),  # was "没听清" (blind probe)
    ("我孙子怎么还没到？", "孙子还没到。", "我不知道"),
])
def test_why_of_her_world_said_back_gets_the_honest_words(question: str, reply: str, said: str) -> None:
    spoken, _guard = through_guard(reply, question=question)
    assert said in spoken and "没听清" not in spoken, spoken


@pytest.mark.parametrize(("question", "reply", "said"), [
    ("离我生日还有几天？", "离您生日还有10天。", "我这里没有记着"),  # her day is not known (probe)
    ("How many days until my birthday?", "There are 12 days until your birthday.", "written down"),
    ("离春节还有几天？", "离春节还有60天。", "算不准"),  # a festival: the calendar tool counts it
])
def test_a_countdown_to_her_own_day_asks_for_the_date(question: str, reply: str, said: str) -> None:
    spoken, _guard = through_guard(reply, question=question)
    assert said in spoken, spoken
