/** Driven ports of the conversations area: the durable store of conversations and their messages. */
package dev.strata.domain.conversations.port;
