"""The statistics as an .xlsx workbook, one sheet per section."""

from ..audit import services as audit
from ..common.spreadsheets import workbook_bytes
from ..extensions import db
from .services import overview


def _pct(value):
    return "" if value is None else f"{value}%"


def export(admin, competition_id=None):
    """The admin's statistics as .xlsx bytes; the export is audited."""
    stats = overview(admin, competition_id)
    sheets = [
        (
            "协会与会员",
            ["区县", "协会数", "注册会员数"],
            [
                [row["name"], row["associations"], row["members"]]
                for row in stats["directory"]["by_district"]
            ],
        )
    ]
    contest = stats["competitions"]
    if contest:
        header = ["名称", "注册会员", "参赛人数", "参与率", "平均分"]
        sheets.append(
            (
                "竞赛-区县",
                ["竞赛", *header],
                [
                    [
                        contest["competition"]["title"],
                        row["name"],
                        row["registered"],
                        row["participants"],
                        _pct(row["participation_rate"]),
                        row["average_score"],
                    ]
                    for row in contest["by_district"]
                ],
            )
        )
        sheets.append(
            (
                "竞赛-协会",
                ["竞赛", *header],
                [
                    [
                        contest["competition"]["title"],
                        row["name"],
                        row["registered"],
                        row["participants"],
                        _pct(row["participation_rate"]),
                        row["average_score"],
                    ]
                    for row in contest["by_association"]
                ],
            )
        )
    sheets.append(
        (
            "阵地打卡",
            ["阵地", "区县代码", "打卡次数"],
            [[row["name"], row["district"], row["checkins"]] for row in stats["checkins"]],
        )
    )
    reports = stats["reports"]
    if reports:
        rates = reports["rates"]
        sheets.append(
            (
                "问题反映-指标",
                ["指标", "数值"],
                [
                    ["问题反映总数", reports["total"]],
                    ["及时受理率", _pct(rates["accepted_on_time"])],
                    ["办结率", _pct(rates["resolved"])],
                    ["销号率", _pct(rates["closed"])],
                    ["满意率", _pct(rates["satisfied"])],
                    ["受理用时中位数（工作日）", reports["median_workdays_to_accept"]],
                    ["办结用时中位数（工作日）", reports["median_workdays_to_resolve"]],
                    ["当前逾期件数", reports["overdue"]],
                ],
            )
        )
        for title, key in (
            ("按类别", "by_category"),
            ("按状态", "by_status"),
            ("按区县", "by_district"),
        ):
            sheets.append(
                (
                    f"问题反映-{title}",
                    ["项目", "件数"],
                    [[row["label"], row["count"]] for row in reports[key]],
                )
            )
    audit.record("stats.export", target_type="stats", district_code=admin.district_code)
    db.session.commit()
    return workbook_bytes(sheets)
