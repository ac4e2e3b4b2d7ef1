/** Driven ports of the events area: the durable, ordered log of events per topic. */
package dev.strata.domain.events.port;
