package dev.strata.adapters.http.observability;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import org.slf4j.MDC;

/**
 * Carries the request id through Micronaut's propagated context and puts it in the logging MDC (key
 * {@link RequestIds#MDC_KEY}) on whichever thread runs the request, restoring what was there after. It
 * touches that one key only: cheaper than copying a whole MDC map at every hop, and it leaves any other
 * MDC entry alone.
 */
record RequestIdPropagation(String id) implements ThreadPropagatedContextElement<String> {
    @Override
    @Nullable
    public String updateThreadContext() {
        String previous = MDC.get(RequestIds.MDC_KEY);
        MDC.put(RequestIds.MDC_KEY, id);
        return previous;
    }

    @Override
    public void restoreThreadContext(@Nullable String previous) {
        if (previous == null) {
            MDC.remove(RequestIds.MDC_KEY);
        } else {
            MDC.put(RequestIds.MDC_KEY, previous);
        }
    }
}
