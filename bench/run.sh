#!/usr/bin/env bash
# poolscope's benchmarks (see bench/README.md): the cost of a lease under each configuration (JMH),
# the memory kept per lease and per pool, the bytes allocated per lease, and the agent's start-up
# cost. Writes bench/results/{jmh,memory,allocation,startup}.json and bench/results/summary.md.
#
#   bench/run.sh                   the full run: about an hour on 2 cores (55 min 54 s on 2026-12-01)
#   BENCH_QUICK=1 bench/run.sh     a smoke run of a few minutes, written to bench/target/quick-results
#
# FLOOR_AGENT is not poolscope: the minimal HikariCP 7.x agent in shared/floor-agent (beside the
# repository), built into bench/target/floor-agent and run with level=lease,lease=slot as a yardstick
# for stacks=off; skipped with a message when that folder is absent or the bench's HikariCP is not 7.x.
#
# Knobs: BENCH_FORKS, BENCH_WARMUP and BENCH_ITERATIONS (iterations), BENCH_TIME (per iteration),
# BENCH_THREADS ("1 4"), BENCH_CONFIGS, BENCH_PARTS ("h2 pools postgres memory alloc startup"), BENCH_POOLS
# (the pools part's libraries, "dbcp2 tomcat-dbcp tomcat-jdbc c3p0 vibur agroal druid h2 ucp"), BENCH_PG_FORKS,
# BENCH_STARTUP_RUNS, BENCH_OUT, BENCH_JAVA21 (a JDK 21+ java for the virtual-thread memory case, by
# default temurin-25's); BENCH_KEEP=1 keeps the other JMH results of the previous run, to repeat only
# some of them. Run it on an otherwise idle machine: the load average is logged before each JMH run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
mvn=${MVN:-mvn -B}

if [ "${BENCH_QUICK:-0}" = 1 ]; then
    forks=${BENCH_FORKS:-1} warmup=${BENCH_WARMUP:-1} iterations=${BENCH_ITERATIONS:-2} time=${BENCH_TIME:-1s}
    pg_forks=${BENCH_PG_FORKS:-1} startup_runs=${BENCH_STARTUP_RUNS:-3} out=${BENCH_OUT:-bench/target/quick-results}
else
    forks=${BENCH_FORKS:-2} warmup=${BENCH_WARMUP:-3} iterations=${BENCH_ITERATIONS:-5} time=${BENCH_TIME:-2s}
    # a round trip to PostgreSQL varies more from fork to fork, and the difference sought is under 1%
    pg_forks=${BENCH_PG_FORKS:-4} startup_runs=${BENCH_STARTUP_RUNS:-15} out=${BENCH_OUT:-bench/results}
fi
threads_list=${BENCH_THREADS:-1 4}
configs=${BENCH_CONFIGS:-NO_AGENT STACKS_OFF STACKS_AUTO STACKS_FULL POOL_LEAK_DETECTION FLOOR_AGENT}
parts=" ${BENCH_PARTS:-h2 pools postgres memory alloc startup} "
pools_list=${BENCH_POOLS:-dbcp2 tomcat-dbcp tomcat-jdbc c3p0 vibur agroal druid h2 ucp}
java21=${BENCH_JAVA21:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}  # runs the virtual-thread memory case
agent=$root/agent/target/poolscope-agent.jar
app=$root/test-app/target/poolscope-test-app.jar
work=$root/bench/target/run
floor_src=$root/../shared/floor-agent
floor_build=$root/bench/target/floor-agent
floor_agent=$floor_build/target/hook-floor-agent.jar  # expects hook-floor-bridge.jar beside it
[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$work"
mkdir -p "$work/jmh" "$work/logs" "$out"

echo "== building"
$mvn -q -DskipTests package
$mvn -q -Pbench -DskipTests package -pl bench -am

without_config() {  # CONFIG: drops it from $configs
    configs=$(echo " $configs " | sed "s/ $1 / /g; s/^ *//; s/ *$//")
}
if [[ $parts == *" h2 "* && " $configs " == *" FLOOR_AGENT "* ]]; then
    hikari_version=$(python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' \
        bench/target/benchmarks.jar META-INF/maven/com.zaxxer/HikariCP/pom.properties | sed -n 's/^version=//p') || true
    if [ ! -f "$floor_src/pom.xml" ]; then
        echo "== floor agent: $floor_src not found: FLOOR_AGENT skipped"
        without_config FLOOR_AGENT
    elif [[ $hikari_version != 7.* ]]; then
        echo "== floor agent: it hooks HikariCP 7.x only and the bench runs HikariCP $hikari_version: FLOOR_AGENT skipped"
        without_config FLOOR_AGENT
    else
        echo "== building the floor agent from $floor_src (HikariCP $hikari_version)"
        rm -rf "$floor_build"
        cp -r "$floor_src" "$floor_build"
        chmod -R u+w "$floor_build"  # shared/ is read-only
        $mvn -q -f "$floor_build/pom.xml" package
    fi
fi

# The agent's options per configuration; leakThreshold stays at its default (30s) except with stacks=off.
agent_options() {
    case $1 in
        STACKS_OFF)  echo "stacks=off,leakThreshold=0" ;;
        STACKS_AUTO) echo "" ;;
        STACKS_FULL) echo "stacks=full" ;;
        *)           return 1 ;;
    esac
}

# jmh NAME CONFIG THREADS FORKS BENCHMARK_REGEX [JMH args...]
jmh() {
    local name=$1 config=$2 threads=$3 forks=$4 benchmarks=$5
    shift 5
    local jvm_args="-Xms1g -Xmx1g"
    local options
    if options=$(agent_options "$config"); then
        jvm_args="$jvm_args -javaagent:$agent=${options:+$options,}logFile=$work/logs/$name.log"
    elif [ "$config" = FLOOR_AGENT ]; then
        jvm_args="$jvm_args -javaagent:$floor_agent=level=lease,lease=slot"
    fi
    echo "== $name: $config, $threads thread(s), jvm args: $jvm_args; load average $(cut -d' ' -f1-3 /proc/loadavg)"
    java -jar bench/target/benchmarks.jar "$benchmarks" "$@" \
        -p config="$config" -t "$threads" -f "$forks" -wi "$warmup" -w "$time" -i "$iterations" -r "$time" \
        -jvmArgsAppend "$jvm_args" -prof gc -rf json -rff "$work/jmh/$name.json" > "$work/logs/$name.jmh.txt" 2>&1 \
        || { tail -n 40 "$work/logs/$name.jmh.txt"; exit 1; }
    grep -E '^(Lease|Query)Benchmark\.[A-Za-z0-9]+( |:gc\.alloc\.rate\.norm)' "$work/logs/$name.jmh.txt" || true
    grep -h 'poolscope saw' "$work/logs/$name.jmh.txt" | sed 's/^.*poolscope saw/   poolscope saw/' || true
    grep -h 'floor agent saw' "$work/logs/$name.jmh.txt" | sed 's/^.*floor agent saw/   floor agent saw/' || true
}

if [[ $parts == *" h2 "* ]]; then
    for threads in $threads_list; do
        for config in $configs; do
            jmh "h2-$config-t$threads" "$config" "$threads" "$forks" 'io\.poolscope\.bench\.(Lease|Query)Benchmark'
        done
    done
fi

# The other pool libraries: getConnection + close at depth 60, 1 thread; HikariCP is the h2 part.
if [[ $parts == *" pools "* ]]; then
    for pool in $pools_list; do
        pool_configs="NO_AGENT POOL_LEAK_DETECTION STACKS_OFF STACKS_AUTO"
        [ "$pool" = h2 ] && pool_configs="NO_AGENT STACKS_OFF STACKS_AUTO"  # H2's pool has no leak detection
        for config in $pool_configs; do
            jmh "pool-$pool-$config-t1" "$config" 1 "$forks" 'io\.poolscope\.bench\.LeaseBenchmark' -p pool="$pool" -p depth=60
        done
    done
fi

if [[ $parts == *" postgres "* ]]; then
    if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
        for threads in $threads_list; do
            for config in NO_AGENT STACKS_AUTO; do
                jmh "postgres-$config-t$threads" "$config" "$threads" "$pg_forks" 'io\.poolscope\.bench\.QueryBenchmark' \
                    -p database=POSTGRES
            done
        done
    else
        echo "== PostgreSQL at 127.0.0.1:5432 not reachable: skipped"
    fi
fi

if [[ $parts == *" memory "* ]]; then
    echo "== memory per lease, and per pool with leases from 1 to 10,000 platform threads"
    java -XX:+UseSerialGC -Xmx2g -cp bench/target/classes:"$agent" io.poolscope.bench.memory.LeaseMemory \
        --cases=leases,platform "$work/memory-platform.json"
    memory_files=("$work/memory-platform.json")
    if [ -x "$java21" ]; then
        echo "== memory per pool with leases from 100,000 virtual threads, on $java21"
        "$java21" -XX:+UseSerialGC -Xmx2g -cp bench/target/classes:"$agent" io.poolscope.bench.memory.LeaseMemory \
            --cases=virtual "$work/memory-virtual.json"
        memory_files+=("$work/memory-virtual.json")
    else
        echo "== memory with virtual threads: no JDK 21+ at $java21 (BENCH_JAVA21): skipped"
    fi
    python3 -c 'import json, sys; json.dump([m for f in sys.argv[2:] for m in json.load(open(f))], open(sys.argv[1], "w"), indent=1)' \
        "$out/memory.json" "${memory_files[@]}"
fi

if [[ $parts == *" alloc "* ]]; then
    echo "== bytes allocated per acquire + release, stacks=off"
    java -Xmx512m -cp bench/target/classes:"$agent" io.poolscope.bench.memory.LeaseAllocation "$out/allocation.json"
fi

if [[ $parts == *" startup "* ]]; then
    echo "== start-up, $startup_runs runs with and without the agent"
    python3 bench/startup.py --agent "$agent" --app "$app" --runs "$startup_runs" --out "$out/startup.json"
fi

for log in "$work"/logs/*.jmh.txt; do
    echo "==== $(basename "$log" .jmh.txt)"
    cat "$log"
done > "$out/jmh.log"
python3 bench/summarize.py --results "$out" --merge "$work"/jmh/*.json
echo "== written: $out/summary.md"
