/**
 * HTTP adapters of the conversations area: end users' chats ({@code /v1/conversations}, end-user tokens) and the
 * support routes of a service client with {@code conversations:admin} ({@code /v1/users/{userId}/conversations}).
 */
package dev.strata.adapters.http.conversations;
