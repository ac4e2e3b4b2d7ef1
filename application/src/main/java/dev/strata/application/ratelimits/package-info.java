/** Rate-limit use cases: configure policies, consume against them (shared limiter, local fallback), and the guard policies of the auth endpoints. */
package dev.strata.application.ratelimits;
