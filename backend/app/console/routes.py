"""The console blueprint, with every page module imported so its routes exist."""

from . import pages_auth, pages_main, pages_quizzes, pages_reports, pages_sites
from .blueprint import blp, init_console

__all__ = [
    "blp",
    "init_console",
    "pages_auth",
    "pages_main",
    "pages_quizzes",
    "pages_reports",
    "pages_sites",
]
