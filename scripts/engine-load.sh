#!/usr/bin/env bash
# Load and timer-lateness measurement of the local durable engine (issue 5, items 3 and 6), loopback only.
# Starts its own Azurite (in memory: a measurement, not a durability test) and dynalite on free 127.0.0.1 ports, runs tools/Booking.Engine.Load for each scenario,
# prints the figures and stops everything it started, by PID.
#   scripts/engine-load.sh            at rest (20, one at a time), 1,000 x 32 with 2 s windows, 10,000 waiting
#   scripts/engine-load.sh quick      at rest and 1,000 only
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-full}"

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error
dotnet build tools/Booking.Engine.Load -c Release --verbosity quiet -nologo

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_port() { for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; return 1; }

blob=$(free_port); queue=$(free_port); table=$(free_port); dyn=$(free_port)
node_modules/.bin/azurite --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
  --tableHost 127.0.0.1 --tablePort "$table" --inMemoryPersistence --silent --skipApiVersionCheck --loose &
pids+=($!)
node_modules/.bin/dynalite --host 127.0.0.1 --port "$dyn" --createTableMs 50 &
pids+=($!)
for p in "$blob" "$queue" "$table" "$dyn"; do wait_port "$p"; done

key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
export DynamoDb__ServiceUrl="http://127.0.0.1:$dyn" DynamoDb__Region=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local
export DOTNET_gcServer=1

run() { # name count parallelism window timeout
  echo "== $1"
  TaskHubName="load$1" DynamoDb__TableName="load-$1" Load__Count="$2" Load__Parallelism="$3" Load__Window="$4" Load__Timeout="$5" \
    timeout --kill-after=10 "$(( $(date -d "1970-01-01 $5Z" +%s) + 60 ))" \
    dotnet tools/Booking.Engine.Load/bin/Release/net10.0/Booking.Engine.Load.dll | grep -E 'RESULT|LATENESS|started all|TIMEOUT|completed [0-9]+/[0-9]+, waiting for payment [0-9]*[05]00?\b' || true
}

run rest 20 1 00:00:02 00:02:00
run thousand 1000 32 00:00:02 00:10:00
if [ "$mode" = full ]; then
  run tenthousand 10000 32 00:04:00 00:20:00
fi
