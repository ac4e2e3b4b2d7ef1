/** Driving ports of operations. */
package dev.strata.application.operations.port;
