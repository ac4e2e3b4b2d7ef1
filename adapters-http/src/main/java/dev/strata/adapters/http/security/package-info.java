/**
 * Token security at the HTTP edge: HS-family JWTs with a pinned algorithm, the authentication
 * filter that turns a bearer token into a principal and a tenant context, and scope checks.
 */
package dev.strata.adapters.http.security;
