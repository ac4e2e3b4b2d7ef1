/** Sessions: end-user sessions, refresh-token rotation and the revocation of access. Ports here are implemented by the Redis and Postgres adapters. */
package dev.strata.domain.sessions;
