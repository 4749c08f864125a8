# poolscope: make build | make demo [SCENARIO=leak] [DURATION=20] | make test | make bench
MVN      ?= mvn -B
SCENARIO ?= leak
DURATION ?= 20
AGENT    := agent/target/poolscope-agent.jar
APP      := test-app/target/poolscope-test-app.jar

.PHONY: build demo test bench clean

build:
	$(MVN) -q -DskipTests package

demo: build
	./test-app/demo.sh "$(AGENT)" "$(APP)" "$(SCENARIO)" "$(DURATION)"

test:
	$(MVN) verify

bench:
	./bench/run.sh

clean:
	$(MVN) -q clean
