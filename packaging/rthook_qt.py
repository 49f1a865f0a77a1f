# Run-time hook used instead of PyInstaller's pyi_rth_pyside6 (see warta.spec).
# That hook imports PySide6.QtCore at every start, about 0.2 s, only to add a
# qt.conf that the PyPI PySide6 wheels embed themselves; the command line
# (`warta --version`, `warta info`, ...) never needs Qt. Only the environment
# it sets up is kept.
import os
import sys

if sys.platform.startswith("win"):
    _qt = os.path.join(sys._MEIPASS, "PySide6")
    # QtNetwork finds OpenSSL DLLs collected next to the program.
    os.environ["PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("PATH", "")
else:
    _qt = os.path.join(sys._MEIPASS, "PySide6", "Qt")
os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
del _qt
