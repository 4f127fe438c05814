#!/usr/bin/env bash
# Browser tests of the gateway's web console: installs what is missing (Debian's chromium, node
# and npm, playwright-core into this folder), starts `./scrapr demo` on free loopback ports with an
# API token and a fresh data folder, waits for the gateway's /health, runs console.test.mjs with
# node's test runner in headless Chromium, and always stops the system. Screenshots and the
# system's log go to gateway/target/browser/. Exits non-zero when anything fails.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../../.." && pwd)
out="$root/gateway/target/browser"
mkdir -p "$out"

say() { echo "browser-tests: $*" >&2; }

apt_install() {
  if [ -z "${apt_updated:-}" ]; then
    apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# 1. What the tests need, installed only when missing (idempotent).
if [ ! -x /usr/bin/chromium ]; then
  say "installing chromium (Debian package)"
  apt_install chromium
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  say "installing nodejs and npm (Debian packages)"
  apt_install nodejs npm
fi
wanted=$(node -p "require('$here/package.json').dependencies['playwright-core']")
have=$(node -p "try { require('$here/node_modules/playwright-core/package.json').version } catch (e) { '' }")
if [ "$have" != "$wanted" ]; then
  say "installing playwright-core $wanted into $here/node_modules"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

# 2. The system's jars: built only when missing (./scrapr rebuilds what is out of date itself).
if [ ! -f "$root/standalone/target/scrapr-standalone.jar" ]; then
  say "building the jars"
  (cd "$root" && ./mvnw -B -q -o install -DskipTests -DskipFuzz=true)
fi

# 3. The system on free loopback ports, with a token and a data folder of its own.
free_ports=$(node -e '
  const net = require("net");
  const servers = [];
  const take = () => new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => { servers.push(s); resolve(s.address().port); });
  });
  (async () => {
    const ports = [];
    for (let i = 0; i < 5; i++) ports.push(await take());
    servers.forEach((s) => s.close());
    console.log(ports.join(" "));
  })();')
read -r gateway_port config_port datasource_port orchestrator_port demo_port <<<"$free_ports"
data_dir=$(mktemp -d /tmp/scrapr-browser-data.XXXXXX)
token="browser-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
log="$out/scrapr.log"
system_pid=""

stop_system() {
  if [ -n "$system_pid" ] && kill -0 "$system_pid" 2>/dev/null; then
    say "stopping the system (pid $system_pid)"
    kill -TERM -- "-$system_pid" 2>/dev/null || kill -TERM "$system_pid" 2>/dev/null || true
    for _ in $(seq 1 40); do
      kill -0 "$system_pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL -- "-$system_pid" 2>/dev/null || true
  fi
  rm -rf "$data_dir"
}
trap stop_system EXIT
# A stop by signal goes through the EXIT trap too, so the system never outlives the run.
trap 'exit 130' INT
trap 'exit 143' TERM

say "starting ./scrapr demo: gateway :$gateway_port, demo site :$demo_port (log: $log)"
(
  cd "$root"
  export SCRAPR_DATA_DIR="$data_dir" SCRAPR_API_TOKEN="$token" \
    SCRAPR_GATEWAY_PORT="$gateway_port" SCRAPR_CONFIG_DISCOVERY_PORT="$config_port" \
    SCRAPR_DATASOURCE_PORT="$datasource_port" SCRAPR_ORCHESTRATOR_PORT="$orchestrator_port" \
    SCRAPR_DEMO_PORT="$demo_port"
  exec setsid ./scrapr demo
) >"$log" 2>&1 </dev/null &
system_pid=$!

# 4. Ready when the gateway's /health answers 200. ./scrapr builds first when a source is newer
# than its jar (a working tree being edited), hence the patience; CI's jars are fresh.
health="http://127.0.0.1:$gateway_port/health"
deadline=$((SECONDS + 600))
until node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$health"; do
  if ! kill -0 "$system_pid" 2>/dev/null; then
    say "the system stopped before it was healthy; the end of its log:"
    tail -40 "$log" >&2
    exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    say "the gateway was not healthy within 600 s; the end of the log:"
    tail -40 "$log" >&2
    exit 1
  fi
  sleep 0.5
done
say "gateway healthy at $health"

# 5. The tests.
status=0
SCRAPR_CONSOLE_URL="http://127.0.0.1:$gateway_port" \
  SCRAPR_DEMO_URL="http://127.0.0.1:$demo_port" \
  SCRAPR_API_TOKEN="$token" \
  SCRAPR_BROWSER_OUT="$out" \
  node --test --test-reporter=spec "$here/console.test.mjs" || status=$?
if [ "$status" -ne 0 ]; then
  say "failed (exit $status); screenshots and the system's log are in $out"
fi
exit "$status"
