/** Rate limits: named policies (token bucket or sliding window) and the decisions taken under them. */
package dev.strata.domain.ratelimits;
