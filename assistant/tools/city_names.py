"""A city name as Whisper may write it: other characters of the same sound ("伤海" for 上海), or the
city with the next word stuck to it ("北京晶天" for 北京 + 今天 misheard).

The weather tool asks the geocoder for the words as heard first. Only when that finds nothing does it
try the readings below, from a list of China's larger cities (the municipalities, every provincial
capital and the larger prefecture-level cities): a known city at the start of the words, then a known
city that sounds the same with the tones ignored. Pure logic.
"""

from __future__ import annotations

import re
from functools import cache

CITIES: tuple[str, ...] = (
    "北京", "上海", "天津", "重庆", "香港", "澳门", "台北",
    "哈尔滨", "长春", "沈阳", "呼和浩特", "石家庄", "太原", "济南", "郑州", "西安", "兰州", "西宁", "银川",
    "乌鲁木齐", "拉萨", "成都", "贵阳", "昆明", "南宁", "广州", "海口", "长沙", "武汉", "南昌", "福州",
    "杭州", "南京", "合肥",
    "大连", "青岛", "深圳", "厦门", "宁波", "苏州", "无锡", "常州", "南通", "扬州", "徐州", "温州", "绍兴",
    "嘉兴", "金华", "台州", "烟台", "威海", "潍坊", "临沂", "淄博", "济宁", "洛阳", "开封", "保定", "唐山",
    "秦皇岛", "邯郸", "大同", "包头", "鞍山", "抚顺", "吉林", "齐齐哈尔", "大庆", "佛山", "东莞", "珠海",
    "汕头", "惠州", "中山", "江门", "湛江", "桂林", "柳州", "三亚", "泉州", "漳州", "赣州", "九江", "宜昌",
    "襄阳", "岳阳", "株洲", "湘潭", "衡阳", "常德", "芜湖", "蚌埠", "安庆", "绵阳", "宜宾", "遵义", "大理",
    "丽江", "宝鸡", "咸阳", "延安", "天水", "张家口", "承德", "沧州", "廊坊", "日照", "泰安", "聊城", "德州",
)


@cache
def _sounds() -> dict[str, str]:
    from pypinyin import lazy_pinyin

    return {" ".join(lazy_pinyin(city)): city for city in CITIES}


def readings(heard: str) -> list[str]:
    """Known cities that ``heard`` may be, best first (at most two), excluding ``heard`` itself."""
    from pypinyin import lazy_pinyin

    heard = heard.strip()
    found: list[str] = []
    for city in sorted(CITIES, key=len, reverse=True):
        if heard.startswith(city) and heard != city:
            found.append(city)  # "北京晶天": the city, then a misheard word
            break
    sounds = _sounds()
    for size in (len(heard), 4, 3, 2):
        if size > len(heard):
            continue
        alike = sounds.get(" ".join(lazy_pinyin(heard[:size])))
        if alike is not None and alike != heard and alike not in found:
            found.append(alike)  # "伤海": 上海 in other characters
            break
    return found[:2]


# The words that may stand before a city named first: a request, a day or a time of day
# ("帮我看看明天北京…", "后天上海…").
# and the fillers of speech ("那个，上海那边，就是我闺女住的地方，今儿个冷不冷")
_BEFORE = re.compile(r"^(?:请问|那个|那么?|就是|哎呀|哎|嗯|呃|这个|你知道|帮我|给我|查一?下|看一?下|查查|看看"
                     r"|问一?下|告诉我|[，,\s])*"
                     r"(?:今天|明天|后天|大后天|今晚|明早|明晚|这两天|这几天|周末)?[，,\s]*")


def named_first(text: str) -> str:
    """A known city the words begin with, after a request word or a day ("北京明天出门要穿厚点吗",
    "明天深圳要不要带伞"), else ""."""
    rest = text[_BEFORE.match(text).end():]  # type: ignore[union-attr]
    return next((city for city in sorted(CITIES, key=len, reverse=True) if rest.startswith(city)), "")
