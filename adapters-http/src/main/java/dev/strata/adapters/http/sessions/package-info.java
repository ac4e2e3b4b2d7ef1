/** HTTP adapters of the sessions area: sessions of end users ({@code /v1/sessions}) and their settings. */
package dev.strata.adapters.http.sessions;
