# Shared by ./run.sh, ./bench.sh and scripts/*.sh; source it from the repository root.

# Stops with a clear message when a tool the scripts need is missing. $1: the calling script's name.
require_tools() {
  local tool
  for tool in node npm dotnet; do
    command -v "$tool" >/dev/null || { echo "$1: '$tool' is not installed; it needs the .NET 10 SDK and Node.js 20 with npm." >&2; exit 1; }
  done
}

# Installs the npm packages (the emulators dynalite and Azurite, and GraphiQL, which the build bundles) from
# package-lock.json when they are missing or the lock file changed.
ensure_emulators() {
  if [ ! -x node_modules/.bin/dynalite ] || [ ! -x node_modules/.bin/azurite ] || [ ! -d node_modules/graphiql ] \
    || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "== Installing npm packages (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}
