"""``shopdesk traffic``: a day's visitors typed in."""

from __future__ import annotations

import argparse

from shopdesk.cli.common import EXIT_OK, acting_as, command, date_arg
from shopdesk.i18n import _, formatting


def enter(args: argparse.Namespace) -> int:
    from shopdesk.services.traffic import enter_traffic
    day = date_arg(args.day, "--day")
    with acting_as(args) as session:
        enter_traffic(session, day, args.visitors, args.page_views, args.add_to_cart, args.channel or "",
                      args.impressions, args.clicks)
    print(_("Saved {visitors} visitors for {day}.").format(visitors=formatting.number(args.visitors),
                                                          day=formatting.date(day)))
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "traffic", enter, _("type in a day's visitors"), user=_("the staff member acting"))
    p.add_argument("--day", required=True)
    p.add_argument("--visitors", type=int, required=True)
    p.add_argument("--page-views", type=int)
    p.add_argument("--add-to-cart", type=int)
    p.add_argument("--impressions", type=int)
    p.add_argument("--clicks", type=int)
    p.add_argument("--channel")
