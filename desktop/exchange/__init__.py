"""Signed exchange bundles between offices (style packs down, reports up); see ``docs/exchange-format.md``."""
