"""Property: SQL and Redis leaderboards rank exactly as a brute-force sort, ties included."""

from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from backend.app.extensions import db, redis
from backend.app.quizzes import leaderboards, redis_boards
from backend.app.quizzes.models import Attempt, CompetitionEntry

from ..factories import AssociationFactory, CompetitionFactory, MemberFactory
from .conftest import put_entry

MEMBERS = 12
PAGE_SIZE = 5

# Small ranges make ties on score, on time and on finish common.
results = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=3).map(lambda n: n * 10),
        st.integers(min_value=0, max_value=2),
        st.integers(min_value=0, max_value=2),
        st.integers(min_value=0, max_value=3),
    ),
    min_size=0,
    max_size=MEMBERS,
)


def _ranks(keys):
    """Standard competition ranks (1, 2, 2, 4) of keys sorted best first."""
    return [keys.index(key) + 1 for key in keys]


def _expected_members(entries):
    ordered = sorted(entries, key=lambda e: (-e["score"], e["time"], e["finish"], e["member"]))
    keys = [(-e["score"], e["time"], e["finish"]) for e in ordered]
    return [
        (f"m{e['member']}", rank, e["score"], e["time"] * 100)
        for e, rank in zip(ordered, _ranks(keys), strict=True)
    ]


def _expected_groups(entries, field):
    groups = {}
    for entry in entries:
        if entry[field] is not None:
            groups.setdefault(entry[field], []).append(entry["score"])
    averages = {}
    for group, scores in groups.items():
        # Round half up to hundredths, with exact fractions.
        centi = Fraction(sum(scores) * 100, len(scores)) + Fraction(1, 2)
        averages[group] = centi.numerator // centi.denominator
    ordered = sorted(groups, key=lambda g: (-averages[g], -len(groups[g]), g))
    keys = [(-averages[g], -len(groups[g])) for g in ordered]
    return [
        (group, rank, averages[group] / 100, len(groups[group]))
        for group, rank in zip(ordered, _ranks(keys), strict=True)
    ]


def _pages(source, competition_id, by):
    rows, page = [], 1
    while True:
        board = source(competition_id, by, page=page, page_size=PAGE_SIZE)
        rows += board["items"]
        if page * PAGE_SIZE >= board["total"]:
            return rows
        page += 1


def _simplify(by, rows):
    if by == "member":
        return [(r["name"], r["rank"], r["score"], r["time_used_ms"]) for r in rows]
    key = "id" if by == "association" else "code"
    return [(r[key], r["rank"], r["average"], r["participants"]) for r in rows]


def _me(board):
    me = board["me"]
    if me is None:
        return None
    if board["by"] == "member":
        return me["rank"], me["score"], me["time_used_ms"]
    return me["rank"], me["average"], me["participants"]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(draws=results)
def test_sql_and_redis_rank_like_a_brute_force_sort(ctx, draws):
    competition = CompetitionFactory(title="性质测试")
    associations = [
        AssociationFactory(district="331002"),
        AssociationFactory(district="331002"),
        AssociationFactory(district="331003"),
    ]
    members = [MemberFactory(nickname=f"m{n}") for n in range(MEMBERS)]
    entries = []
    for member, (score, time, finish, group) in zip(members, draws, strict=False):
        association = associations[group] if group < len(associations) else None
        put_entry(competition, member.id, score, time, finish, association)
        entries.append(
            {
                "member": members.index(member),
                "score": score,
                "time": time,
                "finish": finish,
                "association": association.id if association else None,
                "district": association.district_code if association else None,
            }
        )
    expected = {
        "member": _expected_members(entries),
        "association": _expected_groups(entries, "association"),
        "district": _expected_groups(entries, "district"),
    }
    sources = [leaderboards.sql_board]
    if redis.client is not None:
        sources.append(redis_boards.board)
    for source in sources:
        for by, rows in expected.items():
            assert _simplify(by, _pages(source, competition.id, by)) == rows, (source, by)
            for member, entry in zip(members, entries, strict=False):
                board = source(competition.id, by, page_size=1, member_id=member.id)
                group = entry.get(by) if by != "member" else f"m{entry['member']}"
                wanted = next((row[1:] for row in rows if row[0] == group), None)
                assert _me(board) == wanted, (source, by, entry)
        outsider = members[-1].id if len(entries) < MEMBERS else None
        if outsider:
            assert source(competition.id, "member", member_id=outsider)["me"] is None
    # Leave an empty database for the next example.
    db.session.execute(delete(CompetitionEntry))
    db.session.execute(delete(Attempt))
    db.session.commit()
    redis_boards.forget(competition.id)
