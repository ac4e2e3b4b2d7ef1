package dev.strata.application.conversations.port;

import dev.strata.application.shared.Page;
import dev.strata.domain.conversations.Conversation;
import dev.strata.domain.conversations.Message;
import java.util.List;

/**
 * Use case: reads of conversations, served from the cache where one is kept (a user's recent list, a
 * conversation's details, its first message page and context windows drawn from it) and from Postgres
 * otherwise, or when Redis is down. A conversation the requester cannot reach is not found.
 */
public interface ReadConversationsUseCase {
    Cached<Page<Conversation>> recent(RecentConversationsQuery query);

    /**
     * The conversation's id, owner, title and start. Its {@code lastActivityAt} is not kept fresh here (a new
     * message does not drop the details): the recent list carries the activity.
     */
    Cached<Conversation> details(ConversationQuery query);

    Cached<List<Message>> messages(MessagesQuery query);

    Cached<List<Message>> context(ContextQuery query);

    List<Message> search(SearchMessagesQuery query);
}
