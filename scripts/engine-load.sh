#!/usr/bin/env bash
# Load and timer-lateness measurement of the local durable engine (issue 5, items 3 and 6), loopback only.
# Starts its own Azurite (in memory: a measurement, not a durability test) and dynalite on free 127.0.0.1 ports, runs tools/Booking.Engine.Load for each scenario,
# prints the figures and stops everything it started, by PID.
#   scripts/engine-load.sh            at rest (20, one at a time), 1,000 x 32 with 2 s windows, then the hold (~25 min)
#   scripts/engine-load.sh quick      at rest and 1,000 only (~3 min)
#   scripts/engine-load.sh rest       at rest only (~1 min)
#   scripts/engine-load.sh hold       10,000 started 32 at a time with 12-minute windows, so all wait at once, then
#                                     all expire (at most 60 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-full}"

# shellcheck source=scripts/lib.sh
. scripts/lib.sh
require_tools engine-load.sh
ensure_emulators
dotnet build tools/Booking.Engine.Load -c Release --verbosity quiet -nologo

work=$(mktemp -d)
pids=(); names=()
cleanup() {
  # SIGKILL: everything is in memory, and Azurite takes minutes to honour SIGTERM while it keeps using CPU.
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# N distinct free ports, all bound at once while they are picked: one at a time, the system can hand out the same port
# twice before anything listens on it (a run once gave dynalite an azurite-queue's port).
free_ports() { python3 -c 'import socket,sys; s=[socket.socket() for _ in range(int(sys.argv[1]))]; [x.bind(("127.0.0.1",0)) for x in s]; print(" ".join(str(x.getsockname()[1]) for x in s))' "$1"; }
wait_port() { for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; return 1; }

# One Azurite for blobs and tables, and nine azurite-queue processes over which the engine spreads the hub's queues
# (the connection string's queue endpoint and Engine:ExtraQueueEndpoints): each Azurite process serves its requests on
# one thread, and a queue request costs more the more messages that process stores (10,000 waiting reservations are
# 10,000 parked timer messages). With 8 partitions: control queue N on endpoint N; the work items are spread over all
# nine. (With blobs and tables in processes of their own as well, the table process got only 60-70 % of a core and the
# 10,000 run started slower; see docs/engine.md.)
# Queues are kept on disk (QUEUE_STORE=memory to compare): in memory every message is an extent of its own, and once
# a minute each queue process deletes the extents of deleted messages one by one, blocking for 0.5-1.7 s (measured);
# on disk many messages share an extent. --disableTelemetry: by default Azurite reports every request to Application
# Insights (DNS look-ups, TLS, gzip) on its one thread; turning it off cut the queue processes' CPU by about a quarter.
azurite_flags=(--silent --skipApiVersionCheck --loose --disableTelemetry)
read -r -a ports <<< "$(free_ports $(( 4 + ${EXTRA_QUEUE_PROCESSES:-8} + 1 )))"
blob=${ports[0]}; table=${ports[1]}; unused_queue=${ports[2]}; dyn=${ports[3]}
node_modules/.bin/azurite --blobHost 127.0.0.1 --blobPort "$blob" --tableHost 127.0.0.1 --tablePort "$table" \
  --queueHost 127.0.0.1 --queuePort "$unused_queue" --inMemoryPersistence "${azurite_flags[@]}" &
pids+=($!); names+=(azurite)
queues=()
for i in $(seq 0 "${EXTRA_QUEUE_PROCESSES:-8}"); do
  port=${ports[$(( 4 + i ))]}; queues+=("$port")
  if [ "${QUEUE_STORE:-disk}" = disk ]; then store=(--location "$work/queue$i"); else store=(--inMemoryPersistence); fi
  node_modules/.bin/azurite-queue --queueHost 127.0.0.1 --queuePort "$port" "${store[@]}" "${azurite_flags[@]}" &
  pids+=($!); names+=("queue$i")
  if [ "$i" -gt 0 ]; then export "Engine__ExtraQueueEndpoints__$((i - 1))=http://127.0.0.1:$port/devstoreaccount1"; fi
done
queue=${queues[0]}
node_modules/.bin/dynalite --host 127.0.0.1 --port "$dyn" --createTableMs 50 &
pids+=($!); names+=(dynalite)
for p in "$blob" "$table" "$dyn" "${queues[@]}"; do wait_port "$p"; done

key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
export DynamoDb__ServiceUrl="http://127.0.0.1:$dyn" DynamoDb__Region=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local
# The engine runs with workstation GC, as the local host does (its csproj says why); GC_SERVER=1 to compare.
if [ -n "${GC_SERVER:-}" ]; then export DOTNET_gcServer="$GC_SERVER"; fi
# Azurite tests every row of a table against a query's filter (and many rows even for a read by key), and the provider
# reads histories and updates instance rows at every episode: split the History and Instances tables so each of those
# scans a sixteenth of the rows (Engine:TableShards; docs/engine.md).
export Engine__TableShards="${TABLE_SHARDS:-16}"

# CPU seconds each emulator process has used so far, to see which one a run is waiting for.
cpu_report() {
  local line="CPU s:" i
  for i in "${!pids[@]}"; do
    line+=" ${names[$i]}=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14+$15)/hz}' "/proc/${pids[$i]}/stat" 2>/dev/null || echo '?')"
  done
  echo "$line"
}

run() { # name count parallelism window timeout [partitions] [max queue polling interval]
  echo "== $1"
  # EXTENDED_SESSIONS=true keeps each waiting orchestration in memory until its timer fires (its history is not read
  # back from the History table, which Azurite scans whole); measured: no clear gain at 1,000, slower starts at 10,000.
  # A session holds a work-item slot, and DurableTask.Core lets sessions take at most half of them. SESSION_IDLE
  # (default: the window + 2 minutes) and SLOTS override the idle timeout and the slots; session 6 measured the burst
  # with SESSION_IDLE=00:00:05 SLOTS=100 (docs/engine.md, item 11).
  local window_s slots=100; window_s=$(date -d "1970-01-01 $4Z" +%s)
  if [ "${EXTENDED_SESSIONS:-false}" = true ]; then slots=$(( 2 * $2 + 200 )); fi
  slots="${SLOTS:-$slots}"
  Engine__ExtendedSessions="${EXTENDED_SESSIONS:-false}" Engine__ExtendedSessionIdleTimeout="${SESSION_IDLE:-$(date -u -d "@$(( window_s + 120 ))" +%H:%M:%S)}" \
  Engine__MaxConcurrentOrchestrations="$slots" \
  Engine__PartitionCount="${6:-4}" Engine__MaxQueuePollingInterval="${7:-00:00:00.100}" TaskHubName="load$1" DynamoDb__TableName="load-$1" Load__Count="$2" Load__Parallelism="$3" Load__Window="$4" Load__Timeout="$5" Load__PollInterval="${POLL_INTERVAL:-00:00:02}" Load__Probes="${PROBES:-0}" Load__WarmUp="${WARMUP:-0}" Reservation__MaxStartsAndEndsPerSecond="${PACE:-0}" Engine__ControlQueueBufferThreshold="${BUFFER:-256}" Engine__MaxNewOrchestrationsInFlight="${NEW_IN_FLIGHT:-0}" Engine__MaxConcurrentStarts="${STARTS:-0}" Engine__MessageVisibilityTimeout="${VISIBILITY:-00:01:00}" Engine__ActivityDispatchers="${ACTIVITY_DISPATCHERS:-8}" Engine__SignalledPolling="${SIGNALLED_POLLING:-true}" \
    timeout --kill-after=10 "$(( $(date -d "1970-01-01 $5Z" +%s) + 60 ))" \
    dotnet tools/Booking.Engine.Load/bin/Release/net10.0/Booking.Engine.Load.dll | grep --line-buffered -E 'RESULT|PART|LATENESS|WARM-UP|WAIT BEFORE|HOLD AFTER|MEMORY|started all|TIMEOUT|probing|completed [0-9]+/[0-9]+' || true
  cpu_report
}

if [ "$mode" != hold ]; then
  run rest 20 1 00:00:02 00:02:00
fi
if [ "$mode" != hold ] && [ "$mode" != rest ]; then
  # 16 places a second for starts and window ends (about 8 reservations a second, what two cores sustain here) keep
  # windows ending on time; the provider buffers 1,000 control messages per partition so that timers and activity
  # answers are fetched past a burst of new starts held back (UnderWayFirstService), and 5-minute message locks leave
  # room for that wait. Measured in docs/engine.md.
  # At most 8 first episodes at once, so the burst's starts do not crowd Azurite while the first windows end.
  # At most 2 starts written at once: Azurite answers in arrival order, and 32 callers' writes queued ahead of the
  # episodes releasing the first windows (with 8, the burst's first 10 s of deadlines held nearly every window over
  # 1 s; starts ran faster with 2 than with 8: 38-41 a second against 24-29). 32 reservations run to the end first,
  # so the burst meets a warm process.
  # Idle queues are polled once a second: this process's own sends and timers are fetched at once (signalled polling).
  PACE="${PACE:-16}" BUFFER="${BUFFER:-1000}" VISIBILITY="${VISIBILITY:-00:05:00}" NEW_IN_FLIGHT="${NEW_IN_FLIGHT:-8}" STARTS="${STARTS:-2}" WARMUP="${WARMUP:-32}" \
    run thousand 1000 32 00:00:02 00:10:00 4 "${POLL_MAX:-00:00:01}"
fi
if [ "$mode" = full ] || [ "$mode" = hold ]; then
  # Idle polls of eight control queues holding parked timers cost CPU the table service needs: poll every 250 ms.
  # Listing 10,000 instances reads every instance row: count them every 15 s, not every 2 s. Once all wait, 20
  # reservations with 2 s windows, one at a time, measure timer lateness under that load. (Fewer activity fetch
  # loops poll less, but each receive asks one of nine queue endpoints: with 2 loops activities waited seconds,
  # starts and expiries slowed, and probe lateness reached 4.4 s; docs/engine.md.)
  # Unpaced (PACE 0): this run measures holding 10,000 at once, and paced at 16 places a second their holds would
  # spread over ~21 minutes, longer than their windows.
  POLL_INTERVAL=00:00:15 PROBES=20 run tenthousand 10000 32 00:12:00 01:00:00 8 00:00:00.250
fi
