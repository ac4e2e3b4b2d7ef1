/**
 * Driven ports of the shared kernel: the revocation channel on which instances keep their in-memory
 * view of allowed credentials coherent.
 */
package dev.strata.domain.shared.port;
