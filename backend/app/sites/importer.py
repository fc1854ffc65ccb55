"""Importing sites from .xlsx: a dry run reports every bad row; an import stores all or none."""

import re

from flask import current_app
from marshmallow import ValidationError
from sqlalchemy import select, tuple_
from sqlalchemy.exc import IntegrityError

from ..associations.models import Association, District
from ..audit import services as audit
from ..common.images import FileTooLarge
from ..common.roles import district_scope
from ..errors import Conflict, ValidationFailed, field_error
from ..extensions import db
from . import hours
from .admin import apply_changes, ensure_manager
from .admin_schemas import SiteWriteSchema
from .models import TYPE_LABELS, CoordSystem, Origin, Site
from .xlsx import Column, read_records, template, text

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
HOURS_NOTE = "开放时段，如 09:00-11:30,14:00-17:00；全天开放填“全天”；闭馆填“闭馆”或留空"
COLUMNS = (
    Column("name", "名称", True, "2–60 字；同一区县内不能重名", 28),
    Column("type", "类型", True, "、".join(TYPE_LABELS.values()), 14),
    Column("district", "区县", True, "区县名称或 6 位区划代码，如“椒江区”或 331002", 10),
    Column("association", "承办协会", False, "可空；协会全称或协会 ID", 28),
    Column("address", "地址", True, "2–200 字", 36),
    Column("lat", "纬度", True, "十进制度数，如 28.681234", 12),
    Column("lng", "经度", True, "十进制度数，如 121.441234", 12),
    Column(
        "coord_system",
        "坐标系",
        False,
        "GCJ-02（腾讯地图、高德地图、微信定位，默认）、WGS-84（GPS 设备）或 BD-09（百度地图）；"
        "导入时统一转换为 GCJ-02 保存",
        10,
    ),
    Column("description", "简介", False, "纯文本，可分段（单元格内换行），最多 5000 字", 40),
    *(
        Column(day, label, False, HOURS_NOTE, 22)
        for day, label in zip(WEEKDAYS, hours.WEEKDAY_LABELS, strict=True)
    ),
    Column(
        "closed_dates",
        "闭馆日期",
        False,
        "特定闭馆日期，多个用逗号分隔，如 2026-10-01,2026-10-02",
        24,
    ),
    Column(
        "hours_note", "开放说明", False, "最多 200 字，如“法定节假日闭馆，团体参观请提前预约”", 30
    ),
    Column("phone", "电话", False, "如 0576-88123456", 16),
    Column("checkin_radius_m", "打卡半径（米）", False, "50–10000，默认 1000", 14),
    Column("location_required", "须定位打卡", False, "是 / 否，默认“是”", 12),
    Column("enabled", "启用", False, "是 / 否，默认“是”", 8),
)
HEADERS = {column.key: column.header for column in COLUMNS}
# Schema field -> the column to blame for its errors.
FIELD_COLUMNS = {**HEADERS, "hours": "周一至周日", "coord_system": "坐标系"}
NOTES = (
    "第一行是列名，请勿修改；从第二行起每行一个阵地，示例行请删除或替换。",
    "区县代码："
    + "，".join(
        f"{code} {name}"
        for code, name in (
            ("331002", "椒江区"),
            ("331003", "黄岩区"),
            ("331004", "路桥区"),
            ("331022", "三门县"),
            ("331023", "天台县"),
            ("331024", "仙居县"),
            ("331081", "温岭市"),
            ("331082", "临海市"),
            ("331083", "玉环市"),
        )
    ),
    "先用“试导入”检查：会列出每一行的问题；正式导入时只要有一行有误，就一行也不导入。",
)
EXAMPLES = (
    {
        "name": "示例：椒江区社会组织清廉大厅",
        "type": "清廉大厅",
        "district": "椒江区",
        "address": "台州市椒江区市府大道 1 号",
        "lat": 28.656386,
        "lng": 121.420757,
        "coord_system": "GCJ-02",
        "description": "展示行业协会商会清廉建设成果。\n设有廉政教育展区和清廉书屋。",
        "mon": "09:00-11:30,14:00-17:00",
        "tue": "09:00-11:30,14:00-17:00",
        "wed": "09:00-11:30,14:00-17:00",
        "thu": "09:00-11:30,14:00-17:00",
        "fri": "09:00-11:30,14:00-17:00",
        "sat": "闭馆",
        "sun": "闭馆",
        "closed_dates": "2026-10-01,2026-10-02",
        "hours_note": "法定节假日闭馆，团体参观请提前电话预约",
        "phone": "0576-88000000",
        "checkin_radius_m": 1000,
        "location_required": "是",
        "enabled": "是",
    },
    {
        "name": "示例：黄岩区清廉文化长廊",
        "type": "清廉文化长廊",
        "district": "331003",
        "address": "台州市黄岩区东城街道永宁公园内",
        "lat": 28.652,
        "lng": 121.258,
        "coord_system": "WGS-84",
        **dict.fromkeys(WEEKDAYS, "全天"),
        "location_required": "否",
    },
)

_SYSTEM_WORDS = {
    "gcj02": CoordSystem.GCJ02,
    "腾讯": CoordSystem.GCJ02,
    "高德": CoordSystem.GCJ02,
    "国测局": CoordSystem.GCJ02,
    "wgs84": CoordSystem.WGS84,
    "gps": CoordSystem.WGS84,
    "bd09": CoordSystem.BD09,
    "百度": CoordSystem.BD09,
}
_YES = frozenset({"是", "y", "yes", "true", "1", "需要", "启用"})
_NO = frozenset({"否", "n", "no", "false", "0", "不需要", "停用"})


class RowError(ValueError):
    """A problem with one cell of the row."""

    def __init__(self, column, message):
        super().__init__(message)
        self.column = column


def template_file():
    """The import template, as .xlsx bytes."""
    return template(COLUMNS, EXAMPLES, NOTES, title="阵地")


def _number(key, value):
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    try:
        return float(text(value))
    except ValueError:
        raise RowError(HEADERS[key], "应为数字") from None


def _flag(key, value):
    word = text(value).lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise RowError(HEADERS[key], "应填“是”或“否”")


def _system(value):
    word = re.sub(r"[\s\-_]", "", text(value)).lower()
    for key, system in _SYSTEM_WORDS.items():
        if key in word:
            return system.value
    raise RowError(HEADERS["coord_system"], "坐标系应为 GCJ-02、WGS-84 或 BD-09")


def _hours(record):
    cells = [text(record[day]) for day in WEEKDAYS]
    closed = [part for part in re.split(r"[,，;；、\s]+", text(record["closed_dates"])) if part]
    note = text(record["hours_note"])
    if not any(cells):
        if closed or note:
            raise RowError("周一至周日", "填写闭馆日期或开放说明时，须填写每周开放时间")
        return None
    weekly = []
    for day, cell in zip(WEEKDAYS, cells, strict=True):
        try:
            weekly.append(hours.parse_day(cell))
        except ValueError as error:
            raise RowError(HEADERS[day], str(error)) from None
    return {"weekly": weekly, "closed_dates": closed, "note": note}


class _Lookups:
    """Districts, types and associations by the names people type."""

    def __init__(self):
        self.districts = {}
        for district in db.session.scalars(select(District)):
            self.districts[district.code] = district.code
            self.districts[district.name] = district.code
        self.types = {label: code.value for code, label in TYPE_LABELS.items()}
        self.types.update({code.value: code.value for code in TYPE_LABELS})
        rows = db.session.execute(
            select(Association.id, Association.name).where(Association.enabled.is_(True))
        ).all()
        self.associations = {name: association_id for association_id, name in rows}
        self.association_ids = {association_id for association_id, _ in rows}

    def association(self, value):
        word = text(value)
        if not word:
            return None
        if word.isdigit() and int(word) in self.association_ids:
            return int(word)
        if word in self.associations:
            return self.associations[word]
        raise RowError(HEADERS["association"], f"找不到启用中的协会“{word}”")


def _payload(record, lookups):
    """The row as the admin API's input (before validation), or RowError."""
    payload = {
        "name": text(record["name"]),
        "address": text(record["address"]),
        "description": text(record["description"]),
        "phone": text(record["phone"]) or None,
        "association_id": lookups.association(record["association"]),
        "hours": _hours(record),
    }
    type_word = text(record["type"])
    if type_word not in lookups.types:
        raise RowError(HEADERS["type"], "类型应为：" + "、".join(TYPE_LABELS.values()))
    payload["type"] = lookups.types[type_word]
    district_word = text(record["district"])
    if district_word not in lookups.districts:
        raise RowError(HEADERS["district"], f"未知的区县“{district_word}”")
    payload["district"] = lookups.districts[district_word]
    for key in ("lat", "lng"):
        if text(record[key]) == "":
            raise RowError(HEADERS[key], "不能为空")
        payload[key] = _number(key, record[key])
    if text(record["coord_system"]):
        payload["coord_system"] = _system(record["coord_system"])
    if text(record["checkin_radius_m"]):
        radius = _number("checkin_radius_m", record["checkin_radius_m"])
        if radius != int(radius):
            raise RowError(HEADERS["checkin_radius_m"], "应为整数")
        payload["checkin_radius_m"] = int(radius)
    for key in ("location_required", "enabled"):
        if text(record[key]):
            payload[key] = _flag(key, record[key])
    return payload


def _messages(error):
    """(column, message) pairs from a schema ValidationError."""
    for field, messages in error.messages.items():
        column = FIELD_COLUMNS.get(field)
        for message in _flatten(messages):
            yield column, message


def _flatten(messages):
    if isinstance(messages, dict):
        for nested in messages.values():
            yield from _flatten(nested)
    elif isinstance(messages, list):
        for nested in messages:
            yield from _flatten(nested)
    else:
        yield str(messages)


def _check(records, admin):
    """([(row, data)], [errors]) for every record."""
    lookups = _Lookups()
    schema = SiteWriteSchema()
    scope = district_scope(admin)
    seen = {}
    valid, errors = [], []
    for row, record in records:
        try:
            data = schema.load(_payload(record, lookups))
        except RowError as error:
            errors.append({"row": row, "column": error.column, "message": str(error)})
            continue
        except ValidationError as error:
            errors.extend(
                {"row": row, "column": column, "message": message}
                for column, message in _messages(error)
            )
            continue
        key = (data["district"], data["name"])
        if scope is not None and data["district"] != scope:
            message = "只能导入本区县的阵地"
            errors.append({"row": row, "column": HEADERS["district"], "message": message})
        elif key in seen:
            message = f"与第 {seen[key]} 行重名（同一区县内阵地名称不能重复）"
            errors.append({"row": row, "column": HEADERS["name"], "message": message})
        else:
            seen[key] = row
            valid.append((row, data))
    taken = set()
    if seen:
        taken = set(
            db.session.execute(
                select(Site.district_code, Site.name).where(
                    tuple_(Site.district_code, Site.name).in_(list(seen))
                )
            ).all()
        )
    errors.extend(
        {"row": row, "column": HEADERS["name"], "message": "该区县已有同名阵地"}
        for row, data in valid
        if (data["district"], data["name"]) in taken
    )
    valid = [(row, data) for row, data in valid if (data["district"], data["name"]) not in taken]
    errors.sort(key=lambda error: error["row"])
    return valid, errors


def import_sites(admin, upload, dry_run=False):
    """Check an .xlsx of sites; unless dry_run, store every row, or none if any row is bad."""
    ensure_manager(admin)
    config = current_app.config
    data = upload.read(config["SITES_IMPORT_MAX_BYTES"] + 1)
    if len(data) > config["SITES_IMPORT_MAX_BYTES"]:
        megabytes = config["SITES_IMPORT_MAX_BYTES"] // (1024 * 1024)
        raise FileTooLarge(f"文件不能超过 {megabytes} MB")
    records = read_records(data, COLUMNS, config["SITES_IMPORT_MAX_ROWS"])
    if not records:
        raise field_error("file", "表格中没有数据行", reason="file_empty")
    valid, errors = _check(records, admin)
    report = {
        "dry_run": dry_run,
        "total": len(records),
        "valid": len(valid),
        "created": 0,
        "errors": errors,
    }
    if dry_run:
        return report
    if errors:
        rows = sorted({error["row"] for error in errors})
        by_row = {}
        for error in errors:
            prefix = f"{error['column']}：" if error["column"] else ""
            by_row.setdefault(f"row_{error['row']}", []).append(prefix + error["message"])
        raise ValidationFailed(
            f"第 {rows[0]} 行等共 {len(rows)} 行有误，未导入任何阵地，请修改后重试",
            reason="import_rows_invalid",
            errors=by_row,
        )
    sites = []
    for _, fields in valid:
        site = Site(origin=Origin.IMPORT.value)
        apply_changes(site, fields)
        db.session.add(site)
        sites.append(site)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict("导入期间有同名阵地被添加，请重新导入", reason="site_name_taken") from None
    audit.record(
        "site.import",
        target_type="site",
        district_code=district_scope(admin),
        detail={"count": len(sites), "site_ids": [site.id for site in sites]},
    )
    db.session.commit()
    report["created"] = len(sites)
    return report
