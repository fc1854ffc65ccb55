"""Floor: one pipelined Redis round trip (ZADD, ZREVRANK, ZREVRANGE)."""

from . import Request

NAME = "floor: Redis"
TITLE = "GET /floor/redis (ZADD + ZREVRANK + ZREVRANGE, pipelined)"
TARGET = "floor"
ORDER = 30
FLOOR = None
AIM = None


def requests(ctx):
    """Ten thousand members joining one sorted set."""
    return [Request("GET", f"/floor/redis?member={n}") for n in range(10000)]
