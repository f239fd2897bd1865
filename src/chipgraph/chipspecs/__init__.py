"""Chip specifications against the 3A090 control thresholds (see docs/chip-rules.md)."""
