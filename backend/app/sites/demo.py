"""Demo culture sites: 24 invented sites over the nine districts, with hours and a photo."""

import io
import random

from flask import current_app
from PIL import Image, ImageDraw
from sqlalchemy import select

from ..associations.models import Association
from ..extensions import db
from . import photos
from .admin import apply_changes
from .hours import ALL_DAY
from .models import Origin, Site, SiteType

# Rough centres of the districts' main towns (GCJ-02); demo sites lie within a few km of them.
DISTRICT_CENTRES = {
    "331002": (28.680, 121.440),
    "331003": (28.650, 121.260),
    "331004": (28.580, 121.370),
    "331022": (29.100, 121.390),
    "331023": (29.140, 121.010),
    "331024": (28.850, 120.730),
    "331081": (28.370, 121.390),
    "331082": (28.860, 121.140),
    "331083": (28.140, 121.230),
}

HALL = SiteType.HALL
CORRIDOR = SiteType.CORRIDOR
MICRO = SiteType.MICRO_LANDMARK
BASE = SiteType.EDUCATION_BASE
OTHER = SiteType.OTHER

# (district, name, type, address, offset from the centre in 1/1000 degree, host association)
DEMO_SITES = (
    ("331002", "椒江区社会组织清廉大厅", HALL, "台州市椒江区社会组织服务中心一楼", (-4, -6), None),
    (
        "331002",
        "椒江区医药化工行业协会清廉文化长廊",
        CORRIDOR,
        "台州市椒江区外沙路滨江绿道",
        (9, 11),
        "台州市椒江区医药化工行业协会",
    ),
    (
        "331002",
        "椒江区温州商会清廉微地标",
        MICRO,
        "台州市椒江区温州商会大厦门前广场",
        (3, 8),
        "台州市椒江区温州商会",
    ),
    ("331002", "椒江区廉政文化教育基地", BASE, "台州市椒江区葭沚老街", (-11, 14), None),
    (
        "331003",
        "黄岩区行业协会商会清廉大厅",
        HALL,
        "台州市黄岩区社会组织服务中心二楼",
        (2, -3),
        None,
    ),
    (
        "331003",
        "黄岩区模具行业协会清廉文化长廊",
        CORRIDOR,
        "台州市黄岩区模具城步行街",
        (-8, 9),
        "台州市黄岩区模具行业协会",
    ),
    ("331003", "黄岩区永宁公园清廉文化广场", OTHER, "台州市黄岩区永宁公园东门", (6, 7), None),
    ("331004", "路桥区社会组织清廉大厅", HALL, "台州市路桥区社会组织服务中心一楼", (1, 2), None),
    (
        "331004",
        "路桥区金清镇商会清廉微地标",
        MICRO,
        "台州市路桥区金清镇商会会所门前",
        (-12, 15),
        "台州市路桥区金清镇商会",
    ),
    (
        "331004",
        "路桥区汽摩配行业协会清廉文化长廊",
        CORRIDOR,
        "台州市路桥区汽摩配城东侧绿廊",
        (7, -9),
        "台州市路桥区汽摩配行业协会",
    ),
    ("331022", "三门县社会组织清廉大厅", HALL, "三门县海游街道社会组织服务中心", (-3, 4), None),
    (
        "331022",
        "三门县青蟹产业协会清廉文化长廊",
        CORRIDOR,
        "三门县海游港滨水步道",
        (6, -7),
        "三门县青蟹产业协会",
    ),
    ("331023", "天台县行业协会商会清廉大厅", HALL, "天台县赤城街道社会组织服务中心", (2, 5), None),
    ("331023", "天台县和合文化清廉教育基地", BASE, "天台县始丰街道和合文化园", (-9, -8), None),
    ("331024", "仙居县社会组织清廉大厅", HALL, "仙居县南峰街道社会组织服务中心", (-2, 3), None),
    (
        "331024",
        "仙居县杨梅产业协会清廉文化长廊",
        CORRIDOR,
        "仙居县永安溪绿道入口",
        (8, -6),
        "仙居县杨梅产业协会",
    ),
    ("331081", "温岭市行业协会商会清廉大厅", HALL, "温岭市太平街道社会组织服务中心", (3, -2), None),
    (
        "331081",
        "温岭市泵与电机行业协会清廉文化长廊",
        CORRIDOR,
        "温岭市泵业大厦南侧长廊",
        (-10, 8),
        "温岭市泵与电机行业协会",
    ),
    ("331081", "温岭市九龙湖清廉文化步道", OTHER, "温岭市九龙湖公园环湖步道", (12, 12), None),
    ("331082", "临海市社会组织清廉大厅", HALL, "临海市古城街道社会组织服务中心", (-3, -4), None),
    (
        "331082",
        "临海市眼镜行业协会清廉文化长廊",
        CORRIDOR,
        "临海市江南街道眼镜城广场",
        (-13, 7),
        "临海市眼镜行业协会",
    ),
    ("331082", "台州府城廉政教育基地", BASE, "临海市紫阳街历史街区", (4, 9), None),
    ("331083", "玉环市行业协会商会清廉大厅", HALL, "玉环市玉城街道社会组织服务中心", (2, 3), None),
    (
        "331083",
        "玉环市阀门行业协会清廉文化长廊",
        CORRIDOR,
        "玉环市阀门城滨海长廊",
        (-7, -9),
        "玉环市阀门行业协会",
    ),
)

WORKDAY = [{"opens": "09:00", "closes": "11:30"}, {"opens": "14:00", "closes": "17:30"}]
HOURS = {
    HALL: {
        "weekly": [WORKDAY] * 5 + [[], []],
        "closed_dates": ["2026-10-01", "2026-10-02", "2026-10-03"],
        "note": "法定节假日闭馆；团体参观请提前一天电话预约",
    },
    BASE: {
        "weekly": [[]] + [[{"opens": "09:00", "closes": "16:30"}]] * 6,
        "closed_dates": [],
        "note": "周一闭馆（法定节假日除外），16:00 停止入场",
    },
    "outdoor": {"weekly": [[dict(ALL_DAY)]] * 7, "closed_dates": [], "note": "室外全天开放"},
}

DESCRIPTIONS = {
    HALL: "{name}集中展示本地行业协会商会清廉建设的做法与成效。\n\n"
    "大厅设有“廉方向、廉防线、廉动力”三个展区，陈列小微权力清单、会费标准公示和清廉公约，"
    "欢迎会员企业和群众参观学习。",
    CORRIDOR: "{name}以图文展板讲述行业清廉故事和典型案例。\n\n"
    "长廊同时公示协会会费标准与服务承诺，欢迎会员企业监督。",
    MICRO: "{name}由{host}设立，是扎根会员企业身边的清廉微地标。\n\n"
    "扫码打卡，可了解商会清廉公约、规范收费承诺和问题反映渠道。",
    BASE: "{name}依托当地历史文化资源，开展廉政教育和警示教育。\n\n可预约团体参观并安排讲解。",
    OTHER: "{name}将清廉文化融入公共空间，设有清廉主题景观与宣传栏。\n\n"
    "市民和会员企业可随时参观打卡。",
}

COLOURS = {
    HALL: ((150, 25, 30), (230, 180, 90)),
    CORRIDOR: ((30, 95, 60), (200, 225, 170)),
    MICRO: ((20, 70, 140), (250, 210, 80)),
    BASE: ((110, 60, 30), (240, 220, 190)),
    OTHER: ((70, 70, 90), (180, 210, 230)),
}


def card(site_type, seed):
    """A simple drawn picture for a site: a coloured card with a building-like pattern."""
    rng = random.Random(seed)
    background, accent = COLOURS[site_type]
    image = Image.new("RGB", (800, 600), background)
    draw = ImageDraw.Draw(image)
    for band in range(0, 600, 40):
        shade = tuple(min(255, channel + band // 12) for channel in background)
        draw.rectangle([0, band, 800, band + 40], fill=shade)
    draw.polygon([(160, 250), (400, 120), (640, 250)], fill=accent)
    columns = rng.randint(4, 7)
    for index in range(columns):
        x = 190 + index * (420 // (columns - 1)) - 14
        draw.rectangle([x, 260, x + 28, 470], fill=accent)
    draw.rectangle([150, 470, 650, 500], fill=accent)
    radius = rng.randint(30, 50)
    draw.ellipse(
        [400 - radius, 170 - radius // 2, 400 + radius, 170 + radius // 2], fill=background
    )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def _data(district, name, site_type, address, offset, host_id, host_name):
    lat, lng = DISTRICT_CENTRES[district]
    outdoor = site_type in (CORRIDOR, MICRO, OTHER)
    return {
        "name": name,
        "type": site_type.value,
        "district": district,
        "association_id": host_id,
        "address": address,
        "lat": round(lat + offset[0] / 1000, 6),
        "lng": round(lng + offset[1] / 1000, 6),
        "description": DESCRIPTIONS[site_type].format(name=name, host=host_name or ""),
        "hours": HOURS["outdoor" if outdoor else site_type],
        "phone": None if outdoor else f"0576-8{int(district[-2:]):02d}0{len(name):02d}00",
        "checkin_radius_m": 500 if site_type == MICRO else 1000,
    }


def seed():
    """Add the demo sites that are missing, each with a photo; return how many were added."""
    existing = set(db.session.execute(select(Site.district_code, Site.name)).all())
    hosts = dict(db.session.execute(select(Association.name, Association.id)).all())
    max_bytes = current_app.config["SITES_PHOTO_MAX_BYTES"]
    added = 0
    for index, (district, name, site_type, address, offset, host) in enumerate(DEMO_SITES):
        if (district, name) in existing:
            continue
        site = Site(origin=Origin.DEMO.value)
        apply_changes(
            site, _data(district, name, site_type, address, offset, hosts.get(host), host)
        )
        db.session.add(site)
        db.session.flush()
        site.photos.append(photos.store_photo(site, card(site_type, index), max_bytes, 0))
        added += 1
    db.session.commit()
    return added
