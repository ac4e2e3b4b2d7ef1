package dev.strata.adapters.http.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** RFC 9457 problem body: what every error response of Strata carries ({@code quota}, {@code limit}: a refused quota). */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors,
                      String quota, Long limit) {

    public Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
        this(type, title, status, detail, instance, errors, null, null);
    }

    /** The same problem naming the per-tenant quota that refused the request and its limit. */
    public Problem withQuota(String quotaName, long quotaLimit) {
        return new Problem(type, title, status, detail, instance, errors, quotaName, quotaLimit);
    }

    /** One invalid field of a request. */
    @Serdeable
    public record FieldError(String field, String message) {
    }
}
