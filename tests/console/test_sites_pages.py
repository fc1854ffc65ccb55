"""Console pages for culture sites: roles and scope, editing, photos, QR codes, the import."""

import io
import os

import pytest
from openpyxl import Workbook
from PIL import Image
from sqlalchemy import func, select

from backend.app.audit.models import AuditEntry
from backend.app.extensions import db
from backend.app.sites import geo
from backend.app.sites.importer import COLUMNS
from backend.app.sites.models import CheckIn, Site, SitePhoto

from ..factories import AssociationFactory, MemberFactory, SiteFactory
from .conftest import csrf_token

HEADERS = [column.header for column in COLUMNS]


def site_form(**changes):
    """A complete site form as the page posts it: a hall in 椒江区 open on weekdays."""
    form = {
        "name": "椒江区清廉大厅",
        "type": "hall",
        "district": "331002",
        "association_id": "",
        "address": "台州市椒江区市府大道 1 号",
        "coord_system": "gcj02",
        "lat": "28.656386",
        "lng": "121.420757",
        "checkin_radius_m": "1000",
        "location_required": "y",
        "enabled": "y",
        "description": "展示行业协会商会清廉建设成果。",
        "phone": "0576-88000000",
        "closed_dates": "2026-10-01，2026-10-02",
        "hours_note": "法定节假日闭馆",
    }
    for day in range(5):
        form.update(
            {
                f"weekly-{day}-periods-0-opens": "9:00",
                f"weekly-{day}-periods-0-closes": "11:30",
                f"weekly-{day}-periods-1-opens": "14:00",
                f"weekly-{day}-periods-1-closes": "17:00",
            }
        )
    form.update(changes)
    return {key: value for key, value in form.items() if value is not None}


def load(app, site_id):
    with app.app_context():
        site = db.session.get(Site, site_id)
        if site is not None:
            db.session.expunge(site)
        return site


def count(app, model=Site):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def xlsx(rows):
    """An .xlsx with the import columns and rows given as {header: value}."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for cells in rows:
        sheet.append([cells.get(header) for header in HEADERS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_row(**cells):
    """A valid row for 椒江区 unless cells say otherwise."""
    values = {
        "名称": "导入的清廉大厅",
        "类型": "清廉大厅",
        "区县": "椒江区",
        "地址": "台州市椒江区测试路 1 号",
        "纬度": 28.68,
        "经度": 121.44,
        "周一": "09:00-17:00",
    }
    values.update(cells)
    return values


def picture(size=(640, 480), format="JPEG", noise=False):
    if noise:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (200, 40, 40))
    buffer = io.BytesIO()
    image.save(buffer, format=format)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("role", "pages"),
    [
        ("city_admin", ("", "/new", "/import", "/{id}", "/{id}/qrcode/rotate", "/{id}/delete")),
        ("district_admin", ("", "/new", "/import", "/{id}", "/{id}/qrcode/rotate")),
        ("reviewer", ("", "/{id}")),
        ("association_officer", ("", "/{id}")),
    ],
)
def test_pages_render_for_each_allowed_role(app, console, role, pages):
    with app.app_context():
        association_id = AssociationFactory(name="椒江区测试商会").id
        site_id = SiteFactory(name="测试大厅", association_id=association_id).id
    scope = {"association_id": association_id} if role == "association_officer" else {}
    client, _ = console(role, **scope)
    for page in pages:
        response = client.get("/console/sites" + page.format(id=site_id))
        assert response.status_code == 200, page
        html = response.get_data(as_text=True)
        assert "<script>" not in html and 'style="' not in html
    listing = client.get("/console/sites").get_data(as_text=True)
    assert "测试大厅" in listing and "椒江区测试商会" in listing
    assert ">阵地</a>" in listing


@pytest.mark.parametrize("role", ["reviewer", "association_officer"])
def test_readers_and_officers_cannot_manage(app, console, role):
    with app.app_context():
        association_id = AssociationFactory().id
        site_id = SiteFactory(association_id=association_id).id
    scope = {"association_id": association_id} if role == "association_officer" else {}
    client, _ = console(role, **scope)
    token = csrf_token(client.get(f"/console/sites/{site_id}"))
    for page in ("/new", "/import", f"/{site_id}/qrcode/rotate", f"/{site_id}/delete"):
        assert client.get(f"/console/sites{page}").status_code == 403, page
        assert client.post(f"/console/sites{page}", data={"csrf_token": token}).status_code == 403
    html = client.get(f"/console/sites/{site_id}").get_data(as_text=True)
    assert "新建阵地" not in html and "更换二维码" not in html and "删除阵地" not in html


def test_scope_is_enforced(app, console):
    with app.app_context():
        own = SiteFactory(name="椒江阵地", district="331002").id
        other = SiteFactory(name="黄岩阵地", district="331003").id
    client, _ = console("district_admin", district_code="331002")
    listing = client.get("/console/sites").get_data(as_text=True)
    assert "椒江阵地" in listing and "黄岩阵地" not in listing
    for page in ("", "/qrcode", "/qrcode/rotate", "/delete"):
        response = client.get(f"/console/sites/{other}{page}")
        assert response.status_code == 404, page
        assert response.headers["Content-Type"].startswith("text/html")
    token = csrf_token(client.get(f"/console/sites/{own}"))
    posted = client.post(f"/console/sites/{other}", data=site_form(csrf_token=token))
    assert posted.status_code == 404
    assert load(app, other).name == "黄岩阵地"
    created = client.post("/console/sites/new", data=site_form(csrf_token=token, district="331003"))
    assert "超出本账号的管辖范围" in created.get_data(as_text=True)
    assert count(app) == 2


def test_reviewer_sees_the_site_read_only_and_cannot_post(app, console):
    with app.app_context():
        site_id = SiteFactory(name="只读阵地").id
    client, _ = console("reviewer")
    page = client.get(f"/console/sites/{site_id}")
    html = page.get_data(as_text=True)
    assert "当前角色只能查看" in html and "下载二维码" in html and "上传照片" not in html
    token = csrf_token(page)
    assert (
        client.post(f"/console/sites/{site_id}", data=site_form(csrf_token=token)).status_code
        == 403
    )
    photo = {"csrf_token": token, "file": (io.BytesIO(picture()), "a.jpg")}
    assert client.post(f"/console/sites/{site_id}/photos", data=photo).status_code == 403
    assert load(app, site_id).name == "只读阵地" and count(app, SitePhoto) == 0


def test_filters_and_pages(app, console):
    with app.app_context():
        SiteFactory(name="椒江大厅", district="331002", type="hall")
        SiteFactory(name="椒江长廊", district="331002", type="corridor")
        SiteFactory(name="黄岩大厅", district="331003", type="hall", address="黄岩区永宁公园")
        SiteFactory(name="停用大厅", district="331003", enabled=False)
    client, _ = console()

    def names(query):
        html = client.get(f"/console/sites?{query}").get_data(as_text=True)
        return {n for n in ("椒江大厅", "椒江长廊", "黄岩大厅", "停用大厅") if f">{n}<" in html}

    assert names("") == {"椒江大厅", "椒江长廊", "黄岩大厅", "停用大厅"}
    assert names("district=331003") == {"黄岩大厅", "停用大厅"}
    assert names("type=corridor") == {"椒江长廊"}
    assert names("q=永宁") == {"黄岩大厅"}
    assert names("enabled=no") == {"停用大厅"}
    assert names("type=spaceship&district=999999") == names("")
    assert "共 4 条" in client.get("/console/sites?page=9").get_data(as_text=True)


def test_create_and_edit_round_trip(app, console):
    with app.app_context():
        host = AssociationFactory(name="椒江区清廉商会").id
    client, _ = console("district_admin", district_code="331002")
    page = client.get("/console/sites/new")
    assert "椒江区清廉商会" in page.get_data(as_text=True)
    token = csrf_token(page)
    form = site_form(
        csrf_token=token, association_id=str(host), coord_system="wgs84", lat="28.65", lng="121.41"
    )
    created = client.post("/console/sites/new", data=form)
    assert created.status_code == 302
    site_id = int(created.headers["Location"].rsplit("/", 1)[1])
    site = load(app, site_id)
    lat, lng = geo.wgs84_to_gcj02(28.65, 121.41)
    assert (round(site.lat, 6), round(site.lng, 6)) == (round(lat, 6), round(lng, 6))
    assert (site.source_system, site.source_lat, site.association_id) == ("wgs84", 28.65, host)
    assert site.hours["weekly"][0] == [
        {"opens": "09:00", "closes": "11:30"},
        {"opens": "14:00", "closes": "17:00"},
    ]
    assert site.hours["weekly"][5:] == [[], []]
    assert site.hours["closed_dates"] == ["2026-10-01", "2026-10-02"]

    edit = client.get(f"/console/sites/{site_id}")
    html = edit.get_data(as_text=True)
    assert "阵地已创建" in html and 'value="28.65"' in html and 'value="14:00"' in html
    assert 'value="wgs84" selected' in html or 'selected value="wgs84"' in html
    changed = site_form(
        csrf_token=csrf_token(edit),
        association_id=str(host),
        coord_system="wgs84",
        lat="28.65",
        lng="121.41",
        name="椒江区清廉大厅（新馆）",
        location_required=None,
        **{"weekly-5-periods-0-opens": "00:00", "weekly-5-periods-0-closes": "24:00"},
    )
    saved = client.post(f"/console/sites/{site_id}", data=changed)
    assert saved.status_code == 302
    site = load(app, site_id)
    assert site.name == "椒江区清廉大厅（新馆）" and site.location_required is False
    assert site.hours["weekly"][5] == [{"opens": "00:00", "closes": "24:00"}]
    assert site.source_system == "wgs84" and site.lat == pytest.approx(lat, abs=1e-6)
    with app.app_context():
        entry = db.session.scalar(
            select(AuditEntry).where(AuditEntry.action == "site.update").order_by(AuditEntry.id)
        )
        assert entry.detail["fields"] == ["hours", "location_required", "name"]
    again = client.post(f"/console/sites/{site_id}", data=changed)
    assert "没有需要保存的修改" in client.get(again.headers["Location"]).get_data(as_text=True)


def test_bad_input_is_shown_in_chinese_and_nothing_is_stored(app, console):
    client, _ = console()
    token = csrf_token(client.get("/console/sites/new"))
    form = site_form(
        csrf_token=token,
        name="",
        lat="二十八",
        checkin_radius_m="5",
        **{"weekly-0-periods-1-opens": "11:00"},
    )
    response = client.post("/console/sites/new", data=form)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "请修改标出的内容" in html
    assert "应为数字" in html and "须大于或等于 50" in html and "长度须在 2 到 60 之间" in html
    assert "周一：同一天的开放时段须按时间先后排列且不能重叠" in html
    assert 'value="二十八"' in html
    assert count(app) == 0


def test_officer_changes_only_description_phone_and_hours(app, console):
    with app.app_context():
        association_id = AssociationFactory().id
        site_id = SiteFactory(name="协会的大厅", association_id=association_id).id
        other = SiteFactory(name="别人的大厅").id
    client, _ = console("association_officer", association_id=association_id)
    page = client.get(f"/console/sites/{site_id}")
    html = page.get_data(as_text=True)
    assert "协会联络员只能修改简介、电话和开放时间" in html and "<fieldset disabled>" in html
    assert client.get(f"/console/sites/{other}").status_code == 404
    form = site_form(
        csrf_token=csrf_token(page),
        name="改名不生效",
        district="331003",
        description="新的简介。",
        phone="0576-88111111",
    )
    assert client.post(f"/console/sites/{site_id}", data=form).status_code == 302
    site = load(app, site_id)
    assert (site.name, site.district_code) == ("协会的大厅", "331002")
    assert (site.description, site.phone) == ("新的简介。", "0576-88111111")
    assert site.hours["note"] == "法定节假日闭馆"


def test_photo_upload_display_and_delete(app, console):
    with app.app_context():
        site_id = SiteFactory().id
    client, _ = console("district_admin")
    token = csrf_token(client.get(f"/console/sites/{site_id}"))
    # Larger than the app's 1 MB request limit: the upload pages raise it.
    big = picture((800, 800), format="PNG", noise=True)
    assert len(big) > 1024 * 1024
    uploaded = client.post(
        f"/console/sites/{site_id}/photos",
        data={"csrf_token": token, "file": (io.BytesIO(big), "hall.png")},
    )
    assert uploaded.status_code == 302 and uploaded.headers["Location"].endswith("#photos")
    with app.app_context():
        photo_id = db.session.scalar(select(SitePhoto.id))
    html = client.get(f"/console/sites/{site_id}").get_data(as_text=True)
    assert "照片已上传" in html
    thumb = f"/api/v1/sites/{site_id}/photos/{photo_id}?size=thumb"
    assert f'src="{thumb}"' in html
    shown = client.get(thumb)
    assert shown.status_code == 200 and shown.mimetype == "image/png"

    refused = client.post(
        f"/console/sites/{site_id}/photos",
        data={"csrf_token": token, "file": (io.BytesIO(b"not an image"), "a.jpg")},
    )
    assert "文件不是可识别的图片" in client.get(refused.headers["Location"]).get_data(as_text=True)
    deleted = client.post(
        f"/console/sites/{site_id}/photos/{photo_id}/delete", data={"csrf_token": token}
    )
    assert deleted.status_code == 302 and count(app, SitePhoto) == 0


def test_qrcode_downloads_as_png_and_rotates_after_confirmation(app, console):
    with app.app_context():
        site_id = SiteFactory(name="扫码大厅").id
    client, _ = console("reviewer")
    download = client.get(f"/console/sites/{site_id}/qrcode")
    assert download.status_code == 200 and download.mimetype == "image/png"
    assert download.data.startswith(b"\x89PNG\r\n\x1a\n")
    assert "attachment" in download.headers["Content-Disposition"]

    manager, _ = console("district_admin")
    confirm = manager.get(f"/console/sites/{site_id}/qrcode/rotate")
    assert "已经打印、张贴的所有二维码立即失效" in confirm.get_data(as_text=True)
    assert load(app, site_id).qr_version == 1
    rotated = manager.post(
        f"/console/sites/{site_id}/qrcode/rotate", data={"csrf_token": csrf_token(confirm)}
    )
    assert rotated.status_code == 302 and load(app, site_id).qr_version == 2
    assert "第 2 版" in manager.get(f"/console/sites/{site_id}").get_data(as_text=True)


def test_delete_only_without_check_ins(app, console):
    with app.app_context():
        empty = SiteFactory(name="无人打卡").id
        visited = SiteFactory(name="有人打卡").id
        member = MemberFactory()
        db.session.add(CheckIn(member_id=member.id, site_id=visited, day=member.created_at.date()))
        db.session.commit()
    client, _ = console()
    confirm = client.get(f"/console/sites/{visited}/delete").get_data(as_text=True)
    assert "已有 1 次打卡记录，不能删除" in confirm and "确认删除" not in confirm
    token = csrf_token(client.get(f"/console/sites/{empty}/delete"))
    refused = client.post(f"/console/sites/{visited}/delete", data={"csrf_token": token})
    assert refused.headers["Location"] == f"/console/sites/{visited}"
    assert "不能删除" in client.get(refused.headers["Location"]).get_data(as_text=True)
    deleted = client.post(f"/console/sites/{empty}/delete", data={"csrf_token": token})
    assert deleted.headers["Location"] == "/console/sites"
    assert load(app, empty) is None and load(app, visited) is not None


def test_import_dry_run_lists_bad_rows_and_stores_nothing(app, console):
    client, _ = console("district_admin")
    page = client.get("/console/sites/import")
    assert "/console/sites/import/template" in page.get_data(as_text=True)
    data = xlsx([import_row(名称="好的一行"), import_row(名称="纬度错", 纬度="二十八")])
    response = client.post(
        "/console/sites/import",
        data={"csrf_token": csrf_token(page), "check": "y", "file": (io.BytesIO(data), "s.xlsx")},
    )
    html = response.get_data(as_text=True)
    assert "共 2 行：1 行无误，1 行有误" in html
    assert "<td>第 3 行</td><td>纬度</td><td>应为数字</td>" in html
    assert count(app) == 0

    refused = client.post(
        "/console/sites/import",
        data={"csrf_token": csrf_token(page), "store": "y", "file": (io.BytesIO(data), "s.xlsx")},
    )
    html = refused.get_data(as_text=True)
    assert "未导入任何阵地" in html and "<td>第 3 行</td><td>纬度：应为数字</td>" in html
    assert count(app) == 0


def test_import_stores_every_row(app, console):
    client, _ = console("district_admin")
    token = csrf_token(client.get("/console/sites/import"))
    data = xlsx([import_row(名称="导入甲"), import_row(名称="导入乙", 坐标系="BD-09")])
    response = client.post(
        "/console/sites/import",
        data={"csrf_token": token, "store": "y", "file": (io.BytesIO(data), "s.xlsx")},
    )
    assert response.headers["Location"] == "/console/sites"
    listing = client.get("/console/sites").get_data(as_text=True)
    assert "已导入 2 个阵地" in listing and "导入甲" in listing and "导入乙" in listing
    assert count(app) == 2


def test_import_problems_with_the_file_itself(app, console):
    client, _ = console()
    token = csrf_token(client.get("/console/sites/import"))
    missing = client.post("/console/sites/import", data={"csrf_token": token, "check": "y"})
    assert "请选择要导入的文件" in missing.get_data(as_text=True)
    broken = client.post(
        "/console/sites/import",
        data={"csrf_token": token, "check": "y", "file": (io.BytesIO(b"nope"), "s.xlsx")},
    )
    assert "文件不是有效的 Excel 表格" in broken.get_data(as_text=True)
    template = client.get("/console/sites/import/template")
    assert template.status_code == 200 and template.data.startswith(b"PK")
    assert "attachment" in template.headers["Content-Disposition"]
