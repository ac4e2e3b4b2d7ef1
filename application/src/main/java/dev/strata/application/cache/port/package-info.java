/** Driving ports (use cases) of the tiered cache, with their commands, queries and results; other areas use them too. */
package dev.strata.application.cache.port;
