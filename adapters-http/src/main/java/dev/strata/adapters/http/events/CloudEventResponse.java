package dev.strata.adapters.http.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An event in CloudEvents 1.0 JSON form, with the topic's {@code sequence} as an extension attribute and,
 * for group deliveries, {@code deliverycount}.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEventResponse(String specversion, String id, String source, String type, @Nullable String subject,
                                 String time, String datacontenttype, JsonNode data, long sequence,
                                 @Nullable Long deliverycount) {
}
