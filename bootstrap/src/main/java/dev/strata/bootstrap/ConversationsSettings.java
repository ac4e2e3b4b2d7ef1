package dev.strata.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Conversations settings ({@code strata.conversations.*}); the cache TTLs are {@link ConversationCacheSettings}.
 *
 * @param maxContentChars the longest message content accepted, in characters (32000); longer is a 400
 */
@ConfigurationProperties("strata.conversations")
public record ConversationsSettings(@Bindable(defaultValue = "32000") int maxContentChars) {
}
