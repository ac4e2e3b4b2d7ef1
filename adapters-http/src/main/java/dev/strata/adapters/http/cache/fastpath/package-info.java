/** HTTP adapter of the cache area: the Netty fast path that answers a plain, authorised cache hit ahead of Micronaut's routing. */
package dev.strata.adapters.http.cache.fastpath;
