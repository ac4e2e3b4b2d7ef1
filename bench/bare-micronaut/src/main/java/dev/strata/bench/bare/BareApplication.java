package dev.strata.bench.bare;

import io.micronaut.runtime.Micronaut;

/** Benchmark baseline: a bare Micronaut HTTP server (port from MICRONAUT_SERVER_PORT). */
public final class BareApplication {
    private BareApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(BareApplication.class).banner(false).start();
    }
}
