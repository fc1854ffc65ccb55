"""The one ranking order both leaderboards use, and its composite keys (below 2^53).

Members: higher score, then less time used (tenths of a second), then an earlier finish (whole
seconds after the competition starts). Associations and districts: higher average of their
members' best scores (in hundredths, rounded half up, as displayed), then more participants.
Equal keys share a rank (1, 2, 2, 4); lower keys rank first. Redis keeps scores as doubles, exact
for integers below 2^53, so the limits below bound every key under that.
"""

MAX_SCORE = 10_000
MAX_TIME_LIMIT_SECONDS = 3 * 3600
MAX_WINDOW_SECONDS = 90 * 86400

SCORE_RADIX = MAX_SCORE + 1
TIME_RADIX = MAX_TIME_LIMIT_SECONDS * 10 + 1
FINISH_RADIX = MAX_WINDOW_SECONDS + 1
KEY_LIMIT = 2**53

MAX_AVERAGE_CENTI = MAX_SCORE * 100
PARTICIPANT_RADIX = 2**21


def member_key(score, time_used_ds, finish_s):
    """The composite key of a member's best attempt; lower ranks first."""
    return ((MAX_SCORE - score) * TIME_RADIX + time_used_ds) * FINISH_RADIX + finish_s


def decode_member_key(key):
    """(score, time_used_ds, finish_s) back from a member key."""
    rest, finish_s = divmod(int(key), FINISH_RADIX)
    lost, time_used_ds = divmod(rest, TIME_RADIX)
    return MAX_SCORE - lost, time_used_ds, finish_s


def average_centi(total, count):
    """The average score in hundredths, rounded half up, in integers only."""
    return (200 * total + count) // (2 * count)


def group_key(total, count):
    """The composite key of an association or district; lower ranks first."""
    participants = min(count, PARTICIPANT_RADIX - 1)
    return (MAX_AVERAGE_CENTI - average_centi(total, count)) * PARTICIPANT_RADIX + (
        PARTICIPANT_RADIX - 1 - participants
    )


def competition_ranks(keys):
    """Ranks for keys already in order: equal keys share the rank of the first of them."""
    ranks = []
    for position, key in enumerate(keys):
        if position and key == keys[position - 1]:
            ranks.append(ranks[-1])
        else:
            ranks.append(position + 1)
    return ranks
