#!/usr/bin/env bash
# Side-by-side benchmark of `mcover bench` against the C and NumPy peers (../shared/peers, a developer tool, not part
# of the product). Interleaves REPS repetitions of every command so that machine noise hits all of them alike, and
# prints the median synapse_presentations_per_sec of each with its ratio to the C peer.
# usage: tools/bench-peers.sh [REPS]   (from the repository root, after `dotnet build -c Release`)
#        BEFORE=/path/to/old/mcover tools/bench-peers.sh [REPS]   adds an older build's rows, interleaved in the same run
set -euo pipefail
reps=${1:-5}
peers=../shared/peers
[ -d "$peers" ] || { echo "needs $peers (the peer implementations)" >&2; exit 1; }
sh "$peers/build.sh" >/dev/null
c="${TMPDIR:-/tmp}/peers/cp_peer"
m=Cli/bin/Release/net10.0/mcover
[ -x "$m" ] || { echo "build first: dotnet build -c Release" >&2; exit 1; }
rate() { grep -o '"synapse_presentations_per_sec": *[0-9.e+]*' | grep -o '[0-9.e+]*$'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
run_case() {
  local name=$1 flags=$2 numpy=$3
  local -a names=("C peer (gcc -O3 -march=native)" "mcover --threads 1" "mcover --threads 2")
  local -a cmds=("$c $flags" "$m bench $flags --threads 1" "$m bench $flags --threads 2")
  if [ -n "${BEFORE:-}" ]; then
    names+=("before: --threads 1" "before: --threads 2"); cmds+=("$BEFORE bench $flags --threads 1" "$BEFORE bench $flags --threads 2")
  fi
  if [ "$numpy" = yes ]; then names+=("NumPy peer"); cmds+=("/usr/bin/python3 $peers/cp_peer.py $flags"); fi
  local tmp; tmp=$(mktemp -d)
  for r in $(seq "$reps"); do
    for i in "${!cmds[@]}"; do ${cmds[$i]} | rate >>"$tmp/$i"; done
  done
  local cmed; cmed=$(median <"$tmp/0")
  echo "## $name: $flags (median of $reps, interleaved)"
  for i in "${!cmds[@]}"; do
    local med; med=$(median <"$tmp/$i")
    awk -v n="${names[$i]}" -v m="$med" -v c="$cmed" 'BEGIN {printf "| %-32s | %.3e | %5.2fx |\n", n, m, m / c}'
  done
  rm -rf "$tmp"
}
run_case "small" "--n 1001 --alpha 0.6 --copies 8 --epochs 50 --k 15 --seed 1" yes
run_case "large" "--n 4001 --alpha 1.0 --copies 8 --epochs 20 --k 15 --seed 1" no
