"""Running a select statement as one page of the list envelope."""

from sqlalchemy import func, select

from ..extensions import db


def paginate(statement, page, page_size):
    """Return {items, total, page, page_size} for a select of ORM entities."""
    total = db.session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    items = db.session.scalars(statement.limit(page_size).offset((page - 1) * page_size)).all()
    return {"items": items, "total": total, "page": page, "page_size": page_size}
