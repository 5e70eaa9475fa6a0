"""Reads for children in care, one module per area; each applies the access policy."""
