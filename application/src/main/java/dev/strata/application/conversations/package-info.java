/**
 * Conversations: use cases over the conversation store (Postgres, the truth), with the recent lists, details and
 * first message pages cached through the cache engine, invalidated before a change is acknowledged and warmed
 * again in the background; every change emits its event in the same transaction.
 */
package dev.strata.application.conversations;
