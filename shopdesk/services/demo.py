"""The demo store: a deterministic small shop to try ShopDesk on.

``build_demo(path)`` creates a store holding about six months of a small
Taobao-style shop: 24 products in three-level categories with costs, prices,
suppliers and a stock ledger; orders with a weekday rhythm (weekends busier,
Monday quieter), a seasonal drift (summer goods up in June–August, warm goods
up in autumn) and campaign peaks on 618 and Double 11; cancellations, returns,
exchanges, refund-only cases and complaints; visitors, page views and
add-to-cart counts per day; and one staff account of each role, all with the
password :data:`DEMO_PASSWORD`.

The same ``seed`` and ``end_day`` always give the same store, row for row.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

from shopdesk.domain.clock import iso
from shopdesk.domain.jobs import CancelToken, Progress, no_progress
from shopdesk.domain.roles import Role
from shopdesk.services import accounts
from shopdesk.services.session import Session
from shopdesk.store import audit, bulk, staff
from shopdesk.store import stock as ledger
from shopdesk.store import suppliers as supplier_store
from shopdesk.store.migrate import refresh_statistics

DEMO_PASSWORD = "demo1234"
DEMO_OWNER = "owner"
DEMO_STORE_NAME = "清風生活館"
DEMO_END_DAY = dt.date(2026, 11, 15)
DEMO_DAYS = 184
TZ = "Asia/Shanghai"

#: One account per role: user name → role.
DEMO_STAFF: dict[str, Role] = {
    "admin": Role.ADMIN, "manager": Role.MANAGER, "operations": Role.OPERATIONS,
    "merchandise": Role.MERCHANDISE, "service": Role.CUSTOMER_SERVICE, "warehouse": Role.WAREHOUSE,
    "finance": Role.FINANCE,
}
#: Each demo supplier's minimum order and payment terms, in the order of SUPPLIERS.
SUPPLIER_TERMS = [(24, "月結30天"), (12, "貨到付款"), (20, "預付30%，餘款月結"), (6, "代發貨，週結"), (10, "月結60天")]

#: The names the demo accounts go by (the handbooks' sample owners: 趙六 keeps the catalog).
DEMO_NAMES = {"admin": "系統管理員", "manager": "李主管", "operations": "王五", "merchandise": "趙六",
              "service": "周八", "warehouse": "孫七", "finance": "錢會計"}

SUPPLIERS = [
    # code, name, contact, lead time (days), dropship
    ("GY001", "晉江步雲鞋業", "林經理", 10, 0),
    ("GY002", "永康恆溫杯具廠", "陳小姐", 7, 0),
    ("GY003", "杭州織錦服飾", "王先生", 12, 0),
    ("GY004", "義烏百納家居", "張經理", 5, 1),
    ("GY005", "深圳極光數碼", "劉先生", 14, 0),
]

# code, name, spec, (cat1, cat2, cat3), cost, price, supplier, safety stock, stage, popularity, season
PRODUCTS = [
    ("SP2024001", "夏季透氣運動鞋-男", "42碼 灰色", ("鞋靴", "運動鞋", "跑步鞋"), 9500, 19900, "GY001", 50, "growth", 9, "summer"),
    ("SP2024002", "保溫杯-500ml", "500ml 白色", ("家居", "杯具", "保溫杯"), 3200, 8900, "GY002", 50, "slow_moving", 0.25, "winter"),
    ("SP2024003", "夏季透氣運動鞋-女", "37碼 粉色", ("鞋靴", "運動鞋", "跑步鞋"), 9000, 18900, "GY001", 50, "growth", 7, "summer"),
    ("SP2024004", "輕便帆布鞋", "40碼 白色", ("鞋靴", "休閒鞋", "帆布鞋"), 4500, 9900, "GY001", 40, "mature", 6, ""),
    ("SP2024005", "冰絲防曬衣-女", "M 淺藍", ("服飾", "女裝", "防曬衣"), 3800, 12900, "GY003", 60, "growth", 8, "summer"),
    ("SP2024006", "純棉短袖T恤-男", "L 白色", ("服飾", "男裝", "T恤"), 2200, 6900, "GY003", 80, "mature", 10, "summer"),
    ("SP2024007", "速乾運動短褲", "L 黑色", ("服飾", "運動服", "短褲"), 2600, 7900, "GY003", 50, "mature", 6, "summer"),
    ("SP2024008", "加絨衛衣-中性", "XL 灰色", ("服飾", "男裝", "衛衣"), 5200, 15900, "GY003", 40, "new", 4, "winter"),
    ("SP2024009", "羊毛混紡圍巾", "180cm 駝色", ("服飾", "配飾", "圍巾"), 3600, 11900, "GY003", 30, "new", 3, "winter"),
    ("SP2024010", "不鏽鋼保溫飯盒", "1.2L", ("家居", "廚具", "飯盒"), 4100, 10900, "GY002", 30, "mature", 3, "winter"),
    ("SP2024011", "玻璃隨行杯-400ml", "400ml 透明", ("家居", "杯具", "玻璃杯"), 1200, 3900, "GY002", 60, "mature", 7, "summer"),
    ("SP2024012", "便攜榨汁杯", "350ml 綠色", ("家電", "廚房電器", "榨汁機"), 5600, 12900, "GY005", 30, "growth", 4, "summer"),
    ("SP2024013", "記憶棉枕頭", "標準款", ("家居", "床品", "枕頭"), 4800, 12900, "GY004", 30, "mature", 4, ""),
    ("SP2024014", "涼感冰絲涼蓆", "1.8m", ("家居", "床品", "涼蓆"), 8800, 22900, "GY004", 20, "mature", 3, "summer"),
    ("SP2024015", "珊瑚絨毛毯", "150×200cm", ("家居", "床品", "毛毯"), 5500, 13900, "GY004", 20, "new", 2, "winter"),
    ("SP2024016", "收納整理箱三件套", "大中小", ("家居", "收納", "收納箱"), 2900, 7900, "GY004", 40, "mature", 5, ""),
    ("SP2024017", "藍牙耳機-運動款", "黑色", ("數碼", "耳機", "藍牙耳機"), 7800, 19900, "GY005", 30, "growth", 5, ""),
    ("SP2024018", "手機支架-桌面", "銀色", ("數碼", "配件", "支架"), 900, 2900, "GY005", 50, "mature", 6, ""),
    ("SP2024019", "行動電源-10000mAh", "白色", ("數碼", "配件", "行動電源"), 4200, 9900, "GY005", 40, "mature", 5, ""),
    ("SP2024020", "USB小風扇", "粉色", ("家電", "生活電器", "風扇"), 1500, 4900, "GY005", 60, "clearance", 2.5, "summer"),
    ("SP2024021", "瑜伽墊-6mm", "紫色", ("運動", "健身", "瑜伽墊"), 3300, 8900, "GY004", 30, "mature", 3, ""),
    ("SP2024022", "跳繩-計數款", "黑色", ("運動", "健身", "跳繩"), 800, 2900, "GY004", 50, "mature", 4, ""),
    ("SP2024023", "戶外折疊椅", "軍綠", ("運動", "戶外", "折疊椅"), 4600, 11900, "GY004", 20, "mature", 2, "summer"),
    ("SP2024024", "兒童保溫水壺", "600ml 藍色", ("家居", "杯具", "保溫杯"), 3000, 7900, "GY002", 40, "new", 3, "winter"),
]

RETURN_REASONS = ["尺碼不符", "質量問題", "與描述不符", "不想要了"]
COMPLAINT_REASONS = ["物流慢", "客服回覆慢", "包裝破損"]
CARRIERS = ["順豐速運", "中通快遞", "圓通速遞", "韻達快遞"]
CHANNELS = ["搜索", "推薦", "直播", "活動會場"]
WEEKDAY_FACTOR = [0.85, 0.95, 1.0, 1.0, 1.05, 1.3, 1.25]  # Monday … Sunday
HOUR_WEIGHTS = [2, 1, 1, 1, 1, 1, 2, 3, 5, 7, 9, 9, 8, 7, 7, 7, 7, 6, 6, 8, 11, 12, 10, 5]


@dataclass(frozen=True)
class DemoSummary:
    """What the generator wrote."""

    path: Path
    first_day: dt.date
    last_day: dt.date
    counts: dict[str, int]


def _campaign_factor(day: dt.date) -> float:
    """Peaks of 618 and Double 11, with warm-ups before them."""
    factor = 1.0
    for peak, height in ((dt.date(day.year, 6, 18), 2.6), (dt.date(day.year, 11, 11), 4.0)):
        delta = (day - peak).days
        if delta == 0:
            factor = max(factor, height)
        elif -3 <= delta < 0:
            factor = max(factor, 1.0 + (height - 1.0) * 0.25)
        elif 0 < delta <= 2:
            factor = max(factor, 1.0 + (height - 1.0) * 0.15)
    return factor


def _season_factor(season: str, day: dt.date) -> float:
    """Summer goods peak in mid-July, winter goods in January; a cosine over the year."""
    if not season:
        return 1.0
    phase = (day.timetuple().tm_yday - (196 if season == "summer" else 15)) / 365.0
    return 1.0 + 0.6 * math.cos(2 * math.pi * phase)


def build_demo(path: Path | str, seed: int = 2024, end_day: dt.date = DEMO_END_DAY,
               progress: Progress = no_progress, cancel: CancelToken | None = None) -> DemoSummary:
    """Create the demo store at ``path`` (which must not exist yet).

    All rows are written in one transaction: a cancelled or failed build
    leaves no file behind.
    """
    cancel = cancel or CancelToken()
    path = Path(path)
    progress(0, DEMO_DAYS + 2, "")
    session = accounts.init_store(path, DEMO_STORE_NAME, DEMO_OWNER, DEMO_PASSWORD, "CNY", TZ,
                                  display_name="店主")
    try:
        for username, role in DEMO_STAFF.items():
            cancel.check()
            accounts.add_staff(session, username, role, DEMO_PASSWORD, DEMO_NAMES[username])
        progress(1, DEMO_DAYS + 2, "")
        with session.store.transaction() as conn:
            counts = _generate(conn, session, random.Random(seed), end_day, progress, cancel)
            audit.record(conn, session.actor, "store.demo_generated", "store", None, None,
                         {"seed": seed, "end_day": end_day.isoformat(), **counts}, tz=TZ)
        _daily_routine(session, end_day)
    except BaseException:
        session.store.close()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}.owner")):
            leftover.unlink(missing_ok=True)
        raise
    session.store.close()
    progress(DEMO_DAYS + 2, DEMO_DAYS + 2, "")
    return DemoSummary(path, end_day - dt.timedelta(days=DEMO_DAYS - 1), end_day, counts)


#: The demo's cause notes and follow-up tasks, by metric and by the way it moved (``True``: above target):
#: a note always explains the move it is given to.
CAUSES = {
    ("gmv", True): "雙11返場活動延續，活動會場與推薦流量帶來額外成交",
    ("gmv", False): "雙11後需求透支，推薦與搜索渠道成交回落",
    ("orders", True): "雙11返場優惠券帶動下單",
    ("orders", False): "雙11後需求透支，各渠道訂單回落",
    ("visitors", True): "雙11返場活動帶來額外訪客",
    ("visitors", False): "直通車預算用完，下午起推廣流量下降",
    ("conversion", True): "返場優惠券提高了下單率",
    ("conversion", False): "大促後比價瀏覽的訪客增多，轉化率回落",
}
TASKS = {
    "gmv": "推出冬季新品預售，拉回雙11後的成交", "orders": "推出冬季新品預售，拉回雙11後的成交",
    "visitors": "追加直通車預算並調整投放時段", "conversion": "優化詳情頁並在晚間加派客服催付，拉回轉化率",
}
#: The demo's targets against the quarter before: a little growth on every figure.
TARGET_GROWTH = 1.05


def demo_targets(owner: Session, end_day: dt.date) -> dict[str, str]:
    """Targets of ``end_day``'s quarter from the demo's own figures: the quarter before, a little higher
    (GMV to the nearest 10,000.00, orders to the hundred, visitors to the thousand, conversion to 0.1 %)."""
    from shopdesk.domain.targets import period_bounds
    from shopdesk.services.kpi import kpi_series
    first, _last = period_bounds(f"{end_day.year}-Q{(end_day.month - 1) // 3 + 1}")
    before_last = first - dt.timedelta(days=1)
    before_first, _end = period_bounds(f"{before_last.year}-Q{(before_last.month - 1) // 3 + 1}")
    days = kpi_series(owner, before_first, before_last, "day")
    gmv = sum(d.gmv_cents for d in days) / 100 * TARGET_GROWTH
    orders = sum(d.orders for d in days) * TARGET_GROWTH
    visitors = sum(d.visitors or 0 for d in days) * TARGET_GROWTH
    known = [d for d in days if d.visitors]
    conversion = sum(d.orders for d in known) / max(sum(d.visitors or 0 for d in known), 1)
    return {"gmv": str(round(gmv, -4)), "orders": str(round(orders, -2)), "visitors": str(round(visitors, -3)),
            "conversion": f"{round(conversion * 100, 1)}%"}


def _daily_routine(owner: Session, end_day: dt.date) -> None:
    """Targets for the last quarter (from the quarter before), its anomalies (some explained by notes that
    fit the way each moved, one with a task, one left waiting), a task due soon, meeting minutes with a decision,
    and the days confirmed by two people up to three days before the end (the last prepared only)."""
    from shopdesk.services import anomalies, confirmation, targets, tasks
    from shopdesk.services.session import demo_login
    quarter = f"{end_day.year}-Q{(end_day.month - 1) // 3 + 1}"
    for metric, value in demo_targets(owner, end_day).items():
        targets.set_target(owner, metric, quarter, value, "weekday")
    operations, manager = demo_login(owner.store, "operations"), demo_login(owner.store, "manager")
    anomalies.detect(operations, end_day - dt.timedelta(days=2), end_day)
    store_level = [r for r in anomalies.anomaly_list(operations)
                   if not r["scope"] and (r["metric"], r["deviation"] > 0) in CAUSES]
    # the last day's unfavourable ones but one (left waiting for its cause), and one favourable (its note is
    # optional), each with a note that fits the way it moved
    bad = [r for r in store_level if r["day"] == end_day.isoformat() and not r["favourable"]]
    chosen = (bad[:-1] if len(bad) > 1 else bad) + [r for r in store_level if r["favourable"]][:1]
    for row in chosen:
        anomalies.explain(operations, row["id"], CAUSES[(row["metric"], row["deviation"] > 0)])
    if chosen:
        first = chosen[0]
        tasks.create(operations, TASKS[first["metric"]], "operations", end_day + dt.timedelta(days=2),
                        ["manager"], first["id"])
    tasks.create(operations, "補齊冬季新品詳情頁屬性", "merchandise", end_day - dt.timedelta(days=1), ["operations"])
    _meetings(operations, end_day)
    _weekly_targets(demo_login(owner.store, "merchandise"), end_day)
    day = end_day - dt.timedelta(days=29)
    while day <= end_day - dt.timedelta(days=1):
        confirmation.prepare(operations, day)
        if day <= end_day - dt.timedelta(days=3):
            confirmation.confirm(manager, day)
        day += dt.timedelta(days=1)


def _against_target(operations: Session, first: dt.date, last: dt.date, by: str) -> dict[str, float]:
    """Metric → deviation from target of the period ``first`` … ``last`` (the metrics with a target)."""
    from shopdesk.services.kpi import kpi_series
    from shopdesk.services.targets import compare
    rows = kpi_series(operations, first, last, by)
    found = compare(operations, rows)
    return {c.metric: c.deviation for c in found.get(rows[0].period, []) if c.deviation is not None}


def _moves(deviations: dict[str, float]) -> str:
    """"訪客高於目標 19.7%，轉化率低於目標 11.4%": each metric's move, as the figures have it."""
    labels = {"visitors": "訪客", "gmv": "成交額", "orders": "訂單量", "conversion": "轉化率"}
    return "，".join(f"{labels[m]}{'高於' if d > 0 else '低於'}目標 {abs(d):.1%}"
                    for m, d in deviations.items() if m in labels and abs(d) >= 0.005)


def _meetings(operations: Session, end_day: dt.date) -> None:
    """The last week's meeting, the review of the day before the end with a decision, and the morning brief;
    the figures they quote are the store's."""
    from shopdesk.services import anomalies, meetings
    monday = end_day - dt.timedelta(days=end_day.weekday())
    week = _against_target(operations, monday - dt.timedelta(days=7), monday - dt.timedelta(days=1), "week")
    attained = 1 + week.get("gmv", 0.0)
    meetings.record(operations, "weekly_meeting", monday,
                    f"上週（雙11）成交額達成目標的 {attained:.0%}；退貨率略升，主因尺碼不符。\n"
                    "本週重點：冬季新品上架、售後跟進。",
                    ["owner", "manager", "operations", "merchandise", "service"])
    before = end_day - dt.timedelta(days=1)
    review = meetings.record(operations, "daily_review", before,
                             (_moves(_against_target(operations, before, before, "day")) or "各項指標接近目標")
                             + "；退貨申請增多，主因尺碼不符。", ["manager", "operations"])
    meetings.decide(operations, review, "尺碼表補上實測數據，客服下單前主動確認尺碼", "operations",
                    end_day + dt.timedelta(days=1), ["manager"])
    waiting = len(anomalies.waiting_for_cause(operations, before))
    gmv = _against_target(operations, before, before, "day").get("gmv", 0.0)
    brief = (f"昨日成交額{'超出' if gmv > 0 else '未達'}目標 {abs(gmv):.1%}；"
             + (f"{waiting} 項不利異常待填原因" if waiting else "昨日異常均為有利偏差，原因可選填")
             + "；一項任務逾期。")
    meetings.record(operations, "morning_brief", end_day, brief, ["manager", "operations", "service"])


def _weekly_targets(merchandise: Session, end_day: dt.date) -> None:
    """Weekly targets for every other product, from eight weeks before the end: its usual week raised or
    lowered a little, a conversion of 3 % and an add-to-cart rate of 10 %; twice its safety stock."""
    from shopdesk.services import product_weekly
    applies_from = end_day - dt.timedelta(weeks=8)
    lines = product_weekly.weekly(merchandise, applies_from - dt.timedelta(days=1)).lines
    factors = (0.6, 1.0, 1.3, 0.9)
    targets = {}
    for n, line in enumerate(sorted(lines, key=lambda x: x.code)[::2]):
        usual = float(line.units_target or line.units or 1)
        safety = next(spec[7] for spec in PRODUCTS if spec[0] == line.code)
        targets[line.code] = product_weekly.parse_target(str(max(1, round(usual * factors[n % 4]))), "3", "10",
                                                     str(safety * 2))
    product_weekly.set_targets(merchandise, targets, applies_from)


def _generate(conn, session: Session, rng: random.Random, end_day: dt.date,
              progress: Progress, cancel: CancelToken) -> dict[str, int]:
    tz = zoneinfo.ZoneInfo(TZ)
    start = end_day - dt.timedelta(days=DEMO_DAYS - 1)
    opened = dt.datetime.combine(start - dt.timedelta(days=30), dt.time(9, 0), tz)
    supplier_ids = {code: i for i, (code, *_rest) in enumerate(SUPPLIERS, start=1)}
    bulk.insert_rows(conn, "suppliers", [(i, code, name, contact, f"0571-8{i:03d}{i * 7:04d}", lead, drop)
                                         for i, (code, name, contact, lead, drop) in enumerate(SUPPLIERS, 1)])
    for i, (moq, terms) in enumerate(SUPPLIER_TERMS, 1):
        supplier_store.set_terms(conn, i, {"min_order_qty": moq, "payment_terms": terms})
    merchandise = staff.by_name(conn, "merchandise")
    owner_id = merchandise.id if merchandise else session.staff_id
    products = []
    for pid, (code, name, spec_text, cats, cost, price, sup, safety, stage, _pop, _season) in enumerate(PRODUCTS, 1):
        products.append((pid, code, name, spec_text, *cats, cost, price, supplier_ids[sup], safety, stage, owner_id,
                         iso(opened), iso(opened)))
    bulk.insert_rows(conn, "products", products)

    stock = {}
    movements = []
    for pid, spec in enumerate(PRODUCTS, 1):
        initial = 40 if spec[0] == "SP2024002" else spec[7] * 4 + rng.randint(0, 60)
        stock[pid] = initial
        movements.append((pid, "receipt", initial, iso(opened), opened.date().isoformat(), "期初入庫"))

    customers: list[tuple] = []
    orders: list[tuple] = []
    lines: list[tuple] = []
    cases: list[tuple] = []
    traffic: list[tuple] = []
    traffic_rng = random.Random(end_day.toordinal())  # a stream of its own: the orders stay as they were
    order_id = 0
    total_days = DEMO_DAYS + 2
    for offset in range(DEMO_DAYS):
        cancel.check()
        day = start + dt.timedelta(days=offset)
        campaign = _campaign_factor(day)
        demand = 38 * WEEKDAY_FACTOR[day.weekday()] * campaign * (1 + 0.1 * offset / DEMO_DAYS)
        n_orders = max(0, int(rng.gauss(demand, math.sqrt(demand))))
        weights = [p[9] * _season_factor(p[10], day) for p in PRODUCTS]
        conversion = rng.uniform(0.026, 0.036) * (1.15 if campaign > 1 else 1.0)
        visitors = int(n_orders / conversion) + rng.randint(0, 40)
        traffic.append((day.isoformat(), "", visitors, int(visitors * rng.uniform(2.6, 3.4)),
                        int(visitors * rng.uniform(0.07, 0.1))))
        traffic.extend(_channel_traffic(traffic_rng, day, traffic.pop()))
        for _n in range(n_orders):
            order_id += 1
            if customers and rng.random() < 0.28:
                customer_id = rng.randint(1, len(customers))
            else:
                customers.append((len(customers) + 1, "demo", f"tb{rng.randint(10**7, 10**8 - 1)}",
                                  f"用戶{len(customers) + 1:05d}"))
                customer_id = len(customers)
            hour = rng.choices(range(24), HOUR_WEIGHTS)[0]
            created = dt.datetime.combine(day, dt.time(hour, rng.randint(0, 59), rng.randint(0, 59)), tz)
            picks = rng.choices(range(1, len(PRODUCTS) + 1), weights, k=rng.choices([1, 2, 3], [70, 24, 6])[0])
            goods = 0
            order_lines = []
            for line_no, pid in enumerate(dict.fromkeys(picks), 1):
                qty = rng.choices([1, 2, 3], [85, 12, 3])[0]
                price = PRODUCTS[pid - 1][5]
                order_lines.append((order_id, line_no, pid, PRODUCTS[pid - 1][0], PRODUCTS[pid - 1][1], qty,
                                    price, 0))
                goods += price * qty
            discount = 5000 if campaign > 1 and goods >= 20000 else 0  # 滿200減50 during campaigns
            shipping = 0 if goods >= 9900 else 800
            cancelled = rng.random() < 0.035
            age = (end_day - day).days
            paid = None if cancelled else created + dt.timedelta(minutes=rng.randint(0, 30))
            shipped = delivered = None
            status = "cancelled"
            if paid is not None:
                shipped_at = paid + dt.timedelta(hours=rng.uniform(4, 46))
                delivered_at = shipped_at + dt.timedelta(hours=rng.uniform(30, 96) * (1.5 if campaign > 2 else 1))
                end = dt.datetime.combine(end_day, dt.time(23, 59), tz)
                shipped = shipped_at if shipped_at <= end else None
                delivered = delivered_at if delivered_at <= end else None
                status = ("completed" if age > 10 else "delivered") if delivered else (
                    "shipped" if shipped else rng.choice(["received", "reviewed", "packed"]))
            total = goods - discount + shipping
            orders.append((order_id, "demo", f"DM{day:%Y%m%d}{order_id:06d}", customer_id,
                           rng.choices(CHANNELS, [50, 25, 10, 15])[0], status, iso(created), day.isoformat(),
                           iso(paid) if paid else None, iso(shipped) if shipped else None,
                           iso(delivered) if delivered else None, goods, discount, shipping, total,
                           rng.choice(CARRIERS) if shipped else "",
                           f"SF{rng.randint(10**11, 10**12 - 1)}" if shipped else ""))
            lines.extend(order_lines)
            if paid is None:
                continue
            for line in order_lines:
                stock[line[2]] -= line[5]
                movements.append((line[2], "sale", -line[5], iso(paid), day.isoformat(), orders[-1][2]))
            if delivered:
                _after_sales(rng, cases, orders[-1], order_lines, delivered, tz, end_day, movements, stock)
        for pid, spec in enumerate(PRODUCTS, 1):
            if spec[0] != "SP2024002" and stock[pid] < spec[7] and rng.random() < 0.5:
                qty = spec[7] * 4
                at = dt.datetime.combine(day, dt.time(16, 0), tz)
                movements.append((pid, "receipt", qty, iso(at), day.isoformat(), f"PO{day:%Y%m%d}{pid:03d}"))
                stock[pid] += qty
        progress(offset + 2, total_days, "")
    bulk.insert_rows(conn, "customers", customers)
    bulk.insert_rows(conn, "orders", orders)
    bulk.insert_rows(conn, "order_lines", lines)
    bulk.insert_rows(conn, "after_sales", cases)
    bulk.insert_rows(conn, "stock_movements", movements)
    ledger.mark_tracked_from_ledger(conn)
    bulk.insert_rows(conn, "traffic_daily", traffic)
    product_traffic = _product_traffic(random.Random(end_day.toordinal() + 1), orders, lines)
    bulk.insert_rows(conn, "product_traffic_daily", product_traffic)
    refresh_statistics(conn)
    return {"suppliers": len(SUPPLIERS), "products": len(PRODUCTS), "customers": len(customers),
            "orders": len(orders), "order_lines": len(lines), "after_sales": len(cases),
            "stock_movements": len(movements), "traffic_days": len(traffic),
            "product_traffic_days": len(product_traffic)}


def _product_traffic(rng: random.Random, orders: list[tuple], lines: list[tuple]) -> list[tuple]:
    """Each product's visitors and add-to-cart per day, from the paid orders holding it at a conversion of
    its own (a stream of its own: the orders stay as they were)."""
    paid_day = {o[0]: o[7] for o in orders if o[8]}
    held: dict[tuple[str, int], int] = {}
    for line in lines:
        if line[0] in paid_day:
            key = (paid_day[line[0]], line[2])
            held[key] = held.get(key, 0) + 1
    conversion = {pid: rng.uniform(0.015, 0.05) for pid in range(1, len(PRODUCTS) + 1)}
    rows = []
    for (day, pid), count in sorted(held.items()):
        visitors = int(count / conversion[pid]) + rng.randint(0, 15)
        rows.append((day, pid, visitors, int(visitors * rng.uniform(0.05, 0.14))))
    return rows


#: Each channel's share of the visitors (search brings most; live streams convert best).
CHANNEL_VISITORS = {"搜索": 0.55, "推薦": 0.3, "直播": 0.05, "活動會場": 0.1}


def _channel_traffic(rng: random.Random, day: dt.date, whole: tuple) -> list[tuple]:
    """The whole store's row with impressions and clicks added, and one row per channel."""
    _day, _all, visitors, page_views, carts = whole
    clicks = int(visitors * rng.uniform(1.15, 1.3))
    impressions = int(clicks * rng.uniform(18, 26))
    rows = []
    for channel, share in CHANNEL_VISITORS.items():
        part = rng.uniform(0.9, 1.1) * share
        rows.append((day.isoformat(), channel, int(visitors * part), int(page_views * part), int(carts * part),
                     int(impressions * part), int(clicks * part)))
    return [(*whole, impressions, clicks), *rows]


def _after_sales(rng: random.Random, cases: list, order: tuple, order_lines: list, delivered: dt.datetime,
                 tz: zoneinfo.ZoneInfo, end_day: dt.date, movements: list, stock: dict) -> None:
    """Returns, exchanges, refund-only cases and complaints on a delivered order."""
    end = dt.datetime.combine(end_day, dt.time(23, 59), tz)
    for line in order_lines:
        roll = rng.random()
        if roll >= 0.085:
            continue
        kind = "return" if roll < 0.045 else "refund_only" if roll < 0.06 else "exchange" if roll < 0.075 \
            else "complaint"
        opened = delivered + dt.timedelta(hours=rng.uniform(6, 120))
        if opened > end:
            continue
        resolved = opened + dt.timedelta(hours=rng.uniform(2, 72))
        done = resolved <= end
        units = line[5] if kind in ("return", "exchange") else 0
        refund = line[5] * line[6] if kind == "return" else (line[6] // 5 if kind == "refund_only" else 0)
        reason = rng.choice(COMPLAINT_REASONS if kind == "complaint" else RETURN_REASONS)
        compensation = "10元優惠券" if kind == "complaint" else ""
        cases.append((f"AS{opened:%Y%m%d}{len(cases) + 1:05d}", order[0], line[2], kind, reason,
                      "resolved" if done else "in_progress", iso(opened), opened.date().isoformat(),
                      iso(resolved) if done else None, units, refund if done else 0,
                      iso(resolved) if done and refund else None,
                      {"return": "退貨退款", "refund_only": "部分退款", "exchange": "換貨",
                       "complaint": "致歉並補償"}[kind] if done else "", compensation))
        if kind == "return" and done:
            movements.append((line[2], "return", units, iso(resolved), resolved.date().isoformat(), order[2]))
            stock[line[2]] += units
