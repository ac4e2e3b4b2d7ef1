package dev.strata.adapters.http.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.strata.domain.secrets.SecretIntegrityException;
import dev.strata.domain.secrets.SecretValueTooLargeException;
import dev.strata.domain.secrets.UnknownMasterKeyException;
import dev.strata.domain.secrets.VaultSealedException;
import dev.strata.domain.shared.ConflictException;
import dev.strata.domain.shared.DomainException;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.PreconditionFailedException;
import dev.strata.domain.shared.QuotaExceededException;
import dev.strata.domain.shared.StoreUnavailableException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.exceptions.BufferLengthExceededException;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * HTTP adapter: the one place that maps an exception (or a bare status from the framework) to an HTTP
 * status, a problem code and a detail that is safe to show a client.
 *
 * <p>Details are written here, never copied from framework or driver messages: those name Java
 * types, echo input back or, for store drivers, carry SQL and addresses.
 */
@Singleton
public class ProblemMapper {
    private static final int MAX_ERRORS = 50;

    private final long maxRequestSize;

    public ProblemMapper(HttpServerConfiguration serverConfiguration) {
        this.maxRequestSize = serverConfiguration.getMaxRequestSize();
    }

    /**
     * What one error becomes on the wire.
     *
     * @param unexpected true when nothing recognised the error: the caller logs it, the client learns nothing
     */
    public record Mapped(HttpStatus status, String code, String detail, @Nullable List<Problem.FieldError> errors,
                         @Nullable Integer retryAfterSeconds, boolean unexpected) {
        static Mapped of(HttpStatus status, String code, String detail) {
            return new Mapped(status, code, detail, null, null, false);
        }

        static Mapped of(HttpStatus status, String code, String detail, List<Problem.FieldError> errors) {
            return new Mapped(status, code, detail, errors, null, false);
        }
    }

    /**
     * Maps an error.
     *
     * @param cause  the exception, when there is one
     * @param status the status the framework already chose, when it did; used when the cause says nothing more
     */
    public Mapped map(@Nullable Throwable cause, @Nullable HttpStatus status) {
        Mapped byCause = cause == null ? null : byCause(cause);
        if (byCause != null) {
            return byCause;
        }
        return byStatus(status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status);
    }

    @Nullable
    private Mapped byCause(Throwable cause) {
        if (cause instanceof DomainException domain) {
            return domain(domain);
        }
        if (cause instanceof StoreUnavailableException) {
            // which store failed is for operators (health, logs), not for clients
            return new Mapped(HttpStatus.SERVICE_UNAVAILABLE, Problems.SERVICE_UNAVAILABLE,
                    "A backing store is temporarily unavailable; retry shortly.", null, 1, false);
        }
        if (cause instanceof ConstraintViolationException violations) {
            return Mapped.of(HttpStatus.BAD_REQUEST, Problems.VALIDATION, "The request has invalid fields.", fieldErrors(violations));
        }
        if (isMalformedJson(cause)) {
            return Mapped.of(HttpStatus.BAD_REQUEST, Problems.MALFORMED_JSON, "The request body is not well-formed JSON.");
        }
        if (cause instanceof ConversionErrorException conversion) {
            return conversion(conversion);
        }
        if (cause instanceof UnsatisfiedBodyRouteException) {
            return Mapped.of(HttpStatus.BAD_REQUEST, Problems.MISSING_BODY, "The request body is missing.");
        }
        if (cause instanceof UnsatisfiedRouteException unsatisfied) {
            return missing(unsatisfied.getArgument());
        }
        if (cause instanceof UnsatisfiedArgumentException unsatisfied) {
            return unsatisfied.getArgument().isAnnotationPresent(Body.class)
                    ? Mapped.of(HttpStatus.BAD_REQUEST, Problems.MISSING_BODY, "The request body is missing.")
                    : missing(unsatisfied.getArgument());
        }
        if (cause instanceof ContentLengthExceededException || cause instanceof BufferLengthExceededException) {
            return byStatus(HttpStatus.REQUEST_ENTITY_TOO_LARGE);
        }
        if (cause instanceof HttpStatusException statusException) {
            return statusException(statusException);
        }
        return null;
    }

    private static Mapped domain(DomainException e) {
        String detail = e.getMessage();
        if (e instanceof InvalidInputException invalid) {
            List<Problem.FieldError> errors = invalid.field() == null ? null : List.of(new Problem.FieldError(invalid.field(), detail));
            return Mapped.of(HttpStatus.BAD_REQUEST, e.code(), detail, errors);
        }
        if (e instanceof NotFoundException) {
            return Mapped.of(HttpStatus.NOT_FOUND, e.code(), detail);
        }
        if (e instanceof ConflictException) {
            return Mapped.of(HttpStatus.CONFLICT, e.code(), detail);
        }
        if (e instanceof QuotaExceededException) {
            return Mapped.of(HttpStatus.TOO_MANY_REQUESTS, e.code(), detail);
        }
        if (e instanceof PreconditionFailedException) {
            return Mapped.of(HttpStatus.PRECONDITION_FAILED, e.code(), detail);
        }
        if (e instanceof VaultSealedException) {
            return Mapped.of(HttpStatus.SERVICE_UNAVAILABLE, e.code(), "vault sealed: no master key is configured");
        }
        if (e instanceof SecretValueTooLargeException) {
            return Mapped.of(HttpStatus.REQUEST_ENTITY_TOO_LARGE, e.code(), detail);
        }
        if (e instanceof SecretIntegrityException || e instanceof UnknownMasterKeyException) {
            // stored key material does not open: an operator's matter, nothing a client can act on or should read
            return new Mapped(HttpStatus.INTERNAL_SERVER_ERROR, e.code(),
                    "The secret could not be opened. Quote the X-Request-Id header when reporting it.", null, null, true);
        }
        // a broken rule without a more specific kind is the client's request being wrong
        return Mapped.of(HttpStatus.BAD_REQUEST, e.code(), detail);
    }

    private Mapped conversion(ConversionErrorException e) {
        Argument<?> argument = e.getArgument();
        if (argument != null && argument.isAnnotationPresent(Body.class)) {
            return Mapped.of(HttpStatus.BAD_REQUEST, Problems.INVALID_BODY,
                    "The request body does not match the expected shape: a field has the wrong type or an unknown value.");
        }
        String name = argument == null ? null : argument.getName();
        if (name == null) {
            return Mapped.of(HttpStatus.BAD_REQUEST, Problems.INVALID_PARAMETER, "A request parameter has an invalid value.");
        }
        return Mapped.of(HttpStatus.BAD_REQUEST, Problems.INVALID_PARAMETER, "Parameter '" + name + "' has an invalid value.",
                List.of(new Problem.FieldError(name, "has an invalid value")));
    }

    private static Mapped missing(Argument<?> argument) {
        String name = argument == null ? null : argument.getName();
        if (name == null) {
            return Mapped.of(HttpStatus.BAD_REQUEST, Problems.MISSING_PARAMETER, "A required request parameter is missing.");
        }
        return Mapped.of(HttpStatus.BAD_REQUEST, Problems.MISSING_PARAMETER, "Required parameter '" + name + "' is missing.",
                List.of(new Problem.FieldError(name, "is required")));
    }

    private Mapped statusException(HttpStatusException e) {
        HttpStatus status = e.getStatus();
        Mapped generic = byStatus(status);
        // Micronaut's own subclasses (route miss, 405, 406, 415) word their messages for developers, with
        // types and echoed input; a plain one is thrown on purpose by a controller, worded for the client
        boolean fromFramework = e.getClass() != HttpStatusException.class && e.getClass().getName().startsWith("io.micronaut.");
        if (status.getCode() >= 500 || fromFramework || e.getMessage() == null || e.getMessage().isBlank()) {
            return generic;
        }
        return Mapped.of(status, generic.code(), e.getMessage());
    }

    /** A problem for a bare status: fixed code and a generic detail. */
    Mapped byStatus(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> Mapped.of(status, Problems.BAD_REQUEST, "The request could not be understood.");
            case UNAUTHORIZED -> Mapped.of(status, Problems.UNAUTHORIZED, "Authentication is required.");
            case FORBIDDEN -> Mapped.of(status, Problems.FORBIDDEN, "The credentials do not allow this request.");
            case NOT_FOUND -> Mapped.of(status, Problems.NOT_FOUND, "No resource exists at this path.");
            case METHOD_NOT_ALLOWED -> Mapped.of(status, Problems.METHOD_NOT_ALLOWED,
                    "This method is not allowed on this path; the Allow header lists the allowed ones.");
            case NOT_ACCEPTABLE -> Mapped.of(status, Problems.NOT_ACCEPTABLE,
                    "No representation of this resource matches the Accept header.");
            case CONFLICT -> Mapped.of(status, Problems.CONFLICT, "The request conflicts with the current state.");
            case PRECONDITION_FAILED -> Mapped.of(status, Problems.PRECONDITION_FAILED, "A precondition of the request does not hold.");
            case REQUEST_ENTITY_TOO_LARGE -> Mapped.of(status, Problems.PAYLOAD_TOO_LARGE,
                    "The request is larger than the server accepts; the body limit is " + maxRequestSize + " bytes.");
            case UNSUPPORTED_MEDIA_TYPE -> Mapped.of(status, Problems.UNSUPPORTED_MEDIA_TYPE,
                    "The Content-Type of the request is not supported here.");
            case TOO_MANY_REQUESTS -> Mapped.of(status, Problems.TOO_MANY_REQUESTS, "Too many requests; retry later.");
            case SERVICE_UNAVAILABLE -> Mapped.of(status, Problems.SERVICE_UNAVAILABLE, "The service is temporarily unavailable; retry shortly.");
            case INTERNAL_SERVER_ERROR -> new Mapped(status, Problems.INTERNAL_ERROR,
                    "An unexpected error occurred. Quote the X-Request-Id header when reporting it.", null, null, true);
            default -> Mapped.of(status, "http." + status.name().toLowerCase(Locale.ROOT), status.getReason() + ".");
        };
    }

    private static boolean isMalformedJson(Throwable cause) {
        // with delayed body parsing a syntax error may arrive wrapped in a conversion error
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonSyntaxException || t instanceof JsonParseException) {
                return true;
            }
            if (t instanceof JsonProcessingException) {
                return false;
            }
        }
        return false;
    }

    private static List<Problem.FieldError> fieldErrors(ConstraintViolationException e) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (e.getConstraintViolations() != null) {
            for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
                errors.add(new Problem.FieldError(fieldPath(violation.getPropertyPath()), violation.getMessage()));
            }
        }
        // a set has no order; sorted output keeps responses stable for clients and tests
        errors.sort(Comparator.comparing(Problem.FieldError::field, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Problem.FieldError::message, Comparator.nullsFirst(Comparator.naturalOrder())));
        return errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors;
    }

    /**
     * The client's name for a violated field: {@code create.request.items[2].id} becomes
     * {@code items[2].id}, a query parameter {@code list.limit} becomes {@code limit}.
     */
    static String fieldPath(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.RETURN_VALUE
                    || kind == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            // the parameter that carries the body is an implementation name; its properties are the fields
            if (kind == ElementKind.PARAMETER && i < nodes.size() - 1) {
                continue;
            }
            if (node.isInIterable() && field.length() > 0) {
                Object key = node.getIndex() != null ? node.getIndex() : node.getKey();
                field.append('[').append(key == null ? "" : key).append(']');
            }
            String name = node.getName();
            if (name != null && !name.isEmpty() && !name.startsWith("<")) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(name);
            }
        }
        return field.length() == 0 ? path.toString() : field.toString();
    }
}
