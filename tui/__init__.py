"""careerdash: a keyboard-driven terminal dashboard for career goals."""

__version__ = "0.1.0"
