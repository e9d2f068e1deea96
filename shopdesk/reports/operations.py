"""The daily (with the morning brief), weekly and monthly operations reports (運營日報 / 周報 / 月報).

Fed a :class:`ReportFigures` — the dashboard's own figures — they print the
KPI table with targets, deviations and comparisons, vector charts, the day by
day table with each day's confirmation, the further analysis (hours,
channels, funnel, repurchase; weekly and monthly), the anomaly list with causes and
owners, the tasks due, and the confirmation block; an unconfirmed report is
marked as a draft on every page.
"""

from __future__ import annotations

import datetime as dt

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from shopdesk.domain.confirmation import DayStatus
from shopdesk.domain.kpi import CARD_METRICS, METRIC_LABELS, actual, change
from shopdesk.domain.meetings import KIND_LABELS, Meeting
from shopdesk.domain.reports import AnomalyLine, ReportFigures
from shopdesk.domain.targets import favourable
from shopdesk.domain.tasks import STATUS_LABELS, Task
from shopdesk.i18n import N_, _, formatting
from shopdesk.reports import analysis, charts
from shopdesk.reports.fonts import report_font
from shopdesk.reports.layout import GREY, MARGIN, PAPER, RED, Page, Styles, paragraph, render
from shopdesk.reports.text import (
    assessment,
    cause_text,
    change_text,
    deviation_text,
    metric_in_scope,
    metric_text,
    scope_line,
    to_date_text,
)

TITLES = {"daily": N_("Daily operations report and morning brief"), "weekly": N_("Weekly operations report"),
          "monthly": N_("Monthly operations report")}
_PREVIOUS = {"daily": N_("vs the day before"), "weekly": N_("vs the week before"),
             "monthly": N_("vs the month before")}


def title(figures: ReportFigures) -> str:
    """"<store> · Daily operations report and morning brief · Nov 15, 2026" (a week or month: its days, to
    date), not the period's code 2026-W46 or 2026-11."""
    store = figures.store_name or _("ShopDesk store")
    current = figures.board.current
    days = formatting.date(current.first_day) if figures.kind == "daily" else _("{first} to {last}").format(
        first=formatting.date(current.first_day), last=formatting.date(current.last_day))
    return f"{store} · {_(TITLES[figures.kind])} · {days}"


def _period_text(figures: ReportFigures) -> str:
    current = figures.board.current
    if figures.kind == "daily":
        return formatting.date(current.first_day) + " · " + formatting.weekday(current.first_day)
    text = _("{first} to {last}").format(first=formatting.date(current.first_day),
                                         last=formatting.date(current.last_day))
    to_date = to_date_text(figures.board.spans.current)  # a running period: counted and compared to date
    return f"{text} · {to_date}" if to_date else text


def kpi_rows(figures: ReportFigures) -> tuple[list[list[str]], dict[tuple[int, int], object]]:
    """The KPI table: metric, actual, target, deviation, change vs the period before and a year before."""
    board, currency = figures.board, figures.currency
    rows = [[_("Metric"), _("Actual"), _("Target"), _("Deviation"), _(_PREVIOUS[figures.kind]), _("vs a year ago")]]
    marks = {}
    for r, metric in enumerate(CARD_METRICS, 1):
        now = actual(board.current, metric)
        target = board.targets.get(metric)
        rows.append([_(METRIC_LABELS[metric]), metric_text(metric, now, currency),
                     metric_text(metric, target.target, currency) if target else "—",
                     deviation_text(target.deviation) if target else "—",
                     change_text(change(now, actual(board.previous, metric))),
                     change_text(change(now, actual(board.last_year, metric)))])
        if target is not None and target.flag:
            marks[(r, 3)] = HexColor(assessment(favourable(metric, target.deviation), target.flag)[1])
    return rows, marks


def _confirmation_text(state: DayStatus | None) -> str:
    if state is None or state.state == "open":
        return _("not prepared")
    if state.state == "prepared":
        return _("prepared by {name}, not confirmed").format(name=state.prepared_by)
    return _("confirmed by {name}").format(name=state.confirmed_by)


def day_rows(figures: ReportFigures) -> tuple[list[list[str]], dict[tuple[int, int], object]]:
    """Day by day: the main figures and each day's confirmation (unconfirmed days marked)."""
    currency = figures.currency
    shown = ("orders", "gmv", "visitors", "conversion", "refunds")
    rows = [[_("Day"), *(_(METRIC_LABELS[m]) for m in shown), _("Confirmation")]]
    marks = {}
    for r, day in enumerate(figures.days, 1):
        state = figures.statuses.get(day.first_day)
        rows.append([f"{day.first_day.isoformat()} {formatting.weekday(day.first_day, short=True)}",
                     *(metric_text(m, actual(day, m), currency) for m in shown),
                     _confirmation_text(state)])
        if state is None or state.is_draft:
            marks[(r, 6)] = RED
    return rows, marks


def anomaly_rows(lines: list[AnomalyLine], currency: str) -> tuple[list[list[str]], dict[tuple[int, int], object]]:
    """The anomaly list (異常問題清單), grouped under each day: the store's metrics, each with the channels and
    products behind it indented below; target (a channel's or product's usual value), actual, signed
    deviation, favourable or not (coloured), cause (or why none is needed), owners."""
    scoped = any(a.scope for a in lines)
    rows = [[_("Day"), _("Metric"), _("Target / usual") if scoped else _("Target"), _("Actual"), _("Deviation"),
             _("Assessment"), _("Cause"), _("First owner")]]
    marks = {}
    previous_day = None
    for r, a in enumerate(lines, 1):
        label = _(METRIC_LABELS.get(a.metric, a.metric))
        metric = "\u00a0\u00a0\u00a0" + scope_line(a.scope, a.scope_name) if a.depth else metric_in_scope(label, a.scope, a.scope_name)
        word, colour = assessment(a.favourable, a.severity)
        rows.append([a.day.isoformat() if a.day != previous_day else "", metric,
                     metric_text(a.metric, a.target, currency), metric_text(a.metric, a.actual, currency),
                     deviation_text(a.deviation), word, cause_text(a.cause, a.waiting, a.covered), ", ".join(a.owners) or "—"])
        previous_day = a.day
        marks[(r, 4)] = marks[(r, 5)] = HexColor(colour)
        if a.waiting:
            marks[(r, 6)] = RED
        elif not a.cause:
            marks[(r, 6)] = GREY  # optional, or explained by the store metric above
    return rows, marks


def task_rows(tasks: list[Task]) -> tuple[list[list[str]], dict[tuple[int, int], object]]:
    """Tasks due: title, first owner, helpers, due date (overdue in red), status."""
    rows = [[_("Task"), _("First owner"), _("Helpers"), _("Due"), _("Status")]]
    marks = {}
    for r, t in enumerate(tasks, 1):
        due = t.due_on.isoformat() + (" · " + _("overdue") if t.overdue else "")
        rows.append([t.title, t.owner, ", ".join(t.helpers) or "—", due, _(STATUS_LABELS[t.status])])
        if t.overdue:
            marks[(r, 3)] = RED
    return rows, marks


def confirmation_lines(figures: ReportFigures) -> list[str]:
    """The confirmation block: who prepared and who confirmed, when; or why the report is a draft."""
    if figures.kind == "daily":
        state = figures.statuses.get(figures.board.current.first_day)
        lines = []
        if state is None or state.state == "open":
            lines.append(_("Prepared by: nobody yet."))
        else:
            lines.append(_("Prepared by {name} at {at}.").format(name=state.prepared_by, at=_when(state.prepared_at)))
        if state is not None and state.state == "confirmed":
            lines.append(_("Confirmed by {name} at {at}.").format(name=state.confirmed_by,
                                                                  at=_when(state.confirmed_at)))
        else:
            lines.append(_("Not confirmed by a second person: this report is a draft."))
        waiting = [a for a in figures.anomalies if a.waiting and a.day == figures.board.current.first_day]
        if waiting:
            lines.append(_("Anomalies of the day still waiting for a cause note: {count}.").format(
                count=formatting.number(len(waiting))))
        return lines
    unconfirmed = figures.unconfirmed
    total = len(figures.statuses)
    lines = [_("{confirmed} of {total} days confirmed by a second person.").format(
        confirmed=total - len(unconfirmed), total=total)]
    if unconfirmed:
        days = ", ".join(day_ranges(unconfirmed))
        lines.append(_("Not confirmed (figures may still change): {days}. This report is a draft.").format(days=days))
    return lines


def day_ranges(days: list[dt.date]) -> list[str]:
    """Consecutive days joined into ranges: ["2026-11-01 – 2026-11-05", "2026-11-09"]."""
    ranges: list[list[dt.date]] = []
    for day in sorted(days):
        if ranges and day - ranges[-1][1] == dt.timedelta(days=1):
            ranges[-1][1] = day
        else:
            ranges.append([day, day])
    return [a.isoformat() if a == b else f"{a.isoformat()} – {b.isoformat()}" for a, b in ranges]


def _when(text: str | None) -> str:
    return formatting.datetime(dt.datetime.fromisoformat(text)) if text else "—"


def minutes_block(meeting: Meeting, s: Styles) -> list[Flowable]:
    """One meeting: when, which, who; the minutes; each decision with its task's owner, due date and status."""
    head = f"{formatting.date(meeting.day)} · {_(KIND_LABELS[meeting.kind])}"
    if meeting.attendees:
        head += " · " + _("attendees: {names}").format(names=", ".join(meeting.attendees))
    flow: list[Flowable] = [paragraph(head, s.subheading), paragraph(meeting.minutes, s.body)]
    for task in meeting.decisions:
        flow.append(paragraph("→ " + _("Decision: {title} — {owner}, due {due}, {status}").format(
            title=task.title, owner=task.owner, due=formatting.date(task.due_on), status=_(STATUS_LABELS[task.status])),
            s.body))
    return flow


def build(figures: ReportFigures, font: str, paper: str = "a4") -> bytes:
    """The report as PDF bytes, in the current language, on ``paper`` ("a4" or "letter").

    Args:
        figures: from :func:`shopdesk.services.reports.report_figures`.
        font: a registered report font (:func:`shopdesk.reports.fonts.report_font`).
        paper: "a4" or "letter".
    """
    s = Styles(font)
    width = PAPER[paper][0] - 2 * MARGIN
    board = figures.board
    story: list[Flowable] = [
        paragraph(f"{figures.store_name or _('ShopDesk store')} — {_(TITLES[figures.kind])}", s.title),
        paragraph(_period_text(figures) + " · " + _("printed {at}").format(at=formatting.datetime(figures.generated_at)),
                  s.subtitle),
    ]
    if figures.is_draft:
        story.append(paragraph(_("DRAFT — not confirmed by a second person"), s.heading))
    story.append(paragraph(_("Yesterday against target") if figures.kind == "daily" else _("Figures against target"),
                           s.heading))
    rows, marks = kpi_rows(figures)
    story.append(s.table(rows, [width * f for f in (0.22, 0.15, 0.15, 0.12, 0.20, 0.16)], (1, 2, 3, 4, 5), marks))
    story.append(Spacer(1, 4 * mm))
    series = board.days
    short = figures.kind == "daily"  # the daily report fits one page where it can
    story.append(charts.daily_line(series, board.day_targets, "gmv", width, font, _("GMV per day"), _("actual"),
                                   _("target"), _("unfavourable anomaly"), (44 if short else 56) * mm,
                                   _("favourable anomaly")))
    story.append(charts.daily_bars(series, "orders", width, font, _("Paid orders per day"), (34 if short else 44) * mm))
    if figures.kind != "daily":
        story.append(paragraph(_("Day by day"), s.heading))
        rows, marks = day_rows(figures)
        story.append(s.table(rows, [width * f for f in (0.16, 0.10, 0.15, 0.11, 0.10, 0.13, 0.25)],
                             (1, 2, 3, 4, 5), marks))
    if figures.analysis is not None:
        story += analysis.section(figures.analysis, figures.currency, s, width, font)
    heading = _("Anomalies and open anomalies") if figures.kind == "daily" else _("Anomalies")
    story.append(paragraph(heading, s.heading))
    if figures.anomalies:
        rows, marks = anomaly_rows(figures.anomalies, figures.currency)
        story.append(s.table(rows, [width * f for f in (0.115, 0.17, 0.12, 0.12, 0.09, 0.135, 0.135, 0.115)],
                             (2, 3, 4), marks))
        if any(a.scope for a in figures.anomalies):
            story.append(paragraph(_("A channel or product is compared with its usual value: the same weekday of "
                                     "the weeks before."), s.note))
        if any(a.favourable and not a.cause and not a.waiting for a in figures.anomalies):
            story.append(paragraph(_("A favourable anomaly is listed; its cause note is optional (Settings → "
                                     "Anomalies)."), s.note))
    else:
        story.append(paragraph(_("No anomalies."), s.body))
    story.append(paragraph(_("Tasks due"), s.heading))
    if figures.tasks:
        rows, marks = task_rows(figures.tasks)
        story.append(s.table(rows, [width * f for f in (0.38, 0.13, 0.17, 0.18, 0.14)], (), marks))
    else:
        story.append(paragraph(_("No tasks due."), s.body))
    if figures.meetings:
        story.append(paragraph(_("Meeting minutes"), s.heading))
        for meeting in figures.meetings:
            story += minutes_block(meeting, s)
    block = [paragraph(_("Confirmation"), s.heading)] + [paragraph(line, s.body) for line in confirmation_lines(figures)]
    story.append(KeepTogether(block))
    page = Page(font, title(figures), _("Printed {at} by ShopDesk").format(at=formatting.datetime(figures.generated_at)),
                _("DRAFT") if figures.is_draft else None)
    return render(story, page, paper, title(figures))


def pdf(figures: ReportFigures, font_file: str = "", paper: str = "a4") -> bytes:
    """The report as PDF bytes, with the report font found (or the one the settings name).

    Raises:
        FontMissing, FontUnusable: no usable font for the report's text.
    """
    return build(figures, report_font(font_file), paper)
