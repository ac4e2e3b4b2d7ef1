/** Driven ports of operations: the monitors that read live figures from Redis, Postgres and the metrics registry. */
package dev.strata.domain.operations.port;
