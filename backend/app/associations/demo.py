"""Demo associations for development: plausible, invented, labelled as demo data by the seed."""

from sqlalchemy import select

from ..extensions import db
from . import uscc
from .models import Association, AssociationKind, FeeItem

INDUSTRY = AssociationKind.INDUSTRY_ASSOCIATION
CHAMBER = AssociationKind.CHAMBER_OF_COMMERCE

# (district code, name, kind) — five per district, built on each district's known industries.
DEMO_ASSOCIATIONS = (
    ("331002", "台州市椒江区医药化工行业协会", INDUSTRY),
    ("331002", "台州市椒江区缝制设备行业协会", INDUSTRY),
    ("331002", "台州市椒江区游艇与船舶配套行业协会", INDUSTRY),
    ("331002", "台州市椒江区餐饮行业协会", INDUSTRY),
    ("331002", "台州市椒江区温州商会", CHAMBER),
    ("331003", "台州市黄岩区模具行业协会", INDUSTRY),
    ("331003", "台州市黄岩区塑料日用品行业协会", INDUSTRY),
    ("331003", "台州市黄岩区蜜橘产业协会", INDUSTRY),
    ("331003", "台州市黄岩区青年企业家商会", CHAMBER),
    ("331003", "台州市黄岩区新塘街商会", CHAMBER),
    ("331004", "台州市路桥区汽摩配行业协会", INDUSTRY),
    ("331004", "台州市路桥区再生金属资源行业协会", INDUSTRY),
    ("331004", "台州市路桥区日用品商贸行业协会", INDUSTRY),
    ("331004", "台州市路桥区电子商务行业协会", INDUSTRY),
    ("331004", "台州市路桥区金清镇商会", CHAMBER),
    ("331022", "三门县青蟹产业协会", INDUSTRY),
    ("331022", "三门县橡胶制品行业协会", INDUSTRY),
    ("331022", "三门县民宿行业协会", INDUSTRY),
    ("331022", "三门县建筑业协会", INDUSTRY),
    ("331022", "三门县海润街道商会", CHAMBER),
    ("331023", "天台县汽车用品行业协会", INDUSTRY),
    ("331023", "天台县工业滤布行业协会", INDUSTRY),
    ("331023", "天台县旅游饭店行业协会", INDUSTRY),
    ("331023", "天台县橡塑制品行业协会", INDUSTRY),
    ("331023", "天台县平桥镇商会", CHAMBER),
    ("331024", "仙居县杨梅产业协会", INDUSTRY),
    ("331024", "仙居县工艺礼品行业协会", INDUSTRY),
    ("331024", "仙居县医药行业协会", INDUSTRY),
    ("331024", "仙居县农家乐休闲旅游协会", INDUSTRY),
    ("331024", "仙居县安洲街道商会", CHAMBER),
    ("331081", "温岭市泵与电机行业协会", INDUSTRY),
    ("331081", "温岭市鞋业行业协会", INDUSTRY),
    ("331081", "温岭市工量刃具行业协会", INDUSTRY),
    ("331081", "温岭市注塑机械行业协会", INDUSTRY),
    ("331081", "温岭市泽国镇商会", CHAMBER),
    ("331082", "临海市休闲用品行业协会", INDUSTRY),
    ("331082", "临海市机电行业协会", INDUSTRY),
    ("331082", "临海市眼镜行业协会", INDUSTRY),
    ("331082", "临海市涌泉蜜橘产业协会", INDUSTRY),
    ("331082", "临海市杜桥镇商会", CHAMBER),
    ("331083", "玉环市阀门行业协会", INDUSTRY),
    ("331083", "玉环市水暖管件行业协会", INDUSTRY),
    ("331083", "玉环市家具行业协会", INDUSTRY),
    ("331083", "玉环市汽车零部件行业协会", INDUSTRY),
    ("331083", "玉环市楚门镇商会", CHAMBER),
)

# (item, yuan per year) by tier; each association's amounts vary around these.
FEE_TIERS = (
    ("会长单位会费", 20000),
    ("副会长单位会费", 10000),
    ("理事单位会费", 3000),
    ("会员单位会费", 800),
)
BASIS = "经第{term}届会员大会第{meeting}次会议表决通过，{year}年起执行"


def _fee_items(index):
    """A fee schedule that differs a little from one association to the next."""
    scale = (8, 10, 12, 6, 15)[index % 5] / 10
    basis = BASIS.format(term=2 + index % 3, meeting=1 + index % 4, year=2023 + index % 3)
    return [
        FeeItem(
            position=position,
            name=name,
            amount_fen=int(round(base * scale, -2)) * 100,
            unit="元/年",
            basis=basis,
        )
        for position, (name, base) in enumerate(FEE_TIERS)
    ]


def seed():
    """Add the demo associations that are missing; return how many were added."""
    existing = set(db.session.scalars(select(Association.name)))
    added = 0
    for index, (district, name, kind) in enumerate(DEMO_ASSOCIATIONS):
        if name in existing:
            continue
        code = uscc.make("51", district, f"MJ{910000 + index * 37:06d}")
        db.session.add(
            Association(
                name=name,
                kind=kind.value,
                district_code=district,
                uscc=code,
                fee_items=_fee_items(index),
            )
        )
        added += 1
    db.session.commit()
    return added
