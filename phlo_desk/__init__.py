"""PHLO Desk: warm-transfer console for Plivo PHLO multi-party calls."""

__version__ = "0.1.0"
