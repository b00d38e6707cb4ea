"""Bulk data: importing and exporting the whole community in the format of DESIGN.md.

No blueprint: the feature is the ``flask data`` command group (app/data/commands.py).
``validation`` checks a whole file and resolves its names, ``importer`` writes what it
planned, ``exporter`` writes the database back in the same format, and ``demo`` loads
the demo community on a first run.
"""
