/** Sessions use cases: sessions on Redis with a Postgres copy, refresh rotation, and the per-request checks (and watches) that a token's client and session still exist. */
package dev.strata.application.sessions;
