# poolscope: make build | make demo [APP=shop|spring] [SCENARIO=leak|healthy] [DURATION=20] [POOL=hikari] | make test | make test-matrix | make bench
MVN      ?= mvn -B
APP      ?= shop
SCENARIO ?= leak
DURATION ?= 20
POOL     ?= hikari
AGENT    := agent/target/poolscope-agent.jar

.PHONY: build demo test test-matrix bench clean

build:
	$(MVN) -q -DskipTests package

# APP=shop: the plain JDBC shop in test-app (on POOL); APP=spring: the Spring Boot + Spring Data JPA service in test-app-spring (HikariCP)
demo: build
	./test-app/demo.sh "$(AGENT)" "$(APP)" "$(SCENARIO)" "$(DURATION)" "$(POOL)"

test:
	$(MVN) verify

# the pool contract suite on every (pool, version) of its matrix; make test runs the newest of each pool;
# then the newest of each pool again on JDK 25 (skipped where that JDK is not installed)
JDK25 ?= /usr/lib/jvm/temurin-25-jdk-amd64
test-matrix:
	$(MVN) verify -pl agent -am -Dpoolscope.matrix=full -Dit.test=PoolContractIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
	@if [ -x $(JDK25)/bin/java ]; then \
	  $(MVN) verify -pl agent -Dpoolscope.contract.javaHome=$(JDK25) -Dit.test=PoolContractIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false; \
	else echo "test-matrix: no JDK 25 at $(JDK25): the contract suite on JDK 25 is skipped"; fi

bench:
	./bench/run.sh

clean:
	$(MVN) -q clean
