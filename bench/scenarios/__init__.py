"""Bench scenarios: one module each, found by listing this package.

A scenario module defines:
    NAME    short name in the results table
    TITLE   what it requests, e.g. "PUT /api/v1/attempts/{id}/answers/{question_id}"
    TARGET  "app" (wsgi:app) or "floor" (bench.floor_app)
    ORDER   run order (floors run first; app scenarios may use what earlier ones left behind)
    FLOOR   NAME of the floor it is compared with, or None
    AIM     the lowest acceptable ratio to that floor, or None
    ONCE    (optional, default False) True when each request must be sent once (a submit): the
            report then flags a run that ran out of prepared requests and replayed some
    requests(ctx) -> iterable of Request, called just before the scenario runs; ctx.app is
            the app (for seeding inside `with ctx.app.app_context()`), ctx.store a dict shared by
            scenarios, ctx.pool the number of distinct requests to prepare.
"""

import importlib
import pkgutil
from typing import NamedTuple


class Request(NamedTuple):
    """One HTTP request: a member or admin token, and a JSON body as text."""

    method: str
    path: str
    token: str = ""
    body: str = ""


def load():
    """Every scenario module, in run order."""
    modules = [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
    ]
    return sorted(modules, key=lambda module: (module.TARGET != "floor", module.ORDER))
