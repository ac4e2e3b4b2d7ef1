/** Driving ports (use cases) of the identity and sessions area, with their commands and results. */
package dev.strata.application.sessions.port;
