#!/usr/bin/env bash
# Takes the screenshots in data/screenshots/ from the real app under Xvfb:
# light and dark of every page, on a fresh profile that has just imported
# the bundled sample corpus.
#
#   tools/screenshots.sh [BUILD_DIR]      (default: _build-screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:-_build-screenshots}
[[ -d $build ]] || meson setup "$build" >/dev/null
meson compile -C "$build" >/dev/null

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
out=$PWD/data/screenshots
mkdir -p "$out"
# The title bar as GNOME lays it out (only a close button), not GTK's
# fallback with minimize and maximize, which also keeps the window from
# going down to 360 pixels.
mkdir -p "$profile/gtk-4.0"
printf '[Settings]\ngtk-decoration-layout=appmenu:close\n' > "$profile/gtk-4.0/settings.ini"

env CITED_DB="$profile/cited.db" XDG_DATA_HOME="$profile" XDG_CONFIG_HOME="$profile" \
    GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$PWD/$build/data" NO_AT_BRIDGE=1 \
    xvfb-run -a -s '-screen 0 1400x1000x24' \
    "$build/app/cited" --screenshot "$out"

# Keep the repository small: 256 colours are plenty for a UI screenshot.
if command -v convert >/dev/null; then
  for png in "$out"/*.png; do
    convert "$png" -colors 256 -define png:compression-level=9 "PNG8:$png"
  done
fi
ls -l "$out"
