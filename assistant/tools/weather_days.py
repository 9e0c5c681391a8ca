"""The days a weather question asks about: a weekday of this or next week, or several days at once
("这两天", "过两天", "这礼拜", "下礼拜", "next few days"), as the weather tool's arguments. Pure logic."""

from __future__ import annotations

import re
from typing import Any

# A day of this or next week: "周末", "星期六", "下周一" (the weather tool counts the days from today).
WEEK_DAY = re.compile(r"(?P<next>下个?)?(?:这个?)?"
                       r"(?:(?:周|星期|礼拜)(?P<wd>[一二三四五六日]|天(?!气))|(?P<weekend>周末))"
                       r"|\b(?P<en>(?:this |next )?(?:weekend|monday|tuesday|wednesday|thursday|friday"
                       r"|saturday|sunday))\b", re.IGNORECASE)
# Several days at once: "这两天", "过两天" (from tomorrow), "这几天", "这礼拜" (to Sunday), "未来一周".
SPAN = re.compile(r"(?P<two>这两天|这俩天|近两天)|(?P<after>过两天|过几天|过些天|过些日子)"
                   r"|(?P<few>这几天|近几天|最近几天|未来几天|接下来几天|往后几天|这些天|这阵子"
                   r"|\bnext (?:few|couple of|several) days\b|\bcoming days\b)"
                   r"|(?P<week>这个?(?:礼拜|星期)(?!天(?!气)|日|[一二三四五六])|这周|本周|\bthis week\b)"
                   r"|(?P<seven>未来一周|未来七天|接下来一周|一个?礼拜|一个?星期|一周|七天"
                   # next week: the coming seven days
                   r"|下个?(?:礼拜|星期|周)(?![一二三四五六日末]|天(?!气))"
                   r"|\bnext (?:week|7 days)\b)",
                   re.IGNORECASE)
_SPAN_DAYS = {"two": (0, 2), "after": (1, 3), "few": (0, 4), "seven": (0, 7)}


def span_of(text: str) -> dict[str, Any]:
    """Several days asked at once as weather arguments: {"day": first, "days": how many}, {"week":
    True} (the rest of this week), or {}."""
    m = SPAN.search(text)
    if m is None or m.lastgroup is None:
        return {}
    if m.lastgroup == "week":
        return {"week": True}
    first, days = _SPAN_DAYS[m.lastgroup]
    return {"day": first, "days": days}


_EN_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WD_INDEX = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


def week_day_of(text: str) -> dict[str, Any]:
    """The weekday ``text`` names as weather arguments: {"weekday": 0-6 (Monday 0), "next_week": bool,
    "weekend": bool}, or {}."""
    m = WEEK_DAY.search(text)
    if m is None:
        return {}
    en = (m.group("en") or "").lower()
    weekend = bool(m.group("weekend")) or en.endswith("weekend")
    weekday = 5 if weekend else _EN_WEEKDAYS.index(en.split()[-1]) if en else _WD_INDEX[m.group("wd")]
    next_week = bool(m.group("next")) or en.startswith("next")
    return {"weekday": weekday, "next_week": next_week, "weekend": weekend}
