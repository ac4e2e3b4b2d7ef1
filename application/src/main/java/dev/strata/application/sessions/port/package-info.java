/** Driving ports (use cases) of the sessions area, with their commands and results. */
package dev.strata.application.sessions.port;
