package dev.strata.domain.operations.port;

import dev.strata.domain.operations.RedisFigures;

/** Driven port: reads Redis's own figures (INFO) and times a PING; never throws — an unreachable Redis is a figure. */
public interface RedisMonitor {
    RedisFigures figures();
}
