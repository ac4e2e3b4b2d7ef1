/**
 * Events use cases: publishing through the outbox, history, live feeds, consumer groups with dead letters,
 * and the relay that moves committed events to the live stream.
 */
package dev.strata.application.events;
