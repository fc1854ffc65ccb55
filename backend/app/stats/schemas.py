"""Statistics schemas."""

from marshmallow import fields

from ..common.schemas import Schema


class StatsQuerySchema(Schema):
    """Which competition the participation figures are for (default: the latest started)."""

    competition_id = fields.Integer()


class DistrictRowSchema(Schema):
    """Associations and members of one district."""

    code = fields.String()
    name = fields.String()
    associations = fields.Integer()
    members = fields.Integer()


class DirectoryStatsSchema(Schema):
    """Associations and registered members by district."""

    by_district = fields.List(fields.Nested(DistrictRowSchema))
    associations = fields.Integer()
    members = fields.Integer()


class ParticipationRowSchema(Schema):
    """Participation in a competition for a district or an association."""

    id = fields.Integer()
    code = fields.String()
    name = fields.String()
    district = fields.String()
    registered = fields.Integer()
    participants = fields.Integer()
    participation_rate = fields.Float(allow_none=True, metadata={"description": "percent"})
    average_score = fields.Float(allow_none=True)


class CompetitionStatsSchema(Schema):
    """Participation and scores of one competition."""

    competition = fields.Dict()
    by_district = fields.List(fields.Nested(ParticipationRowSchema))
    by_association = fields.List(fields.Nested(ParticipationRowSchema))


class CheckinRowSchema(Schema):
    """Check-ins at one site."""

    id = fields.Integer()
    name = fields.String()
    district = fields.String()
    checkins = fields.Integer()


class CountSchema(Schema):
    """A count under a key and its label."""

    key = fields.String()
    label = fields.String()
    count = fields.Integer()


class RatesSchema(Schema):
    """The rates officials are judged by, in percent."""

    accepted_on_time = fields.Float(allow_none=True, metadata={"description": "及时受理率"})
    resolved = fields.Float(allow_none=True, metadata={"description": "办结率"})
    closed = fields.Float(allow_none=True, metadata={"description": "销号率"})
    satisfied = fields.Float(allow_none=True, metadata={"description": "满意率"})


class ReportStatsSchema(Schema):
    """Reports by category, status and district, rates, medians and overdue count."""

    total = fields.Integer()
    by_category = fields.List(fields.Nested(CountSchema))
    by_status = fields.List(fields.Nested(CountSchema))
    by_district = fields.List(fields.Nested(CountSchema))
    rates = fields.Nested(RatesSchema)
    median_workdays_to_accept = fields.Float(allow_none=True)
    median_workdays_to_resolve = fields.Float(allow_none=True)
    overdue = fields.Integer()


class StatsSchema(Schema):
    """Every section the admin may read (reports: none for association officers)."""

    directory = fields.Nested(DirectoryStatsSchema)
    competitions = fields.Nested(CompetitionStatsSchema, allow_none=True)
    checkins = fields.List(fields.Nested(CheckinRowSchema))
    reports = fields.Nested(ReportStatsSchema, allow_none=True)
