"""Questions that take an impossible thing as fact: a person of long ago with a thing of today
("秦始皇的手机是什么牌子的？", "李白用的什么手机？"), an animal that lays no eggs laying one
("公牛下的蛋能吃吗？", "猫为什么会下蛋？"), a day with a colour or a taste ("星期三是什么颜色的？"), a
thing of the house doing what only a living thing does ("冰箱为什么会飞到天上去？": the 1.5B said it is
a star that flies freely). The 1.5B model plays along and invents the brand, the taste or the colour, so
such a question is answered here, in code: it is not so, said kindly, and what she may have meant asked.

Only these kinds, each named by its words: the person of long ago directly owning or using the thing
("李白|用的什么|手机"; not "李白的诗用手机怎么查", "秦始皇的电视剧"), the animal as a word of its own
before laying ("公牛|下的蛋"; not "蜗牛下的蛋", which is real). Pure logic.
"""

from __future__ import annotations

import re

# Well-known people of imperial China (before 1900), as older people speak of them.
_OF_OLD = ("秦始皇|汉武帝|唐太宗|李世民|武则天|宋太祖|朱元璋|成吉思汗|康熙|雍正|乾隆|慈禧|孔子|孟子|老子|庄子"
           "|屈原|李白|杜甫|白居易|王维|李清照|苏轼|苏东坡|王羲之|诸葛亮|曹操|刘备|关羽|张飞|岳飞|包拯|华佗"
           "|李时珍|郑和|唐伯虎|林则徐")
# Things of the last hundred years.
_OF_TODAY = ("手机|电话|电视机?|电脑|微信|支付宝|汽车|小汽车|飞机|火车|高铁|冰箱|空调|电灯|电饭煲|照相机|相机"
             "|自行车|互联网|网购|银行卡")
_ANACHRONISM = re.compile(
    rf"(?P<who>{_OF_OLD})(?:的|用的|用过的|用|有|玩的?|开的?|坐的?|打的?)(?:是)?(?:什么|啥|哪个|哪种)?(?:牌子的|样的)?"
    rf"(?P<what>{_OF_TODAY})(?![剧台节片])")
# Animals that lay no eggs, each a word of its own (not 蜗|牛, 天|牛, 犀|牛).
_NO_EGGS = "公鸡|公鸭|公牛|奶牛|黄牛|水牛|牛|猫|狗|猪|羊|马|兔子|老鼠|大象|猴子"
_EGG = re.compile(rf"(?:^|[的只头条匹家那这个小我你他她])(?P<who>{_NO_EGGS})"
                  r"(?:为什么|怎么)?(?:会|能)?(?:下|生|产)的?蛋")
# A colour, taste or smell asked of a day or a time, which have none ("星期三是什么颜色的？").
_DAYS = (r"星期[一二三四五六日天]|礼拜[一二三四五六日天]|周[一二三四五六日]|[一二三四五六七八九十]{1,2}月份?"
         r"|今天|明天|昨天")
_SENSED = re.compile(rf"(?:^|[，,])(?P<who>{_DAYS})(?:是|长)?(?:什么|啥)(?P<what>颜色|味道|味儿|气味|形状)"
                     r"(?:的|呢|啊|呀)*[？?。！!]*$")
# A thing of the house asked why it does what only a living thing does ("冰箱为什么会飞到天上去？",
# "桌子怎么会走路"): not a noise or a drip, which machines do make.
_THINGS = ("冰箱|空调|电饭锅|电饭煲|微波炉|桌子|椅子|凳子|柜子|沙发|床|房子|石头|锅|碗|筷子|杯子|茶杯|暖壶"
           "|暖水瓶")
_ALIVE = re.compile(rf"(?:^|[的个张把台只这那我你他她家里])(?P<who>{_THINGS})(?:为什么|为啥|怎么)"
                    r"(?:会|能|老是?|总是?)?(?P<what>飞|说话|唱歌|走路|跑步?|游泳|下蛋|哭|笑|吃饭|长腿|睡觉)(?![电气水冰霜味偏])")
_ASKING = re.compile(r"[？?吗呢]|什么|啥|哪|怎么|为什么|多少|几")


def honest_reply(text: str, language: str) -> tuple[str, str] | None:
    """``(kind, reply)`` for a question that takes an impossible thing as fact, None for any other."""
    if language != "zh" or not _ASKING.search(text):
        return None
    if found := _ANACHRONISM.search(text):
        who, what = found["who"], found["what"]
        return "anachronism", (f"{who}是很久很久以前的人，那时候还没有{what}呢。"
                               f"您是想听听{who}的故事吗？")
    if found := _SENSED.search(text):
        who, what = found["who"], found["what"].replace("味儿", "味道")
        return "no_such_sense", f"{who}是个日子，没有{what}呀。您是想问{who}的什么事呢？"
    if found := _ALIVE.search(text):
        who, what = found["who"], found["what"]
        return "not_alive", f"{who}不会{what}呀，它不是活的东西。您是想问{who}的什么事呢？"
    if found := _EGG.search(text):
        who = found["who"]
        return "no_eggs", (f"{who}是不下蛋的，下蛋的是母鸡、母鸭这些禽鸟。"
                           "您是想问哪一样呢？")
    return None
