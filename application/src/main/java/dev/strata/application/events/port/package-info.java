/** Driving ports of the events area: publish, history, live streams, consumer groups and the relay. */
package dev.strata.application.events.port;
