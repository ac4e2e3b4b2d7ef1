package dev.strata.adapters.http.testing;

import dev.strata.domain.shared.HealthProbe;
import java.time.Duration;

/** A health probe whose answer and delay a test sets. */
public final class FakeProbe implements HealthProbe {
    private final String component;
    private final boolean essential;
    private volatile boolean up = true;
    private volatile Duration delay = Duration.ZERO;

    public FakeProbe(String component, boolean essential) {
        this.component = component;
        this.essential = essential;
    }

    public FakeProbe up(boolean up) {
        this.up = up;
        return this;
    }

    public FakeProbe delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    @Override
    public String component() {
        return component;
    }

    @Override
    public boolean essential() {
        return essential;
    }

    @Override
    public Result probe() {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return up ? Result.up(component + " answers") : Result.down(component + " refused the connection");
    }
}
