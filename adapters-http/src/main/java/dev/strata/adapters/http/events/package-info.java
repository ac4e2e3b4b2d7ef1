/** HTTP adapter of the events area: publishing, history, Server-Sent Events and consumer groups under {@code /v1/topics}. */
package dev.strata.adapters.http.events;
