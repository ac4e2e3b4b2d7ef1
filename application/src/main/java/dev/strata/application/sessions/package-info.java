/**
 * Identity and sessions use cases: tenants, service clients and their tokens, end users (register,
 * login with lockout, refresh rotation, password reset), sessions on Redis with a Postgres copy, the
 * per-request checks that a token's principal and session still exist, and rate limits.
 */
package dev.strata.application.sessions;
