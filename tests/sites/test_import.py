"""Importing sites from .xlsx: a template, a dry run that reports every bad row, all or nothing."""

import io
from datetime import datetime

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from backend.app.extensions import db
from backend.app.sites import geo
from backend.app.sites.importer import COLUMNS
from backend.app.sites.models import Site

from ..factories import AssociationFactory, SiteFactory

URL = "/api/v1/admin/sites/import"
HEADERS = [column.header for column in COLUMNS]


def row(**cells):
    """A full row: a valid GCJ-02 hall in 椒江区 unless cells say otherwise."""
    values = {
        "名称": "导入测试大厅",
        "类型": "清廉大厅",
        "区县": "椒江区",
        "地址": "台州市椒江区测试路 1 号",
        "纬度": 28.68,
        "经度": 121.44,
        "周一": "09:00-17:00",
    }
    values.update(cells)
    return [values.get(header) for header in HEADERS]


def xlsx(rows, headers=HEADERS):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def send(client, headers, data, dry_run=False):
    query = "?dry_run=true" if dry_run else ""
    return client.post(
        URL + query, data={"file": (io.BytesIO(data), "sites.xlsx")}, headers=headers
    )


def count(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Site))


def test_template_downloads_and_its_examples_pass_a_dry_run(client, app, admin_login):
    headers, _ = admin_login("city_admin")
    response = client.get(f"{URL}/template", headers=headers)
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["阵地", "填写说明"]
    header = [cell.value for cell in workbook["阵地"][1]]
    assert header[:3] == ["名称*", "类型*", "区县*"] and "坐标系" in header
    report = send(client, headers, response.data, dry_run=True).json
    assert (report["total"], report["valid"], report["errors"]) == (2, 2, [])
    assert count(app) == 0


def test_dry_run_reports_every_bad_row_and_stores_nothing(client, app, admin_login):
    with app.app_context():
        SiteFactory(name="已有的阵地")
    headers, _ = admin_login("city_admin")
    rows = [
        row(名称="好的一行"),
        row(名称="纬度错", 纬度="二十八"),
        row(名称="区县错", 区县="火星区"),
        row(名称="类型错", 类型="博物馆"),
        row(名称="时段错", 周二="9点到5点"),
        row(名称="好的一行"),
        row(名称="已有的阵地"),
        row(名称="半径错", **{"打卡半径（米）": 5}),
        row(名称=None),
        row(名称="坐标系错", 坐标系="UTM"),
        row(名称="协会错", 承办协会="不存在的协会"),
        [None] * len(HEADERS),
        row(名称="经度越界", 经度=190),
    ]
    report = send(client, headers, xlsx(rows), dry_run=True)
    assert report.status_code == 200, report.json
    body = report.json
    assert (body["dry_run"], body["total"], body["valid"], body["created"]) == (True, 12, 1, 0)
    found = {(error["row"], error["column"]) for error in body["errors"]}
    assert found == {
        (3, "纬度"),
        (4, "区县"),
        (5, "类型"),
        (6, "周二"),
        (7, "名称"),
        (8, "名称"),
        (9, "打卡半径（米）"),
        (10, "名称"),
        (11, "坐标系"),
        (12, "承办协会"),
        (14, "经度"),
    }
    messages = {error["row"]: error["message"] for error in body["errors"]}
    assert messages[7] == "与第 2 行重名（同一区县内阵地名称不能重复）"
    assert messages[8] == "该区县已有同名阵地"
    assert count(app) == 1


def test_a_real_import_with_a_bad_row_stores_nothing(client, app, admin_login):
    headers, _ = admin_login("city_admin")
    rows = [row(名称="第一个"), row(名称="第二个", 纬度=95)]
    response = send(client, headers, xlsx(rows))
    assert (response.status_code, response.json["reason"]) == (422, "import_rows_invalid")
    assert list(response.json["errors"]) == ["row_3"]
    assert response.json["errors"]["row_3"][0].startswith("纬度：")
    assert count(app) == 0


def test_a_real_import_converts_and_stores_every_row(client, app, admin_login):
    with app.app_context():
        AssociationFactory(name="台州市路桥区金清镇商会", district="331004")
    headers, _ = admin_login("city_admin")
    rows = [
        row(名称="高德坐标的大厅", 坐标系="GCJ-02", 电话=88000000, 闭馆日期=datetime(2026, 10, 1)),
        row(名称="GPS 坐标的长廊", 类型="清廉文化长廊", 区县=331003, 坐标系="WGS-84"),
        row(
            名称="百度坐标的微地标",
            类型="micro_landmark",
            区县="路桥区",
            坐标系="BD-09",
            承办协会="台州市路桥区金清镇商会",
            须定位打卡="否",
            启用="否",
            **{"打卡半径（米）": 500},
        ),
        row(
            名称="全天开放",
            **dict.fromkeys(("周一", "周二", "周三", "周四", "周五", "周六", "周日"), "全天"),
        ),
        row(名称="时间未知", 周一=None),
    ]
    response = send(client, headers, xlsx(rows))
    assert response.status_code == 200, response.json
    assert (response.json["created"], response.json["errors"]) == (5, [])
    with app.app_context():
        sites = {site.name: site for site in db.session.scalars(select(Site))}
        gcj = sites["高德坐标的大厅"]
        assert (gcj.lat, gcj.lng, gcj.origin, gcj.phone) == (28.68, 121.44, "import", "88000000")
        assert gcj.hours["weekly"][0] == [{"opens": "09:00", "closes": "17:00"}]
        assert gcj.hours["weekly"][1] == [] and gcj.hours["closed_dates"] == ["2026-10-01"]
        wgs = sites["GPS 坐标的长廊"]
        assert (wgs.lat, wgs.lng) == pytest.approx(geo.wgs84_to_gcj02(28.68, 121.44), abs=1e-7)
        assert (wgs.source_system, wgs.source_lat, wgs.district_code) == ("wgs84", 28.68, "331003")
        bd = sites["百度坐标的微地标"]
        assert (bd.lat, bd.lng) == pytest.approx(geo.bd09_to_gcj02(28.68, 121.44), abs=1e-7)
        assert bd.association.name == "台州市路桥区金清镇商会"
        assert (bd.location_required, bd.enabled, bd.checkin_radius_m) == (False, False, 500)
        assert sites["全天开放"].hours["weekly"][6] == [{"opens": "00:00", "closes": "24:00"}]
        assert sites["时间未知"].hours is None
    audit = client.get("/api/v1/admin/audit?action=site.import", headers=headers).json
    assert audit["items"][0]["detail"]["count"] == 5


def test_district_admins_import_only_their_district(client, app, admin_login):
    headers, _ = admin_login("district_admin", district_code="331002")
    rows = [row(名称="本区的"), row(名称="别区的", 区县="黄岩区")]
    body = send(client, headers, xlsx(rows), dry_run=True).json
    assert body["errors"] == [{"row": 3, "column": "区县", "message": "只能导入本区县的阵地"}]
    for role in ("reviewer", "association_officer"):
        other, _ = admin_login(role)
        refused = send(client, other, xlsx(rows), dry_run=True)
        assert (refused.status_code, refused.json["reason"]) == (403, "role_forbidden")
    assert count(app) == 0


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"name,type\nx,y\n", "file_invalid"),
        (b"PK\x03\x04 broken zip", "file_invalid"),
        (xlsx([row()], headers=["名称", "类型"]), "columns_missing"),
        (xlsx([]), "file_empty"),
    ],
)
def test_bad_files_are_422(client, app, admin_login, data, reason):
    headers, _ = admin_login("city_admin")
    response = send(client, headers, data, dry_run=True)
    assert (response.status_code, response.json["reason"]) == (422, reason)
    assert "file" in response.json["errors"]


def test_file_size_limit(client, app, admin_login):
    data = xlsx([row()])
    app.config["SITES_IMPORT_MAX_BYTES"] = len(data) - 1
    headers, _ = admin_login("city_admin")
    response = send(client, headers, data)
    assert (response.status_code, response.json["reason"]) == (413, "file_too_large")
    assert count(app) == 0


def test_row_limit(client, app, admin_login):
    app.config["SITES_IMPORT_MAX_ROWS"] = 3
    headers, _ = admin_login("city_admin")
    rows = [row(名称=f"第{n}个") for n in range(4)]
    response = send(client, headers, xlsx(rows), dry_run=True)
    assert (response.status_code, response.json["reason"]) == (422, "too_many_rows")
