/** HTTP adapter of the secrets vault ({@code /v1/secrets}, {@code /v1/admin/secrets}). */
package dev.strata.adapters.http.secrets;
