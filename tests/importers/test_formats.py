"""Formats with no public sample, built here: Taobao GBK exports, Excel workbooks, traffic, encodings."""

import datetime as dt
from decimal import Decimal

import pytest

from shopdesk.importers.reading import open_tables
from tests.importers.conftest import count, run

TAOBAO_LIST = ("订单编号,买家会员名,买家支付宝账号,买家应付货款,买家应付邮费,买家支付积分,总金额,返点积分,买家实际支付金额,"
               "买家实际支付积分,订单状态,买家留言,收货人姓名,收货地址 ,运送方式,联系电话 ,联系手机,订单创建时间,订单付款时间 ,"
               "宝贝标题 ,宝贝种类 ,物流单号 ,物流公司,订单备注,宝贝总数量,店铺Id,店铺名称\r\n"
               '="1234567890123456789",tb_buyer1,a***@x.com,199.00,0.00,0,199.00,0,199.00,0,交易成功,,张三,上海市,快递,,'
               '138****0000,2024-06-18 10:00:00,2024-06-18 10:01:05,夏季透氣運動鞋,1,="SF100000001",顺丰速运,,1,1,小店\r\n'
               '="1234567890123456790",tb_buyer2,b***@x.com,89.00,10.00,0,99.00,0,0.00,0,等待买家付款,,李四,北京市,快递,,'
               '139****0000,2024-06-18 11:00:00,0000-00-00 00:00:00,保溫杯,1,,,,1,1,小店\r\n'
               '="1234567890123456791",tb_buyer1,a***@x.com,178.00,0.00,0,178.00,0,178.00,0,交易关闭,,张三,上海市,快递,,'
               '138****0000,2024-06-19 09:00:00,2024-06-19 09:00:30,保溫杯,2,,,,2,1,小店\r\n')
TAOBAO_DETAIL = ("订单编号,标题,价格,购买数量,外部系统编号,商品属性,套餐信息,备注,订单状态,商家编码\r\n"
                 '="1234567890123456789",夏季透氣運動鞋-男,199.00,1,,颜色分类：白色;尺码：42,,,交易成功,SP2024001\r\n'
                 '="1234567890123456790",保溫杯-500ml,89.00,1,,颜色分类：白色,,,等待买家付款,SP2024002\r\n'
                 '="1234567890123456791",保溫杯-500ml,89.00,2,,颜色分类：黑色,,,交易关闭,SP2024002\r\n')


def test_taobao_order_list_and_details_in_gbk(shop, tmp_path):
    (tmp_path / "ExportOrderList202406.csv").write_bytes(TAOBAO_LIST.encode("gbk"))
    (tmp_path / "ExportOrderDetailList202406.csv").write_bytes(TAOBAO_DETAIL.encode("gbk"))
    session = shop()
    result = run(session, tmp_path / "ExportOrderList202406.csv", tmp_path / "ExportOrderDetailList202406.csv")
    assert result.problem_count == 0, result.problems
    assert result.platform == "taobao"
    assert result.orders_added == 3
    assert result.paid_orders == 2  # the closed order had been paid
    assert result.gmv() == 377
    assert count(session, "SELECT status FROM orders WHERE order_no = '1234567890123456789'") == "completed"
    assert count(session, "SELECT status FROM orders WHERE order_no = '1234567890123456791'") == "cancelled"
    assert count(session, "SELECT paid_at FROM orders WHERE order_no = '1234567890123456790'") is None
    assert count(session, "SELECT tracking_no FROM orders WHERE order_no = '1234567890123456789'") == "SF100000001"
    assert count(session, "SELECT created_at FROM orders WHERE order_no = '1234567890123456789'") == \
        "2024-06-18T10:00:00+08:00"
    assert count(session, "SELECT title FROM order_lines WHERE sku = 'SP2024001'") == \
        "夏季透氣運動鞋-男 (颜色分类：白色;尺码：42)"
    assert count(session, "SELECT SUM(quantity) FROM order_lines") == 4
    assert count(session, "SELECT COUNT(*) FROM customers") == 2


def test_taobao_status_change_is_updated_and_audited(shop, tmp_path):
    listing = tmp_path / "list.csv"
    listing.write_bytes(TAOBAO_LIST.encode("gbk"))
    session = shop()
    run(session, listing)
    newer = TAOBAO_LIST.replace("等待买家付款", "买家已付款，等待卖家发货").replace("0000-00-00 00:00:00",
                                                                            "2024-06-18 12:00:00")
    listing.write_bytes(newer.encode("gbk"))
    result = run(session, listing)
    assert (result.orders_added, result.orders_updated) == (0, 1)
    assert count(session, "SELECT paid_at FROM orders WHERE order_no = '1234567890123456790'") == \
        "2024-06-18T12:00:00+08:00"
    audit_row = session.store.conn.execute(
        "SELECT entity_id, before, after FROM audit_log WHERE action = 'order.updated'").fetchone()
    assert audit_row["entity_id"] == "1234567890123456790"
    assert '"paid_at": null' in audit_row["before"] and "2024-06-18" in audit_row["after"]


def test_unknown_status_is_a_problem(shop, tmp_path):
    listing = tmp_path / "list.csv"
    listing.write_bytes(TAOBAO_LIST.replace("交易成功", "火星状态").encode("gbk"))
    result = run(shop(), listing)
    assert not result.written
    problem = result.problems[0]
    assert (problem["row"], problem["column"], problem["value"]) == (2, "订单状态", "火星状态")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16"])
@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_encodings_and_line_ends(shop, tmp_path, encoding, newline):
    text = newline.join(["訂單號,日期,數量,單價,商品名稱",
                         "A001,2024-06-18 10:00,2,19.90,\"保溫杯\n500ml\"",
                         "A001,2024-06-18 10:00,1,5.00,杯套",
                         "A002,2024-06-19 11:30,1,100.00,運動鞋"]) + newline
    path = tmp_path / "orders.csv"
    path.write_bytes(text.encode(encoding))
    session = shop()
    result = run(session, path)
    assert result.problem_count == 0, result.problems
    assert (result.orders_added, result.paid_orders) == (2, 2)
    assert result.gmv() == Decimal("144.80")
    assert count(session, "SELECT title FROM order_lines WHERE unit_price_cents = 1990") == "保溫杯\n500ml"


def test_semicolons_decimal_text_and_stray_bom(shop, tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("\ufeffOrder ID;Date;Quantity;Unit Price;Product\n"
                    "B1;2024-06-18;3;2.50;\ufeffCup\n", encoding="utf-8")
    session = shop()
    result = run(session, path)
    assert result.problem_count == 0 and result.gmv() == Decimal("7.5")
    assert count(session, "SELECT title FROM order_lines") == "Cup"


def test_excel_workbook_with_orders_and_returns(shop, tmp_path):
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Orders"
    sheet.append(["Order No", "Order Date", "SKU", "Quantity", "Unit Price", "Customer"])
    sheet.append(["0001", dt.datetime(2024, 6, 18, 10, 0), "SP2024001", 1, 199, "c1"])
    sheet.append(["0002", 45462.5, "SP2024002", 2, 89.5, "c2"])  # a date stored as a serial number
    returns = book.create_sheet("Returns")
    returns.append(["Order No", "SKU", "Quantity", "Refund", "Reason", "Date"])
    returns.append(["0002", "SP2024002", 1, 89.5, "尺碼不符", dt.datetime(2024, 6, 25, 9, 0)])
    path = tmp_path / "shop.xlsx"
    book.save(path)
    assert [t.name for t in open_tables(path)] == ["shop.xlsx:Orders", "shop.xlsx:Returns"]
    session = shop()
    result = run(session, path)
    assert result.problem_count == 0, result.problems
    assert result.orders_added == 2 and result.gmv() == 378
    assert result.returns_added == 1 and result.refunds_cents == 8950
    assert count(session, "SELECT order_no FROM orders ORDER BY id LIMIT 1") == "0001"  # leading zeros kept
    assert count(session, "SELECT day FROM orders WHERE order_no = '0002'") == "2024-06-19"
    case = session.store.conn.execute("SELECT kind, units, reason, day FROM after_sales").fetchone()
    assert tuple(case) == ("return", 1, "尺碼不符", "2024-06-25")
    assert run(session, path).returns_added == 0


def test_old_excel_xls(shop, tmp_path):
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("订单")
    for col, text in enumerate(["订单号", "日期", "数量", "单价"]):
        sheet.write(0, col, text)
    style = xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm")
    sheet.write(1, 0, "X1")
    sheet.write(1, 1, dt.datetime(2024, 6, 18, 10, 0), style)
    sheet.write(1, 2, 2)
    sheet.write(1, 3, 12.5)
    path = tmp_path / "old.xls"
    book.save(str(path))
    session = shop()
    result = run(session, path)
    assert result.problem_count == 0 and result.gmv() == 25
    assert count(session, "SELECT created_at FROM orders") == "2024-06-18T10:00:00+08:00"


def test_traffic_with_channels_and_reimport(shop, tmp_path):
    path = tmp_path / "traffic.csv"
    path.write_text("日期,访客数,浏览量,加购人数,流量来源\n2024-06-18,5000,15000,400,搜索\n"
                    "2024-06-18,1200,3000,90,直播\n2024-06-19,4500,14000,380,搜索\n", encoding="utf-8")
    session = shop()
    result = run(session, path)
    assert result.traffic_days == 3 and result.problem_count == 0
    assert count(session, "SELECT SUM(visitors) FROM traffic_daily WHERE day = '2024-06-18'") == 6200
    path.write_text("日期,访客数,浏览量,加购人数,流量来源\n2024-06-18,5100,15000,400,搜索\n", encoding="utf-8")
    run(session, path)
    assert count(session, "SELECT visitors FROM traffic_daily WHERE day = '2024-06-18' AND channel = '搜索'") == 5100


def test_traffic_with_impressions_and_clicks_feeds_the_funnel(shop, tmp_path):
    import datetime as dt

    from shopdesk.services.analysis import analysis
    path = tmp_path / "traffic.csv"
    path.write_text("统计日期,展现量,点击量,访客数,加购人数\n2024-06-18,80000,3000,2500,200\n", encoding="utf-8")
    session = shop()
    assert run(session, path).traffic_days == 1
    steps = {s.step: s.count for s in analysis(session, dt.date(2024, 6, 18), dt.date(2024, 6, 18)).funnel}
    assert steps == {"impressions": 80000, "clicks": 3000, "visitors": 2500, "add_to_cart": 200, "orders": 0}


def test_negative_traffic_count_is_a_problem_and_not_written(shop, tmp_path):
    path = tmp_path / "traffic.csv"
    path.write_text("Date,Visitors,Clicks\n2024-06-18,500,-3\n2024-06-19,400,20\n", encoding="utf-8")
    session = shop()
    result = run(session, path, on_error="skip")
    assert [(p["row"], p["column"], p["value"]) for p in result.problems] == [(2, "Clicks", "-3")]
    assert count(session, "SELECT COUNT(*) FROM traffic_daily") == 1
    assert count(session, "SELECT clicks FROM traffic_daily WHERE day = '2024-06-19'") == 20


def test_decimal_commas_where_the_file_uses_them(shop, tmp_path):
    path = tmp_path / "eu.csv"
    path.write_text("Order ID;Date;Quantity;Unit Price;Product\nE1;2024-06-18;2;1.234,50;Bike\nE2;2024-06-18;1;9,99;Bell\n",
                    encoding="utf-8")
    session = shop("EUR", "Europe/Berlin")
    result = run(session, path)
    assert result.problem_count == 0 and result.gmv() == Decimal("2478.99")


def test_product_traffic_feeds_weekly_monitoring_and_undoes(shop, tmp_path):
    from shopdesk.importers.pipeline import undo_import
    from shopdesk.services.product_weekly import weekly
    products = tmp_path / "products.csv"
    products.write_text("Code,Name,Price\nSP2024001,运动鞋,199\nSP2024002,保温杯,89\n", encoding="utf-8")
    path = tmp_path / "商品效果.csv"
    path.write_text("统计日期,商品ID,商品访客数,商品加购人数\n2024-06-18,SP2024001,300,24\n"
                    "2024-06-19,SP2024001,200,16\n2024-06-19,SP9999,50,1\n2024-06-19,SP2024002,-5,0\n",
                    encoding="utf-8")
    session = shop()
    assert run(session, products).products_added == 2
    result = run(session, path, on_error="skip")
    assert result.mappings == ["product-traffic"] and result.traffic_days == 2
    assert [(p["row"], p["column"], p["value"]) for p in result.problems] == [(4, "商品ID", "SP9999"),
                                                                              (5, "商品访客数", "-5")]
    assert count(session, "SELECT COUNT(*) FROM traffic_daily") == 0  # store traffic untouched
    line = {x.code: x for x in weekly(session, dt.date(2024, 6, 19)).lines}["SP2024001"]
    assert (line.visitors, line.add_to_cart) == (500, 40)
    path.write_text("统计日期,商品ID,商品访客数,商品加购人数\n2024-06-19,SP2024001,210,16\n", encoding="utf-8")
    again = run(session, path)
    assert again.traffic_days == 1
    assert count(session, "SELECT visitors FROM product_traffic_daily WHERE day = '2024-06-19'") == 210
    undo_import(session.store, session.actor, again.import_id)  # the earlier figure comes back
    assert count(session, "SELECT visitors FROM product_traffic_daily WHERE day = '2024-06-19'") == 200
    undo_import(session.store, session.actor, result.import_id)
    assert count(session, "SELECT COUNT(*) FROM product_traffic_daily") == 0


def test_behaviour_log_feeds_product_traffic_and_undoes(shop, tmp_path):
    import datetime as dt

    from shopdesk.importers.pipeline import undo_import
    from shopdesk.services.product_weekly import weekly
    products = tmp_path / "products.csv"
    products.write_text("Code,Name,Price\n1001,運動鞋,199\n1002,保溫杯,89\n", encoding="utf-8")
    session = shop()
    run(session, products)
    noon = int(dt.datetime(2024, 6, 18, 12, tzinfo=dt.timezone(dt.timedelta(hours=8))).timestamp())
    log = tmp_path / "UserBehavior.csv"
    events = [("u1", "1001", "pv", 0), ("u1", "1001", "pv", 60), ("u2", "1001", "pv", 90), ("u2", "1001", "cart", 95),
              ("u3", "9999", "pv", 100), ("u3", "1002", "fav", 110), ("u1", "1002", "buy", 120),
              ("u4", "1002", "pv", 86400)]  # the next day
    log.write_text("".join(f"{u},{i},77,{k},{noon + s}\n" for u, i, k, s in events), encoding="utf-8")
    result = run(session, log, mapping="taobao-user-behavior")  # named, as a seller's script would
    assert result.problem_count == 0 and result.mappings == ["taobao-user-behavior"]
    day = {r[0]: tuple(r[1:]) for r in session.store.conn.execute(
        "SELECT day, visitors, page_views, add_to_cart FROM traffic_daily")}
    assert day == {"2024-06-18": (3, 4, 1), "2024-06-19": (1, 1, 0)}  # u1–u3 (any event), 4 views, u2's cart
    lines = {x.code: x for x in weekly(session, dt.date(2024, 6, 19)).lines}
    assert (lines["1001"].visitors, lines["1001"].add_to_cart) == (2, 1)  # u1 and u2 viewed; u2 added
    assert (lines["1002"].visitors, lines["1002"].add_to_cart) == (1, 0)  # u4 viewed it the next day
    log.write_text(log.read_text(encoding="utf-8") + f"u5,1001,77,jump,{noon}\nu5,1001,77,pv,later\n", encoding="utf-8")
    bad = run(session, log, on_error="skip")
    assert [(p["row"], p["column"]) for p in bad.problems] == [(9, "behavior_type"), (10, "timestamp")]
    undo_import(session.store, session.actor, bad.import_id)
    undo_import(session.store, session.actor, result.import_id)
    assert count(session, "SELECT COUNT(*) FROM traffic_daily") == 0
    assert count(session, "SELECT COUNT(*) FROM product_traffic_daily") == 0


THREE_SHEETS = {
    "Orders": [["Order No", "Order Date", "SKU", "Quantity", "Unit Price"],
               ["A1", "2024-06-18 10:00", "S1", 1, 10], ["A2", "2024-06-18 11:00", "S2", 2, 5],
               ["A3", "2024-06-19 09:00", "S1", 3, 10]],
    "People": [["Name", "Phone", "City"], ["张三", "138", "上海"]],
    "Returns": [["Order No", "Refund", "Return Date"], ["A2", 5, "2024-06-20"]],
}


def _workbook(tmp_path, suffix: str, sheets: dict[str, list[list]]):
    path = tmp_path / f"three{suffix}"
    if suffix == ".xls":
        xlwt = pytest.importorskip("xlwt")
        book = xlwt.Workbook()
        for title, rows in sheets.items():
            sheet = book.add_sheet(title)
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    sheet.write(r, c, value)
        book.save(str(path))
    else:
        import openpyxl
        book = openpyxl.Workbook()
        book.remove(book.active)
        for title, rows in sheets.items():
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
        book.save(path)
    return path


@pytest.mark.parametrize("suffix", [".xls", ".xlsx"])
def test_every_sheet_of_a_workbook_reads_its_own_rows(suffix, tmp_path):
    tables = open_tables(_workbook(tmp_path, suffix, THREE_SHEETS))
    assert [t.sheet for t in tables] == ["Orders", "People", "Returns"]
    for table, rows in zip(tables, THREE_SHEETS.values(), strict=True):
        assert table.header == rows[0]
        assert [cells for _n, cells in table.rows] == [[str(v) for v in row] for row in rows[1:]]


@pytest.mark.parametrize("suffix", [".xls", ".xlsx"])
def test_three_sheet_workbook_imports_each_sheet_with_its_mapping(suffix, shop, tmp_path):
    from shopdesk.importers.pipeline import NoMapping
    session = shop()
    with pytest.raises(NoMapping, match=r"three\.xlsx?:People"):  # said, not an IndexError
        run(session, _workbook(tmp_path, suffix, THREE_SHEETS), dry_run=True)
    sheets = {**THREE_SHEETS, "People": [["Code", "Name", "Price"], ["S1", "运动鞋", 10], ["S2", "保温杯", 5]]}
    result = run(session, _workbook(tmp_path, suffix, sheets))
    assert result.problem_count == 0, result.problems
    assert (result.orders_added, result.products_added, result.returns_added) == (3, 2, 1)
    assert result.gmv() == 50 and result.refunds_cents == 500
    assert count(session, "SELECT SUM(quantity) FROM order_lines") == 6


def test_a_delivery_address_is_the_orders_region_never_its_channel(shop, tmp_path):
    import datetime as dt

    from shopdesk.services.analysis import analysis, regions
    path = tmp_path / "report.csv"
    path.write_text("订单编号,总金额,买家实际支付金额,收货地址 ,订单创建时间,订单付款时间 ,退款金额\r\n"
                    "1,100,100,上海,2020-02-21 00:00:00,2020-02-21 00:00:02,0\r\n"
                    "2,50,50,内蒙古自治区,2020-02-21 01:00:00,2020-02-21 01:00:09,0\r\n"
                    "3,30,30,上海市 浦东新区 张江路 1 号,2020-02-21 02:00:00,2020-02-21 02:00:05,0\r\n"
                    "4,70,0,广东省,2020-02-21 03:00:00,,0\r\n", encoding="utf-8")
    session = shop()
    assert run(session, path).written
    assert count(session, "SELECT COUNT(*) FROM orders WHERE channel != ''") == 0
    assert dict(session.store.conn.execute("SELECT order_no, region FROM orders").fetchall()) == \
        {"1": "上海", "2": "内蒙古", "3": "上海", "4": "广东"}
    day = dt.date(2020, 2, 21)
    assert [(r.region, r.orders, r.gmv_cents) for r in regions(session, day, day)] == \
        [("上海", 2, 13000), ("内蒙古", 1, 5000)]  # the unpaid order counts nowhere
    assert analysis(session, day, day).channels == []  # no channel in the file: no provinces posing as channels


def test_uci_country_is_the_region(shop, tmp_path):
    path = tmp_path / "lines.csv"
    path.write_text("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                    "536365,85123A,LANTERN,6,12/1/10 8:26,2.55,17850,United Kingdom\n"
                    "536366,22633,HAND WARMER,6,12/1/10 8:28,1.85,17850,France\n", encoding="utf-8")
    session = shop("GBP", "Europe/London")
    assert run(session, path, date_order="mdy").written
    assert dict(session.store.conn.execute("SELECT order_no, region || '|' || channel FROM orders").fetchall()) == \
        {"536365": "United Kingdom|", "536366": "France|"}
