"""Safe advice, in code, for a danger outdoors asked of (whether it is all right, how to be safe). Pure logic.

Asked on the shipped 1.5B model (discovery 12, 2026-12-02), "河面结冰了，能上去走走吗？" got "当然可以。";
"打雷下雨的时候能在大树底下躲雨吗？" went to the weather ("我现在查不到天气") and "过马路的时候绿灯一闪一闪
的，还能走吗？" to the sparking-socket advice. So a question about one of these dangers outside is answered
here, by topic:

* ``ice``: going on the ice of a river, lake, pond or reservoir, or out on a road slippery with snow or ice;
* ``storm``: thunder and lightning while outside (under a tree, by the water, on a bike, on the phone);
* ``road``: crossing against a red or flashing light, or where there is none;
* ``water``: swimming or wading in a river, lake or reservoir;
* ``heat``: hard work or a walk in the midday heat;
* ``dog``: a dog that chases or jumps at her.

Only a question is answered (能/可以/行不行/没事吧/怎么/注意/吗); a fright told after ("刚才过马路差点被车
撞了") and questions of fact ("为什么打雷会先看见闪电", "明天会打雷吗") go on as before. Someone in the
water or on the ice now is an emergency, found first (``care.emergency``).
"""

from __future__ import annotations

import re

_S = r"[^。？！?!]{0,14}"  # within one sentence (a comma allowed)
_NEAR = r"[^。，？！?!,]{0,8}"  # within one clause
_WATER = r"(?:河|湖|池塘|水塘|水库|江|海子|塘|冰面)"
_FROZEN = r"(?:结冰|结了冰|冻上|冻住|冻实|冻透|冰面|冰上|的冰|冰层|冰冻)"
_ON_IT = r"(?:走|上去|踩|滑|玩|过去|站|钓鱼|溜|跑)"
_STORM = r"(?:打雷|打着雷|打起雷|雷声|雷雨|雷阵雨|闪电|打闪|雷电|响雷)"
_OUT = (r"(?:树|外面|外头|户外|野外|河边|湖边|江边|水边|钓鱼|打电话|接电话|手机|骑|电动车|自行车|山上"
        r"|躲雨|田里|地里|游泳|伞|空地|广场|电线杆)")
_LIGHT = r"(?:红灯|绿灯|黄灯|红绿灯|信号灯|斑马线|马路|路口)"
_HOT = r"(?:中午|大太阳|太阳大|太阳底下|大热天|三伏|高温|天太热|天热|热死)"
_ZH_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ice", re.compile(rf"{_WATER}{_S}{_FROZEN}{_S}{_ON_IT}|{_FROZEN}{_NEAR}{_WATER}{_S}{_ON_IT}"
                       rf"|(?:下雪|下冻雨|结冰|冰|雪){_NEAR}(?:路滑|地滑|路上滑|滑不滑)")),
    ("storm", re.compile(rf"{_STORM}{_S}{_OUT}|{_OUT}{_S}{_STORM}")),
    ("road", re.compile(rf"{_LIGHT}{_S}(?:过|走|跑|闯|穿)|过马路|横穿")),
    ("water", re.compile(r"(?:河|江|湖|水库|池塘|水塘|海)[^。？！?!]{0,10}"
                         r"(?:游泳|游一|下水|下去|泡|洗澡|蹚水|玩水)")),
    ("heat", re.compile(rf"{_HOT}{_S}(?:出去|出门|锄地|干活|下地|干农活|遛弯|散步|晒|锻炼|跑步|爬山)")),
    ("dog", re.compile(r"狗[^。，？！?!]{0,6}(?:追|扑|冲|咬)(?:着)?(?:我|人|过来)")),
)
_ZH_ASKS = re.compile(r"能|可以|行不行|行吗|没事吧|要紧|安全|危险|怎么|注意|咋|吗|[？?]")
_ZH_TOLD = re.compile(r"差点|刚才|刚刚|昨天|上次|吓死")

_EN_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ice", re.compile(r"\b(?:frozen|ice|icy)\b.{0,30}\b(?:pond|lake|river|canal|reservoir)\b"
                       r"|\b(?:pond|lake|river|canal)\b.{0,30}\b(?:frozen|ice)\b"
                       r"|\bicy (?:road|path|pavement|sidewalk|street)s?\b", re.I)),
    ("storm", re.compile(r"\b(?:thunder\w*|lightning)\b.{0,40}\b(?:tree|outside|outdoors|umbrella|golf"
                         r"|fishing|field|swim\w*|shelter|walk\w*|phone|bike)\b"
                         r"|\b(?:tree|outside|outdoors|shelter)\b.{0,40}\b(?:thunder\w*|lightning)\b", re.I)),
    ("road", re.compile(r"\b(?:red|green|amber|yellow|pedestrian|traffic) (?:light|signal)\b"
                        r"|\bcross(?:ing)? (?:the |a )?(?:road|street)\b|\bjaywalk", re.I)),
    ("water", re.compile(r"\b(?:swim\w*|wad\w*|paddl\w*|bath\w*)\b.{0,30}"
                         r"\b(?:river|lake|reservoir|sea|pond)\b", re.I)),
    ("heat", re.compile(r"\b(?:midday|noon|heat ?wave|hot sun|very hot|so hot)\b.{0,30}"
                        r"\b(?:work|garden\w*|walk|go out|outside|dig\w*)\b", re.I)),
    ("dog", re.compile(r"\bdogs?\b.{0,20}\b(?:chas\w*|runs? after|jump\w* (?:at|on)|attack\w*|bit\w*)\b",
                       re.I)),
)
_EN_ASKS = re.compile(r"\b(?:can|could|should|safe|how|what|is it|ok|okay|alright|all right)\b|\?", re.I)
_EN_TOLD = re.compile(r"\b(?:almost|nearly|yesterday|earlier today)\b", re.I)

ZH = {
    "ice": "千万别上河面、湖面的冰。冰看着厚，底下可能是薄的、空的，一踩就塌，掉下去非常危险，孩子也别"
           "让上去玩。下雪结冰的路也滑，出门穿防滑鞋，慢慢走，能不出门就别出门。看见有人掉进冰里，别自"
           "己下去拉，马上喊人，打幺幺零和幺二零。",
    "storm": "打雷的时候千万别在大树底下、电线杆下躲雨，也别待在河边、田里这些空旷的地方，容易被雷击。"
             "赶紧进屋，或者躲进有顶的房子、汽车里；在外面尽量别打手机，别骑车，伞也别举高。实在没地方"
             "躲，就双脚并拢蹲下，等雷过去再走。",
    "road": "红灯可千万别闯。绿灯开始闪就快变红了，还没走上马路就等下一个绿灯，别跑着抢；已经走到一半"
            "，就别慌，稳稳走过去。过马路走斑马线，左右看清楚车再走，有天桥、地下通道就走那儿；车多的"
            "时候，跟别人一起走，或者请人扶一把。",
    "water": "别一个人下河、下水库，哪怕看着水浅。水底下有淤泥、深坑，水又凉，腿一抽筋就危险，岸边也容"
             "易滑。想凉快就在岸上坐坐，泡脚打盆水回家泡。看见有人落水，别自己下去救，喊人，扔根绳子或"
             "者竹竿，打幺幺零和幺二零。",
    "heat": "大热天中午最好别出去干活，太阳最毒的时候容易中暑。要干就趁早上或者傍晚凉快的时候，戴草帽"
            "，带上水，干一会儿就到阴凉处歇一歇。要是觉得头晕、恶心、心慌，赶紧到阴凉地方坐下喝水，不"
            "见好就打幺二零。",
    "dog": "别跑，也别转身背对它，一跑狗反而追得更凶。站住别动，别盯着它的眼睛，慢慢往后退开，手里有包"
           "或者伞就挡在身前。要是被咬了，用肥皂水冲洗伤口十五分钟，当天去医院打狂犬疫苗，也跟家里人说"
           "一声。",
}
EN = {
    "ice": "Please don't go on the ice of a river, lake or pond. It can look thick and still be thin "
           "or hollow underneath, and falling through is very dangerous; keep children off it too. Icy"
           " roads are slippery as well: wear non-slip shoes, walk slowly, or stay in. If someone "
           "falls through, don't go after them yourself: shout for help and call 110 and 120.",
    "storm": "Never shelter under a tree or a pole in a thunderstorm, and keep away from open fields "
             "and water: lightning strikes there. Get inside a building or a car. Outside, don't use "
             "your phone, don't ride a bike, and keep an umbrella low. If there is nowhere to go, "
             "crouch with your feet together until the thunder has passed.",
    "road": "Please don't cross on red. A flashing green means it is about to turn red: if you haven't"
            " stepped off the kerb, wait for the next green and don't hurry; if you are halfway, keep "
            "walking steadily. Cross at a zebra crossing, look both ways, use a footbridge or "
            "underpass if there is one, and in heavy traffic cross with other people or ask someone to"
            " help.",
    "water": "Please don't swim or wade in a river, lake or reservoir on your own, even where it looks"
             " shallow: mud, sudden deep spots and cold water that gives cramp make it dangerous. Sit "
             "on the bank instead. If someone falls in, don't go in after them: shout, throw a rope or"
             " a pole, and call 110 and 120.",
    "heat": "Better not work or walk outside in the midday heat; that is when heat stroke comes. Go "
            "early in the morning or in the evening, wear a hat, take water, and rest in the shade "
            "often. If you feel dizzy, sick or your heart races, sit in the shade and drink; if it "
            "doesn't pass, call 120.",
    "dog": "Don't run and don't turn your back: running makes a dog chase harder. Stand still, don't "
           "stare at it, and back away slowly, holding a bag or umbrella in front of you. If it bites,"
           " wash the wound with soap and water for fifteen minutes, go to a hospital the same day for"
           " a rabies vaccine, and tell your family.",
}


def topic(text: str) -> str | None:
    """The outdoor danger asked of ("ice", "storm", "road", "water", "heat", "dog"), or None."""
    said = text.strip()
    zh = bool(re.search(r"[\u4e00-\u9fff]", said))
    asks, told = (_ZH_ASKS, _ZH_TOLD) if zh else (_EN_ASKS, _EN_TOLD)
    if not said or not asks.search(said) or told.search(said):
        return None
    return next((name for name, pattern in (_ZH_RULES if zh else _EN_RULES) if pattern.search(said)), None)


def advice(text: str, language: str) -> tuple[str, str] | None:
    """``(topic, spoken answer)`` in ``language`` for an outdoor danger asked of; None for other words."""
    found = topic(text)
    return None if found is None else (found, (EN if language == "en" else ZH)[found])


__all__ = ["EN", "ZH", "advice", "topic"]
