/** Identity: tenants, service clients and their scopes, end users with their emails, lockout and password resets. */
package dev.strata.domain.identity;
