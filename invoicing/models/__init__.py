from invoicing.models.prices import PriceItem, PriceList

__all__ = ["PriceItem", "PriceList"]
