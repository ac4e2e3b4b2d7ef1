/** Driving ports (use cases) of the identity area, with their commands and results. */
package dev.strata.application.identity.port;
