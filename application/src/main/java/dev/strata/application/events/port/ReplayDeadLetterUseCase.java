package dev.strata.application.events.port;

/** Use case: put a dead letter back into its group, with a fresh delivery count, for the next reader. */
public interface ReplayDeadLetterUseCase {
    void replay(ReplayDeadLetterCommand command);
}
