#!/usr/bin/env bash
# Loop benchmark: rate-limit policies through the Micronaut Data repository vs the hand-written JDBC it replaced.
# Needs the database (BENCH_JDBC_URL, default jdbc:postgresql://127.0.0.1:5432/strata; migrated on start) and a
# Maven repository filled by `make build`. BENCH_OPS, BENCH_ROUNDS.
set -euo pipefail
cd "$(dirname "$0")/../.."
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
# compile in the reactor, so the sibling modules resolve to their classes; the last module written is adapters-postgres
./mvnw -B -q -o test-compile dependency:build-classpath -pl adapters-postgres -am -Dmdep.includeScope=runtime -Dmdep.outputFile="$cp_file" >/dev/null
exec java -Xmx512m -cp "adapters-postgres/target/classes:domain/target/classes:migrations/target/classes:$(cat "$cp_file")" \
  bench/micronaut-data/RateLimitPoliciesBench.java
