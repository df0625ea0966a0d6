#!/usr/bin/env bash
# Sweep throughput of many small points on 1 and 2 threads (issue #7: ≥ 1.8× on 2 cores). Interleaves REPS runs of
# each thread count (machine noise hits both alike) and prints tasks/s per run and the ratio of the medians. The time is
# the sweep's own wall time (run.json wall_seconds: tasks, records and result files), without the process start-up.
# Usage: tools/bench-sweep.sh [REPS]   (after dotnet build -c Release)
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:-5}
mcover=Cli/bin/Release/net10.0/mcover
sweep=(sweep --n 301 --alpha 0.25:0.25:2 --copies 4 --epochs 300 --stop budget --seeds 64 --quiet)   # 512 tasks of ~7 ms
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
declare -A rates
for r in $(seq "$reps"); do
    for t in 1 2; do
        out="$tmp/t$t-$r"
        "$mcover" "${sweep[@]}" --threads "$t" --out "$out" >/dev/null
        wall=$(grep -o '"wall_seconds": [0-9.eE+-]*' "$out/run.json" | awk '{print $2}')
        rate=$(echo "512 / $wall" | bc -l)
        rates[$t]+="$rate "
        printf 'threads=%s run=%s tasks/s=%.1f\n' "$t" "$r" "$rate"
    done
done
median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
m1=$(echo "${rates[1]}" | median); m2=$(echo "${rates[2]}" | median)
printf 'median tasks/s: 1 thread %.1f, 2 threads %.1f, ratio %.2fx\n' "$m1" "$m2" "$(echo "$m2 / $m1" | bc -l)"
