/** Driven ports of the identity and sessions area. */
package dev.strata.domain.sessions.port;
