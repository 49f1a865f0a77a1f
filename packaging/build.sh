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

VERSION=$("$ROOT/dist/Warta/warta" --version | awk '{print $2}')
ARCHIVE="$ROOT/dist/Warta-$VERSION-linux-$(uname -m).tar.gz"
tar -C "$ROOT/dist" -czf "$ARCHIVE" Warta
echo "Built dist/Warta ($(du -sh "$ROOT/dist/Warta" | cut -f1)) in $((end - start)) s"
echo "Archive for the USB stick: $ARCHIVE"
