/** Driven ports of the identity area: tenants, clients, users, login attempts, password resets, secret hashing. */
package dev.strata.domain.identity.port;
