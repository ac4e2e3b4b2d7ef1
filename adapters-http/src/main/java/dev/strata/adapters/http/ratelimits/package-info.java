/** HTTP adapter of the rate-limits area: policies and decisions ({@code /v1/rate-limits}), the RateLimit headers, and their settings. */
package dev.strata.adapters.http.ratelimits;
