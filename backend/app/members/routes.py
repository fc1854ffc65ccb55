"""Member routes: /me."""

from flask import g
from flask_smorest import Blueprint

from ..common.auth import member_required
from . import services
from .schemas import MemberSchema, MemberUpdateSchema, MyDataSchema

blp = Blueprint("members", __name__, url_prefix="/api/v1", description="会员本人信息")


@blp.get("/me")
@member_required
@blp.response(200, MemberSchema)
def get_me():
    """The logged-in member."""
    return g.member


@blp.patch("/me")
@member_required
@blp.arguments(MemberUpdateSchema)
@blp.response(200, MemberSchema)
def update_me(changes):
    """Change my nickname (checked by WeChat) or my association."""
    return services.update_profile(g.member, changes)


@blp.get("/me/data")
@member_required
@blp.response(200, MyDataSchema)
def get_my_data():
    """What the server holds about me: my profile and how many records of each kind."""
    return services.my_data(g.member)
