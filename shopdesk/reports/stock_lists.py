"""The printed stock lists (SPEC §3, §4, §9): the replenishment list (補貨建議), one section per supplier
with its terms, and the slow-moving list (滯銷品處理清單) with a column for the treatment decided."""

from __future__ import annotations

from itertools import groupby

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from shopdesk.domain.product_weekly import LAGGARD, STAR, WeeklyLine, week_of
from shopdesk.domain.reports import StockListFigures
from shopdesk.domain.roles import MASK
from shopdesk.domain.stock import Replenishment, SlowLine
from shopdesk.domain.suppliers import Scorecard
from shopdesk.domain.vocabularies import (
    DECISION_LABELS,
    SLOW_REASON_LABELS,
    SUPPLIER_ACTION_LABELS,
    TREATMENT_LABELS,
    WEEKLY_SHORT_OF_LABELS,
)
from shopdesk.i18n import N_, _, formatting
from shopdesk.reports.fonts import report_font
from shopdesk.reports.layout import MARGIN, PAPER, Page, Styles, paragraph, render

TITLES = {"replenishment": N_("Replenishment list"), "slow-moving": N_("Slow-moving list"),
          "suppliers": N_("Supplier scorecard"), "delisting": N_("Delisting report"),
          "product-weekly": N_("Weekly product sheet")}


def treatment_text(s: SlowLine) -> str:
    """The latest treatment and its day, and the delisting proposal ("" when untreated: room to write)."""
    treatment = s.treatment
    text = f"{_(TREATMENT_LABELS[treatment])} {s.treated_on}" if treatment else ""
    if s.propose_delisting:
        text += " — " + _("propose delisting")
    return text


def title(figures: StockListFigures) -> str:
    """The running title: store · list · as-of day."""
    return f"{figures.store_name or _('ShopDesk store')} · {_(TITLES[figures.kind])} · {figures.as_of.isoformat()}"


def _days(value: float | None) -> str:
    return "—" if value is None else formatting.number(value, 0)


def replenishment_rows(rows: list[Replenishment]) -> list[list[str]]:
    """SKU, name, on hand, on order, reserved for campaigns, units a day, need, order quantity (one supplier's
    part)."""
    out = [[_("SKU"), _("Name"), _("On hand"), _("On order"), _("Reserved"), _("Units a day"), _("Need"),
            _("Order qty")]]
    for r in rows:
        out.append([r.sku, r.name, formatting.number(r.on_hand), formatting.number(r.in_transit),
                    formatting.number(r.planned), formatting.number(r.daily_units, 2), formatting.number(r.need, 1),
                    formatting.number(r.suggested_qty)])
    return out


def slow_rows(rows: list[SlowLine]) -> list[list[str]]:
    """SKU, name, last sale, units in the window, on hand, turnover days, why, and room for the treatment."""
    out = [[_("SKU"), _("Name"), _("Last sale"), _("Units sold"), _("On hand"), _("Turnover days"), _("Why"),
            _("Treatment")]]
    for s in rows:
        out.append([s.sku, s.name, s.last_sale or _("never"), formatting.number(s.units_window),
                    _("not tracked") if s.on_hand is None else formatting.number(s.on_hand), _days(s.turnover_days),
                    _(SLOW_REASON_LABELS[s.reason]), treatment_text(s)])
    return out


def _replenishment(figures: StockListFigures, s: Styles, width: float) -> list[Flowable]:
    window, safety = figures.settings["replenish.window_days"], figures.settings["replenish.safety_days"]
    story: list[Flowable] = [paragraph(_(
        "Suggested order = average units a day over the last {window} days × (the supplier's lead time + {safety} "
        "safety days) + units reserved for campaigns starting within that time − (stock on hand + units on order), "
        "rounded up to the supplier's minimum order.").format(
            window=window, safety=safety), s.note)]
    if figures.untracked:
        story.append(paragraph(_("{count} products are left out: their stock is not tracked.").format(
            count=formatting.number(figures.untracked)), s.note))
    if not figures.rows:
        story.append(paragraph(_("Nothing to reorder."), s.body))
    # by supplier and its terms: a masked supplier (SPEC §8) still gets sections whose terms are right
    for (supplier, _lead, _moq), group in groupby(figures.rows,
                                                  key=lambda r: (r.supplier, r.lead_time_days, r.min_order_qty)):
        rows = list(group)
        first = rows[0]
        head = supplier or _("(no supplier)")
        terms = _("lead time {lead} days · minimum order {moq}").format(lead=first.lead_time_days,
                                                                          moq=first.min_order_qty)
        story.append(KeepTogether([
            paragraph(f"{head} — {terms}", s.subheading),
            s.table(replenishment_rows(rows), [width * f for f in (0.17, 0.26, 0.09, 0.09, 0.09, 0.1, 0.09, 0.11)],
                    (2, 3, 4, 5, 6, 7)),
            Spacer(1, 1.5 * mm),
            paragraph(_("Units to order from {supplier}: {units}").format(
                supplier=head, units=formatting.number(sum(r.suggested_qty for r in rows))), s.body),
        ]))
    return story


def _slow(figures: StockListFigures, s: Styles, width: float) -> list[Flowable]:
    window, limit = figures.settings["lifecycle.slow_days"], figures.settings["lifecycle.slow_turnover_days"]
    story: list[Flowable] = [paragraph(_(
        "On sale for the whole of the last {window} days and no unit sold, or stock lasting more than {limit} days "
        "at the pace of those days. Treatment: discount, bundle, clearance; no sale within a further {window} "
        "days starts delisting.").format(window=window, limit=limit), s.note)]
    if not figures.rows:
        story.append(paragraph(_("No slow-moving products."), s.body))
        return story
    story.append(s.table(slow_rows(figures.rows), [width * f for f in (0.12, 0.2, 0.13, 0.08, 0.1, 0.1, 0.15, 0.12)],
                         (3, 4, 5)))
    return story


def scorecard_rows(rows: list[Scorecard]) -> list[list[str]]:
    """Supplier, lead time, minimum order and payment terms, orders received, on time, quality, price index,
    dropship shipped in time."""
    out = [[_("Supplier"), _("Lead days"), _("Terms"), _("Received"), _("On time"), _("Quality"), _("Price index"),
            _("Dropship")]]
    for c in rows:
        dropship = "—" if c.shipped_in_time_rate is None else formatting.percent(c.shipped_in_time_rate)
        if c.meets_dropship_target is False:
            dropship += " " + _("below target")
        terms = _("minimum order {moq}").format(moq=formatting.number(c.min_order_qty))
        if c.payment_terms:
            terms += f" · {c.payment_terms}"
        if c.min_order_qty == MASK and c.payment_terms == MASK:  # terms the role may not see: one mask
            terms = MASK
        out.append([c.name, str(c.lead_time_days), terms, formatting.number(c.orders_received),
                    formatting.percent(c.on_time_rate), formatting.percent(c.quality_rate),
                    "—" if c.price_index is None else formatting.number(c.price_index, 2), dropship])
    return out


def _suppliers(figures: StockListFigures, s: Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = [paragraph(_(
        "Lead days: the supplier's lead time. Received: replenishment orders received. On time: those received by "
        "their expected day. Quality: units passing quality control. Price: the supplier's costs against the "
        "average cost of the same category (below 1: cheaper). Dropship: orders shipped within {hours} hours of "
        "payment; {target} % are expected.").format(
            target=figures.settings["supplier.dropship_on_time_rate"],
            hours=figures.settings["supplier.dropship_hours"]), s.note)]
    if not figures.rows:
        story.append(paragraph(_("No suppliers."), s.body))
        return story
    story.append(s.table(scorecard_rows(figures.rows),
                         [width * f for f in (0.16, 0.1, 0.2, 0.1, 0.09, 0.09, 0.11, 0.15)], (1, 3, 4, 5, 6)))
    return story


def delisting_rows(rows: list[dict]) -> list[list[str]]:
    """Product, reason, what the supplier does with the stock, who applied, the decision."""
    out = [[_("SKU"), _("Name"), _("Reason"), _("Supplier"), _("Applied by"), _("Decision")]]
    for r in rows:
        action, status = r["supplier_action"], r["status"]
        supplier = _(SUPPLIER_ACTION_LABELS[action]) + (f" ({formatting.number(r['units'])})" if r["units"] else "")
        if r["supplier"]:
            supplier = f"{r['supplier']}: {supplier}"
        decision = _(DECISION_LABELS[status])
        if r["decided_by"]:
            decision += f" — {r['decided_by']} {r['decided_at'][:10]}"
        if r["decision_note"]:
            decision += f" ({r['decision_note']})"
        out.append([r["code"], r["name"], r["reason"], supplier, f"{r['applied_by']} {r['applied_at'][:10]}", decision])
    return out


def _delisting(figures: StockListFigures, s: Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = [paragraph(_("Delisting applications decided in the 30 days up to the day, and those "
                                         "still waiting for a second account."), s.note)]
    if not figures.rows:
        story.append(paragraph(_("No delisting in these days."), s.body))
        return story
    story.append(s.table(delisting_rows(figures.rows), [width * f for f in (0.14, 0.16, 0.2, 0.18, 0.14, 0.18)]))
    return story




def _rate(actual, target_bp: int | None) -> str:
    text = formatting.percent(None if actual is None else float(actual), 1)
    return text if target_bp is None else f"{text} / {formatting.percent(target_bp / 10000, 1)}"


def weekly_rows(rows: list[WeeklyLine]) -> list[list[str]]:
    """SKU, name, owner, units / target, attainment, conversion, add-to-cart rate and stock (each / its target),
    and what fell short."""
    out = [[_("SKU"), _("Name"), _("Person in charge"), _("Units / target"), _("Attained"), _("Conversion"),
            _("Add-to-cart rate"), _("Stock"), _("Short of")]]
    for line in rows:
        target = "" if line.units_target is None else " / " + formatting.number(float(line.units_target), 1)
        if line.basis == "usual":
            target += "*"
        stock = _("not tracked") if line.on_hand is None else formatting.number(line.on_hand)
        if line.target.stock is not None:
            stock += " / " + formatting.number(line.target.stock)
        attained = line.attainment
        out.append([line.sku, line.name, line.owner or "—", formatting.number(line.units) + target,
                    formatting.percent(None if attained is None else float(attained), 0),
                    _rate(line.conversion, line.target.conversion_bp),
                    _rate(line.add_to_cart_rate, line.target.add_to_cart_bp), stock,
                    formatting.items([_(WEEKLY_SHORT_OF_LABELS[k]) for k in line.below])])
    return out


def _weekly(figures: StockListFigures, s: Styles, width: float) -> list[Flowable]:
    values = figures.settings
    first, last = week_of(figures.as_of)
    story: list[Flowable] = [paragraph(_(
        "The week {first} – {last}. Stars sold over {star} of their weekly target (more promotion); laggards "
        "under {laggard} (rework the page or the price). A target marked * is the product's usual week: its "
        "average over the {weeks} weeks before, where no target was set. Conversion: paid orders holding the "
        "product / its visitors; each figure is followed by its target where one is set.").format(
            first=formatting.date(first), last=formatting.date(last),
            star=formatting.percent(values["lifecycle.star_ratio"] / 100, 0),
            laggard=formatting.percent(values["lifecycle.laggard_ratio"] / 100, 0),
            weeks=values["monitor.baseline_weeks"]), s.note)]
    widths = [width * f for f in (0.1, 0.16, 0.1, 0.12, 0.07, 0.12, 0.12, 0.09, 0.12)]
    groups = [(N_("Stars"), [r for r in figures.rows if r.mark == STAR]),
              (N_("Laggards"), [r for r in figures.rows if r.mark == LAGGARD]),
              (N_("On track"), [r for r in figures.rows if r.mark is None and r.units_target]),
              (N_("Sold without a target"), [r for r in figures.rows if not r.units_target and r.units])]
    for heading, rows in groups:
        story.append(paragraph(f"{_(heading)} ({formatting.number(len(rows))})", s.subheading))
        if rows:
            story.append(s.table(weekly_rows(rows), widths, (3, 4, 5, 6, 7)))
        else:
            story.append(paragraph(_("None."), s.body))
    idle = sum(1 for r in figures.rows if not r.units_target and not r.units)
    if idle:
        story.append(Spacer(1, 1.5 * mm))
        story.append(paragraph(_("{count} products on sale had neither a target nor a sale this week.").format(
            count=formatting.number(idle)), s.note))
    return story


def build(figures: StockListFigures, font: str, paper: str = "a4") -> bytes:
    """The list as PDF bytes, in the current language, on ``paper``."""
    s = Styles(font)
    width = PAPER[paper][0] - 2 * MARGIN
    story: list[Flowable] = [
        paragraph(f"{figures.store_name or _('ShopDesk store')} — {_(TITLES[figures.kind])}", s.title),
        paragraph((_("The week ending {day}") if figures.kind == "product-weekly" else _("Stock at the end of {day}"))
                  .format(day=formatting.date(figures.as_of)) + " · "
                  + _("printed {at}").format(at=formatting.datetime(figures.generated_at)), s.subtitle),
        Spacer(1, 2 * mm),
    ]
    section = {"replenishment": _replenishment, "slow-moving": _slow, "suppliers": _suppliers,
               "delisting": _delisting, "product-weekly": _weekly}[figures.kind]
    story += section(figures, s, width)
    page = Page(font, title(figures), _("Printed {at} by ShopDesk").format(at=formatting.datetime(figures.generated_at)),
                None)
    return render(story, page, paper, title(figures))


def pdf(figures: StockListFigures, font_file: str = "", paper: str = "a4") -> bytes:
    """The list as PDF bytes, with the report font found (or the one the settings name).

    Raises:
        FontMissing, FontUnusable: no usable font for the report's text.
    """
    return build(figures, report_font(font_file), paper)
