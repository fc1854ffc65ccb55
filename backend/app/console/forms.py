"""Console forms (WTForms through Flask-WTF, for their CSRF tokens)."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DecimalField,
    FieldList,
    FormField,
    IntegerField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, Length, Optional
from wtforms.validators import NumberRange as Range

from ..associations.models import KIND_LABELS
from ..common.roles import ROLE_LABELS


def choices(pairs):
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]


class ActionForm(FlaskForm):
    """A button that changes something: only its CSRF token."""


class LoginForm(FlaskForm):
    """Username, password and, when enabled, the TOTP code."""

    username = StringField(
        "用户名", validators=[DataRequired(message="请输入用户名"), Length(max=40)]
    )
    password = PasswordField(
        "密码", validators=[DataRequired(message="请输入密码"), Length(max=128)]
    )
    otp = StringField("两步验证码", validators=[Optional(), Length(max=10)])


class TotpForm(FlaskForm):
    """A six-digit authenticator code."""

    code = StringField(
        "验证码", validators=[DataRequired(message="请输入验证码"), Length(min=6, max=6)]
    )


class FeeItemForm(FlaskForm):
    """One fee schedule line; an empty name means an unused row."""

    class Meta:
        csrf = False

    name = StringField("收费项目", validators=[Optional(), Length(max=60)])
    amount_yuan = DecimalField(
        "金额（元）", places=2, validators=[Optional(), Range(min=0, max=1_000_000)]
    )
    unit = StringField("单位", default="元/年", validators=[Optional(), Length(max=20)])
    basis = StringField("依据", validators=[Optional(), Length(max=200)])


class AssociationForm(FlaskForm):
    """An association and its fee schedule."""

    name = StringField(
        "名称", validators=[DataRequired(message="请输入名称"), Length(min=2, max=100)]
    )
    kind = SelectField(
        "类型", choices=choices((k.value, label) for k, label in KIND_LABELS.items())
    )
    district = SelectField("区县")
    uscc = StringField(
        "统一社会信用代码", validators=[DataRequired(message="请输入代码"), Length(18, 18)]
    )
    enabled = BooleanField("启用", default=True)
    fee_items = FieldList(FormField(FeeItemForm), min_entries=8, max_entries=30)

    def fee_items_data(self):
        """The filled-in fee rows as the service expects them."""
        return [
            {
                "name": row.data["name"].strip(),
                "amount_fen": int((row.data["amount_yuan"] or 0) * 100),
                "unit": (row.data["unit"] or "元/年").strip(),
                "basis": (row.data["basis"] or "").strip() or "未注明",
            }
            for row in self.fee_items
            if (row.data["name"] or "").strip()
        ]


class AdminCreateForm(FlaskForm):
    """A new admin account."""

    username = StringField(
        "用户名", validators=[DataRequired(message="请输入用户名"), Length(2, 40)]
    )
    password = PasswordField("初始密码", validators=[DataRequired(message="请输入密码")])
    role = SelectField(
        "角色", choices=choices((r.value, label) for r, label in ROLE_LABELS.items())
    )
    district = SelectField("区县", validators=[Optional()])
    association_id = IntegerField("协会 ID（协会联络员）", validators=[Optional()])
