"""Planbook: online public-opinion emergency plans as files in git.

Pipeline: ``load`` (files -> typed model) -> ``check`` (rules -> findings)
-> render (site, PDFs) -> sign.  The CLI in ``generator.cli`` drives it.
"""
__version__ = "0.1.0"
