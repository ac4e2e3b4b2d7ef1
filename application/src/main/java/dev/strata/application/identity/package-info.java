/** Identity use cases: tenants, service clients and their tokens, end users (register, login with lockout, password reset) and password hashing. */
package dev.strata.application.identity;
