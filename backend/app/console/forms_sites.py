"""Console forms for culture sites; the admin API's schemas validate what they collect."""

import re

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, FieldList, FormField, SelectField, StringField, TextAreaField

from ..sites.hours import MAX_PERIODS_PER_DAY, WEEKDAY_LABELS
from ..sites.models import TYPE_LABELS
from .forms import choices

COORD_SYSTEM_LABELS = {
    "gcj02": "GCJ-02（腾讯地图、高德地图、微信定位）",
    "wgs84": "WGS-84（GPS 设备）",
    "bd09": "BD-09（百度地图）",
}
_SHORT_HOUR = re.compile(r"^\d:\d{2}$")
_DATE_SEPARATORS = re.compile(r"[,，;；、\s]+")


def _time(value):
    """A time as typed, with a one-digit hour padded ("9:00" -> "09:00")."""
    value = (value or "").strip()
    return value.zfill(5) if _SHORT_HOUR.match(value) else value


class PeriodForm(FlaskForm):
    """One opening period of a day; both ends empty means an unused slot."""

    class Meta:
        csrf = False

    opens = StringField("开放")
    closes = StringField("关闭")


class DayForm(FlaskForm):
    """A weekday's opening periods."""

    class Meta:
        csrf = False

    periods = FieldList(
        FormField(PeriodForm), min_entries=MAX_PERIODS_PER_DAY, max_entries=MAX_PERIODS_PER_DAY
    )


class SiteForm(FlaskForm):
    """A culture site: the fields of the admin API's SiteWriteSchema, as a page shows them."""

    name = StringField("名称")
    type = SelectField(
        "类型",
        choices=choices((t.value, label) for t, label in TYPE_LABELS.items()),
        validate_choice=False,
    )
    district = SelectField("区县", validate_choice=False)
    association_id = SelectField("承办协会", validate_choice=False)
    address = StringField("地址")
    coord_system = SelectField(
        "坐标系", choices=choices(COORD_SYSTEM_LABELS.items()), validate_choice=False
    )
    lat = StringField("纬度")
    lng = StringField("经度")
    checkin_radius_m = StringField("打卡半径（米）", default="1000")
    location_required = BooleanField("打卡须定位（在半径范围内）", default=True)
    enabled = BooleanField("启用（会员可见、可打卡）", default=True)
    description = TextAreaField("简介")
    phone = StringField("电话")
    weekly = FieldList(FormField(DayForm), min_entries=7, max_entries=7)
    closed_dates = StringField("特定闭馆日期")
    hours_note = StringField("开放说明")

    def __init__(self, *args, **kwargs):
        """The form, with no weekday errors yet."""
        super().__init__(*args, **kwargs)
        self.day_errors = {}

    def hours_data(self):
        """The weekly table as hours.py stores it, or None when nothing is filled in (unknown)."""
        weekly = [
            [
                {"opens": _time(period.opens.data), "closes": _time(period.closes.data)}
                for period in day.periods
                if (period.opens.data or "").strip() or (period.closes.data or "").strip()
            ]
            for day in self.weekly
        ]
        closed = [part for part in _DATE_SEPARATORS.split(self.closed_dates.data or "") if part]
        note = (self.hours_note.data or "").strip()
        if not any(weekly) and not closed and not note:
            return None
        return {"weekly": weekly, "closed_dates": closed, "note": note}

    def add_schema_errors(self, messages):
        """Show a schema's error messages next to the fields they concern; return the rest."""
        unplaced = []
        for name, problems in messages.items():
            if name == "hours" and isinstance(problems, dict):
                unplaced += self._add_hours_errors(problems)
            elif name in self._fields and name != "csrf_token":
                self._fields[name].errors = [*self._fields[name].errors, *_flatten(problems)]
            else:
                unplaced += _flatten(problems)
        return unplaced

    def _add_hours_errors(self, problems):
        unplaced = []
        for name, nested in problems.items():
            if name == "weekly" and isinstance(nested, dict):
                for index, day_problems in nested.items():
                    label = WEEKDAY_LABELS[index] if isinstance(index, int) else ""
                    self.day_errors.setdefault(index, []).extend(
                        f"{label}：{message}" for message in _flatten(day_problems)
                    )
            elif name == "closed_dates":
                self.closed_dates.errors = [*self.closed_dates.errors, *_flatten(nested)]
            elif name == "note":
                self.hours_note.errors = [*self.hours_note.errors, *_flatten(nested)]
            else:
                unplaced += _flatten(nested)
        return unplaced


def _flatten(messages):
    """Every message string in a marshmallow error structure, in order, without duplicates."""
    if isinstance(messages, dict):
        found = [message for nested in messages.values() for message in _flatten(nested)]
    elif isinstance(messages, list):
        found = [message for nested in messages for message in _flatten(nested)]
    else:
        found = [str(messages)]
    return list(dict.fromkeys(found))


class PhotoForm(FlaskForm):
    """A photo to add to a site."""

    file = FileField("照片", validators=[FileRequired("请选择图片")])


class ImportForm(FlaskForm):
    """An .xlsx of sites, checked (dry run) or imported."""

    file = FileField("Excel 文件（.xlsx）", validators=[FileRequired("请选择要导入的文件")])
    check = BooleanField("试导入")
    store = BooleanField("正式导入")
