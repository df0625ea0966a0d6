#!/usr/bin/env python3
"""Self-test of compare.py on an output tree of run.sh: makes edited copies and checks that compare passes the
legitimate changes of the refactor and fails the physical ones.

Usage: python3 tools/regress/selftest.py OUTDIR [CASE]   (CASE: a case directory with points.csv and tasks/,
default run-sbpi-ring). Needs no mcover binary; exit 0 when every check behaves as expected.
"""
import csv
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def rewrite_csv(path, fn):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]
    header, body = fn(header, body)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in body:
            w.writerow([r.get(c, "") for c in header])


def first_task(case_dir):
    return sorted(glob.glob(os.path.join(case_dir, "tasks", "task-*.json")))[0]


def edit_json(path, fn):
    with open(path) as f:
        d = json.load(f)
    fn(d)
    with open(path, "w") as f:
        json.dump(d, f, indent=2)


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    src = os.path.abspath(sys.argv[1])
    case = sys.argv[2] if len(sys.argv) > 2 else "run-sbpi-ring"
    checks = []

    def bump(v):
        return v[:-1] + ("1" if v[-1] != "1" else "2")

    # (name, expected exit code, edit of the copy)
    def obs_cell(d):
        rewrite_csv(os.path.join(d, case, "points.csv"), lambda h, b: (h, [dict(b[0], eps_g=bump(b[0]["eps_g"]))] + b[1:]))
    checks.append(("one observable cell of points.csv changed", 1, obs_cell))

    def traj_cell(d):
        p = os.path.join(d, case, "trajectory.csv")
        if os.path.exists(p):
            rewrite_csv(p, lambda h, b: (h, b[:3] + [dict(b[3], train_error=bump(b[3]["train_error"]))] + b[4:]))
        else:
            obs_cell(d)
    checks.append(("one cell of trajectory.csv changed", 1, traj_cell))

    def reorder_add(d):
        for p in glob.glob(os.path.join(d, "*", "*.csv")):
            rewrite_csv(p, lambda h, b: (list(reversed(h)) + ["new_observable"], [dict(r, new_observable="1") for r in b]))
    checks.append(("every CSV: columns reversed and one added", 0, reorder_add))

    def drop_col(d):
        rewrite_csv(os.path.join(d, case, "points.csv"), lambda h, b: ([c for c in h if c != "eps_g_best"], b))
    checks.append(("an observable column dropped (reported, not a failure)", 0, drop_col))

    def timing(d):
        rewrite_csv(os.path.join(d, case, "points.csv"), lambda h, b: (h, [dict(r, seconds="99", git_commit="abc") for r in b]))
    checks.append(("timing and provenance columns changed", 0, timing))

    def emptied_default(d):
        # the parameters an sbpi row does not use, at their defaults, written empty
        unused = ["pr_c", "gamma", "gamma_step", "lambda", "damping", "iters", "tol", "reinforcement", "reinforcement_step",
                  "beta", "beta0", "beta1", "schedule_beta", "sweeps"]
        for p in glob.glob(os.path.join(d, "*", "points.csv")) + glob.glob(os.path.join(d, "*", "summary.csv")):
            rewrite_csv(p, lambda h, b: (h, [dict(r, **{c: "" for c in unused if c in r}) for r in b]))
        for p in glob.glob(os.path.join(d, "*", "tasks", "task-*.json")):
            edit_json(p, lambda j: j["config"].update({c.replace("_", "-"): None for c in unused}))
    checks.append(("unused parameters at their defaults written empty (CSV and task records)", 0, emptied_default))

    def rename_k(h, b, fn=lambda r: r["k"]):
        return ([("bound" if c == "k" else c) for c in h], [dict({k: v for k, v in r.items() if k != "k"}, bound=fn(r)) for r in b])

    def k_renamed(d):
        # the clip bound's column k is now bound (same values); task records: config key k -> bound
        for p in glob.glob(os.path.join(d, "*", "points.csv")) + glob.glob(os.path.join(d, "*", "summary.csv")):
            rewrite_csv(p, lambda h, b: rename_k(h, b) if "k" in h else (h, b))
        for p in glob.glob(os.path.join(d, "*", "tasks", "task-*.json")):
            edit_json(p, lambda j: j["config"].update(bound=j["config"].pop("k")) if "k" in j["config"] else None)
    checks.append(("column k renamed to bound, same values (CSV and task records)", 0, k_renamed))

    def k_renamed_emptied(d):
        p = os.path.join(d, case, "points.csv")
        rewrite_csv(p, lambda h, b: rename_k(h, b, lambda r: ""))
    checks.append(("k renamed to bound and written empty where old held the default", 0, k_renamed_emptied))

    def k_renamed_changed(d):
        rewrite_csv(os.path.join(d, case, "points.csv"), lambda h, b: rename_k(h, b, lambda r: str(int(r["k"]) + 2)))
    checks.append(("k renamed to bound with another value", 1, k_renamed_changed))

    def k_renamed_task_changed(d):
        edit_json(first_task(os.path.join(d, case)), lambda j: j["config"].update(bound=int(j["config"].pop("k")) + 2))
    checks.append(("task record: config k renamed to bound with another value", 1, k_renamed_task_changed))

    def param_changed(d):
        rewrite_csv(os.path.join(d, case, "points.csv"), lambda h, b: (h, [dict(b[0], alpha="7")] + b[1:]))
    checks.append(("a parameter value changed", 1, param_changed))

    def row_dropped(d):
        rewrite_csv(os.path.join(d, case, "q_matrix.csv"), lambda h, b: (h, b[:-1]))
    checks.append(("a row of q_matrix.csv missing", 1, row_dropped))

    def task_digit(d):
        def f(j):
            j["copies"][0]["overlap_R"] = j["copies"][0]["overlap_R"] + 1e-15
        edit_json(first_task(os.path.join(d, case)), f)
    checks.append(("a task record's result changed in the 15th digit (invisible in the CSV)", 1, task_digit))

    def file_missing(d):
        os.remove(os.path.join(d, case, "R_matrix.csv"))
    checks.append(("R_matrix.csv missing", 1, file_missing))

    def run_json(d):
        edit_json(os.path.join(d, case, "run.json"), lambda j: j.update(config_hash="0000", wall_seconds=1e9))
    checks.append(("run.json config_hash changed (loose: reported only)", 0, run_json))

    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, expected, edit) in enumerate(checks):
            d = os.path.join(tmp, f"c{i}")
            shutil.copytree(src, d, ignore=shutil.ignore_patterns("*.png", "*.svg", "_logs"))
            edit(d)
            r = subprocess.run([sys.executable, os.path.join(HERE, "compare.py"), src, d], capture_output=True, text=True)
            ok = r.returncode == expected
            failures += not ok
            print(f"{'ok  ' if ok else 'BAD '} exit {r.returncode} (expected {expected}): {name}")
            if not ok:
                print("\n".join("      " + l for l in r.stdout.splitlines()[-25:]))
    print("selftest:", "PASS" if failures == 0 else f"{failures} check(s) misbehaved")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
