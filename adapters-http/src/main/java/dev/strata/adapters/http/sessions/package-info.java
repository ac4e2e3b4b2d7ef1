/** HTTP adapters of the identity area: the client-credentials token endpoint, service clients, ping. */
package dev.strata.adapters.http.sessions;
