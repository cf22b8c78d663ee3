#!/usr/bin/env bash
# Benchmark: starts its own dynalite, Azurite (in memory) and counting relays on free 127.0.0.1 ports, and our Function
# App and the peer (the seed's state machine as a Function App of its own) under the Functions host the tests use
# ('func' on PATH, else FUNCTIONS_HOST_DIR, else ../shared/functions-host); without one, the local stand-in, and it
# says so. Counts storage and DynamoDB requests per reservation for every ending, one at a time and overlapping,
# prices them, and measures decision latency, window lateness, a flash sale, API overhead, list pages and
# throughput. Stops everything it started and prints a table; the last line is one JSON object (its keys are in
# docs/benchmark.md). At most 8 minutes, the build included. ./test.sh runs --smoke once, only to check that it works.
#
#   ./bench.sh           the full run
#   ./bench.sh --smoke   small counts, every figure, under 2 minutes
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

case "${1:-}" in
  "") limit=480 ;;
  --smoke) limit=115 ;;
  -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "bench.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
esac

# shellcheck source=scripts/lib.sh
. scripts/lib.sh
require_tools bench.sh

ensure_emulators

echo "== Building (Release)"
dotnet build tools/Booking.Bench/Booking.Bench.csproj -c Release --verbosity quiet -nologo

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  commit="$commit-dirty"
fi

# What the build left of the limit is the bench's: its scenarios get all but 12 s, kept to report and to stop what it
# started (each process is killed, which is immediate). timeout(1) is the last resort against a hang: SIGINT (the
# bench stops and reports), then SIGKILL.
left=$((limit - SECONDS))
if [ "$left" -lt 60 ]; then
  echo "bench.sh: the build took $SECONDS s, leaving too little of the ${limit} s limit to run" >&2
  exit 1
fi

echo "== Running the benchmark (at most $((left - 1)) s)"
exec timeout --signal=INT --kill-after=3 "$((left - 4))" dotnet tools/Booking.Bench/bin/Release/net10.0/Booking.Bench.dll \
  --seconds "$((left - 12))" --commit "$commit" "$@"
