#!/usr/bin/env python3
"""make bench: openmap against Hugo on generated corpora of the same pages, side by side.

For each corpus size: generate (cached under .bench/), then alternate openmap and Hugo clean
builds, each under /usr/bin/time -v, and print the medians. Then, on the 10 000-need corpus,
time incremental rebuilds after a one-file edit, and `openmap serve` from a save to the reload.

Every build writes into a folder never used before (under .bench/out/), and outputs are deleted
only once everything is measured, then the bench waits before measuring again: on this machine's
ext4 (no journal), creating files within a minute or so of deleting many makes the allocator
skip every recently freed inode, which made creating a site's 30 000 files and folders right
after deleting the previous run's ~4 times slower, for both tools (1.7 s → 7.5 s of system
time for the same 15 000 folders and files in plain Python). A CI build into a fresh clone does
not pay that, so the bench does not either.
"""
import os, re, shutil, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, ".bench")
OPENMAP = os.environ.get("BENCH_OPENMAP", os.path.join(ROOT, ".build/release/openmap"))
# Another openmap binary (say, the previous release's) timed side by side on the same edits:
# its incremental builds and preview alternate with this one's, run by run.
BASELINE = os.environ.get("BENCH_BASELINE")
# The baseline's own templates (its checkout's `templates/`), when they differ from this one's.
BASELINE_TEMPLATES = os.environ.get("BENCH_BASELINE_TEMPLATES", "templates")
CORPUS = os.path.join(ROOT, ".build/release/openmap-corpus")
OUT = os.path.join(BENCH, "out")
SEED = 42
# Seconds to wait after deleting many files before timing file creation (see above).
SETTLE = int(os.environ.get("BENCH_SETTLE", "90"))
# (needs, runs): the 50 000 corpus is built once per tool (a run takes long and the
# machine is shared); the others take the median of 5.
SIZES = [(int(n), int(r)) for n, r in (s.split(":") for s in os.environ.get("BENCH_SIZES", "1000:5,10000:5,50000:1").split(","))]
NEED_PAGES = os.environ.get("BENCH_HUGO_NEED_PAGES", "1") == "1"


class Run(tuple):
    """One timed command: wall, user and system seconds, peak RSS (KiB)."""
    wall = property(lambda self: self[0])
    user = property(lambda self: self[1])
    system = property(lambda self: self[2])
    rss = property(lambda self: self[3])


def run_timed(command, cwd=ROOT):
    """Wall, user and system seconds and peak RSS (KiB) of a command, from /usr/bin/time -v."""
    start = time.monotonic()
    result = subprocess.run(["/usr/bin/time", "-v"] + command, cwd=cwd, capture_output=True, text=True)
    wall = time.monotonic() - start
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-3000:] + result.stderr[-3000:])
        raise SystemExit(f"failed: {' '.join(command)}")
    def field(name):
        return re.search(name + r": ([\d.]+)", result.stderr).group(1)
    return Run((wall, float(field(r"User time \(seconds\)")), float(field(r"System time \(seconds\)")),
                int(field(r"Maximum resident set size \(kbytes\)"))))


def count_pages(folder):
    return sum(1 for _, _, files in os.walk(folder) for f in files if f.endswith(".html"))


def output_size(folder):
    """Files and the bytes they hold (folders' own blocks not counted)."""
    sizes = [os.path.getsize(os.path.join(dp, f)) for dp, _, files in os.walk(folder) for f in files]
    return len(sizes), sum(sizes)


def corpus(needs):
    content = os.path.join(BENCH, f"content-{needs}")
    hugo = os.path.join(BENCH, f"hugo-{needs}")
    stamp = os.path.join(BENCH, f"stamp-{needs}")
    generator = os.path.getmtime(CORPUS)
    key = f"{needs} {SEED} {NEED_PAGES} {generator}"
    if not (os.path.exists(stamp) and open(stamp).read() == key):
        command = [CORPUS, "--needs", str(needs), "--seed", str(SEED), "--output", content, "--hugo", hugo]
        if NEED_PAGES:
            command.append("--hugo-need-pages")
        subprocess.run(command, cwd=ROOT, check=True)
        open(stamp, "w").write(key)
    return content, hugo


_cache_dir_support = {}


def has_cache_dir(binary):
    """Whether `binary build` takes `--cache-dir` (without it, a baseline's clean build for the
    comparison took its incremental copy's record, and the next edit rebuilt everything)."""
    if binary not in _cache_dir_support:
        help_text = subprocess.run([binary, "build", "--help"], capture_output=True, text=True).stdout
        _cache_dir_support[binary] = "--cache-dir" in help_text
    return _cache_dir_support[binary]


def openmap_build(content, output, extra=(), binary=OPENMAP, cache=None):
    """Each build names its record's folder: the bench's builds of one corpus into several
    folders must not take each other's record (`--cache-dir`; an older openmap has none)."""
    if cache and has_cache_dir(binary):
        extra = [*extra, "--cache-dir", cache]
    return run_timed([binary, "build", "--content", content, "--templates", templates_of(binary), "--output", output,
                      "--now", "2026-11-30", *extra])


HUGO = os.environ.get("HUGO", "hugo")


def hugo_build(source, output):
    return run_timed([HUGO, "--quiet", "--source", source, "--destination", output,
                      "--themesDir", os.path.join(ROOT, "bench")])


_runs = 0


def fresh(name):
    """A folder path that no build has used yet."""
    global _runs
    _runs += 1
    return os.path.join(OUT, f"{_runs:03d}-{name}")


def clear_outputs():
    """Deletes every output of earlier benches, then lets the file system settle (see above)."""
    if os.path.exists(OUT):
        shutil.rmtree(OUT)
        print(f"  (outputs of an earlier bench deleted: waiting {SETTLE} s before timing file creation)", flush=True)
        time.sleep(SETTLE)
    os.makedirs(OUT)


def main():
    os.makedirs(BENCH, exist_ok=True)
    clear_outputs()
    rows = []
    for needs, runs in SIZES:
        content, hugo = corpus(needs)
        openmap_runs, hugo_runs, baseline_runs = [], [], []
        for _ in range(runs):  # alternate, so that all see the same machine load
            out_openmap = fresh(f"openmap-{needs}")
            openmap_runs.append(openmap_build(content, out_openmap, ["--clean"], cache=out_openmap + ".cache"))
            out_hugo = fresh(f"hugo-{needs}")
            hugo_runs.append(hugo_build(hugo, out_hugo))
            if BASELINE:
                out_baseline = fresh(f"baseline-{needs}")
                baseline_runs.append(openmap_build(content, out_baseline, ["--clean"], binary=BASELINE, cache=out_baseline + ".cache"))
        tools = [("openmap", openmap_runs, out_openmap), ("hugo", hugo_runs, out_hugo)]
        if baseline_runs:
            tools.append(("baseline", baseline_runs, out_baseline))
        for tool, timings, output in tools:
            files, size = output_size(output)
            rows.append((needs, runs, tool, count_pages(output), files, size,
                         *(statistics.median(getattr(r, key) for r in timings) for key in ("wall", "user", "system")),
                         max(r.rss for r in timings) / 1024))
            print(f"  {needs} needs, {tool}: wall {', '.join(f'{r.wall:.2f}' for r in timings)} s", flush=True)

    print()
    print("Medians of alternating runs; peak RSS is the largest of the runs; output is the last run's files.")
    print()
    print("| needs | runs | tool | pages | files | output MB | wall s | user s | system s | peak RSS MiB | wall / hugo's |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    hugo_wall = {row[0]: row[6] for row in rows if row[2] == "hugo"}
    for needs, runs, tool, pages, files, size, wall, user, system, rss in rows:
        print(f"| {needs} | {runs} | {tool} | {pages} | {files} | {size / 1e6:.1f} | {wall:.2f} | {user:.2f} | "
              f"{system:.2f} | {rss:.0f} | {wall / hugo_wall[needs]:.3f} |")
    print()

    if any(n == 10000 for n, _ in SIZES):
        incremental(10000)
        preview(10000)
    shutil.rmtree(OUT)


def templates_of(binary):
    return BASELINE_TEMPLATES if BASELINE and binary == BASELINE else "templates"


def binaries():
    """(label, path) of the binaries to time: this one, and the baseline when given."""
    return [("openmap", OPENMAP)] + ([("baseline", BASELINE)] if BASELINE else [])


def incremental(needs):
    """Median of N one-file edits on the built corpus, each followed by `openmap build`: a
    roadmap's body (a paragraph appended), a need's title and a need's status (front matter),
    a buyer's name (shown on many pages), then no change at all. With BENCH_BASELINE, the same
    edits for both binaries, each in its own copy, alternating run by run."""
    content, _ = corpus(needs)
    runs = int(os.environ.get("BENCH_INCREMENTAL_RUNS", "5"))
    setups = []
    for label, binary in binaries():
        work = fresh(f"content-{needs}-{label}")
        output = fresh(f"{label}-{needs}-incremental")
        shutil.copytree(content, work)
        openmap_build(work, output, binary=binary, cache=work + ".cache")  # the first build: fills the record
        roadmaps = sorted(os.path.join(dp, f) for dp, _, fs in os.walk(os.path.join(work, "roadmaps")) for f in fs)
        buyers = sorted(os.path.join(work, "buyers", f) for f in os.listdir(os.path.join(work, "buyers")))
        setups.append((label, binary, work, output, roadmaps, buyers))

    def replace_first(path, old, new):
        with open(path) as f:
            text = f.read()
        with open(path, "w") as f:
            f.write(text.replace(old, new, 1))

    def body_edit(index, roadmaps, buyers):
        with open(roadmaps[(index * 997) % len(roadmaps)], "a") as f:
            f.write(f"\nAjout n° {index + 1} : une précision sur le calendrier.\n")

    def title_edit(index, roadmaps, buyers):
        replace_first(roadmaps[(index * 997 + 1) % len(roadmaps)], "    title: \"", f"    title: \"(Révision {index + 1}) ")

    def status_edit(index, roadmaps, buyers):
        path = roadmaps[(index * 997 + 2) % len(roadmaps)]
        with open(path) as f:
            text = f.read()
        for old, new in (("status: envisage", "status: en-preparation"), ("status: en-preparation", "status: envisage"),
                         ("status: attribue", "status: abandonne"), ("status: abandonne", "status: attribue")):
            if old in text:
                replace_first(path, old, new)
                return

    def buyer_edit(index, roadmaps, buyers):
        replace_first(buyers[(index * 37) % len(buyers)], "name: \"", f"name: \"(Nom {index + 1}) ")

    def no_edit(index, roadmaps, buyers):
        pass

    print()
    for label, edit in (("an edit to a roadmap's body", body_edit), ("an edit to a need's title (front matter)", title_edit),
                        ("an edit to a need's status (front matter)", status_edit), ("an edit to a buyer's name", buyer_edit),
                        ("no change at all", no_edit)):
        timings = {name: [] for name, *_ in setups}
        for index in range(runs):
            for name, binary, work, output, roadmaps, buyers in setups:
                edit(index, roadmaps, buyers)
                timings[name].append(openmap_build(work, output, binary=binary, cache=work + ".cache"))
        for name, binary, work, output, roadmaps, buyers in setups:
            wall = statistics.median(r.wall for r in timings[name])
            # The incremental site must be the clean build's, byte for byte.
            clean = fresh(f"{name}-{needs}-clean")
            openmap_build(work, clean, ["--clean"], binary=binary, cache=clean + ".cache")
            identical = same_tree(output, clean)
            print(f"{name}: incremental rebuild after {label} ({needs} needs, median of {len(timings[name])}): "
                  f"{wall * 1000:.0f} ms (runs: {', '.join(f'{w * 1000:.0f}' for w in (r.wall for r in timings[name]))}), "
                  f"peak RSS {max(r.rss for r in timings[name]) / 1024:.0f} MiB; identical to a clean build: {'yes' if identical else 'NO'}",
                  flush=True)


def preview(needs):
    """`openmap serve` on the corpus: median time from saving a file to the reload event sent to
    the open pages, then to the page being served with the change, for edits to a need's title,
    a need's status, a roadmap's body and a buyer's name (one every few seconds, as an editor
    saves: the pages are checked in the background in between). With BENCH_BASELINE, both
    servers run side by side, each on its own copy, and their saves alternate."""
    import socket, urllib.request
    content, _ = corpus(needs)
    runs = int(os.environ.get("BENCH_INCREMENTAL_RUNS", "5"))
    servers = []
    try:
        for label, binary in binaries():
            work = fresh(f"content-{needs}-preview-{label}")
            shutil.copytree(content, work)
            with socket.socket() as probe:  # a free port
                probe.bind(("127.0.0.1", 0))
                port = probe.getsockname()[1]
            process = subprocess.Popen([binary, "serve", "--content", work, "--templates", templates_of(binary), "--port", str(port),
                                        "--now", "2026-11-30"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            servers.append((label, process, work, f"http://127.0.0.1:{port}"))
        for label, process, work, base in servers:
            for _ in range(600):
                try:
                    urllib.request.urlopen(base + "/", timeout=5).read()
                    break
                except OSError:
                    time.sleep(0.2)
        time.sleep(8)  # the first build's background check
        print()

        def need_page(work, path):
            """The catalogue path of the first need of a roadmap file, as the site names it."""
            year, buyer = path.split(os.sep)[-2], os.path.basename(path)[:-3]
            with open(path) as f:
                first = next(line for line in f if line.startswith("  - id: "))
            return f"/besoins/{buyer}-{year}-{first.split(':', 1)[1].strip()}/"

        def title(index, work):
            roadmaps = sorted(os.path.join(dp, f) for dp, _, fs in os.walk(os.path.join(work, "roadmaps")) for f in fs)
            path = roadmaps[(index * 991 + 7) % len(roadmaps)]
            mark = f"Aperçu {index + 1}"
            return path, ("    title: \"", f"    title: \"({mark}) "), need_page(work, path), mark

        def status(index, work):
            roadmaps = sorted(os.path.join(dp, f) for dp, _, fs in os.walk(os.path.join(work, "roadmaps")) for f in fs)
            path = roadmaps[(index * 991 + 11) % len(roadmaps)]
            with open(path) as f:
                current = next(line for line in f if line.startswith("    status: ")).split(":", 1)[1].strip()
            new = "abandonne" if current != "abandonne" else "attribue"
            label = {"abandonne": "Abandonné", "attribue": "Attribué"}[new]
            return path, (f"    status: {current}", f"    status: {new}"), need_page(work, path), label

        def body(index, work):
            roadmaps = sorted(os.path.join(dp, f) for dp, _, fs in os.walk(os.path.join(work, "roadmaps")) for f in fs)
            path = roadmaps[(index * 991 + 13) % len(roadmaps)]
            year, buyer = path.split(os.sep)[-2], os.path.basename(path)[:-3]
            mark = f"Précision n° {index + 1}."
            return path, None, f"/feuilles-de-route/{year}/{buyer}/", mark

        def buyer(index, work):
            buyers = sorted(os.listdir(os.path.join(work, "buyers")))
            name = buyers[(index * 37 + 3) % len(buyers)]
            mark = f"Nom {index + 1}"
            return os.path.join(work, "buyers", name), ("name: \"", f"name: \"({mark}) "), f"/acheteurs/{name[:-5]}/", mark

        for label, make in (("an edit to a need's title (front matter)", title), ("an edit to a need's status", status),
                            ("an edit to a roadmap's body", body), ("an edit to a buyer's name", buyer)):
            reloads = {name: [] for name, *_ in servers}
            shown = {name: [] for name, *_ in servers}
            for index in range(runs):
                for name, process, work, base in servers:
                    path, change, page, mark = make(index, work)
                    events = urllib.request.urlopen(base + "/__openmap/events", timeout=120)
                    events.readline()
                    with open(path) as f:
                        text = f.read()
                    text = text.replace(change[0], change[1], 1) if change else text + f"\n{mark}\n"
                    start = time.monotonic()
                    with open(path, "w") as f:
                        f.write(text)
                    while not events.readline().decode().startswith("event: reload"):
                        pass
                    reloads[name].append(time.monotonic() - start)
                    # The browser then asks for the page: the time until it shows the change.
                    while mark not in urllib.request.urlopen(base + page, timeout=60).read().decode():
                        time.sleep(0.005)
                    shown[name].append(time.monotonic() - start)
                    events.close()
                    time.sleep(3)
            for name, *_ in servers:
                print(f"{name}: openmap serve after {label} ({needs} needs, median of {runs}): save → reload "
                      f"{statistics.median(reloads[name]) * 1000:.0f} ms, save → page shown "
                      f"{statistics.median(shown[name]) * 1000:.0f} ms (runs: {', '.join(f'{t * 1000:.0f}' for t in shown[name])})",
                      flush=True)
    finally:
        for _, process, _, _ in servers:
            process.terminate()
            process.wait()


def same_tree(a, b):
    """True when two folders hold the same files with the same bytes (an older openmap's caches
    in its site folder aside)."""
    def files(root):
        return sorted(os.path.relpath(os.path.join(dp, f), root) for dp, _, fs in os.walk(root) for f in fs
                      if f not in (".openmap-cache", ".openmap-bodies", ".openmap-markdown", ".openmap-site"))
    names = files(a)
    if names != files(b):
        return False
    for name in names:
        with open(os.path.join(a, name), "rb") as x, open(os.path.join(b, name), "rb") as y:
            if x.read() != y.read():
                return False
    return True


if __name__ == "__main__":
    main()
