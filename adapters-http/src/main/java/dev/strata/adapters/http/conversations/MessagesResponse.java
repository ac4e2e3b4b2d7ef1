package dev.strata.adapters.http.conversations;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A list of messages; {@code nextBefore} is the {@code before} of the next (older) page, null at the end. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MessagesResponse(List<MessageResponse> items, @Nullable Long nextBefore) {
}
