"""Best-known meeting counts for the scheduler benchmark's instances, from OR-Tools' CP-SAT.

Bench only, never part of openmap. `schedule-bench --export DIR` writes each instance as JSON;
this script solves the ones whose file changed since the cache (bench/schedule-reference.json,
keyed by the instance's SHA-256) with a time limit, and writes the cache back. The model is the
contract's: a pair meets at most once in a slot of both windows, a table hosts one meeting per
slot, a supplier at most seats(s) per slot and cap(s) in all, imposed pairs meet (at their slot
when fixed), excluded pairs are absent; maximise the number of meetings.

    python bench/schedule_reference.py DIR bench/schedule-reference.json [--seconds 60] [--only NAME]
"""

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

from ortools.sat.python import cp_model


def solve(instance: dict, seconds: float, workers: int) -> dict:
    slots = instance["slots"]
    every = list(range(slots))

    def window(availability, participant):
        allowed = availability[participant] if participant < len(availability) else None
        return set(every if allowed is None else allowed)

    supplier_slots = [window(instance["supplier_availability"], s) for s in range(instance["suppliers"])]
    buyer_slots = [window(instance["buyer_availability"], b) for b in range(instance["buyers"])]
    excluded = {tuple(pair) for pair in instance["excluded"]}
    imposed = {(s, b): slot for s, b, slot in instance["imposed"]}
    pairs = [tuple(pair) for pair in instance["pairs"] if tuple(pair) not in excluded and tuple(pair) not in imposed]
    pairs += list(imposed)

    model = cp_model.CpModel()
    variables = {}
    by_supplier_slot, by_buyer_slot, by_supplier = {}, {}, {}
    meetings = []
    for s, b in pairs:
        allowed = sorted(supplier_slots[s] & buyer_slots[b])
        fixed = imposed.get((s, b), -1)
        if fixed >= 0:
            allowed = [fixed] if fixed in allowed else []
        literals = []
        for t in allowed:
            x = model.NewBoolVar(f"x{s}_{b}_{t}")
            variables[(s, b, t)] = x
            literals.append(x)
            by_supplier_slot.setdefault((s, t), []).append(x)
            by_buyer_slot.setdefault((b, t), []).append(x)
            by_supplier.setdefault(s, []).append(x)
            meetings.append(x)
        if (s, b) in imposed:
            model.AddExactlyOne(literals)
        elif len(literals) > 1:
            model.AddAtMostOne(literals)
    for (s, _), xs in by_supplier_slot.items():
        model.Add(sum(xs) <= instance["seats"][s])
    for xs in by_buyer_slot.values():
        model.AddAtMostOne(xs)
    if instance["cap"] is not None:
        for xs in by_supplier.values():
            model.Add(sum(xs) <= instance["cap"])
    model.Maximize(sum(meetings))
    # The scheduler's timetable as a starting point: the reference is then at least as good.
    hinted = {tuple(meeting) for meeting in instance.get("hint", [])}
    for key, x in variables.items():
        model.AddHint(x, key in hinted)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = 1
    started = time.monotonic()
    status = solver.Solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {"best": None, "bound": None, "optimal": False, "seconds": round(time.monotonic() - started, 1)}
    return {
        "best": int(round(solver.ObjectiveValue())),
        "bound": int(round(solver.BestObjectiveBound())),
        "optimal": status == cp_model.OPTIMAL,
        "seconds": round(time.monotonic() - started, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("cache", type=Path)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", action="append", default=[])
    options = parser.parse_args()

    cache = json.loads(options.cache.read_text()) if options.cache.exists() else {}
    for path in sorted(options.folder.glob("*.json")):
        name = path.stem
        if options.only and name not in options.only:
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if cache.get(name, {}).get("sha256") == digest:
            continue
        print(f"CP-SAT on {name} ({options.seconds:g} s at most)…", file=sys.stderr, flush=True)
        result = solve(json.loads(path.read_text()), options.seconds, options.workers)
        cache[name] = {"sha256": digest, "time_limit": options.seconds, **result}
        print(f"  best {result['best']}, bound {result['bound']}, optimal {result['optimal']}", file=sys.stderr)
        options.cache.write_text(json.dumps(dict(sorted(cache.items())), indent=2) + "\n")
    # Instances the scheduler now solves to the bound are no longer exported: their old
    # reference values go.
    if not options.only:
        cache = {name: entry for name, entry in cache.items() if (options.folder / f"{name}.json").exists()}
        options.cache.write_text(json.dumps(dict(sorted(cache.items())), indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
