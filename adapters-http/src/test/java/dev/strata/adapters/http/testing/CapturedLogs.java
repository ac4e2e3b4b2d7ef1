package dev.strata.adapters.http.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** Captures the events of one logger, with the MDC as it was on the logging thread. */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final Logger logger;
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private ch.qos.logback.classic.Level previousLevel;
    private boolean levelChanged;

    private CapturedLogs(String loggerName) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
    }

    public static CapturedLogs of(String loggerName) {
        CapturedLogs logs = new CapturedLogs(loggerName);
        logs.setContext(logs.logger.getLoggerContext());
        logs.start();
        logs.logger.addAppender(logs);
        return logs;
    }

    /** As {@link #of(String)}, with the logger at {@code level} until closed. */
    public static CapturedLogs of(String loggerName, ch.qos.logback.classic.Level level) {
        CapturedLogs logs = of(loggerName);
        logs.previousLevel = logs.logger.getLevel();
        logs.levelChanged = true;
        logs.logger.setLevel(level);
        return logs;
    }

    public static CapturedLogs of(Class<?> type) {
        return of(type.getName());
    }

    @Override
    protected void append(ILoggingEvent event) {
        // the MDC is read lazily by default; fix it now, on the thread that logged
        event.prepareForDeferredProcessing();
        events.add(event);
    }

    public List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        if (levelChanged) {
            logger.setLevel(previousLevel);
        }
        stop();
    }
}
