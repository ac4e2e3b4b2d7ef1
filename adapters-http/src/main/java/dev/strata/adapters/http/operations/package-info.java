/** HTTP adapters of operations: the admin overview endpoint and the traffic figures read from Micrometer. */
package dev.strata.adapters.http.operations;
