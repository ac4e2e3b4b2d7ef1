/**
 * Identity use cases: tenants, service clients, client-credentials token grants and the
 * per-request check that a token's principal still exists.
 */
package dev.strata.application.sessions;
