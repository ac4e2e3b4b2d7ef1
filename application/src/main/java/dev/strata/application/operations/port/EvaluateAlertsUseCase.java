package dev.strata.application.operations.port;

/**
 * Use case: evaluates the cluster-wide alert rules once and delivers each alert that starts or stops holding (event on
 * the operations tenant's {@code ops.alerts}, and the alert channel), once across all instances. Answers how many
 * transitions were delivered; -1 when another instance was evaluating.
 */
public interface EvaluateAlertsUseCase {
    /** The operations topic alerts are published on. */
    String TOPIC = "ops.alerts";

    int evaluate();
}
