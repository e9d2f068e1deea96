"""The Dashboard tab: the day, week or month at a glance — KPI cards and charts."""
