"""Publish: the checked build file replaces the published warehouse atomically."""
