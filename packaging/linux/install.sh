#!/bin/sh
# Install (or remove) the Warta bundle for this user or for every user.
#
#   ./install.sh                 per user: ~/.local/lib/warta, menu entry, icons
#   sudo ./install.sh --system   every user: /opt/warta, /usr/local/bin/warta
#   ./install.sh --prefix DIR    anywhere (bundle in DIR/lib/warta)
#   ./install.sh --uninstall [--system | --prefix DIR]
#
# Run it from the unpacked bundle folder (the one holding the `warta` program).
# Uninstalling removes the program only: libraries and settings stay.
set -eu

APP_ID=id.go.warta.Warta
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX="${HOME}/.local"
APPDIR=""
ACTION=install

while [ $# -gt 0 ]; do
    case "$1" in
        --system) PREFIX=/usr/local; APPDIR=/opt/warta ;;
        --prefix) PREFIX="$2"; shift ;;
        --uninstall) ACTION=uninstall ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
[ -n "$APPDIR" ] || APPDIR="$PREFIX/lib/warta"
SHARE="$PREFIX/share"
SIZES="16 24 32 48 64 128 256 512"

refresh_caches() {
    command -v gtk-update-icon-cache >/dev/null 2>&1 \
        && gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" 2>/dev/null || true
    command -v update-desktop-database >/dev/null 2>&1 \
        && update-desktop-database -q "$SHARE/applications" 2>/dev/null || true
}

if [ "$ACTION" = uninstall ]; then
    rm -rf "$APPDIR"
    rm -f "$PREFIX/bin/warta" "$SHARE/applications/$APP_ID.desktop" \
          "$SHARE/metainfo/$APP_ID.metainfo.xml" "$SHARE/icons/hicolor/scalable/apps/warta.svg"
    for n in $SIZES; do rm -f "$SHARE/icons/hicolor/${n}x${n}/apps/warta.png"; done
    refresh_caches
    echo "Warta removed. Libraries and settings were kept."
    exit 0
fi

if [ ! -x "$HERE/warta" ]; then
    echo "install.sh: run me from the Warta bundle folder (no 'warta' program next to me)." >&2
    exit 2
fi
ICONS="$HERE/_internal/resources/icons"

# Copy next to the old version first, then swap, so a failed copy leaves the
# installed Warta working.
mkdir -p "$(dirname "$APPDIR")"
rm -rf "$APPDIR.new"
cp -R "$HERE" "$APPDIR.new"
rm -rf "$APPDIR"
mv "$APPDIR.new" "$APPDIR"

mkdir -p "$PREFIX/bin" "$SHARE/applications" "$SHARE/metainfo" "$SHARE/icons/hicolor/scalable/apps"
ln -sf "$APPDIR/warta" "$PREFIX/bin/warta"
# Absolute Exec: ~/.local/bin is not on every desktop session's PATH.
sed "s|^Exec=warta|Exec=\"$APPDIR/warta\"|" "$HERE/$APP_ID.desktop" > "$SHARE/applications/$APP_ID.desktop"
cp "$HERE/$APP_ID.metainfo.xml" "$SHARE/metainfo/"
for n in $SIZES; do
    mkdir -p "$SHARE/icons/hicolor/${n}x${n}/apps"
    cp "$ICONS/hicolor/${n}x${n}/apps/warta.png" "$SHARE/icons/hicolor/${n}x${n}/apps/warta.png"
done
cp "$ICONS/warta.svg" "$SHARE/icons/hicolor/scalable/apps/warta.svg"
refresh_caches
echo "Warta installed in $APPDIR; start it from the applications menu or with: $PREFIX/bin/warta"
