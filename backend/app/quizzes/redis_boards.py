"""Leaderboards from Redis sorted sets keyed by ranking.member_key / group_key.

One Lua script applies a member's result only when it beats the one recorded, so replays and
out-of-order updates are harmless and a rebuild from SQL may overlap live submits. A "ready"
marker says the sets hold everything; without it the first reader rebuilds them from SQL
(others read SQL meanwhile). Each worker reuses a page it built for a few seconds; the reader's
own place is read on every request.
"""

import logging
import time
from datetime import timedelta

import redis as redis_lib
from flask import current_app
from sqlalchemy import select

from ..errors import NotFound
from ..extensions import db, redis
from . import board_rows, ranking
from .models import Competition, CompetitionEntry

logger = logging.getLogger(__name__)

PREFIX = "qinglian:lb:"
KEY_TTL = timedelta(days=40)
REBUILD_LOCK_SECONDS = 120

APPLY = """
local function group(zset, sums, counts, id, delta, step)
  if id == '' then return end
  local total = redis.call('HINCRBY', sums, id, delta)
  local count = redis.call('HINCRBY', counts, id, step)
  if count <= 0 then
    redis.call('HDEL', sums, id)
    redis.call('HDEL', counts, id)
    redis.call('ZREM', zset, id)
    return
  end
  local a = 200 * total + count
  local b = 2 * count
  local average = math.floor(a / b)
  -- Floats divide; make the quotient exact.
  if average * b > a then
    average = average - 1
  elseif (average + 1) * b <= a then
    average = average + 1
  end
  local radix = tonumber(ARGV[7])
  local shown = count
  if shown > radix - 1 then shown = radix - 1 end
  redis.call('ZADD', zset, (tonumber(ARGV[6]) - average) * radix + (radix - 1 - shown), id)
end
local old = redis.call('ZSCORE', KEYS[1], ARGV[1])
if old and tonumber(old) <= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
local before = redis.call('HGET', KEYS[2], ARGV[1])
if before then
  local score, association, district = string.match(before, '^(%-?%d+)|([^|]*)|([^|]*)$')
  group(KEYS[3], KEYS[4], KEYS[5], association, -tonumber(score), -1)
  group(KEYS[6], KEYS[7], KEYS[8], district, -tonumber(score), -1)
end
group(KEYS[3], KEYS[4], KEYS[5], ARGV[4], tonumber(ARGV[3]), 1)
group(KEYS[6], KEYS[7], KEYS[8], ARGV[5], tonumber(ARGV[3]), 1)
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3] .. '|' .. ARGV[4] .. '|' .. ARGV[5])
for i = 1, #KEYS do redis.call('EXPIRE', KEYS[i], ARGV[8]) end
return 1
"""

READ = """
if redis.call('EXISTS', KEYS[2]) == 0 then return false end
local total = redis.call('ZCARD', KEYS[1])
local target = ARGV[1]
if ARGV[2] ~= 'member' and target ~= '' then
  local info = redis.call('HGET', KEYS[3], target)
  target = ''
  if info then
    local _, association, district = string.match(info, '^(%-?%d+)|([^|]*)|([^|]*)$')
    if ARGV[2] == 'association' then target = association else target = district end
  end
end
local mine = false
local better = 0
if target ~= '' then
  mine = redis.call('ZSCORE', KEYS[1], target)
  if mine then better = redis.call('ZCOUNT', KEYS[1], '-inf', '(' .. mine) end
end
return {total, target, mine, better}
"""

_scripts = {}
# Pages recently built, per app and process: {(competition, board, page, size): (until, rows)}.
MAX_CACHED_PAGES = 512


def _keys(competition_id):
    base = f"{PREFIX}{competition_id}:"
    return {
        "member": base + "m",
        "info": base + "info",
        "association": base + "a",
        "association_sums": base + "a:sum",
        "association_counts": base + "a:n",
        "district": base + "d",
        "district_sums": base + "d:sum",
        "district_counts": base + "d:n",
        "ready": base + "ready",
        "lock": base + "lock",
    }


def _apply_keys(keys):
    names = ("member", "info", "association", "association_sums", "association_counts")
    names += ("district", "district_sums", "district_counts", "ready")
    return [keys[name] for name in names]


def _script(name, source):
    # Script objects only carry the source and its hash; each call names the app's client.
    if name not in _scripts:
        _scripts[name] = redis.client.register_script(source)
    return _scripts[name]


def _member_field(member_id):
    # Zero-padded, so Redis's order among equal keys (bytewise) is the order of ids, as in SQL.
    return f"{member_id:010d}"


def _group_field(by, group_id):
    return f"{group_id:010d}" if by == "association" else group_id


def _apply(result, client):
    keys = _keys(result.competition_id)
    _script("apply", APPLY)(
        keys=_apply_keys(keys),
        args=[
            _member_field(result.member_id),
            result.key,
            result.score,
            _group_field("association", result.association_id) if result.association_id else "",
            result.district_code or "",
            ranking.MAX_AVERAGE_CENTI,
            ranking.PARTICIPANT_RADIX,
            int(KEY_TTL.total_seconds()),
        ],
        client=client,
    )


def record(result):
    """Tell Redis about a finished competition attempt (after the commit); no-op without Redis."""
    if redis.client is None:
        return
    try:
        _apply(result, redis.client)
    except redis_lib.RedisError:
        logger.exception("leaderboard update failed for competition %s", result.competition_id)
        forget(result.competition_id)


def forget(competition_id):
    """Drop a competition's Redis sets; the next reader rebuilds them from SQL."""
    if redis.client is None:
        return
    try:
        keys = _keys(competition_id)
        redis.client.delete(*[key for name, key in keys.items() if name != "lock"])
        pages = current_app.extensions.get("quiz_leaderboard_pages", {})
        for key in [key for key in pages if key[0] == competition_id]:
            del pages[key]
    except redis_lib.RedisError:
        logger.exception("could not drop the leaderboard of competition %s", competition_id)


def rebuild(competition_id):
    """Load a competition's entries into Redis; False when another process is already at it."""
    client = redis.client
    keys = _keys(competition_id)
    if db.session.get(Competition, competition_id) is None:
        raise NotFound("竞赛不存在", reason="competition_not_found")
    if not client.set(keys["lock"], "1", nx=True, ex=REBUILD_LOCK_SECONDS):
        return False
    try:
        statement = select(CompetitionEntry).where(
            CompetitionEntry.competition_id == competition_id
        )
        pipe = client.pipeline(transaction=False)
        for count, entry in enumerate(
            db.session.scalars(statement.execution_options(yield_per=500)), 1
        ):
            _apply(board_rows.Result.of(entry), pipe)
            if count % 500 == 0:
                pipe.execute()
        pipe.set(keys["ready"], "1", ex=KEY_TTL)
        pipe.execute()
    finally:
        client.delete(keys["lock"])
    return True


def _redis_page(by, zset, page, page_size):
    """A page of rows read from the sorted set (names and counts from SQL)."""
    client = redis.client
    start = (page - 1) * page_size
    rows = client.zrange(zset, start, start + page_size - 1, withscores=True)
    if not rows:
        return []
    keys = [int(score) for _, score in rows]
    # The page's first rank counts everyone strictly ahead, ties on earlier pages included.
    ranks = [client.zcount(zset, "-inf", f"({keys[0]}") + 1]
    for position in range(1, len(keys)):
        same = keys[position] == keys[position - 1]
        ranks.append(ranks[-1] if same else start + position + 1)
    if by == "member":
        decoded = [ranking.decode_member_key(key) for key in keys]
        return board_rows.member_rows(
            [
                (rank, int(field), score, time_used_ds)
                for rank, (field, _), (score, time_used_ds, _) in zip(
                    ranks, rows, decoded, strict=True
                )
            ]
        )
    ranked = []
    for rank, (field, _), key in zip(ranks, rows, keys, strict=True):
        lost, remainder = divmod(key, ranking.PARTICIPANT_RADIX)
        group_id = int(field) if by == "association" else field.decode()
        centi = ranking.MAX_AVERAGE_CENTI - lost
        ranked.append((rank, group_id, centi, ranking.PARTICIPANT_RADIX - 1 - remainder))
    return board_rows.group_rows(by, ranked)


def _redis_me(by, target, key, better):
    if by == "member":
        score, time_used_ds, _ = ranking.decode_member_key(key)
        return board_rows.member_me(better + 1, score, time_used_ds)
    lost, remainder = divmod(key, ranking.PARTICIPANT_RADIX)
    group_id = int(target) if by == "association" else target
    centi = ranking.MAX_AVERAGE_CENTI - lost
    return board_rows.group_rows(
        by, [(better + 1, group_id, centi, ranking.PARTICIPANT_RADIX - 1 - remainder)]
    )[0]


def _read(by, keys, target, mode):
    script = _script("read", READ)
    return script(
        keys=[keys[by], keys["ready"], keys["info"]], args=[target, mode], client=redis.client
    )


def _cached_page(competition_id, by, page, page_size):
    """A page built from the sorted set, kept in this process for a few seconds."""
    seconds = current_app.config["QUIZ_LEADERBOARD_CACHE_SECONDS"]
    if not seconds:
        return _redis_page(by, _keys(competition_id)[by], page, page_size)
    pages = current_app.extensions.setdefault("quiz_leaderboard_pages", {})
    key = (competition_id, by, page, page_size)
    now = time.monotonic()
    cached = pages.get(key)
    if cached is not None and cached[0] > now:
        return cached[1]
    items = _redis_page(by, _keys(competition_id)[by], page, page_size)
    if len(pages) >= MAX_CACHED_PAGES:
        for stale in [key for key, (until, _) in pages.items() if until <= now]:
            del pages[stale]
    if len(pages) < MAX_CACHED_PAGES:
        pages[key] = (now + seconds, items)
    return items


def board(competition_id, by, page=1, page_size=20, member_id=None):
    """A leaderboard page from Redis, loaded from SQL first if needed; None while another
    process is loading it."""
    keys = _keys(competition_id)
    target = _member_field(member_id) if member_id else ""
    reply = _read(by, keys, target, by)
    if reply is None:
        if not rebuild(competition_id):
            return None
        reply = _read(by, keys, target, by)
    total, found, mine, better = reply
    if by != "member" and member_id and not found:
        group = board_rows.current_group(by, member_id)
        if group is not None:
            _, found, mine, better = _read(by, keys, _group_field(by, group), "member")
    items = _cached_page(competition_id, by, page, page_size)
    me = None
    if mine is not None:
        found = found.decode() if isinstance(found, bytes) else found
        me = _redis_me(by, found, int(float(mine)), better)
    return board_rows.envelope(by, items, total, page, page_size, me)
