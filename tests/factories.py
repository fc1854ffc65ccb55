"""Test data builders; call them inside an app context."""

import itertools

from backend.app.admins.services import create_admin
from backend.app.associations import uscc
from backend.app.associations.models import Association, FeeItem
from backend.app.extensions import db
from backend.app.members.models import Member

_sequence = itertools.count(1)


def AssociationFactory(name=None, district="331002", kind="industry_association", **kwargs):
    """A committed association with a one-line fee schedule."""
    n = next(_sequence)
    association = Association(
        name=name or f"测试行业协会{n}",
        kind=kind,
        district_code=district,
        uscc=uscc.make("51", district, f"MJ{n:06d}"),
        fee_items=[FeeItem(name="会员单位会费", amount_fen=80000, unit="元/年", basis="测试")],
        **kwargs,
    )
    db.session.add(association)
    db.session.commit()
    return association


def MemberFactory(openid=None, **kwargs):
    """A committed member."""
    member = Member(openid=openid or f"fake-member{next(_sequence)}", **kwargs)
    db.session.add(member)
    db.session.commit()
    return member


def AdminFactory(role="city_admin", password="correct-horse-42", username=None, **kwargs):
    """A committed admin; district roles default to 椒江区, officers get a new association."""
    if role in ("district_admin", "reviewer"):
        kwargs.setdefault("district_code", "331002")
    if role == "association_officer" and "association_id" not in kwargs:
        kwargs["association_id"] = AssociationFactory().id
    return create_admin(
        username or f"admin{next(_sequence)}",
        password,
        role,
        kwargs.get("district_code"),
        kwargs.get("association_id"),
    )
