package dev.strata.adapters.http.error;

import dev.strata.domain.shared.DomainException;
import dev.strata.domain.shared.StoreUnavailableException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP adapter: handles every exception that no more specific handler claims: domain exceptions,
 * store outages and the unexpected, which is logged in full and answered with a generic 500.
 *
 * <p>Micronaut picks the handler whose type is closest to the exception, so its own handlers (405,
 * 413, conversion, validation...) still run for their exceptions and reach the same processor.
 */
@Singleton
public class ProblemExceptionHandler implements ExceptionHandler<Exception, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemMapper mapper;
    private final ErrorResponseProcessor<?> processor;

    public ProblemExceptionHandler(ProblemMapper mapper, ErrorResponseProcessor<?> processor) {
        this.mapper = mapper;
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, Exception exception) {
        ProblemMapper.Mapped mapped = mapper.map(exception, null);
        log(request.getMethodName(), request.getPath(), exception, mapped);
        return processor.processResponse(ErrorContext.builder(request).cause(exception).build(), HttpResponse.status(mapped.status()));
    }

    /** Logs a handled {@code exception} as this handler does, for answers written without it (the fast paths). */
    public static void log(String method, String path, Throwable exception, ProblemMapper.Mapped mapped) {
        if (mapped.unexpected()) {
            // the only place the details of an unexpected failure go: the log, correlated by requestId
            LOG.error("Unexpected error on {} {}", method, path, exception);
        } else if (exception instanceof StoreUnavailableException unavailable) {
            // an outage is not a bug: one line without a stack trace, and the client gets 503
            LOG.warn("Store unavailable on {} {}: {}: {}", method, path, unavailable.store(), unavailable.getMessage());
        } else if (exception instanceof DomainException domain && LOG.isDebugEnabled()) {
            LOG.debug("Request refused on {} {}: {}", method, path, domain.code());
        }
    }
}
