/** HTTP adapter: the Netty seat of the fast paths that answer the hottest plain requests ahead of Micronaut's routing. */
package dev.strata.adapters.http.fastpath;
