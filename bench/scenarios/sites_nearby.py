"""Culture sites near a member, among 10,000 sites (issue 4's figure)."""

import random

from backend.app.sites.cli import TAIZHOU_BOX

from . import Request

NAME = "sites nearby (10k)"
TITLE = "GET /api/v1/sites?lat=&lng=&radius_m=5000 (10,000 sites)"
TARGET = "app"
ORDER = 50
FLOOR = "floor: bare JSON"
AIM = None
SITES = 10_000


def requests(ctx):
    """Members at random places in Taizhou asking for sites within 5 km, nearest first."""
    result = ctx.app.test_cli_runner().invoke(args=["sites", "seed-bulk", "--count", str(SITES)])
    if result.exit_code != 0:
        raise RuntimeError(result.output)
    rng = random.Random("bench-sites")
    south, north, west, east = TAIZHOU_BOX
    return [
        Request(
            "GET",
            f"/api/v1/sites?lat={rng.uniform(south, north):.5f}"
            f"&lng={rng.uniform(west, east):.5f}&radius_m=5000",
        )
        for _ in range(ctx.pool)
    ]
