"""Site schemas for the admin API."""

import re

from flask_smorest.fields import Upload
from marshmallow import ValidationError, fields, post_load, validate, validates_schema

from ..associations.schemas import AssociationSummarySchema
from ..common.schemas import PageArgsSchema, Schema, Text, page_schema
from . import scene
from .models import DEFAULT_CHECKIN_RADIUS_M, CoordSystem
from .schemas import (
    DISTRICT,
    LATITUDE,
    LONGITUDE,
    TYPES,
    HoursSchema,
    Number,
    SiteDetailSchema,
    SiteSummarySchema,
)

COORD_SYSTEMS = [system.value for system in CoordSystem]
PHONE = validate.Regexp(r"^([0-9+\-() 转]{5,30})?$", error="电话号码格式不正确")
RADIUS = validate.Range(min=50, max=10_000)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class PlainText(Text):
    """Plain text in paragraphs: \n line ends, no control characters, one blank line at most."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
        lines = [line.rstrip() for line in text.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


class SiteWriteSchema(Schema):
    """Creating a site, or (partially) changing one; lat/lng in coord_system, stored as GCJ-02."""

    name = Text(required=True, validate=validate.Length(min=2, max=60))
    type = fields.String(required=True, validate=validate.OneOf(TYPES))
    district = fields.String(required=True, validate=DISTRICT)
    association_id = fields.Integer(
        allow_none=True, load_default=None, validate=validate.Range(min=1)
    )
    address = Text(required=True, validate=validate.Length(min=2, max=200))
    lat = Number(required=True, validate=LATITUDE)
    lng = Number(required=True, validate=LONGITUDE)
    coord_system = fields.String(load_default="gcj02", validate=validate.OneOf(COORD_SYSTEMS))
    description = PlainText(load_default="", validate=validate.Length(max=5000))
    hours = fields.Nested(HoursSchema, allow_none=True, load_default=None)
    phone = Text(allow_none=True, load_default=None, validate=PHONE)
    checkin_radius_m = fields.Integer(load_default=DEFAULT_CHECKIN_RADIUS_M, validate=RADIUS)
    location_required = fields.Boolean(load_default=True)
    enabled = fields.Boolean(load_default=True)

    @validates_schema
    def location_together(self, data, **kwargs):
        """A new position needs both coordinates (its system alone means nothing)."""
        if {"lat", "lng", "coord_system"} & set(data):
            for name in ("lat", "lng"):
                if name not in data:
                    raise ValidationError("修改位置须同时提供经度和纬度", name)

    @post_load
    def empty_phone_is_none(self, data, **kwargs):
        """An emptied phone field removes the number."""
        if data.get("phone") == "":
            data["phone"] = None
        return data


class SiteUpdateSchema(SiteWriteSchema):
    """Changing some of a site's fields (load with partial=True)."""


class AdminSiteSchema(SiteDetailSchema):
    """A site as the console shows it."""

    class Meta:
        exclude = ("distance_m", "checked_in_today")

    enabled = fields.Boolean()
    origin = fields.String()
    source_system = fields.String()
    source_lat = fields.Float()
    source_lng = fields.Float()
    qr_version = fields.Integer()
    qrcode_scene = fields.Function(scene.make)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class AdminSiteListItemSchema(SiteSummarySchema):
    """A site in the console's list."""

    association = fields.Nested(AssociationSummarySchema, allow_none=True)
    address = fields.String()
    lat = fields.Float()
    lng = fields.Float()
    enabled = fields.Boolean()
    photo_count = fields.Function(lambda site: len(site.photos))
    checkin_count = fields.Integer()
    updated_at = fields.DateTime()


AdminSitePageSchema = page_schema(AdminSiteListItemSchema, "AdminSitePage")


class AdminSiteQuerySchema(PageArgsSchema):
    """Filters for the console's list; disabled sites included unless enabled=false/true."""

    type = fields.String(validate=validate.OneOf(TYPES))
    district = fields.String(validate=DISTRICT)
    q = Text(validate=validate.Length(max=50))
    enabled = fields.Boolean()
    association_id = fields.Integer(validate=validate.Range(min=1))


class UploadSchema(Schema):
    """A multipart upload in the field "file"."""

    file = Upload(required=True)


class ImportArgsSchema(Schema):
    """?dry_run=true checks the file and reports every bad row without storing anything."""

    dry_run = fields.Boolean(load_default=False)


class RowErrorSchema(Schema):
    """One problem in an imported spreadsheet."""

    row = fields.Integer(metadata={"description": "the row number as Excel shows it"})
    column = fields.String(allow_none=True)
    message = fields.String()


class ImportReportSchema(Schema):
    """What an import found, and did."""

    dry_run = fields.Boolean()
    total = fields.Integer(metadata={"description": "data rows read"})
    valid = fields.Integer()
    created = fields.Integer()
    errors = fields.List(fields.Nested(RowErrorSchema))
