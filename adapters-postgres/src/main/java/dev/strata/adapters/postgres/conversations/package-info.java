/** Postgres adapter of the conversations area: conversations and their immutable messages (the truth). */
package dev.strata.adapters.postgres.conversations;
