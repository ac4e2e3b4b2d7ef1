package dev.strata.adapters.http.observability;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** HTTP adapter: the request id of a request: the client's when it is safe to echo, a fresh UUID otherwise. */
public final class RequestIds {
    /** The header that carries the id both ways. */
    public static final String HEADER = "X-Request-Id";
    /** The logging MDC key, used by every log line written while the request is handled. */
    public static final String MDC_KEY = "requestId";

    static final String ATTRIBUTE = "strata.request-id";
    static final String STARTED_ATTRIBUTE = "strata.request-started-nanos";

    // The id is echoed into a header and every log line: a tight alphabet keeps out header and log injection.
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    /** The id assigned to this request, or null before the request id filter has run. */
    @Nullable
    public static String of(HttpRequest<?> request) {
        // the raw attribute: no conversion service on the path of every request
        return request.getAttribute(ATTRIBUTE).orElse(null) instanceof String id ? id : null;
    }

    /**
     * The id of this request: the one assigned by the request id filter or, for a request the filters
     * never saw (one rejected while it was being decoded), the client's if acceptable, else a new one.
     */
    public static String resolve(HttpRequest<?> request) {
        String assigned = of(request);
        return assigned != null ? assigned : accept(request.getHeaders().get(HEADER));
    }

    /** The client's id when it is acceptable, otherwise a new one. */
    public static String accept(@Nullable String fromClient) {
        return fromClient != null && VALID.matcher(fromClient).matches() ? fromClient : fresh();
    }

    /**
     * A new random id in UUID (version 4) form. A request id correlates log lines; it is no secret and no
     * credential, so it comes from a fast per-thread generator rather than the secure one.
     */
    static String fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
