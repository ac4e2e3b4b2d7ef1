package dev.strata.adapters.http.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** RFC 9457 problem body: what every error response of Strata carries. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    /** One invalid field of a request. */
    @Serdeable
    public record FieldError(String field, String message) {
    }
}
