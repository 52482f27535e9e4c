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
CORPUS = os.path.join(ROOT, ".build/release/openmap-corpus")
OUT = os.path.join(BENCH, "out")
SEED = 42
# Seconds to wait after deleting many files before timing file creation (see above).
SETTLE = int(os.environ.get("BENCH_SETTLE", "90"))
# (needs, runs): the 50 000 corpus is built once per tool (a run takes long and the
# machine is shared); the others take the median of 5.
SIZES = [(int(n), int(r)) for n, r in (s.split(":") for s in os.environ.get("BENCH_SIZES", "1000:5,10000:5,50000:1").split(","))]
NEED_PAGES = os.environ.get("BENCH_HUGO_NEED_PAGES", "1") == "1"


def run_timed(command, cwd=ROOT):
    """Wall seconds and peak RSS (KiB) of a command, from /usr/bin/time -v."""
    start = time.monotonic()
    result = subprocess.run(["/usr/bin/time", "-v"] + command, cwd=cwd, capture_output=True, text=True)
    wall = time.monotonic() - start
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-3000:] + result.stderr[-3000:])
        raise SystemExit(f"failed: {' '.join(command)}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
    return wall, rss


def count_pages(folder):
    return sum(1 for _, _, files in os.walk(folder) for f in files if f.endswith(".html"))


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


def openmap_build(content, output, extra=()):
    return run_timed([OPENMAP, "build", "--content", content, "--templates", "templates", "--output", output, *extra])


def hugo_build(source, output):
    return run_timed(["hugo", "--quiet", "--source", source, "--destination", output,
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
        openmap_runs, hugo_runs = [], []
        for _ in range(runs):  # alternate, so that both see the same machine load
            out_openmap = fresh(f"openmap-{needs}")
            openmap_runs.append(openmap_build(content, out_openmap, ["--clean"]))
            out_hugo = fresh(f"hugo-{needs}")
            hugo_runs.append(hugo_build(hugo, out_hugo))
        pages_openmap, pages_hugo = count_pages(out_openmap), count_pages(out_hugo)
        wall_o = statistics.median(w for w, _ in openmap_runs)
        wall_h = statistics.median(w for w, _ in hugo_runs)
        rss_o = max(r for _, r in openmap_runs) / 1024
        rss_h = max(r for _, r in hugo_runs) / 1024
        rows.append((needs, runs, pages_openmap, wall_o, rss_o, pages_hugo, wall_h, rss_h))
        print(f"  {needs} needs: openmap {wall_o:.2f} s, hugo {wall_h:.2f} s", flush=True)

    print()
    print("| needs | runs | openmap pages | wall s | pages/s | peak RSS MiB | hugo pages | wall s | pages/s | peak RSS MiB | openmap/hugo |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for needs, runs, po, wo, ro, ph, wh, rh in rows:
        print(f"| {needs} | {runs} | {po} | {wo:.2f} | {po / wo:.0f} | {ro:.0f} | {ph} | {wh:.2f} | {ph / wh:.0f} | {rh:.0f} | {wo / wh:.3f} |")

    if any(n == 10000 for n, _ in SIZES):
        incremental(10000)
        preview(10000)
    shutil.rmtree(OUT)


def incremental(needs):
    """Median of N one-file edits on the built corpus, each followed by `openmap build`: edits to
    a roadmap's body (a paragraph appended), then to a need's title (its front matter), then
    none at all (a build run again)."""
    content, _ = corpus(needs)
    work = fresh(f"content-{needs}-edit")
    output = fresh(f"openmap-{needs}-incremental")
    shutil.copytree(content, work)
    openmap_build(work, output)  # fills the cache
    roadmaps = sorted(os.path.join(dp, f) for dp, _, fs in os.walk(os.path.join(work, "roadmaps")) for f in fs)
    runs = int(os.environ.get("BENCH_INCREMENTAL_RUNS", "5"))

    def body_edit(index, path):
        with open(path, "a") as f:
            f.write(f"\nAjout n° {index + 1} : une précision sur le calendrier.\n")

    def title_edit(index, path):
        with open(path) as f:
            text = f.read()
        marker = "    title: \""
        with open(path, "w") as f:
            f.write(text.replace(marker, marker + f"(Révision {index + 1}) ", 1))

    def no_edit(index, path):
        pass

    print()
    for label, edit in (("an edit to a roadmap's body", body_edit), ("an edit to a need's title (front matter)", title_edit),
                        ("no change at all", no_edit)):
        timings = []
        for index in range(runs):
            edit(index, roadmaps[(index * 997) % len(roadmaps)])
            timings.append(openmap_build(work, output))
        wall = statistics.median(w for w, _ in timings)
        # The incremental site must be the clean build's, byte for byte.
        clean = fresh(f"openmap-{needs}-clean")
        openmap_build(work, clean, ["--clean"])
        identical = same_tree(output, clean)
        print(f"Incremental rebuild after {label} ({needs} needs, median of {len(timings)}): "
              f"{wall * 1000:.0f} ms (runs: {', '.join(f'{w * 1000:.0f}' for w, _ in timings)}), "
              f"peak RSS {max(r for _, r in timings) / 1024:.0f} MiB; identical to a clean build: {'yes' if identical else 'NO'}",
              flush=True)


def preview(needs):
    """`openmap serve` on the corpus: median time from saving a file to the reload event sent to
    the open pages, for edits to a need's title and to a roadmap's body (one every few seconds,
    as an editor saves: the pages are checked in the background in between)."""
    import socket, urllib.request
    content, _ = corpus(needs)
    work = fresh(f"content-{needs}-preview")
    shutil.copytree(content, work)
    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([OPENMAP, "serve", "--content", work, "--templates", "templates", "--port", str(port)],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/", timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        time.sleep(5)  # the first build's background check
        roadmaps = sorted(os.path.join(dp, f) for dp, _, fs in os.walk(os.path.join(work, "roadmaps")) for f in fs)
        runs = int(os.environ.get("BENCH_INCREMENTAL_RUNS", "5"))
        print()
        for label, marker in (("an edit to a need's title (front matter)", "    title: \""), ("an edit to a roadmap's body", None)):
            timings = []
            for index in range(runs):
                path = roadmaps[(index * 991 + 7) % len(roadmaps)]
                events = urllib.request.urlopen(base + "/__openmap/events", timeout=120)
                events.readline()
                with open(path) as f:
                    text = f.read()
                text = text.replace(marker, marker + f"(Aperçu {index + 1}) ", 1) if marker else text + f"\nPrécision n° {index + 1}.\n"
                start = time.monotonic()
                with open(path, "w") as f:
                    f.write(text)
                while not events.readline().decode().startswith("event: reload"):
                    pass
                timings.append(time.monotonic() - start)
                events.close()
                time.sleep(3)
            print(f"openmap serve, save → reload after {label} ({needs} needs, median of {runs}): "
                  f"{statistics.median(timings) * 1000:.0f} ms (runs: {', '.join(f'{t * 1000:.0f}' for t in timings)})", flush=True)
    finally:
        server.terminate()
        server.wait()


def same_tree(a, b):
    """True when two folders hold the same files with the same bytes (the build cache aside)."""
    def files(root):
        return sorted(os.path.relpath(os.path.join(dp, f), root) for dp, _, fs in os.walk(root) for f in fs
                      if f not in (".openmap-cache", ".openmap-bodies", ".openmap-markdown"))
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
