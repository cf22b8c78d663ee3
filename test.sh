#!/usr/bin/env bash
# Sets up and runs every test: npm packages from the lockfile, Chromium when missing, NuGet restore, build, tests.
# The last line is the summary: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "== Installing npm packages (npm ci): emulators, GraphiQL, the browser and client checks"
npm ci --no-audit --no-fund --loglevel=error

# Debian packages the tests use: Chromium for the browser tests (driven headless; never a browser download) and
# openssl for the README's webhook example.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v openssl >/dev/null || missing+=(openssl)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "== Installing ${missing[*]} (apt-get)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "== Restoring and building"
dotnet restore BookingFunctions.sln --verbosity quiet
dotnet build BookingFunctions.sln --no-restore -c Release --verbosity quiet -nologo

echo "== Running tests"
results=TestResults
rm -rf "$results"
status=0
# The Function App's end-to-end tests need a Functions host, found as the tests find it (func on PATH, then
# FUNCTIONS_HOST_DIR, then ../shared/functions-host). Without one they are left out, and this says so.
filter=()
if command -v func >/dev/null; then
  echo "Function App tests run under Azure Functions Core Tools ($(command -v func))."
elif [ -f "${FUNCTIONS_HOST_DIR:-/nonexistent}/start-host.sh" ] || [ -f ../shared/functions-host/start-host.sh ]; then
  echo "Function App tests run under the Azure Functions host in ${FUNCTIONS_HOST_DIR:-../shared/functions-host}."
else
  echo "Function App tests DID NOT RUN: no Azure Functions host ('func' is not on PATH, FUNCTIONS_HOST_DIR is not set, ../shared/functions-host does not exist)."
  filter=(--filter "Category!=FunctionsHost")
fi
# One test assembly at a time (-m:1): several of them start emulators and engine processes, and timing-sensitive
# tests (timers, crash recovery) should not compete with each other for the 2 cores.
dotnet test BookingFunctions.sln --no-build -c Release -m:1 "${filter[@]}" --logger "trx" --logger "console;verbosity=normal" \
  --results-directory "$results" -- RunConfiguration.TestSessionTimeout=3000000 || status=$?

passed=0
failed=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
# A test host that crashed or timed out reports no failure of its own: count it, so the summary never hides it.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
echo "${passed} passed, ${failed} failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
