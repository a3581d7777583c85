"""`make bench`: every board rendered in-process at demo size and at city scale, against a
floor of one raw SQL query and a minimal template for the same rows (see docs/benchmarks.md)."""
