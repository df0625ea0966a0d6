#!/usr/bin/env bash
# Cost of the M-cover lift against the identity lift (issue #4), as in docs/performance.md: for each workload row,
# `mcover bench --kernel ring:sigma=1 --repeat REPS` times the identity lift and the lift side by side in one process
# (REPS interleaved runs of each, median run reported) and the row gives both rates, the wall-time ratio
# (cost_vs_identity), the ratio in CPU time (cpu_cost_vs_identity) and the lift's train error. Rows with a margin κ ≥ √N
# update every copy on every presentation (Δ ≤ N ≤ κ√N): the identity lift then skips no update, as the lift never can.
# usage: tools/bench-lift.sh [REPS]   (from the repository root, after `dotnet build -c Release`)
set -euo pipefail
reps=${1:-7}
m=Cli/bin/Release/net10.0/mcover
[ -x "$m" ] || { echo "build first: dotnet build -c Release" >&2; exit 1; }
row() {
  local n=$1 alpha=$2 copies=$3 epochs=$4 granularity=$5 kappa=${6:-0}
  "$m" bench --n "$n" --alpha "$alpha" --copies "$copies" --epochs "$epochs" --k 15 --kappa "$kappa" --seed 1 \
    --kernel ring:sigma=1 --granularity "$granularity" --repeat "$reps" | python3 -c '
import json, sys
identity, lift = (json.loads(line) for line in sys.stdin)
print("| %s, %s, %s%s | %s | %s | %.3g | %.3g | %.2f× | %.2f× | %.2f |" % (sys.argv[1], sys.argv[2], sys.argv[4],
    ", κ = " + sys.argv[6] if sys.argv[6] != "0" else "", sys.argv[3], sys.argv[5],
    identity["synapse_presentations_per_sec"], lift["synapse_presentations_per_sec"], lift["cost_vs_identity"],
    lift.get("cpu_cost_vs_identity", float("nan")), lift["train_error"]))' "$n" "$alpha" "$copies" "$epochs" "$granularity" "$kappa"
}
echo "# $(date -u '+%F %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg), $reps interleaved runs each"
echo "| N, α, epochs | M | granularity | identity (presentations/s) | lift | wall ratio | CPU ratio | lift train error |"
echo "|---|---|---|---|---|---|---|---|"
for g in edge word; do row 1001 0.6 8 50 $g; done
for g in edge word; do row 1001 1 8 100 $g; done
for g in edge word; do row 4001 1 8 20 $g; done
for g in edge word; do row 10001 1 8 10 $g; done
for g in edge word; do row 10001 1 8 10 $g 1000; done
for copies in 4 16; do for g in edge word; do row 1001 0.6 "$copies" 50 $g; done; done
