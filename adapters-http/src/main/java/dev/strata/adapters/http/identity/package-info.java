/** HTTP adapters of the identity area: client tokens and clients, end users ({@code /v1/auth}), the reset webhook, with their settings. */
package dev.strata.adapters.http.identity;
