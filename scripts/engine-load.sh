#!/usr/bin/env bash
# Load and timer-lateness measurement of the local durable engine (issue 5, items 3 and 6), loopback only.
# Starts its own Azurite (in memory: a measurement, not a durability test) and dynalite on free 127.0.0.1 ports, runs tools/Booking.Engine.Load for each scenario,
# prints the figures and stops everything it started, by PID.
#   scripts/engine-load.sh            at rest (20, one at a time), 1,000 x 32 with 2 s windows, 10,000 waiting (~35 min)
#   scripts/engine-load.sh quick      at rest and 1,000 only
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-full}"

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error
dotnet build tools/Booking.Engine.Load -c Release --verbosity quiet -nologo

work=$(mktemp -d)
pids=(); names=()
cleanup() {
  # SIGKILL: everything is in memory, and Azurite takes minutes to honour SIGTERM while it keeps using CPU.
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_port() { for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; return 1; }

blob=$(free_port); queue=$(free_port); table=$(free_port); dyn=$(free_port)
node_modules/.bin/azurite --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
  --tableHost 127.0.0.1 --tablePort "$table" --inMemoryPersistence --silent --skipApiVersionCheck --loose &
pids+=($!); names+=(azurite)
# Extra azurite-queue processes over which the engine spreads the hub's queues (Engine:ExtraQueueEndpoints): an
# Azurite queue request costs more the more messages that process stores, and 10,000 waiting reservations are
# 10,000 parked timer messages. With 8 partitions and 8 extras, each control queue and the work-item queue get their
# own process (with 4 partitions, control queues 0-3 take the first four and the work items the last).
shards=()
for i in $(seq 0 $(( ${QUEUE_SHARDS:-8} - 1 ))); do
  port=$(free_port); shards+=("$port")
  node_modules/.bin/azurite-queue --queueHost 127.0.0.1 --queuePort "$port" --inMemoryPersistence --silent --skipApiVersionCheck --loose &
  pids+=($!); names+=("queue$i")
  export "Engine__ExtraQueueEndpoints__$i=http://127.0.0.1:$port/devstoreaccount1"
done
node_modules/.bin/dynalite --host 127.0.0.1 --port "$dyn" --createTableMs 50 &
pids+=($!); names+=(dynalite)
for p in "$blob" "$queue" "$table" "$dyn" "${shards[@]}"; do wait_port "$p"; done

key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
export DynamoDb__ServiceUrl="http://127.0.0.1:$dyn" DynamoDb__Region=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local
export DOTNET_gcServer=1

# CPU seconds each emulator process has used so far, to see which one a run is waiting for.
cpu_report() {
  local line="CPU s:" i
  for i in "${!pids[@]}"; do
    line+=" ${names[$i]}=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14+$15)/hz}' "/proc/${pids[$i]}/stat" 2>/dev/null || echo '?')"
  done
  echo "$line"
}

run() { # name count parallelism window timeout [partitions]
  echo "== $1"
  Engine__PartitionCount="${6:-4}" TaskHubName="load$1" DynamoDb__TableName="load-$1" Load__Count="$2" Load__Parallelism="$3" Load__Window="$4" Load__Timeout="$5" \
    timeout --kill-after=10 "$(( $(date -d "1970-01-01 $5Z" +%s) + 60 ))" \
    dotnet tools/Booking.Engine.Load/bin/Release/net10.0/Booking.Engine.Load.dll | grep --line-buffered -E 'RESULT|LATENESS|MEMORY|started all|TIMEOUT|completed [0-9]+/[0-9]+, waiting for payment [0-9]*[05]00?\b' || true
  cpu_report
}

run rest 20 1 00:00:02 00:02:00
run thousand 1000 32 00:00:02 00:10:00
if [ "$mode" = full ]; then
  # The window outlasts the starts, so all 10,000 wait at once; then they all expire.
  run tenthousand 10000 32 00:10:00 00:40:00 8
fi
