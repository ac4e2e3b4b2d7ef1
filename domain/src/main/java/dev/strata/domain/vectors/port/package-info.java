/** Driven ports of the vectors area: the index that stores collections and answers similarity searches. */
package dev.strata.domain.vectors.port;
