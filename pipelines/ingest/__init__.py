"""Ingest: newest complete snapshot per municipality and source, checked and pseudonymised, into `raw`."""
