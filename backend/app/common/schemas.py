"""Schema base, Chinese validation messages and the list envelope."""

import marshmallow as ma
from marshmallow import fields, validate

_FIELD_MESSAGES = {
    fields.Field: {
        "required": "缺少必填字段",
        "null": "不能为空",
        "validator_failed": "取值无效",
    },
    fields.Nested: {"type": "类型无效"},
    fields.List: {"invalid": "应为列表"},
    fields.Tuple: {"invalid": "应为数组"},
    fields.String: {"invalid": "应为字符串", "invalid_utf8": "不是有效的 UTF-8 文本"},
    fields.UUID: {"invalid_uuid": "不是有效的 UUID"},
    fields.Number: {"invalid": "应为数字", "too_large": "数字过大"},
    fields.Integer: {"invalid": "应为整数"},
    fields.Float: {"special": "不允许 NaN 或无穷大"},
    fields.Decimal: {"special": "不允许 NaN 或无穷大"},
    fields.Boolean: {"invalid": "应为布尔值"},
    fields.DateTime: {
        "invalid": "不是有效的时间",
        "invalid_awareness": "时间须带时区",
        "format": "时间格式无效",
    },
    fields.Date: {"invalid": "不是有效的日期", "format": "日期格式无效"},
    fields.Mapping: {"invalid": "应为对象"},
    fields.Url: {"invalid": "不是有效的网址"},
    fields.Email: {"invalid": "不是有效的邮箱地址"},
    fields.Enum: {"unknown": "取值须为以下之一：{choices}"},
}

_VALIDATOR_MESSAGES = {
    validate.Length: {
        "message_min": "长度不能少于 {min}",
        "message_max": "长度不能超过 {max}",
        "message_all": "长度须在 {min} 到 {max} 之间",
        "message_equal": "长度须为 {equal}",
    },
    validate.Range: {
        "message_min": "须{min_op} {{min}}",
        "message_max": "须{max_op} {{max}}",
        "message_all": "须{min_op} {{min}} 且{max_op} {{max}}",
        "message_gte": "大于或等于",
        "message_gt": "大于",
        "message_lte": "小于或等于",
        "message_lt": "小于",
    },
    validate.OneOf: {"default_message": "取值须为以下之一：{choices}"},
    validate.ContainsOnly: {"default_message": "包含无效的选项"},
    validate.Regexp: {"default_message": "格式不正确"},
    validate.Email: {"default_message": "不是有效的邮箱地址"},
    validate.URL: {"default_message": "不是有效的网址"},
}


def _localize():
    """Replace marshmallow's English defaults with Chinese, once, for every schema."""
    for cls, messages in _FIELD_MESSAGES.items():
        cls.default_error_messages = {**cls.default_error_messages, **messages}
    for cls, attributes in _VALIDATOR_MESSAGES.items():
        for name, text in attributes.items():
            setattr(cls, name, text)


_localize()


class Schema(ma.Schema):
    """Base schema: Chinese schema-level messages; unknown fields are refused."""

    error_messages = {"type": "输入类型无效", "unknown": "未知字段"}


class Text(fields.String):
    """A string with surrounding whitespace removed before validation."""

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).strip()


class PageArgsSchema(Schema):
    """?page=&page_size= for every list."""

    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    page_size = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


def page_schema(item_schema, name):
    """The list envelope {items, total, page, page_size} around item_schema."""
    return Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item_schema)),
            "total": fields.Integer(),
            "page": fields.Integer(),
            "page_size": fields.Integer(),
        },
        name=name,
    )
