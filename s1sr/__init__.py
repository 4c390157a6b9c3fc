"""s1sr: conformance suite for SMETS1 device behaviour under SEC S1SR Section 18."""

__version__ = "0.1.0"
