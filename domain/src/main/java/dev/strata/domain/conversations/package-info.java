/**
 * Conversations: an end user's chats and their ordered messages. Postgres holds the truth; the
 * recent-conversations list, a chat's details and its first message page are cached in front of it.
 */
package dev.strata.domain.conversations;
