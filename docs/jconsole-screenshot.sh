#!/usr/bin/env bash
# Takes docs/jconsole-leases.png: the shop of `make demo` (leak scenario) under poolscope, and the
# JDK's JConsole on it, on a virtual X display, showing the pool MBean's Leases table.
#
# Needs a JDK 17+ and Debian's xvfb and imagemagick (for `import`):
#     apt-get install -y xvfb imagemagick
# usage: docs/jconsole-screenshot.sh [output.png]
set -euo pipefail
cd "$(dirname "$0")/.."
png=${1:-docs/jconsole-leases.png}
agent=agent/target/poolscope-agent.jar
app=test-app/target/poolscope-test-app.jar
[ -f "$agent" ] && [ -f "$app" ] || make build
work=test-app/target/jconsole
rm -rf "$work"
mkdir -p "$work/classes"
log="$work/poolscope.log"

pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

await() { # await WHAT FILE TEXT SECONDS
    local deadline=$((SECONDS + $4))
    until grep -q "$3" "$2" 2>/dev/null; do
        if [ $SECONDS -ge $deadline ]; then echo "timed out waiting for $1" >&2; exit 1; fi
        sleep 0.2
    done
}

# A virtual X display, no TCP port; it writes its display number once it is up.
Xvfb -displayfd 3 -screen 0 1280x860x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.err" &
pids+=($!)
await "the X display" "$work/display" . 10
export DISPLAY=":$(cat "$work/display")"

# The demo's shop, leaking connections at checkout; stacks=full so every lease in the picture has its stack.
java "-javaagent:$agent=leakThreshold=2s,stacks=full,logFile=$log" -jar "$app" --scenario leak --seconds 300 \
    > "$work/app.out" 2> "$work/app.err" &
app_pid=$!
pids+=($app_pid)
await "a suspected leak" "$log" "suspected leak in pool 'shop-db'" 60

# JConsole on it, clicked through to poolscope > Pool > shop-db > Attributes > Leases.
opens="--add-exports jdk.jconsole/sun.tools.jconsole=ALL-UNNAMED"
javac $opens -d "$work/classes" docs/jconsole/JConsoleShot.java
java $opens --add-modules jdk.jconsole -cp "$work/classes" JConsoleShot "$app_pid" shop-db Leases \
    > "$work/jconsole.out" 2> "$work/jconsole.err" &
pids+=($!)
await "JConsole showing the Leases table" "$work/jconsole.out" "^ready" 90

import -window root "$png"
echo "wrote $png"
