# Strata — the two commands: `make run` and `make test`.
SHELL := /bin/bash
JAR := bootstrap/target/strata.jar
MVN := ./mvnw -B
SOURCES := $(shell find pom.xml */pom.xml */src -type f 2>/dev/null)

.PHONY: run test build services services-down bench clean

## services: start (or install and start) local Redis and Postgres+pgvector
services:
	@scripts/services.sh up

services-down:
	@scripts/services.sh down

## build: the single jar, when sources changed
build: $(JAR)

$(JAR): $(SOURCES)
	$(MVN) -q -DskipTests package
	@touch $(JAR)

## run: services up, build if needed, run in dev mode with a demo tenant
run: services build
	MICRONAUT_ENVIRONMENTS=$${MICRONAUT_ENVIRONMENTS:-dev} STRATA_DEMO_TENANT=$${STRATA_DEMO_TENANT:-demo} \
	  java $${STRATA_JAVA_OPTS:--Xmx1g} -jar $(JAR)

## test: services up, then every unit, integration, architecture and end-to-end test
test: services
	$(MVN) verify

## bench: run the scenarios under bench/ and write docs/BENCHMARKS.md
bench: services build
	@bench/run.sh

clean:
	$(MVN) -q clean
	rm -rf bench/bare-micronaut/target
