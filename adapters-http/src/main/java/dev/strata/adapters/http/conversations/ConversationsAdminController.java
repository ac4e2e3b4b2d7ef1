package dev.strata.adapters.http.conversations;

import dev.strata.application.conversations.port.DeleteConversationCommand;
import dev.strata.application.conversations.port.DeleteUserConversationsCommand;
import dev.strata.application.conversations.port.ManageConversationsUseCase;
import dev.strata.application.conversations.port.ReadConversationsUseCase;
import dev.strata.application.conversations.port.Requester;
import dev.strata.adapters.http.security.RequiresScope;
import dev.strata.adapters.http.shared.PageResponse;
import dev.strata.domain.shared.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * HTTP adapter: support tooling over any user's conversations of the caller's tenant
 * ({@code /v1/users/{userId}/conversations}, service clients with scope {@code conversations:admin}): list, read,
 * delete one, and delete all of a user's (data deletion requests). A conversation of another user is a 404.
 */
@Controller("/v1/users/{userId}/conversations")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "conversations")
@SecurityRequirement(name = "bearerAuth")
@RequiresScope("conversations:admin")
public class ConversationsAdminController {
    private final ManageConversationsUseCase manage;
    private final ReadConversationsUseCase read;
    private final ConversationViews views;

    public ConversationsAdminController(ManageConversationsUseCase manage, ReadConversationsUseCase read,
                                        ConversationViews views) {
        this.manage = manage;
        this.read = read;
        this.views = views;
    }

    @Operation(summary = "The user's conversations, latest activity first")
    @Get
    public HttpResponse<PageResponse<ConversationResponse>> list(@PathVariable String userId, @QueryValue @Nullable Integer limit,
                                                                 @QueryValue @Nullable String cursor) {
        return ConversationsController.recent(read, views, new UserId(userId), limit, cursor);
    }

    @Operation(summary = "Delete all of the user's conversations: {\"deleted\": n}")
    @Delete
    public DeletedResponse deleteAll(@PathVariable String userId) {
        return new DeletedResponse(manage.deleteAllOf(new DeleteUserConversationsCommand(new UserId(userId))));
    }

    @Operation(summary = "One of the user's conversations")
    @Get("/{id}")
    public HttpResponse<ConversationResponse> get(@PathVariable String userId, @PathVariable String id) {
        return ConversationsController.details(read, views, owner(userId), id);
    }

    @Operation(summary = "Messages of one of the user's conversations, newest first, before sequence `before`")
    @Get("/{id}/messages")
    public HttpResponse<MessagesResponse> messages(@PathVariable String userId, @PathVariable String id,
                                                   @QueryValue @Nullable Long before, @QueryValue @Nullable Integer limit) {
        return ConversationsController.messages(read, views, owner(userId), id, before, limit);
    }

    @Operation(summary = "Delete one of the user's conversations")
    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable String userId, @PathVariable String id) {
        manage.delete(new DeleteConversationCommand(owner(userId), ConversationViews.id(id)));
    }

    /** Admin routes act within the user of the path: a conversation of another user is not found there. */
    private static Requester owner(String userId) {
        return Requester.user(new UserId(userId));
    }
}
