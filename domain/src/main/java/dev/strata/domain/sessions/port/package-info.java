/** Driven ports of the sessions area: sessions, refresh tokens and access revocations. */
package dev.strata.domain.sessions.port;
