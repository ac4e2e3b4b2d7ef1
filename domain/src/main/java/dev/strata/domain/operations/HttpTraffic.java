package dev.strata.domain.operations;

/** Value object: HTTP requests this instance served since it started, those answered 5xx, and the 95th percentile latency. */
public record HttpTraffic(long requests, long errors5xx, Double p95Ms) {
    public HttpTraffic {
        if (requests < 0 || errors5xx < 0) {
            throw new IllegalArgumentException("request counts must be >= 0");
        }
    }

    /** errors5xx / requests, null before any request. */
    public Double errorRate() {
        return requests == 0 ? null : (double) errors5xx / requests;
    }
}
