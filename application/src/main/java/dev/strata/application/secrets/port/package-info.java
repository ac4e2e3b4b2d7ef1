/** Driving ports of the secrets area: create, rotate, promote, reveal, delete and re-wrap secrets. */
package dev.strata.application.secrets.port;
