package dev.strata.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * TTLs of the conversations' cached views ({@code strata.conversations.cache.*}). Changes drop what they touch
 * at once; the TTLs only bound how long an untouched view is kept.
 *
 * @param enabled      false: every read goes to Postgres and nothing is warmed (true)
 * @param recentTtl    a user's recent-conversations list (5m)
 * @param detailsTtl   a conversation's details (30m)
 * @param firstPageTtl a conversation's first message page, which also serves its context windows (15m)
 */
@ConfigurationProperties("strata.conversations.cache")
public record ConversationCacheSettings(@Bindable(defaultValue = "true") boolean enabled,
                                        @Bindable(defaultValue = "5m") Duration recentTtl,
                                        @Bindable(defaultValue = "30m") Duration detailsTtl,
                                        @Bindable(defaultValue = "15m") Duration firstPageTtl) {
}
