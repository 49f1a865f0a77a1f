"""Warta desktop application.

Only ``desktop.ui`` may import PySide6; everything else here runs headless so
that the command line, tests and benchmarks share the code the window uses.
"""

__version__ = "0.1.0"
APP_NAME = "Warta"
