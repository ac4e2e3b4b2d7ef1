package dev.strata.bootstrap;

import io.micronaut.context.annotation.Context;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Log routing: sends java.util.logging records (the core's logging) to SLF4J and so through Logback's configuration
 * and format, instead of JUL's own console handler. Installed by {@link Strata#main} before anything logs, and by
 * this eagerly created bean for contexts started otherwise (tests, tools).
 */
@Context
public class JulLogging {
    JulLogging() {
        install();
    }

    /** Replaces JUL's root handlers with the SLF4J bridge; idempotent. */
    public static synchronized void install() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
