"""A KPI card: value, target and deviation, and the change against earlier periods.

Every label of a card fits the card's width whatever its text (9-digit money, long
comparisons, any language): a label first shrinks its font a little, then wraps at
spaces (and between Chinese characters), and shrinks further only while a single
word is still too wide. Labels take their size from ``setFont``, not from a style
sheet, so that the fitting can change it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from shopdesk.domain import kpi
from shopdesk.domain.kpi import METRIC_LABELS, Dashboard, change
from shopdesk.domain.targets import Comparison, favourable
from shopdesk.i18n import _
from shopdesk.reports.text import assessment, change_text, deviation_text, metric_text, to_date_text

_NO_FLAG = "#d0d0d0"  # within the threshold, or no target
_BASE_SIZE = "fit_base_point_size"  # a label's own font size, before any fitting
_SHRINK_BEFORE_WRAP = 0.85  # a line may shrink to this share of its size before it wraps instead
_SMALLEST = 6.0  # points: below this a text is no longer readable on a card


def wrapped_width(metrics: QFontMetricsF, text: str, width: float) -> float:
    """How wide ``text`` is once wrapped into ``width`` as a label wraps it (wider only where a word
    cannot be broken; Chinese breaks between characters)."""
    return metrics.boundingRect(QRectF(0, 0, width, 1e6), Qt.TextFlag.TextWordWrap, text).width()


def fit_label(label: QLabel) -> None:
    """Make ``label``'s text fit its current width: shrink, then wrap, then shrink the longest word.

    Values (labels that may not wrap, ``wrap_allowed`` property False) only shrink.
    """
    width = label.contentsRect().width()
    text = label.text()
    base = label.property(_BASE_SIZE)
    if base is None:
        base = label.font().pointSizeF()
        label.setProperty(_BASE_SIZE, base)
    if width <= 0 or not text:
        return
    may_wrap = label.property("wrap_allowed") is not False
    font = QFont(label.font())

    def fits(size: float, wrapped: bool) -> bool:
        font.setPointSizeF(size)
        metrics = QFontMetricsF(font)
        return (wrapped_width(metrics, text, width) if wrapped else metrics.horizontalAdvance(text)) <= width

    size, wrap = float(base), False
    while size > _SMALLEST and not fits(size, False) and (not may_wrap or size > base * _SHRINK_BEFORE_WRAP):
        size -= 0.25
    if may_wrap and not fits(size, False):
        size, wrap = float(base), True
        while size > _SMALLEST and not fits(size, True):
            size -= 0.25
    font.setPointSizeF(size)
    if font != label.font():
        label.setFont(font)
    if wrap != label.wordWrap():
        label.setWordWrap(wrap)


class _Fitter(QObject):
    """Fits a card's labels again whenever one of them is resized or gets a new text or font."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if isinstance(watched, QLabel) and event.type() == QEvent.Type.Resize:
            fit_label(watched)
        return False


class KpiCard(QFrame):
    """One metric of the dashboard."""

    def __init__(self, metric: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.metric_key = metric
        self.setObjectName(f"card_{metric}")
        self.setMinimumWidth(190)
        self.title, self.value, self.target, self.previous, self.year = (QLabel() for _i in range(5))
        self.value.setObjectName("value")
        font = QFont(self.value.font())
        font.setPointSizeF(18)
        font.setWeight(QFont.Weight.DemiBold)
        self.value.setFont(font)
        self.value.setProperty("wrap_allowed", False)  # a figure shrinks, it never breaks
        for label in (self.target, self.previous, self.year):
            label.setStyleSheet("color: #555;")
        self.to_date = QLabel()  # "to date (15 of 30 days)" while the period is running
        self.to_date.setObjectName("to_date")
        self.to_date.setStyleSheet("color: #555;")
        small = QFont(self.to_date.font())
        small.setPointSizeF(8)  # through setFont, so that the fitting may shrink it further
        self.to_date.setFont(small)
        layout = QVBoxLayout(self)
        layout.setSpacing(3)
        for label in (self.title, self.to_date, self.value, self.target, self.previous, self.year):
            layout.addWidget(label)
        self._fitter = _Fitter(self)
        self.flag: str | None = None
        self._style(None)

    def fit(self) -> None:
        """Fit every label of the card (also those added later) to the card's width."""
        for label in self.findChildren(QLabel):
            if label.property(_BASE_SIZE) is None:  # first time: the card's width, not the text's, decides
                label.setMinimumWidth(1)
                policy = label.sizePolicy()
                policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
                label.setSizePolicy(policy)
                label.installEventFilter(self._fitter)
            fit_label(label)

    def _style(self, flag: str | None, good: bool | None = None) -> None:
        """The border: grey; past the threshold green when the news is good (as the anomaly list words it),
        orange when bad, red past the red line."""
        self.flag = flag
        width = 1 if flag is None else 3
        colour = assessment(good, flag)[1] if flag else _NO_FLAG  # the anomaly list's colours
        self.border_colour = colour
        self.setStyleSheet(f"#{self.objectName()} {{ border: {width}px solid {colour};"
                           " border-radius: 6px; background: white; }")

    def show_figures(self, board: Dashboard, currency: str) -> None:
        """Fill the card from a dashboard, in the current language."""
        metric = self.metric_key
        now = kpi.actual(board.current, metric)
        self.title.setText(_(METRIC_LABELS[metric]))
        self.to_date.setText(to_date_text(board.spans.current))
        self.to_date.setVisible(board.spans.current.running)
        self.value.setText(metric_text(metric, now, currency))
        target: Comparison | None = board.targets.get(metric)
        if target is None:
            self.target.setText(_("no target"))
        else:
            self.target.setText(_("target {target} · {deviation}").format(
                target=metric_text(metric, target.target, currency),
                deviation=deviation_text(target.deviation)))
        previous = {"day": _("vs the day before"), "week": _("vs the week before"),
                    "month": _("vs the month before")}[board.by]
        self.previous.setText(f"{change_text(change(now, kpi.actual(board.previous, metric)))} {previous}")
        year_ago = _("vs a year ago")
        self.year.setText(f"{change_text(change(now, kpi.actual(board.last_year, metric)))} {year_ago}")
        self._style(target.flag if target else None, target and favourable(metric, target.deviation))
        self.fit()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.fit()
        super().showEvent(event)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:  # a label got a new text, or a label was added: fit again
            self.fit()
        return handled
