#!/usr/bin/env bash
# Sets up and runs BookingFunctions locally: dynalite (DynamoDB) and Azurite (Azure Storage) on 127.0.0.1, the
# apartment table with sample apartments, and the local host serving /api/graphql. Ctrl+C stops all of it.
#
#   ./run.sh                   everything, local host on http://127.0.0.1:${PORT:-7071}/api/graphql
#   ./run.sh --emulators-only  emulators, table and sample apartments only, for `func start` in src/BookingFunctions
#
# Ports: PORT (7071), DYNAMODB_PORT (8000), AZURITE_BLOB_PORT (10000), AZURITE_QUEUE_PORT (10001),
# AZURITE_TABLE_PORT (10002). Data lives in DATA_DIR (.data/) and survives restarts; delete it for a clean slate.
set -euo pipefail
cd "$(dirname "$0")"

mode=all
case "${1:-}" in
  "") ;;
  --emulators-only) mode=emulators ;;
  -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "run.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
esac

PORT=${PORT:-7071}
DYNAMODB_PORT=${DYNAMODB_PORT:-8000}
AZURITE_BLOB_PORT=${AZURITE_BLOB_PORT:-10000}
AZURITE_QUEUE_PORT=${AZURITE_QUEUE_PORT:-10001}
AZURITE_TABLE_PORT=${AZURITE_TABLE_PORT:-10002}
DATA_DIR=${DATA_DIR:-.data}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# shellcheck source=scripts/lib.sh
. scripts/lib.sh
require_tools run.sh

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ports=("$DYNAMODB_PORT" "$AZURITE_BLOB_PORT" "$AZURITE_QUEUE_PORT" "$AZURITE_TABLE_PORT")
[ "$mode" = all ] && ports+=("$PORT")
for port in "${ports[@]}"; do
  if port_busy "$port"; then
    echo "run.sh: port $port on 127.0.0.1 is already in use. Stop what uses it, or choose other ports, e.g. PORT=7072 DYNAMODB_PORT=8001 ./run.sh" >&2
    exit 1
  fi
done

ensure_emulators

echo "== Building the local host"
dotnet build local/Booking.LocalHost/Booking.LocalHost.csproj -c Release --verbosity quiet -nologo
host_dll=local/Booking.LocalHost/bin/Release/net10.0/Booking.LocalHost.dll

# Every process below starts in a session of its own (setsid), so the terminal's Ctrl+C reaches only this script,
# which then stops them in order: the host first, while its emulators are still up, then the emulators. However the
# script ends (Ctrl+C, kill, a closed terminal, or the end of a pipe it writes to, as when `| tee run.log` dies with
# the same Ctrl+C), the EXIT trap stops them.
pids=()
stop_all() {
  # Nothing may cut the clean-up short: not a second Ctrl+C, nor writing to a reader that has gone.
  trap '' INT TERM HUP PIPE
  set +e
  [ "${#pids[@]}" -gt 0 ] || return 0
  { echo; echo "== Stopping"; } 2>/dev/null
  # Newest first. The host drains within its 10 s shutdown timeout; Azurite can take minutes to honour SIGTERM, so
  # anything still running 10 s later is killed.
  local i pid
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    pid=${pids[i]}
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
}
trap stop_all EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 141' PIPE
trap 'exit 143' TERM

wait_for_port() {
  local port=$1 pid=$2 name=$3
  for _ in $(seq 1 600); do
    port_busy "$port" && return 0
    kill -0 "$pid" 2>/dev/null || { echo "run.sh: $name exited during start-up (its log: $DATA_DIR/logs/$name.log, or the output above)" >&2; exit 1; }
    sleep 0.1
  done
  echo "run.sh: $name did not listen on 127.0.0.1:$port within 60 s; see $DATA_DIR/logs/$name.log" >&2
  exit 1
}

mkdir -p "$DATA_DIR/dynalite" "$DATA_DIR/azurite" "$DATA_DIR/logs"
echo "== Starting dynalite on 127.0.0.1:$DYNAMODB_PORT and Azurite on 127.0.0.1:$AZURITE_BLOB_PORT-$AZURITE_TABLE_PORT"
setsid node_modules/.bin/dynalite --host 127.0.0.1 --port "$DYNAMODB_PORT" --path "$DATA_DIR/dynalite" >"$DATA_DIR/logs/dynalite.log" 2>&1 &
pids+=($!); wait_for_port "$DYNAMODB_PORT" $! dynalite
setsid node_modules/.bin/azurite --blobHost 127.0.0.1 --blobPort "$AZURITE_BLOB_PORT" --queueHost 127.0.0.1 --queuePort "$AZURITE_QUEUE_PORT" \
  --tableHost 127.0.0.1 --tablePort "$AZURITE_TABLE_PORT" --location "$DATA_DIR/azurite" --skipApiVersionCheck --loose --disableTelemetry \
  >"$DATA_DIR/logs/azurite.log" 2>&1 &
azurite_pid=$!; pids+=("$azurite_pid")
for port in "$AZURITE_BLOB_PORT" "$AZURITE_QUEUE_PORT" "$AZURITE_TABLE_PORT"; do wait_for_port "$port" "$azurite_pid" azurite; done

# The settings the app reads (the same names as the Function App's); the account key is Azurite's public dev key.
export DynamoDb__ServiceUrl="http://127.0.0.1:$DYNAMODB_PORT"
export DynamoDb__Region=${DynamoDb__Region:-us-east-1}
export DynamoDb__TableName=${DynamoDb__TableName:-Apartments}
export TaskHubName=${TaskHubName:-BookingHub}
export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$AZURITE_BLOB_PORT/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$AZURITE_QUEUE_PORT/devstoreaccount1;TableEndpoint=http://127.0.0.1:$AZURITE_TABLE_PORT/devstoreaccount1;"

if [ "$mode" = emulators ]; then
  echo "== Creating the table and sample apartments"
  dotnet "$host_dll" --seed-only
  cat <<MSG

Emulators are running; Ctrl+C stops them. Now, in another terminal, with Azure Functions Core Tools:
  cp local.settings.sample.json src/BookingFunctions/local.settings.json
  cd src/BookingFunctions && func start
MSG
  [ "$DYNAMODB_PORT" = 8000 ] || echo "  (set DynamoDb__ServiceUrl to http://127.0.0.1:$DYNAMODB_PORT in local.settings.json)"
  wait "${pids[@]}"
  exit 0
fi

url="http://127.0.0.1:$PORT/api/graphql"
echo "== Starting the local host on $url"
setsid dotnet "$host_dll" --urls "http://127.0.0.1:$PORT" &
host_pid=$!; pids+=("$host_pid")
wait_for_port "$PORT" "$host_pid" local-host

cat <<MSG

BookingFunctions is running at $url  (Ctrl+C stops everything)
Open $url in a browser for GraphiQL, or try:
  curl -s $url -H 'Content-Type: application/json' -d '{"query":"{ apartments { items { id status } nextToken } }"}'

MSG
wait "$host_pid"
