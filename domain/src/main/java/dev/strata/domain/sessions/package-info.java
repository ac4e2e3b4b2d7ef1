/**
 * Identity and sessions: tenants, service clients and their scopes, end users, sessions and
 * rate limits. Ports here are implemented by the Redis and Postgres adapters.
 */
package dev.strata.domain.sessions;
