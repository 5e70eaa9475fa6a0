"""everychild: one record per child, shared on a need-to-know basis."""

__version__ = "0.1.0"
