#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Installs the build tree with `meson install --destdir` into a private
temporary folder and checks that everything a desktop needs lands where the
binaries look for it: the programs, libcited, the desktop file, the metainfo,
the icons, the GSettings schema, the sample corpus, the lexicon and the
compiled translations. Then it runs the installed programs, builds the C
example of docs/libcited.md against the installed cited-1.pc and runs it, and
checks the API reference is installed when it is built.

Where the system allows a private mount namespace (unshare), the install is
also mounted over its real prefix so the installed app runs exactly as it
would after `meson install`: it must find its corpus and its translations
there, and not fall back to the source tree.

Usage: check-install.py MESON BUILDDIR SOURCEDIR

Output is TAP."""
import csv
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from importlib import import_module  # noqa: E402

example_checks = import_module("check-example").example_checks

meson, builddir, sourcedir = sys.argv[1:4]

results = []


def report(ok, name, detail=""):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} {name}")
    if detail:
        for line in str(detail).rstrip().splitlines():
            print(f"# {line}")
    sys.stdout.flush()


def skip(name, reason):
    results.append(True)
    print(f"ok {len(results)} {name} # SKIP {reason}")
    sys.stdout.flush()


def run(args, env=None, timeout=120, **kw):
    return subprocess.run(args, env=env, timeout=timeout, capture_output=True,
                          text=True, **kw)


def config_value(name):
    with open(os.path.join(builddir, "config.h"), encoding="utf-8") as f:
        m = re.search(rf'^#define {name} "(.*)"$', f.read(), re.M)
    return m.group(1) if m else None


options = {o["name"]: o["value"] for o in json.loads(
    run([meson, "introspect", "--buildoptions", builddir]).stdout)}
installed_targets = json.loads(
    run([meson, "introspect", "--installed", builddir]).stdout).values()

prefix = options["prefix"]
bindir = os.path.join(prefix, options["bindir"])
libdir = os.path.join(prefix, options["libdir"])
datadir = os.path.join(prefix, options["datadir"])
localedir = os.path.join(prefix, options["localedir"])
app_id = config_value("APP_ID")
corpus_dir = config_value("CORPUS_DIR")
version = config_value("PACKAGE_VERSION")
build_app = os.path.join(bindir, "cited") in installed_targets

tmp = tempfile.mkdtemp(prefix="cited-install-")
destdir = os.path.join(tmp, "dest")


def dest(path):
    return destdir + path


base_env = dict(os.environ)
# The installed programs are checked as a user runs them, whatever the test
# environment says about warnings.
base_env.pop("G_DEBUG", None)
base_env["LD_LIBRARY_PATH"] = dest(libdir)
base_env["GSETTINGS_BACKEND"] = "memory"

print("TAP version 13")
try:
    # 1. meson install into the temporary DESTDIR.
    r = run([meson, "install", "-C", builddir, "--destdir", destdir,
             "--no-rebuild", "--quiet"], timeout=300)
    report(r.returncode == 0, "meson install --destdir succeeds", r.stdout + r.stderr)

    # 2. Everything a desktop expects is installed.
    expected = [
        os.path.join(bindir, "cited-cli"),
        os.path.join(libdir, "libcited.so.0"),
        os.path.join(libdir, "pkgconfig", "cited-1.pc"),
        os.path.join(prefix, options["includedir"], "cited-1", "cited.h"),
        os.path.join(prefix, options["includedir"], "cited-1", "cited-enum-types.h"),
        os.path.join(datadir, "applications", app_id + ".desktop"),
        os.path.join(datadir, "metainfo", app_id + ".metainfo.xml"),
        os.path.join(datadir, "icons", "hicolor", "scalable", "apps", app_id + ".svg"),
        os.path.join(datadir, "icons", "hicolor", "symbolic", "apps", app_id + "-symbolic.svg"),
        os.path.join(datadir, "glib-2.0", "schemas", "io.github.cited.Cited.gschema.xml"),
        os.path.join(datadir, "cited", "brands.json"),
        os.path.join(corpus_dir, "000_f735c1185eadd286.txt"),
        os.path.join(localedir, "zh_CN", "LC_MESSAGES", "cited.mo"),
        os.path.join(datadir, "gnome-shell", "search-providers", app_id + ".search-provider.ini"),
        os.path.join(datadir, "dbus-1", "services", app_id + ".service"),
    ]
    if build_app:
        expected.append(os.path.join(bindir, "cited"))
    missing = [p for p in expected if not os.path.isfile(dest(p))]
    report(not missing, f"{len(expected)} files are installed where the programs look for them",
           "missing: " + ", ".join(missing) if missing else "")

    include_dir = dest(os.path.join(prefix, options["includedir"], "cited-1"))
    headers = sorted(os.listdir(include_dir)) if os.path.isdir(include_dir) else []
    report(len(headers) > 10 and not [h for h in headers if h.endswith("-private.h")],
           "libcited's public headers, and no private one, are installed in include/cited-1",
           ", ".join(headers))

    source_corpus = sorted(os.listdir(os.path.join(sourcedir, "data", "corpus")))
    installed_corpus = sorted(os.listdir(dest(corpus_dir))) if os.path.isdir(dest(corpus_dir)) else []
    report(installed_corpus == source_corpus and len(source_corpus) > 0,
           f"the whole sample corpus is installed in CORPUS_DIR ({len(source_corpus)} articles)",
           f"installed: {installed_corpus}")

    # 3. The desktop file and metainfo point at what was installed, and carry
    #    the Chinese translation.
    desktop_path = dest(os.path.join(datadir, "applications", app_id + ".desktop"))
    desktop = open(desktop_path, encoding="utf-8").read() if os.path.exists(desktop_path) else ""
    icon = re.search(r"^Icon=(.*)$", desktop, re.M)
    exe = re.search(r"^Exec=(\S+)", desktop, re.M)
    report(bool(icon and exe) and icon.group(1) == app_id
           and os.path.exists(dest(os.path.join(bindir, exe.group(1)))) == build_app
           and "Comment[zh_CN]=" in desktop,
           "the desktop file names the installed icon and program and is translated",
           desktop)

    metainfo_path = dest(os.path.join(datadir, "metainfo", app_id + ".metainfo.xml"))
    launchable = None
    zh_summary = None
    if os.path.exists(metainfo_path):
        root = ET.parse(metainfo_path).getroot()
        launchable = root.findtext("launchable")
        for s in root.findall("summary"):
            if s.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh_CN":
                zh_summary = s.text
    report(launchable == app_id + ".desktop" and bool(zh_summary),
           "the metainfo launches the installed desktop file and has a Chinese summary",
           f"launchable={launchable} summary[zh_CN]={zh_summary}")

    # GNOME Shell finds the search provider by the desktop file it names and
    # reaches it at the app's bus name, which D-Bus activates by running the
    # installed app as a service.
    ini_path = dest(os.path.join(datadir, "gnome-shell", "search-providers",
                                 app_id + ".search-provider.ini"))
    ini = open(ini_path, encoding="utf-8").read() if os.path.exists(ini_path) else ""
    service_path = dest(os.path.join(datadir, "dbus-1", "services", app_id + ".service"))
    service = open(service_path, encoding="utf-8").read() if os.path.exists(service_path) else ""
    object_path = "/" + app_id.replace(".", "/") + "/SearchProvider"
    report(f"DesktopId={app_id}.desktop\n" in ini and f"BusName={app_id}\n" in ini
           and f"ObjectPath={object_path}\n" in ini and "Version=2\n" in ini
           and f"Name={app_id}\n" in service
           and f"Exec={os.path.join(bindir, 'cited')} --gapplication-service\n" in service,
           "the search provider names the installed desktop file, the app's bus name and "
           "its object path, and D-Bus starts the installed app for it", ini + service)

    # 4. The installed cited-cli runs against the installed libcited.
    cli = dest(os.path.join(bindir, "cited-cli"))
    r = run([cli, "--version"], env=base_env)
    report(r.returncode == 0 and r.stdout.strip() == f"cited-cli {version}",
           "the installed cited-cli --version runs with the installed libcited",
           r.stdout + r.stderr)

    r = run(["ldd", cli], env=base_env)
    m = re.search(r"libcited\.so\.0 => (\S+)", r.stdout)
    report(bool(m) and os.path.realpath(m.group(1)).startswith(os.path.realpath(destdir)),
           "the installed cited-cli links the installed libcited", m.group(0) if m else r.stdout + r.stderr)

    db = os.path.join(tmp, "cited.db")
    cli_env = dict(base_env, CITED_DB=db, LC_ALL="C.UTF-8", LANGUAGE="")
    r = run([cli, "import", dest(corpus_dir)], env=cli_env)
    r2 = run([cli, "articles", "--format", "csv"], env=cli_env)
    rows = list(csv.DictReader(io.StringIO(r2.stdout)))
    report(r.returncode == 0 and "Imported 5 articles" in r.stdout and len(rows) == len(source_corpus),
           "the installed cited-cli imports the installed corpus and lists its articles",
           r.stdout + r.stderr + r2.stderr)

    # 4b. A program of one's own builds against the installed cited-1.pc: the
    #     C example of docs/libcited.md, compiled with the flags pkg-config
    #     gives for the DESTDIR, runs against the installed libcited.
    #     The installed .pc names the real prefix; a copy names the DESTDIR
    #     (pkg-config's --define-variable would move GLib's prefix too).
    pc_dir = os.path.join(tmp, "pkgconfig")
    os.makedirs(pc_dir)
    pc_path = dest(os.path.join(libdir, "pkgconfig", "cited-1.pc"))
    pc = open(pc_path, encoding="utf-8").read() if os.path.exists(pc_path) else ""
    with open(os.path.join(pc_dir, "cited-1.pc"), "w", encoding="utf-8") as f:
        f.write(re.sub(r"^prefix=.*$", "prefix=" + dest(prefix), pc, count=1, flags=re.M))
    pc_env = dict(base_env, PKG_CONFIG_PATH=pc_dir)
    r = run(["pkg-config", "--cflags", "--libs", "cited-1"], env=pc_env)
    flags = shlex.split(r.stdout)
    example = os.path.join(tmp, "xiaomi-sales")
    cflags = ["-Wall", "-Wextra", "-Werror"]
    if "address" in options.get("b_sanitize", ""):
        # The installed libcited carries the sanitizers; their runtime must
        # load first, so the program is built with them too.
        cflags.append("-fsanitize=" + options["b_sanitize"])
    r2 = run([os.environ.get("CC", "cc"), *cflags, "-o", example,
              os.path.join(sourcedir, "docs", "examples", "xiaomi-sales.c"), *flags],
             env=pc_env)
    report(r.returncode == 0 and r2.returncode == 0
           and "-I" + include_dir in flags and "-L" + dest(libdir) in flags,
           "the C example builds warning-free with pkg-config --cflags --libs cited-1",
           r.stdout + r.stderr + r2.stdout + r2.stderr)
    png = os.path.join(tmp, "xiaomi-sales.png")
    r = run([example, dest(corpus_dir), png], env=base_env) \
        if os.path.exists(example) else subprocess.CompletedProcess([], 1, "", "not built")
    for ok, name, detail in example_checks(r, png):
        report(ok, "the installed C example: " + name, detail)

    docs_dir = os.path.join(datadir, "doc", "cited-1")
    if options.get("documentation") != "disabled" and os.path.isdir(
            os.path.join(builddir, "docs", "cited-1")):
        wanted = ["index.html", "libcited.html", "class.Store.html", "func.extract.html"]
        missing = [w for w in wanted if not os.path.isfile(dest(os.path.join(docs_dir, w)))]
        report(not missing, f"the API reference is installed in {docs_dir}",
               "missing: " + ", ".join(missing) if missing else "")
    else:
        skip(f"the API reference is installed in {docs_dir}", "the documentation is not built")

    # 5. The installed schema compiles strictly and has the window's keys.
    schemas = os.path.join(tmp, "schemas")
    os.makedirs(schemas)
    r = run(["glib-compile-schemas", "--strict", "--targetdir", schemas,
             dest(os.path.join(datadir, "glib-2.0", "schemas"))])
    r2 = run(["gsettings", "--schemadir", schemas, "get", "io.github.cited.Cited", "last-page"],
             env=base_env)
    report(r.returncode == 0 and r2.stdout.strip() == "'articles'",
           "the installed GSettings schema compiles with --strict and opens on Articles",
           r.stderr + r2.stdout + r2.stderr)

    # 6. The installed app starts far enough to answer --help and --version
    #    with its installed schema (no display needed).
    if build_app:
        app = dest(os.path.join(bindir, "cited"))
        app_env = dict(base_env, GSETTINGS_SCHEMA_DIR=schemas, LC_ALL="C.UTF-8", LANGUAGE="")
        r = run([app, "--version"], env=app_env)
        r2 = run([app, "--help"], env=app_env)
        report(r.returncode == 0 and r.stdout.strip() == f"cited {version}"
               and r2.returncode == 0 and "--version" in r2.stdout,
               "the installed cited answers --version and --help", r.stdout + r.stderr + r2.stderr)
    else:
        skip("the installed cited answers --version and --help", "the GTK app is not built")

    # 7. The installed translation catalogue is the Chinese one.
    mo = dest(os.path.join(localedir, "zh_CN", "LC_MESSAGES", "cited.mo"))
    r = run(["msgunfmt", mo]) if os.path.exists(mo) else None
    report(r is not None and r.returncode == 0 and 'msgstr "文章"' in r.stdout,
           "the installed zh_CN catalogue translates Articles as 文章")

    # 8. In a private mount namespace, the install is mounted over the real
    #    prefix and the source corpus is hidden: the installed programs must
    #    find their corpus and translations from their prefix alone.
    unshare = shutil.which("unshare")
    ns_name = "from its prefix, the installed app finds its corpus and speaks Chinese"
    zh_locale = "zh_CN.UTF-8" if run(["locale", "-a"]).stdout.lower().count("zh_cn.utf8") else None
    if unshare is None:
        skip(ns_name, "unshare is not installed")
    elif prefix in ("/", "/usr"):
        skip(ns_name, f"the prefix {prefix} holds the system itself; it cannot be mounted over")
    elif not os.path.isdir(prefix):
        skip(ns_name, f"the prefix {prefix} does not exist to mount over")
    elif zh_locale is None:
        skip(ns_name, "the zh_CN.UTF-8 locale is not generated (see .ci/install-deps)")
    else:
        shots = os.path.join(tmp, "shots")
        os.makedirs(shots)
        ns_db = os.path.join(tmp, "ns.db")
        source_corpus_dir = config_value("SOURCE_CORPUS_DIR")
        script = f"""
set -e
mount --bind {shlex.quote(dest(prefix))} {shlex.quote(prefix)}
if [ -d {shlex.quote(source_corpus_dir)} ]; then mount -t tmpfs none {shlex.quote(source_corpus_dir)}; fi
export LD_LIBRARY_PATH={shlex.quote(libdir)} LANGUAGE=zh_CN LC_ALL={zh_locale}
export GSETTINGS_SCHEMA_DIR={shlex.quote(schemas)} CITED_DB={shlex.quote(ns_db)}
echo "== cli"
{shlex.quote(os.path.join(bindir, "cited-cli"))} import {shlex.quote(corpus_dir)}
"""
        if build_app and (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            script += f"""
rm -f {shlex.quote(ns_db)}*
echo "== help"
{shlex.quote(os.path.join(bindir, "cited"))} --help
echo "== app"
timeout 120 {shlex.quote(os.path.join(bindir, "cited"))} --screenshot {shlex.quote(shots)} >/dev/null 2>&1 || echo "cited --screenshot exited with status $?"
echo "== articles"
{shlex.quote(os.path.join(bindir, "cited-cli"))} articles --format csv
"""
        args = [unshare, "--mount"]
        if os.geteuid() != 0:
            args.append("--map-root-user")
        probe = run(args + ["true"])
        if probe.returncode != 0:
            skip(ns_name, "no private mount namespace here: " + probe.stderr.strip())
        else:
            r = run(args + ["sh", "-c", script], env=dict(base_env), timeout=200)
            out = r.stdout
            ok = r.returncode == 0 and "已导入 5 篇文章" in out
            if "== app" in script:
                articles = list(csv.DictReader(io.StringIO(out.split("== articles\n", 1)[-1])))
                ok = ok and "显示版本并退出" in out and len(articles) == len(source_corpus) \
                    and os.path.exists(os.path.join(shots, "articles-light.png"))
                report(ok, ns_name + " (cited-cli and the app)", out + r.stderr)
            else:
                report(ok, ns_name + " (cited-cli only: no display for the app)", out + r.stderr)
finally:
    shutil.rmtree(tmp, ignore_errors=True)

print(f"1..{len(results)}")
sys.exit(0 if all(results) else 1)
