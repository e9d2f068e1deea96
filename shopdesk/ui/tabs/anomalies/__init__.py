"""The Anomalies tab: the anomaly list (異常問題清單) and its cause notes."""
