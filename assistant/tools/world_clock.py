"""The time in another country or city ("美国现在几点", "我儿子在伦敦，那边几点了", "日本跟咱们差几个小时"):
an elder whose children live abroad asks it, and the clock's own time (her time zone's) would be wrong
there. The time comes from the server clock and the IANA time zone database (``zoneinfo``); a country
with several zones is said by its cities (美国: 纽约 and 洛杉矶). Places in the user's own zone are none
of these (北京, 上海: the clock's ordinary answer)."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from assistant.tools.clock import time_en, time_zh

# The place words (Chinese or English) = the places said for them: Chinese name, English name, zone.
_TABLE = """
美国|america|the us|the usa = 纽约,New York,America/New_York; 洛杉矶,Los Angeles,America/Los_Angeles
纽约|new york = 纽约,New York,America/New_York
华盛顿|washington = 华盛顿,Washington,America/New_York
波士顿|boston = 波士顿,Boston,America/New_York
芝加哥|chicago = 芝加哥,Chicago,America/Chicago
休斯顿|houston = 休斯顿,Houston,America/Chicago
洛杉矶|los angeles = 洛杉矶,Los Angeles,America/Los_Angeles
旧金山|san francisco = 旧金山,San Francisco,America/Los_Angeles
西雅图|seattle = 西雅图,Seattle,America/Los_Angeles
加拿大|canada = 多伦多,Toronto,America/Toronto; 温哥华,Vancouver,America/Vancouver
多伦多|toronto = 多伦多,Toronto,America/Toronto
温哥华|vancouver = 温哥华,Vancouver,America/Vancouver
英国|伦敦|the uk|england|london = 伦敦,London,Europe/London
法国|巴黎|france|paris = 巴黎,Paris,Europe/Paris
德国|柏林|germany|berlin = 德国,Germany,Europe/Berlin
意大利|italy = 意大利,Italy,Europe/Rome
西班牙|spain = 西班牙,Spain,Europe/Madrid
荷兰|the netherlands = 荷兰,the Netherlands,Europe/Amsterdam
瑞士|switzerland = 瑞士,Switzerland,Europe/Zurich
俄罗斯|莫斯科|russia|moscow = 莫斯科,Moscow,Europe/Moscow
日本|东京|japan|tokyo = 日本,Japan,Asia/Tokyo
韩国|首尔|korea|seoul = 韩国,Korea,Asia/Seoul
新加坡|singapore = 新加坡,Singapore,Asia/Singapore
马来西亚|malaysia = 马来西亚,Malaysia,Asia/Kuala_Lumpur
泰国|曼谷|thailand|bangkok = 泰国,Thailand,Asia/Bangkok
越南|vietnam = 越南,Vietnam,Asia/Ho_Chi_Minh
印度|india = 印度,India,Asia/Kolkata
迪拜|dubai = 迪拜,Dubai,Asia/Dubai
澳大利亚|澳洲|悉尼|australia|sydney = 悉尼,Sydney,Australia/Sydney
墨尔本|melbourne = 墨尔本,Melbourne,Australia/Melbourne
新西兰|new zealand = 新西兰,New Zealand,Pacific/Auckland
巴西|brazil = 巴西,Brazil,America/Sao_Paulo
"""
Place = tuple[str, str, str]


def _places() -> dict[str, tuple[Place, ...]]:
    found: dict[str, tuple[Place, ...]] = {}
    for line in filter(None, map(str.strip, _TABLE.splitlines())):
        words, said = line.split(" = ")
        places = tuple(tuple(part.strip().split(",")) for part in said.split(";"))
        found |= {word: places for word in words.split("|")}  # type: ignore[misc]
    return found


_PLACES = _places()
# A country said by its cities (美国: 纽约 and 洛杉矶) is named first.
_SAID_BY_CITIES = {"美国": "美国", "加拿大": "加拿大"}
_PLACE = re.compile("|".join(rf"\b{re.escape(w)}\b" if w.isascii() else re.escape(w)
                             for w in sorted(_PLACES, key=len, reverse=True)), re.IGNORECASE)
# The time difference asked ("时差多少", "差几个小时", "time difference").
_DIFFERENCE = re.compile(r"时差|差(?:几个|多少个?)(?:小时|钟头)"
                         r"|\btime difference\b|\bhours? (?:ahead|behind)\b", re.IGNORECASE)
# What a place's clock is asked by: the time or the day there, or the difference.
_ASKED = re.compile(r"几点|什么时间|几号|星期几|礼拜几|白天还是晚上|天亮了|天黑了|\bwhat time\b|\bwhat day\b",
                    re.IGNORECASE)


def place_in(text: str) -> str | None:
    """The place word whose clock ``text`` asks about, or None."""
    found = _PLACE.search(text)
    if found is None or not (_ASKED.search(text) or _DIFFERENCE.search(text)):
        return None
    return found.group().lower()


def _offset_s(moment: datetime) -> float:
    offset = moment.utcoffset()
    return offset.total_seconds() if offset is not None else 0.0


def _hours(delta_s: float) -> str:
    hours = abs(delta_s) / 3600
    return f"{hours:g}" if hours != int(hours) else str(int(hours))


def world_time_text(place: str, now: datetime, language: str) -> str:
    """"美国纽约现在是12月1日晚上8点40分，比这里晚13个小时；洛杉矶是……" for ``now`` (the user's time)."""
    said = []
    home_offset = _offset_s(now)
    for zh_name, en_name, zone in _PLACES[place]:
        there = now.astimezone(ZoneInfo(zone))
        delta = _offset_s(there) - home_offset
        if language == "en":
            when = time_en(there) + (f" on {there.strftime('%A')}" if there.date() != now.date() else "")
            ahead = "the same as here" if not delta else \
                f"{_hours(delta)} hours {'ahead of' if delta > 0 else 'behind'} you"
            said.append(f"In {en_name} it's {when}, {ahead}")
            continue
        day = f"{there.month}月{there.day}日" if there.date() != now.date() else ""
        ahead = "和这里一样" if not delta else f"比这里{'快' if delta > 0 else '晚'}{_hours(delta)}个小时"
        said.append(f"{zh_name}现在是{day}{time_zh(there)}，{ahead}")
    prefix = _SAID_BY_CITIES.get(place, "")
    if language == "en":
        return ". ".join(said) + "."
    return prefix + "；".join(said) + "。"
