package dev.strata.domain.shared;

/** Driven port: reports whether one backing store answers, for health and readiness. */
public interface HealthProbe {
    /** The component name in health reports: {@code redis}, {@code postgres}. */
    String component();

    /** True when the store is essential: the service is not ready without it. */
    boolean essential();

    /** Probes the store now; never throws. */
    Result probe();

    /** The outcome of one probe. */
    record Result(boolean up, String detail) {
        public static Result up(String detail) {
            return new Result(true, detail);
        }

        public static Result down(String detail) {
            return new Result(false, detail);
        }
    }
}
