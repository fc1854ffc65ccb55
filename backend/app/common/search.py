"""Text search helpers."""


def contains(column, text):
    """A case-insensitive LIKE filter that treats % and _ in the user's text literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.ilike(f"%{escaped}%", escape="\\")
