"""ShopDesk: the offline back office of a single online store."""

__version__ = "0.1.0"
