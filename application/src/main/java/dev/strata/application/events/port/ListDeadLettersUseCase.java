package dev.strata.application.events.port;

import dev.strata.application.shared.Page;
import dev.strata.domain.events.DeadLetter;

/** Use case: the events a group gave up on. */
public interface ListDeadLettersUseCase {
    Page<DeadLetter> listDeadLetters(ListDeadLettersQuery query);
}
