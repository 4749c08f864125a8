#!/usr/bin/env bash
# Runs the shop under the agent and prints what poolscope found.
# usage: demo.sh AGENT_JAR APP_JAR SCENARIO SECONDS [POOL]
set -euo pipefail
agent=$1 app=$2 scenario=$3 seconds=$4 pool=${5:-hikari}
out=test-app/target/demo
mkdir -p "$out"
log="$out/poolscope.log"
rm -f "$log"

echo "Running the shop (scenario '$scenario', pool $pool) for ${seconds}s under poolscope; its log: $log"
java "-javaagent:$agent=leakThreshold=2s,logFile=$log" -jar "$app" --scenario "$scenario" --seconds "$seconds" --pool "$pool" \
    > "$out/app.out" 2> "$out/app.err"
echo "The application says: $(grep '^summary:' "$out/app.out" || echo '(no summary)')"
echo

# The first exhaustion dump names the holders of the pool's connections; without one, the last dump.
dump=$(awk '/==== poolscope dump: .*pool exhausted/{p=1} p{print} /==== end of poolscope dump/{if(p) exit}' "$log")
if [ -z "$dump" ]; then
    dump=$(awk '/==== poolscope dump/{buf=""; p=1} p{buf=buf $0 "\n"} /==== end of poolscope dump/{p=0} END{printf "%s", buf}' "$log")
fi
if [ -n "$dump" ]; then
    echo "poolscope's dump:"
    echo "$dump"
else
    echo "poolscope wrote no dump (nothing went wrong); its log:"
    cat "$log"
fi
