"""Reads for casework pages, one module per area; callers import the module they need
(`from everychild.casework.selectors import work`). Each applies the access policy; every
item with a statutory timescale carries its Clock, so that due and overdue work is plain.

Pages list many children's work at once; each list is built from a fixed number of queries
whatever its length (bench/casework.py counts them).
"""
