/**
 * Operations: what an operator needs to see of a running cluster — Redis and Postgres figures, cache and HTTP
 * traffic, consumer-group lag — and the alert rules that turn those figures into findings with an action.
 */
package dev.strata.domain.operations;
