#!/usr/bin/env bash
# Benchmark: starts its own dynalite, Azurite (in memory) and local host on free 127.0.0.1 ports, runs the
# throughput, start-latency, timer-lateness and hold scenarios through /api/graphql, stops everything it started and
# prints a table; the last line is one JSON object with the figures. About 15 minutes; not part of ./test.sh.
#
#   ./bench.sh           the full run (2,000 / 200 / 1,000 / 10,000 reservations)
#   ./bench.sh --smoke   a small run of every scenario, about two minutes
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

case "${1:-}" in
  ""|--smoke) ;;
  -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "bench.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
esac

# shellcheck source=scripts/lib.sh
. scripts/lib.sh
require_tools bench.sh

ensure_emulators

echo "== Building (Release)"
dotnet build src/Booking.LocalHost/Booking.LocalHost.csproj -c Release --verbosity quiet -nologo
dotnet build tools/Booking.Bench/Booking.Bench.csproj -c Release --verbosity quiet -nologo

echo "== Running the benchmark"
# The bench stops every process it starts itself (by its own handles), also when it fails; the time limit is a last
# resort against a hang.
exec timeout --signal=INT --kill-after=30 18m dotnet tools/Booking.Bench/bin/Release/net10.0/Booking.Bench.dll \
  src/Booking.LocalHost/bin/Release/net10.0/Booking.LocalHost.dll "$@"
