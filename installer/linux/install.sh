#!/bin/sh
# Install Booster Desk for the person running this script: no administrator rights needed.
#
#   ./install.sh              copies this folder to ~/.local/opt/BoosterDesk and adds the
#                             menu entry and icon
#   ./install.sh --uninstall  removes the program, the menu entry and the icon
#
# Neither touches the clinic's data (~/.local/share/BoosterDesk) or the audit keys
# (~/.config/BoosterDesk). Set BOOSTERDESK_PREFIX to install somewhere else.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${BOOSTERDESK_PREFIX:-$HOME/.local/opt/BoosterDesk}
SHARE=${XDG_DATA_HOME:-$HOME/.local/share}
APPS=$SHARE/applications
ICONS=$SHARE/icons/hicolor

refresh_menus() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$APPS" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$ICONS" || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$PREFIX"
    rm -f "$APPS/boosterdesk.desktop" "$ICONS/256x256/apps/boosterdesk.png" \
        "$ICONS/scalable/apps/boosterdesk.svg"
    refresh_menus
    echo "Booster Desk removed. The clinic's data and audit keys were left where they are."
    exit 0
fi

if [ "$HERE" != "$PREFIX" ]; then
    # Copy beside the old version first, then swap, so a failed copy leaves the old one.
    mkdir -p "$(dirname "$PREFIX")"
    rm -rf "$PREFIX.new"
    cp -a "$HERE" "$PREFIX.new"
    rm -rf "$PREFIX"
    mv "$PREFIX.new" "$PREFIX"
fi

mkdir -p "$APPS" "$ICONS/256x256/apps" "$ICONS/scalable/apps"
sed "s|@INSTALL_DIR@|$PREFIX|g" "$PREFIX/boosterdesk.desktop" > "$APPS/boosterdesk.desktop"
cp "$PREFIX/boosterdesk.png" "$ICONS/256x256/apps/boosterdesk.png"
cp "$PREFIX/boosterdesk.svg" "$ICONS/scalable/apps/boosterdesk.svg"
refresh_menus

echo "Booster Desk installed in $PREFIX; it is in your applications menu."
if QT_QPA_PLATFORM=offscreen "$PREFIX/boosterdesk" --self-test >/dev/null 2>&1; then
    echo "Self-test passed."
else
    echo "The self-test FAILED: run  QT_QPA_PLATFORM=offscreen $PREFIX/boosterdesk --self-test"
    exit 1
fi
