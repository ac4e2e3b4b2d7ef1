package dev.strata.bootstrap;

import dev.strata.domain.shared.Clock;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Wiring of the shared kernel's ports that have no adapter module of their own. */
@Factory
class SharedFactory {
    @Singleton
    Clock clock() {
        return Clock.system();
    }
}
