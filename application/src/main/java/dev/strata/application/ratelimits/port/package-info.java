/** Driving ports (use cases) of the rate-limits area, with their commands. */
package dev.strata.application.ratelimits.port;
