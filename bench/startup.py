#!/usr/bin/env python3
"""Whole-process wall time of the test app with and without the agent, runs interleaved.

Each run is `java [-javaagent:AGENT] -jar APP --scenario healthy --seconds 1`: the app shops for one
second either way, so the difference is the agent's start-up (and shut-down) cost. Also collects the
lines the JVM prints on standard error that mention a warning with the agent and not without it.
"""
import argparse
import json
import subprocess
import time

APP_ARGS = ["--scenario", "healthy", "--seconds", "1"]
WARM_UP_RUNS = 2


def run(command):
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    return (time.perf_counter() - start) * 1000.0, done.stderr.splitlines()


def warnings(lines):
    return {line for line in lines if "warning" in line.lower()}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--agent", required=True)
    parser.add_argument("--app", required=True)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    without = ["java", "-jar", args.app] + APP_ARGS
    with_agent = ["java", "-javaagent:" + args.agent, "-jar", args.app] + APP_ARGS
    for _ in range(WARM_UP_RUNS):
        run(without)
        run(with_agent)

    times = {"noAgent": [], "agent": []}
    seen = {"noAgent": set(), "agent": set()}
    for i in range(args.runs):
        order = [("noAgent", without), ("agent", with_agent)]
        for name, command in order if i % 2 == 0 else reversed(order):
            millis, stderr = run(command)
            times[name].append(round(millis, 1))
            seen[name] |= warnings(stderr)

    result = {
        "commandWithout": " ".join(without),
        "commandWith": " ".join(with_agent),
        "runs": args.runs,
        "millis": times,
        "agentOnlyWarnings": sorted(seen["agent"] - seen["noAgent"]),
    }
    with open(args.out, "w") as out:
        json.dump(result, out, indent=2)
        out.write("\n")
    print(json.dumps(times))


if __name__ == "__main__":
    main()
