package dev.strata.bootstrap;

import ch.qos.logback.classic.LoggerContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point: {@code java -jar strata.jar} serves; {@code java -jar strata.jar admin ...} runs an admin command and exits. */
public final class Strata {
    private static final Logger LOG = LoggerFactory.getLogger(Strata.class);

    private Strata() {
    }

    public static void main(String[] args) {
        JulLogging.install();
        if (args.length > 0 && "admin".equals(args[0])) {
            int code = AdminCommand.run(args);
            flushLogs();
            System.exit(code);
        }
        new Launcher().args(args).mainClass(Strata.class).banner(false).start();
    }

    /**
     * Writes out every log line still queued and stops logging. The console appenders are asynchronous, and
     * {@code System.exit} does not wait for their queue: without this, the line saying why the process stops (a
     * refused master key, an unreachable database) could be lost with it.
     */
    static void flushLogs() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext logback) {
            logback.stop();
        }
    }

    /** Micronaut's launcher, except that a failed start is logged and flushed before the process exits. */
    static final class Launcher extends Micronaut {
        @Override
        protected void handleStartupException(Environment environment, Throwable failure) {
            LOG.error("Strata did not start: {}", failure.getMessage(), failure);
            flushLogs();
            super.handleStartupException(environment, failure);
        }
    }
}
