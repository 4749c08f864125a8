# poolscope: make build | make demo [SCENARIO=leak] [DURATION=20] [POOL=hikari] | make test | make test-matrix | make bench
MVN      ?= mvn -B
SCENARIO ?= leak
DURATION ?= 20
POOL     ?= hikari
AGENT    := agent/target/poolscope-agent.jar
APP      := test-app/target/poolscope-test-app.jar

.PHONY: build demo test test-matrix bench clean

build:
	$(MVN) -q -DskipTests package

demo: build
	./test-app/demo.sh "$(AGENT)" "$(APP)" "$(SCENARIO)" "$(DURATION)" "$(POOL)"

test:
	$(MVN) verify

# the pool contract suite on every (pool, version) of its matrix; make test runs the newest of each pool
test-matrix:
	$(MVN) verify -pl agent -am -Dpoolscope.matrix=full -Dit.test=PoolContractIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false

bench:
	./bench/run.sh

clean:
	$(MVN) -q clean
