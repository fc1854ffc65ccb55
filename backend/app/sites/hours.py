"""Weekly opening hours: validation, the spreadsheet notation, and whether a site is open now."""

# Stored as {"weekly": [periods for Monday, ..., Sunday], "closed_dates": ["YYYY-MM-DD", ...],
# "note": "..."}, each period {"opens": "HH:MM", "closes": "HH:MM"} in Asia/Shanghai time; a day
# without periods is a closed day, "24:00" closes at midnight, and no hours at all means unknown.

import re

from ..common.time import SHANGHAI

WEEKDAY_LABELS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
MAX_PERIODS_PER_DAY = 4
ALL_DAY = {"opens": "00:00", "closes": "24:00"}
# Spreadsheet words for "open all day" and "closed".
ALL_DAY_WORDS = frozenset({"全天", "全天开放", "24小时", "24小时开放"})
CLOSED_WORDS = frozenset({"闭馆", "休息", "不开放", "关闭"})

_TIME = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)$")
_PERIOD = re.compile(r"(\d{1,2}:\d{2})\s*[-–—~～至到]\s*(\d{1,2}:\d{2})")
_SEPARATORS = re.compile(r"[,，;；、\s]+")


def minutes(text):
    """Minutes after midnight for "HH:MM" (up to "24:00"), or ValueError."""
    match = _TIME.match(text or "")
    if not match or (match.group(1) == "24" and match.group(2) != "00"):
        raise ValueError(f"时间“{text}”格式应为 HH:MM")
    return int(match.group(1)) * 60 + int(match.group(2))


def check_periods(periods):
    """ValueError unless the day's periods are well-formed, ordered and do not overlap."""
    if len(periods) > MAX_PERIODS_PER_DAY:
        raise ValueError(f"每天最多 {MAX_PERIODS_PER_DAY} 个开放时段")
    previous_close = -1
    for period in periods:
        opens, closes = minutes(period["opens"]), minutes(period["closes"])
        if opens >= closes:
            raise ValueError(f"开放时段 {period['opens']}-{period['closes']} 的结束须晚于开始")
        if opens < previous_close:
            raise ValueError("同一天的开放时段须按时间先后排列且不能重叠")
        previous_close = closes


def parse_day(text):
    """A spreadsheet cell such as "09:00-11:30, 14:00-17:00", "全天" or "闭馆" as periods."""
    text = (text or "").strip()
    if not text or text in CLOSED_WORDS:
        return []
    if text in ALL_DAY_WORDS:
        return [dict(ALL_DAY)]
    leftover = _SEPARATORS.sub("", _PERIOD.sub("", text))
    if leftover:
        raise ValueError(f"无法识别的开放时段“{text}”，应如 09:00-11:30,14:00-17:00")
    periods = [
        {"opens": opens.zfill(5), "closes": closes.zfill(5)}
        for opens, closes in _PERIOD.findall(text)
    ]
    check_periods(periods)
    return periods


def open_now(hours, now):
    """True or False at the aware datetime now, or None when the hours are unknown."""
    if not hours or not hours.get("weekly"):
        return None
    local = now.astimezone(SHANGHAI)
    if local.date().isoformat() in hours.get("closed_dates", ()):
        return False
    minute = local.hour * 60 + local.minute
    return any(
        minutes(period["opens"]) <= minute < minutes(period["closes"])
        for period in hours["weekly"][local.weekday()]
    )
