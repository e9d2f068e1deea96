import pytest

from shopdesk.domain.settings import BY_KEY, SETTINGS, Kind, validate


def test_keys_are_unique_and_defaults_valid():
    assert len(BY_KEY) == len(SETTINGS)
    for s in SETTINGS:
        if s.key == "store.name":
            continue
        assert validate(s.key, s.default) == s.default, s.key


def test_spec_defaults():
    assert BY_KEY["anomaly.threshold"].default == 0.05
    assert BY_KEY["anomaly.redline.visitors"].default == 0.10
    assert BY_KEY["stock.safety_default"].default == 50
    assert BY_KEY["lifecycle.slow_days"].default == 30
    assert BY_KEY["lifecycle.slow_turnover_days"].default == 90
    assert BY_KEY["sla.urgent_minutes"].default == 30
    assert BY_KEY["sla.normal_minutes"].default == 120
    assert BY_KEY["backup.keep"].default == 14
    assert BY_KEY["campaign.review_days"].maximum == 7


def test_negative_threshold_gets_a_message():
    with pytest.raises(ValueError, match="cannot be negative"):
        validate("anomaly.threshold", "-0.05")


@pytest.mark.parametrize("key, raw, message", [
    ("backup.keep", "abc", "not a number"),
    ("backup.keep", "0", "at least 1"),
    ("campaign.review_days", "8", "at most 7"),
    ("anomaly.redline.visitors", "20", "at most 1000%"),
    ("anomaly.threshold.gmv", "-0.1", "cannot be negative"),
    ("store.currency", "XYZ", "not a currency"),
    ("store.timezone", "Mars/Base", "not a time zone"),
    ("ops.collect_by", "25:00", "not a time of day"),
])
def test_refusals(key, raw, message):
    with pytest.raises(ValueError, match=message):
        validate(key, raw)


def test_parsing():
    assert validate("store.currency", " twd ") == "TWD"
    assert validate("ops.collect_by", "08:30") == "08:30"
    assert validate("backup.keep", "20") == 20
    assert BY_KEY["anomaly.threshold"].kind == Kind.RATE


def test_every_metric_has_its_own_threshold_and_red_line():
    from shopdesk.domain.targets import METRICS
    for metric in METRICS:
        threshold, red_line = BY_KEY[f"anomaly.threshold.{metric}"], BY_KEY[f"anomaly.redline.{metric}"]
        assert threshold.optional and threshold.default is None  # empty: the general 5 %
        assert red_line.optional and red_line.default == (0.10 if metric == "visitors" else None)
        assert validate(threshold.key, "") is None and validate(threshold.key, "0.08") == 0.08
    assert BY_KEY["anomaly.threshold.conversion"].describe().startswith("Conversion: ")
    assert not BY_KEY["anomaly.threshold"].optional
    with pytest.raises(ValueError):
        validate("anomaly.threshold", "")
