/**
 * Token security at the HTTP edge: JWTs with a pinned algorithm, signed by a key ring (HMAC, or ES256 with
 * its public keys at /.well-known/jwks.json), the authentication filter that turns a bearer token into a
 * principal and a tenant context, and scope checks.
 */
package dev.strata.adapters.http.security;
