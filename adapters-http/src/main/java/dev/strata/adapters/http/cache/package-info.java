/** HTTP adapter of the cache area: {@code /v1/cache}, raw JSON values byte for byte, ETags, leases. */
package dev.strata.adapters.http.cache;
