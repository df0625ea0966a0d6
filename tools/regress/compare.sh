#!/usr/bin/env bash
# Compares two output trees of tools/regress/run.sh: OLD (baseline build) against NEW (build under test).
# Usage: tools/regress/compare.sh OLD_OUTDIR NEW_OUTDIR [--verbose] [--max-examples N] [--strict-reports] [--case NAME]...
# Exit 0: every observable identical; 1: a difference (or a missing output); 2: bad arguments.
set -euo pipefail
if [[ $# -lt 2 ]]; then echo "usage: $0 OLD_OUTDIR NEW_OUTDIR [options]" >&2; exit 2; fi
exec python3 "$(cd "$(dirname "$0")" && pwd)/compare.py" "$@"
