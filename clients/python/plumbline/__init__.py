"""Plumbline's Python client: push metrics, predictions, late labels and reference samples."""

from .client import MAX_BATCH, Plumbline, PlumblineError

__all__ = ["MAX_BATCH", "Plumbline", "PlumblineError"]
