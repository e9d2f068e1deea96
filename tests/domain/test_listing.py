"""Pre-listing checks (SPEC §3) on hand-made applications."""

from shopdesk.domain.listing import DEFAULT_BANNED, FLAG, WARNING, Variant, banned_found, check, flagged, repeated_words


def test_banned_words_chinese_anywhere_latin_as_words():
    assert banned_found("國家級品質 根治腳臭", DEFAULT_BANNED["zh_TW"]) == ["國家級", "根治"]
    assert banned_found("The BEST mug", DEFAULT_BANNED["en"]) == ["best"]
    assert banned_found("bestseller mug", DEFAULT_BANNED["en"]) == []  # not a whole word
    assert banned_found("保温杯 500ml", DEFAULT_BANNED["zh_CN"]) == []


def test_repeated_title_words():
    assert repeated_words("運動鞋 男款 透氣 運動鞋") == ["運動鞋"]
    assert repeated_words("Mug mug / cup") == ["mug"]
    assert repeated_words("保溫杯-500ml 不鏽鋼") == []


def test_a_clean_application_has_no_findings():
    variants = [Variant("白色/L", 9900, 10), Variant("黑色/L", 9900, 0), Variant("白色/XL", 10900, 5)]
    found = check("夏季透氣運動鞋 男款", "輕量網面", {"材質": "網布", "產地": "福建"}, variants,
                  DEFAULT_BANNED["zh_TW"], 0.2)
    assert found == [] and not flagged(found)


def test_every_check():
    attributes = {"材質": "網布", "產地": "", "季節": " ", "風格": "", "重量": "300g"}  # 3 of 5 blank: 60 % > 20 %
    variants = [Variant("白色/L", 9900, 0), Variant("白色/L", 9500, 3), Variant("黑色/L", 0, 5)]
    found = check("第一 運動鞋 運動鞋", "根治腳臭", attributes, variants, DEFAULT_BANNED["zh_TW"], 0.2)
    kinds = [(f.check, f.where, f.severity) for f in found]
    assert ("banned_word", "title", FLAG) in kinds and ("banned_word", "description", FLAG) in kinds
    assert [f.where for f in found if f.check == "blank_attribute"] == ["產地", "季節", "風格"]
    assert all(f.severity == WARNING for f in found if f.check == "blank_attribute")
    assert ("blank_attributes", "attributes", FLAG) in kinds and ("repeated_word", "title", WARNING) in kinds
    assert ("price", "黑色/L", FLAG) in kinds  # no price
    assert [f.detail for f in found if f.check == "price_ladder"] == ["9500, 9900"]  # one spec, two prices
    assert ("cheapest_out_of_stock", "白色/L", FLAG) not in kinds  # the cheapest (95.00) has stock
    out = check("Mug", "", {}, [Variant("S", 500, 0), Variant("M", 700, 9)], [], 0.2)
    assert [(f.check, f.where) for f in out] == [("cheapest_out_of_stock", "S")] and flagged(out)
    assert check("Mug", "", {"a": ""}, [], [], 0.2)[-1].check == "blank_attributes"  # 100 % blank
