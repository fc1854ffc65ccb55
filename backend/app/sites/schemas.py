"""Site schemas: what members send and see."""

import re
from datetime import date

from flask import url_for
from marshmallow import ValidationError, fields, post_load, validate, validates_schema

from ..associations.schemas import AssociationSummarySchema
from ..common.schemas import PageArgsSchema, Schema, Text, page_schema
from .hours import check_periods
from .models import TYPE_LABELS, SiteType

TYPES = [site_type.value for site_type in SiteType]
LATITUDE = validate.Range(min=-90, max=90)
LONGITUDE = validate.Range(min=-180, max=180)
DISTRICT = validate.Regexp(r"^\d{6}$", error="区县代码应为 6 位数字")
# Anything the map can use: from a few metres up to all of Taizhou and beyond.
RADIUS = validate.Range(min=1, max=500_000)


class Number(fields.Float):
    """A finite JSON number; strings and booleans are refused, not coerced."""

    def _validated(self, value):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.make_error("invalid")
        return super()._validated(value)


def _both_or_neither(data):
    if ("lat" in data) != ("lng" in data):
        missing = "lng" if "lat" in data else "lat"
        raise ValidationError("经度和纬度须同时提供", missing)


class LocationArgsSchema(Schema):
    """?lat=&lng=: where the member is, in GCJ-02 (wx.getLocation with type "gcj02")."""

    lat = fields.Float(validate=LATITUDE)
    lng = fields.Float(validate=LONGITUDE)

    @validates_schema
    def together(self, data, **kwargs):
        """Latitude and longitude come as a pair."""
        _both_or_neither(data)


class SiteQuerySchema(PageArgsSchema, LocationArgsSchema):
    """Filters; with lat/lng the list is nearest first, optionally within radius_m."""

    type = fields.String(validate=validate.OneOf(TYPES))
    district = fields.String(validate=DISTRICT)
    q = Text(validate=validate.Length(max=50))
    radius_m = fields.Integer(validate=RADIUS)

    @validates_schema
    def radius_needs_location(self, data, **kwargs):
        """A radius is around the member's location."""
        if "radius_m" in data and "lat" not in data:
            raise ValidationError("按距离筛选须提供经纬度", "radius_m")


class MarkerQuerySchema(Schema):
    """Filters for the map's markers."""

    type = fields.String(validate=validate.OneOf(TYPES))
    district = fields.String(validate=DISTRICT)


def photo_url(photo, size=None):
    """The public address of a photo (size "thumb" for the small copy)."""
    return url_for(
        "sites.get_photo", site_id=photo.site_id, photo_id=photo.id, size=size, _external=True
    )


class PhotoArgsSchema(Schema):
    """?size=thumb for the small copy."""

    size = fields.String(validate=validate.OneOf(["thumb"]))


class PhotoSchema(Schema):
    """A photo, with its small copy for lists."""

    id = fields.Integer()
    url = fields.Function(photo_url)
    thumb_url = fields.Function(lambda photo: photo_url(photo, "thumb"))
    width = fields.Integer()
    height = fields.Integer()


class PeriodSchema(Schema):
    """An opening period, "HH:MM" to "HH:MM" (up to "24:00"), Asia/Shanghai time."""

    opens = fields.String(required=True, validate=validate.Regexp(r"^\d{2}:\d{2}$"))
    closes = fields.String(required=True, validate=validate.Regexp(r"^\d{2}:\d{2}$"))


def _iso_date(value):
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        date.fromisoformat(value)
    except ValueError:
        raise ValidationError("日期格式应为 YYYY-MM-DD") from None


class HoursSchema(Schema):
    """Weekly hours (Monday first; an empty day is closed), closed dates and a note."""

    weekly = fields.List(
        fields.List(fields.Nested(PeriodSchema)),
        required=True,
        validate=validate.Length(equal=7, error="须按周一至周日给出 7 天"),
    )
    closed_dates = fields.List(
        fields.String(validate=_iso_date), load_default=list, validate=validate.Length(max=366)
    )
    note = Text(load_default="", validate=validate.Length(max=200))

    @post_load
    def normalize(self, data, **kwargs):
        """Check each day's periods; sort and dedupe the closed dates."""
        errors = {}
        for index, periods in enumerate(data["weekly"]):
            try:
                check_periods(periods)
            except ValueError as error:
                errors[index] = [str(error)]
        if errors:
            raise ValidationError({"weekly": errors})
        data["closed_dates"] = sorted(set(data["closed_dates"]))
        return data


class SiteSummarySchema(Schema):
    """A site as a check-in refers to it."""

    id = fields.Integer()
    name = fields.String()
    type = fields.String()
    type_label = fields.Function(lambda site: TYPE_LABELS[site.type])
    district = fields.String(attribute="district_code")
    district_name = fields.String(attribute="district.name")


class SiteListItemSchema(SiteSummarySchema):
    """A site in the list: enough for a card and a map marker."""

    address = fields.String()
    lat = fields.Float()
    lng = fields.Float()
    distance_m = fields.Integer(allow_none=True)
    open_now = fields.Boolean(allow_none=True)
    thumb_url = fields.Function(
        lambda site: photo_url(site.photos[0], "thumb") if site.photos else None
    )


class SiteDetailSchema(SiteListItemSchema):
    """Everything the detail page shows."""

    association = fields.Nested(AssociationSummarySchema, allow_none=True)
    description = fields.String()
    paragraphs = fields.Function(
        lambda site: [line.strip() for line in site.description.split("\n") if line.strip()]
    )
    photos = fields.List(fields.Nested(PhotoSchema))
    hours = fields.Nested(HoursSchema, allow_none=True)
    phone = fields.String(allow_none=True)
    checkin_radius_m = fields.Integer()
    location_required = fields.Boolean()
    checkin_count = fields.Integer()
    checked_in_today = fields.Boolean(
        allow_none=True, metadata={"description": "null when not logged in"}
    )


SitePageSchema = page_schema(SiteListItemSchema, "SitePage")


class MarkersSchema(Schema):
    """Every matching site as [id, lat, lng, type index], for the phone to cluster."""

    fields_ = fields.List(fields.String(), data_key="fields")
    types = fields.List(fields.String())
    type_labels = fields.List(fields.String(), metadata={"description": "types' names, in order"})
    total = fields.Integer()
    items = fields.List(fields.List(fields.Raw()))


class CheckInRequestSchema(Schema):
    """The scanned scene, and where the member is (GCJ-02) when the site asks for it."""

    scene = Text(required=True, validate=validate.Length(min=1, max=128))
    lat = Number(validate=LATITUDE)
    lng = Number(validate=LONGITUDE)

    @validates_schema
    def together(self, data, **kwargs):
        """Latitude and longitude come as a pair."""
        _both_or_neither(data)


class CheckInSchema(Schema):
    """A check-in."""

    id = fields.Integer()
    day = fields.Date()
    created_at = fields.DateTime()
    distance_m = fields.Integer(allow_none=True)
    site = fields.Nested(SiteSummarySchema)


class TypeCountSchema(Schema):
    """Check-ins and distinct sites of one type."""

    type = fields.String()
    type_label = fields.String()
    checkins = fields.Integer()
    sites = fields.Integer()


FootprintSchema = Schema.from_dict(
    {
        "items": fields.List(fields.Nested(CheckInSchema)),
        "total": fields.Integer(),
        "page": fields.Integer(),
        "page_size": fields.Integer(),
        "sites_visited": fields.Integer(),
        "by_type": fields.List(fields.Nested(TypeCountSchema)),
    },
    name="Footprint",
)
