"""Raised when a model is built with a value the domain does not allow."""


class ModelError(ValueError):
    """An invalid value refused at model construction (never later, never silently)."""
