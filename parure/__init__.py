"""Parure: the workbench of an auction house's jewelry department."""

__version__ = "0.1.0"
