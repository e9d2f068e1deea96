"""Sanity checks of an import before it is written, and the currency rate an import converts at.

The pipeline counts what the files hold (:class:`ImportFacts`); :func:`warnings`
turns them into the warnings the check page, ``--dry-run`` and ``--json``
show, each with the likely fix, and where one exists, the import option that
applies it (``paid_when_created``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from shopdesk.domain import errors, money
from shopdesk.i18n import N_, _

#: How far outside the store's days (or after today) an import's days may lie before they look misread.
FAR_DAYS = 365
#: The share of orders without an amount above which the amount column looks unmapped.
NO_AMOUNT_SHARE = 0.5

#: The option that counts every order that is not cancelled as paid at its creation.
PAID_WHEN_CREATED = "paid_when_created"

MESSAGES = {
    "no_paid_orders": N_("No order counts as paid, though {with_amount} of {orders} orders have an amount."),
    "paid_above_orders": N_("{paid} paid orders, but only {orders} orders."),
    "orders_without_amount": N_("{without} of {orders} orders have no amount."),
    "zero_gmv": N_("The GMV of these files is 0 over {orders} orders."),
    "days_far_from_store": N_("The orders are dated {first} – {last}, more than a year outside this store's orders "
                              "({usual_first} – {usual_last})."),
    "days_in_future": N_("The orders are dated up to {last}, more than a year after today ({today})."),
}
FIXES = {
    "no_payment_column": N_("No payment time or status column: treat every order as paid when created?"),
    "statuses_unpaid": N_("No order's status ({column}) says it was paid: treat every order as paid when created?"),
    "payment_column_empty": N_("The payment column {column} is empty on every order: treat every order as paid when "
                               "created?"),
    "paid_above_orders": N_("Check that the order number column holds order numbers, not line or item numbers."),
    "orders_without_amount": N_("Check that the order amount column is mapped (or quantity and unit price)."),
    "zero_gmv": N_("Check that the order amount and payment columns are mapped."),
    "days": N_("Check the day and month order of the dates (--date-order), or the date column mapped."),
}


@dataclass
class ImportFacts:
    """What the order files of one import hold, counted by the pipeline.

    Attributes:
        orders: distinct orders met (new and already stored).
        paid: those that count as paid; with_amount: those with an amount above 0.
        gmv_cents: the paid orders' amounts.
        payment_columns: the header texts of the payment time columns the mapping found;
        status_columns: those of the order status columns.
        paid_cells: orders whose payment time cell is filled.
        first_day / last_day: the business days of the orders (ISO), ``None`` without orders.
        usual_first / usual_last: the days of the orders already in the store, ``None`` when empty.
        today: the store's business day now.
    """

    orders: int = 0
    paid: int = 0
    with_amount: int = 0
    gmv_cents: int = 0
    payment_columns: list[str] = field(default_factory=list)
    status_columns: list[str] = field(default_factory=list)
    paid_cells: int = 0
    first_day: str | None = None
    last_day: str | None = None
    usual_first: str | None = None
    usual_last: str | None = None
    today: str | None = None


@dataclass(frozen=True)
class ImportWarning:
    """One warning: its code, its figures, the fix it suggests and the option that applies it (if any)."""

    code: str
    params: dict[str, Any]
    fix: str
    option: str | None = None

    def message(self) -> str:
        """The warning in the current language."""
        return _(MESSAGES[self.code]).format(**self.params)

    def suggestion(self) -> str:
        """The likely fix in the current language."""
        return _(FIXES[self.fix]).format(**self.params)

    def to_json(self) -> dict[str, Any]:
        """As ``--json`` lists it under ``warnings``."""
        return {"code": self.code, "message": self.message(), "suggestion": self.suggestion(), "option": self.option,
                **self.params}


def _days_apart(a: str, b: str) -> int:
    return (dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days


def warnings(facts: ImportFacts) -> list[ImportWarning]:
    """The warnings ``facts`` call for, most telling first."""
    out: list[ImportWarning] = []
    n = facts.orders
    if n:
        if facts.paid == 0 and facts.with_amount:
            params: dict[str, Any] = {"orders": n, "with_amount": facts.with_amount}
            if facts.payment_columns and not facts.paid_cells:
                fix, params["column"] = "payment_column_empty", ", ".join(facts.payment_columns)
            elif facts.status_columns:
                fix, params["column"] = "statuses_unpaid", ", ".join(facts.status_columns)
            else:
                fix = "no_payment_column"
            out.append(ImportWarning("no_paid_orders", params, fix, PAID_WHEN_CREATED))
        if facts.paid > n:
            out.append(ImportWarning("paid_above_orders", {"paid": facts.paid, "orders": n}, "paid_above_orders"))
        without = n - facts.with_amount
        if without > n * NO_AMOUNT_SHARE:
            out.append(ImportWarning("orders_without_amount", {"without": without, "orders": n},
                                     "orders_without_amount"))
        if facts.gmv_cents == 0 and not any(w.code == "no_paid_orders" for w in out):
            out.append(ImportWarning("zero_gmv", {"orders": n}, "zero_gmv"))
    if facts.first_day and facts.last_day:
        if facts.usual_first and facts.usual_last:
            if (_days_apart(facts.usual_first, facts.first_day) > FAR_DAYS
                    or _days_apart(facts.last_day, facts.usual_last) > FAR_DAYS):
                out.append(ImportWarning("days_far_from_store", {
                    "first": facts.first_day, "last": facts.last_day, "usual_first": facts.usual_first,
                    "usual_last": facts.usual_last}, "days"))
        elif facts.today and _days_apart(facts.last_day, facts.today) > FAR_DAYS:
            out.append(ImportWarning("days_in_future", {"last": facts.last_day, "today": facts.today}, "days"))
    return out


# Currencies ----------------------------------------------------------------------------------------

class CurrencyMismatch(errors.ShopDeskError):
    """A file's amounts are in another currency than the store's, and no rate was given."""

    msgid = N_("{file} is in {currency}, but this store keeps its amounts in {store}: a store never adds two "
               "currencies into one figure. Give the rate to convert it at (--rate \"1 {currency} = … {store}\", or "
               "the rate field of the import wizard), or import it into a store in {currency}.")
    exit_code = 2


class RateMismatch(errors.ShopDeskError):
    """The rate given converts another currency than the file's."""

    msgid = N_("{file} is in {currency}, but the rate given is {rate}.")
    exit_code = 2


class BadRate(errors.ShopDeskError):
    """A rate that cannot be read."""

    msgid = N_("The rate {text} cannot be used: write it as \"1 {example} = 0.7 {store}\", an amount above 0 of "
               "another currency on the left and of the store's currency {store} on the right.")
    exit_code = 2


_RATE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)?\s*([A-Za-z]{3})\s*=\s*(\d+(?:[.,]\d+)?)\s*([A-Za-z]{3})?\s*$")


@dataclass(frozen=True)
class Rate:
    """How many units of the store's currency (``target``) ``amount`` units of ``source`` are worth.

    Every amount is converted on its own, exactly (as a fraction), then rounded half away from zero to
    the store currency's minor unit: ``12.345`` → ``12.35``, ``-12.345`` → ``-12.35``.
    """

    source: str
    target: str
    amount: Decimal
    value: Decimal

    @classmethod
    def parse(cls, text: str, store: str) -> Rate:
        """``"1 BRL = 1.32 CNY"`` (the left amount 1 when left out, the right currency the store's when left
        out; a comma may be the decimal mark); raises :class:`BadRate`."""
        m = _RATE.match(text or "")
        example = "USD" if store != "USD" else "EUR"
        if not m:
            raise BadRate(text=text, example=example, store=store)
        amount = Decimal((m.group(1) or "1").replace(",", "."))
        source, value = m.group(2).upper(), Decimal(m.group(3).replace(",", "."))
        target = (m.group(4) or store).upper()
        if amount <= 0 or value <= 0 or target != store or source == store or not money.is_currency(source):
            raise BadRate(text=text, example=example, store=store)
        return cls(source, target, amount, value)

    @property
    def factor(self) -> Fraction:
        """Units of ``target`` per unit of ``source``, exact."""
        return Fraction(self.value) / Fraction(self.amount)

    def text(self) -> str:
        """As the user would write it, e.g. ``1 BRL = 1.32 CNY``."""
        return f"{self.amount:f} {self.source} = {self.value:f} {self.target}"

    def convert(self, amount: Decimal, target_exponent: int) -> int:
        """``amount`` of ``source`` in minor units of ``target``, rounded half away from zero."""
        exact = Fraction(amount) * self.factor * 10 ** target_exponent
        whole, rest = divmod(abs(exact.numerator), exact.denominator)
        if 2 * rest >= exact.denominator:
            whole += 1
        return whole if exact >= 0 else -whole
