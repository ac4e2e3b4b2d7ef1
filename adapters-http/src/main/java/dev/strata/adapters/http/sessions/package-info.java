/**
 * HTTP adapters of identity and sessions: client tokens and clients, end users ({@code /v1/auth}),
 * sessions ({@code /v1/sessions}) and rate limits ({@code /v1/rate-limits}), with their settings.
 */
package dev.strata.adapters.http.sessions;
