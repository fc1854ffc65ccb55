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
    TextAreaField,
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


class TransitionForm(FlaskForm):
    """A status change with the note the reporter reads."""

    to = SelectField("变更为")
    note = TextAreaField("说明（反映人可见）", validators=[Optional(), Length(max=1000)])
    transferred_to = StringField("转办单位", validators=[Optional(), Length(max=100)])
    outcome = SelectField("核查结论", validators=[Optional()])
    clear_association = BooleanField("经核查失实，为协会澄清")
    merge_into = StringField("合并到问题编号", validators=[Optional(), Length(max=12)])


class MessageForm(FlaskForm):
    """A reply to the reporter or an internal note."""

    body = TextAreaField("内容", validators=[DataRequired(message="请输入内容"), Length(max=2000)])
    internal = BooleanField("内部备注（反映人不可见）")


class AssignForm(FlaskForm):
    """Who handles the report."""

    admin_id = SelectField("承办人")


class ExtendForm(FlaskForm):
    """Extend the pending deadline."""

    deadline = SelectField(
        "时限", choices=choices([("accept", "受理时限"), ("resolve", "办结时限")])
    )
    workdays = IntegerField(
        "延长工作日", validators=[DataRequired(message="请填写天数"), Range(1, 60)]
    )
    reason = StringField(
        "理由（反映人可见）", validators=[DataRequired(message="请填写理由"), Length(4, 200)]
    )


class RecuseForm(FlaskForm):
    """Why the admin steps aside."""

    reason = StringField(
        "回避理由", validators=[DataRequired(message="请填写理由"), Length(2, 200)]
    )
