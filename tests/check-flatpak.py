#!/usr/bin/env python3
"""Checks the Flatpak manifests: they parse, name the app, keep the sandbox
to what Cited needs, and build every dependency the Meson build asks for
that the GNOME runtime does not already provide."""
import json
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])

# Libraries the org.gnome.Platform runtime ships (pkg-config names).
RUNTIME_PROVIDES = {
    "glib-2.0", "gobject-2.0", "gio-2.0", "gmodule-no-export-2.0", "sqlite3", "cairo", "pangocairo",
    "json-glib-1.0", "libxml-2.0", "gtk4", "libadwaita-1", "libsoup-3.0",
    # zstd is part of the freedesktop runtime under GNOME's (libzstd.so.1,
    # and libzstd.pc in the SDK)
    "libzstd",
    # the SDK builds introspection data (g-ir-scanner) for the build only
    "gobject-introspection-1.0",
}
# Network access for feed subscriptions, and nothing else beyond the display.
ALLOWED_ARGS = {"--socket=wayland", "--socket=fallback-x11", "--share=ipc", "--device=dri",
                "--share=network"}

meson_text = "".join(p.read_text(encoding="utf-8") for p in root.rglob("meson.build")
                     if "_build" not in p.parts and not any(x.startswith("build") for x in p.parts))
wanted = set(re.findall(r"dependency\('([^']+)'", meson_text))

failures = []
for name, dev in (("io.github.cited.Cited.json", False), ("io.github.cited.Cited.Devel.json", True)):
    path = root / "flatpak" / name
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        failures.append(f"{name}: does not parse: {e}")
        continue
    app_id = name[:-len(".json")]
    if manifest.get("id") != app_id:
        failures.append(f"{name}: id is {manifest.get('id')!r}, expected {app_id!r}")
    if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
        failures.append(f"{name}: must build on org.gnome.Platform / org.gnome.Sdk")
    if manifest.get("command") != "cited":
        failures.append(f"{name}: command must be cited")
    args = set(manifest.get("finish-args", []))
    if args != ALLOWED_ARGS:
        failures.append(f"{name}: sandbox must be exactly {sorted(ALLOWED_ARGS)}, got {sorted(args)}")
    modules = manifest.get("modules", [])
    names = [m.get("name") for m in modules]
    if not names or names[-1] != "cited":
        failures.append(f"{name}: the last module must be cited, got {names}")
    for m in modules:
        if not m.get("name") or not m.get("sources") or not m.get("buildsystem"):
            failures.append(f"{name}: module {m.get('name')!r} needs name, buildsystem and sources")
    cited = next((m for m in modules if m.get("name") == "cited"), {})
    if cited.get("buildsystem") != "meson":
        failures.append(f"{name}: cited must build with meson")
    opt = f"-Ddevelopment={'true' if dev else 'false'}"
    if opt not in cited.get("config-opts", []):
        failures.append(f"{name}: cited must be configured with {opt}")
    missing = wanted - RUNTIME_PROVIDES - set(names)
    if missing:
        failures.append(f"{name}: no module builds {sorted(missing)}")

# Flatpak exports the search provider and the D-Bus service because their
# names start with the app id, and a sandboxed app may own its own id without
# --own-name: both must name the app id the build substitutes.
ini = (root / "data" / "io.github.cited.Cited.search-provider.ini.in").read_text(encoding="utf-8")
service = (root / "data" / "io.github.cited.Cited.service.in").read_text(encoding="utf-8")
if "BusName=@APP_ID@\n" not in ini or "DesktopId=@APP_ID@.desktop\n" not in ini:
    failures.append("the search provider must name the app id as its bus name and desktop id")
if "Name=@APP_ID@\n" not in service:
    failures.append("the D-Bus service must own the app id")

for f in failures:
    print(f)
print(f"checked {len(wanted)} dependencies against 2 manifests")
sys.exit(1 if failures else 0)
