#!/usr/bin/env bash
# Runs every regression case (tools/regress/cases.txt) with one mcover binary into OUTDIR/<name>/.
# Usage: tools/regress/run.sh BIN OUTDIR [NAME...]
#   BIN     the mcover executable to test (e.g. /tmp/baseline/mcover, Experiments/bin/Release/net10.0/mcover)
#   OUTDIR  a new (or empty) directory; the per-case logs go to OUTDIR/_logs/, step status and wall time to
#           OUTDIR/_status.tsv, the binary's identity to OUTDIR/_meta.txt
#   NAME    optional: run only these cases (default: all); with names, OUTDIR may be an existing tree of run.sh
#           that lacks them: they are added to it (their status appended to _status.tsv)
# Exit 0 when every step exited 0, 1 otherwise (every step is still attempted).
set -uo pipefail
if [[ $# -lt 2 ]]; then echo "usage: $0 BIN OUTDIR [NAME...]" >&2; exit 2; fi
here=$(cd "$(dirname "$0")" && pwd)
bin=$1; outdir=$2; shift 2
only=("$@")
if [[ ! -x $bin ]]; then echo "run.sh: '$bin' is not an executable" >&2; exit 2; fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
append=0
if [[ -e $outdir && -n $(ls -A "$outdir" 2>/dev/null) ]]; then
    # Adding named cases to an existing tree is allowed (e.g. a new case to a recorded baseline), replacing none.
    if [[ ${#only[@]} -eq 0 || ! -f $outdir/_status.tsv ]]; then
        echo "run.sh: '$outdir' exists and is not empty; give a new directory (a rerun would resume old sweeps)," \
             "or name the cases to add to it" >&2; exit 2
    fi
    for o in "${only[@]}"; do
        if [[ -e $outdir/$o ]] || cut -f1 "$outdir/_status.tsv" | grep -qxF -- "$o"; then
            echo "run.sh: case '$o' was already run in '$outdir'; cases are never rerun in place" >&2; exit 2
        fi
    done
    append=1
fi
mkdir -p "$outdir/_logs"
outdir=$(cd "$outdir" && pwd)
threads=2

{
    [[ $append == 1 ]] && echo "--- appended cases: ${only[*]}"
    echo "binary: $bin"
    echo "version: $("$bin" --version 2>&1 | head -1)"
    echo "date_utc: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "host: $(uname -srm), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "cases: $here/cases.txt (sha256 $(sha256sum "$here/cases.txt" | cut -c1-16))"
    for f in "$here"/configs/*.json; do echo "config: $(basename "$f") sha256 $(sha256sum "$f" | cut -c1-16)"; done
} >> "$outdir/_meta.txt"
[[ $append == 1 ]] || printf 'name\tstep\tcommand\trc\tseconds\n' > "$outdir/_status.tsv"

failed=0; total_start=$(date +%s.%N); declare -A stepno
while read -r name rest; do
    [[ -z $name || $name == \#* ]] && continue
    if [[ ${#only[@]} -gt 0 ]]; then
        keep=0; for o in "${only[@]}"; do [[ $o == "$name" ]] && keep=1; done
        [[ $keep == 1 ]] || continue
    fi
    read -r -a words <<< "$rest"
    args=()
    for w in "${words[@]}"; do
        w=${w//\{OUT\}/$outdir/$name}; w=${w//\{CFG\}/$here/configs}; args+=("$w")
    done
    case ${args[0]} in
        run|sweep) args+=(--quiet --threads "$threads") ;;
        connect) args+=(--threads "$threads") ;;
        theory) args+=(--quiet) ;;
    esac
    n=$(( ${stepno[$name]:-0} + 1 )); stepno[$name]=$n
    log="$outdir/_logs/$name.log"
    echo "### step $n: mcover ${args[*]}" >> "$log"
    start=$(date +%s.%N)
    "$bin" "${args[@]}" < /dev/null >> "$log" 2>&1
    rc=$?
    secs=$(echo "$(date +%s.%N) - $start" | bc)
    printf '%s\t%s\t%s\t%s\t%.1f\n' "$name" "$n" "${rest}" "$rc" "$secs" >> "$outdir/_status.tsv"
    if [[ $rc -ne 0 ]]; then
        failed=$((failed + 1)); printf '%-32s step %s  FAILED rc=%s (%.1f s), see %s\n' "$name" "$n" "$rc" "$secs" "$log"
    else
        printf '%-32s step %s  ok (%.1f s)\n' "$name" "$n" "$secs"
    fi
done < "$here/cases.txt"
total=$(echo "$(date +%s.%N) - $total_start" | bc)
printf 'total %.1f s, %s failed step(s); outputs in %s\n' "$total" "$failed" "$outdir" | tee -a "$outdir/_meta.txt"
[[ $failed -eq 0 ]]
