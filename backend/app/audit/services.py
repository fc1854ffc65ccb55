"""Writing and reading the audit log."""

from flask import g
from sqlalchemy import select

from ..common.pagination import paginate
from ..common.roles import Role
from ..errors import Forbidden
from ..extensions import db
from .models import AuditEntry

# Action -> label shown in the console.
ACTION_LABELS = {
    "admin.login": "管理员登录",
    "admin.login_failed": "登录失败",
    "admin.logout": "退出登录",
    "admin.create": "新建管理员",
    "admin.update": "修改管理员",
    "admin.totp_enable": "启用两步验证",
    "admin.totp_disable": "停用两步验证",
    "association.create": "新建协会",
    "association.update": "修改协会",
    "report.view": "查看问题反映",
    "report.transition": "变更办理状态",
    "report.reply": "答复反映人",
    "report.note": "内部备注",
    "report.assign": "分派承办人",
    "report.extend": "延长办理时限",
    "report.recuse": "申请回避",
    "report.attachment_view": "查看附件",
    "report.export": "导出问题反映",
    "site.create": "新建阵地",
    "site.update": "修改阵地",
    "site.delete": "删除阵地",
    "site.photo_add": "上传阵地照片",
    "site.photo_delete": "删除阵地照片",
    "site.qrcode_rotate": "重置阵地二维码",
    "site.import": "导入阵地",
    "question.create": "新建试题",
    "question.update": "修改试题",
    "question.delete": "删除试题",
    "question.import": "导入试题",
    "competition.create": "新建竞赛",
    "competition.update": "修改竞赛",
    "competition.delete": "删除竞赛",
    "stats.export": "导出统计",
}


def record(
    action, *, target_type=None, target_id=None, district_code=None, detail=None, admin=None
):
    """Add an entry to the current transaction; it is committed with the change it records."""
    actor = admin if admin is not None else g.get("admin")
    entry = AuditEntry(
        admin_id=actor.id if actor else None,
        admin_username=actor.username if actor else None,
        action=action,
        target_type=target_type,
        target_id=str(target_id) if target_id is not None else None,
        district_code=district_code,
        detail=detail or {},
    )
    db.session.add(entry)
    return entry


def list_entries(admin, filters, page, page_size):
    """Audit entries the admin may read, newest first."""
    statement = select(AuditEntry)
    if admin.role == Role.DISTRICT_ADMIN:
        statement = statement.where(AuditEntry.district_code == admin.district_code)
    elif admin.role != Role.CITY_ADMIN:
        raise Forbidden("当前角色无权查看审计日志", reason="role_forbidden")
    if filters.get("action"):
        statement = statement.where(AuditEntry.action == filters["action"])
    if filters.get("admin_id"):
        statement = statement.where(AuditEntry.admin_id == filters["admin_id"])
    if filters.get("target_type"):
        statement = statement.where(AuditEntry.target_type == filters["target_type"])
    if filters.get("target_id"):
        statement = statement.where(AuditEntry.target_id == filters["target_id"])
    if filters.get("since"):
        statement = statement.where(AuditEntry.at >= filters["since"])
    if filters.get("until"):
        statement = statement.where(AuditEntry.at < filters["until"])
    statement = statement.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    return paginate(statement, page, page_size)


def entries_for(target_type, target_id, limit=200):
    """The trail of one object, oldest first; the caller has checked the object is visible."""
    return db.session.scalars(
        select(AuditEntry)
        .where(AuditEntry.target_type == target_type, AuditEntry.target_id == str(target_id))
        .order_by(AuditEntry.at, AuditEntry.id)
        .limit(limit)
    ).all()
