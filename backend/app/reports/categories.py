"""Report categories (DOMAIN.md), their guidance, other competent channels, and the notice."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Referral:
    """Another authority that handles part of this kind of problem, and how to reach it."""

    authority: str
    channel: str
    when: str


@dataclass(frozen=True)
class Category:
    """A category; a group's children are what a report picks."""

    code: str
    name: str
    guidance: str
    referral: Referral | None = None
    children: tuple = field(default=())


MARKET_REGULATION = Referral(
    authority="市场监督管理部门",
    channel="全国12315平台（12315.cn）或拨打 12315",
    when="收费价格违法问题",
)
DISCIPLINE_COMMISSION = Referral(
    authority="纪检监察机关",
    channel="12388 举报网站或拨打 12388",
    when="党员或公职人员违纪违法问题",
)
HUMAN_RESOURCES = Referral(
    authority="人力资源社会保障部门",
    channel="拨打 12333",
    when="职业资格认定本身的问题",
)

# The official 15 items of the national clean-up of association fees, in their order.
FEE_ITEMS = (
    Category(
        "fee_forced_membership",
        "强制或变相强制入会收会费",
        "写明协会如何要求入会（如办事、评优、参展须先入会），以及收取的会费金额。",
    ),
    Category(
        "fee_no_service",
        "只收费不服务，或对会费已含的服务重复收费",
        "写明已交的会费、章程承诺的服务，以及另行收费的项目和金额。",
    ),
    Category(
        "fee_branch_dues",
        "分支机构多头收会费",
        "写明向您收取会费的协会本级和分支机构名称、各自金额。",
    ),
    Category(
        "fee_kickbacks",
        "收费返成",
        "写明收费项目、返还给谁、返还比例或金额等您掌握的情况。",
    ),
    Category(
        "fee_administrative_power",
        "利用法定职责或行政影响力收费",
        "写明协会借助哪项审批、检查或行政事项收费，以及收费金额。",
    ),
    Category(
        "fee_appraisals",
        "通过评比达标表彰收费",
        "写明评比表彰活动名称、主办方、收费名目和金额。",
    ),
    Category(
        "fee_qualifications",
        "通过职业资格认定违规收费",
        "写明资格或证书名称、收费名目和金额。",
        HUMAN_RESOURCES,
    ),
    Category(
        "fee_forced_events",
        "强制参加会议、培训、考试、展览、评比、出国考察",
        "写明活动名称、时间、是否以不参加相要挟，以及费用。",
    ),
    Category(
        "fee_forced_sponsorship",
        "强制赞助、捐赠或订购产品、刊物",
        "写明被要求赞助、捐赠或订购的内容和金额，以及对方如何施压。",
    ),
    Category(
        "fee_branch_management",
        "以设分支机构为名收管理费、赞助费",
        "写明分支机构名称、收费名目和金额。",
    ),
    Category(
        "fee_positions",
        "以担任理事、负责人为名另行收费",
        "写明职务名称（如理事、副会长）、收费名目和金额。",
    ),
    Category(
        "fee_schedule_procedure",
        "会费标准未经规定程序制定或修改",
        "写明现行会费标准、何时调整，以及是否经会员（代表）大会表决。",
    ),
    Category(
        "fee_monopoly_services",
        "垄断性经营服务收费未按要求规范",
        "写明服务名称、是否只能由该协会提供、收费标准和金额。",
        MARKET_REGULATION,
    ),
    Category(
        "fee_market_prices",
        "市场调节价收费不合理",
        "写明服务名称、收费金额，以及与同类服务相比的情况。",
        MARKET_REGULATION,
    ),
    Category("fee_other", "其他乱收费", "写明收费名目、金额、时间和收费方式。"),
)

CATEGORIES = (
    Category(
        "arbitrary_fees",
        "乱收费",
        "行业协会商会违规收费，按全国清理规范收费的 15 类情形选择。",
        children=FEE_ITEMS,
    ),
    Category(
        "obstructing_withdrawal",
        "阻碍退会",
        "写明您提出退会的时间和方式，以及协会如何拒绝或设置障碍。",
    ),
    Category(
        "illegal_appraisals",
        "违规评比表彰",
        "写明评比表彰活动名称、主办方，以及未经批准或违规举办的情况。",
    ),
    Category(
        "leader_misconduct",
        "负责人违纪违规",
        "写明负责人的职务和具体行为；请只陈述您了解的事实。",
        DISCIPLINE_COMMISSION,
    ),
    Category(
        "irregular_finances",
        "财务管理不规范",
        "写明涉及的账目、款项或票据问题，例如收费不开票、账外资金。",
    ),
    Category(
        "retaliation",
        "打击报复举报人",
        "写明您或他人因反映问题受到的不公正对待，以及发生的时间。",
        DISCIPLINE_COMMISSION,
    ),
    Category("other", "其他", "以上类别都不符合时选择，请写明问题的具体情况。"),
)


def _leaves():
    for category in CATEGORIES:
        if category.children:
            for child in category.children:
                yield child.code, (category, child)
        else:
            yield category.code, (None, category)


# code -> (group or None, category): the codes a report may carry.
SELECTABLE = dict(_leaves())


def category_name(code):
    """The Chinese name shown for a category code, with its group when it has one."""
    group, category = SELECTABLE[code]
    return f"{group.name} · {category.name}" if group else category.name


# The notice (须知) a reporter reads before the form; a new text needs a new version.
NOTICE_VERSION = "2026-11"
NOTICE_TITLE = "问题反映须知"
NOTICE_PARAGRAPHS = (
    "本平台受理对台州市行业协会商会乱收费、强制入会、阻碍退会、违规评比表彰、"
    "负责人违纪违规、财务管理不规范等问题的反映。",
    "您可以实名或匿名反映。实名反映请如实填写姓名和手机号，便于工作人员联系核实；"
    "匿名反映不记录您的微信身份、IP 地址和提交时刻，请不要在内容或图片中写出您的姓名、"
    "电话等可识别您身份的信息。",
    "提交后您会得到一个 16 位回执码，只显示一次，请务必截图或抄写保存。凭回执码可以查询"
    "办理进度、回复工作人员的提问和评价办理结果；回执码遗失后无法找回。",
    "请客观真实地反映问题，尽量写明时间、地点、涉及的协会和金额，并可附上照片。"
    "图片上传时会自动去除拍摄地点、设备和时间等信息。",
    "捏造事实、故意诬告陷害他人的，将依法依规追究责任；如实反映问题受法律保护，"
    "对举报人打击报复的，将依法依规严肃处理。",
    "收到反映后，工作人员一般在 15 个工作日内决定是否受理，并在规定时限内办结；"
    "涉及其他部门职责的，将告知您相应渠道或转交有关部门办理。",
    "为防止滥用，同一网络每天可提交的问题反映数量有上限，达到上限后请次日再提交。",
)
