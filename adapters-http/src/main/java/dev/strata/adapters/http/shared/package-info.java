/** HTTP shapes every area uses, such as the list envelope of the API; they know no area. */
package dev.strata.adapters.http.shared;
