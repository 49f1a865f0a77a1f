#!/bin/sh
# Build the Linux one-folder bundle: dist/Warta/ and dist/Warta-<version>-linux-<arch>.tar.gz
#
#   packaging/build.sh            use the active virtualenv if it has Warta's deps,
#                                 else create build/venv/ and install them there
#   PYTHON=/path/python packaging/build.sh
#
# Needs Python 3.10+ with the project's dependencies and PyInstaller (`pip install -e .[package]`).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

if [ -z "${PYTHON:-}" ]; then
    if [ -n "${VIRTUAL_ENV:-}" ]; then
        PYTHON="$VIRTUAL_ENV/bin/python"
    else
        PYTHON="$ROOT/build/venv/bin/python"
        if [ ! -x "$PYTHON" ]; then
            python3 -m venv "$ROOT/build/venv"
            "$PYTHON" -m pip install --upgrade pip
        fi
    fi
fi
if ! "$PYTHON" -c "import PyInstaller, PySide6, desktop" 2>/dev/null; then
    "$PYTHON" -m pip install -e ".[package]"
fi

start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" packaging/warta.spec
end=$(date +%s)

# Qt's X11 plugin needs xcb helper libraries that PyInstaller can only bundle
# if this machine has them; a bundle without them opens no window on PCs
# that lack them too.
missing=$(LD_LIBRARY_PATH="$ROOT/dist/Warta/_internal" \
    ldd "$ROOT/dist/Warta/_internal/PySide6/Qt/plugins/platforms/libqxcb.so" | grep "not found" || true)
if [ -n "$missing" ]; then
    echo "WARNING: the bundle lacks libraries of Qt's X11 plugin:" >&2
    echo "$missing" >&2
    echo "Install them on this build machine and build again (see packaging/README.md)." >&2
fi

VERSION=$("$ROOT/dist/Warta/warta" --version | awk '{print $2}')
ARCHIVE="$ROOT/dist/Warta-$VERSION-linux-$(uname -m).tar.gz"
tar -C "$ROOT/dist" -czf "$ARCHIVE" Warta
echo "Built dist/Warta ($(du -sh "$ROOT/dist/Warta" | cut -f1)) in $((end - start)) s"
echo "Archive for the USB stick: $ARCHIVE"
