package dev.strata.application.events.port;

import dev.strata.domain.events.Delivery;
import java.util.List;

/**
 * Use case: a consumer's next events — first those left unacknowledged longer than the visibility timeout
 * (events past the delivery limit go to the dead letters instead), then new ones.
 */
public interface ReadGroupUseCase {
    List<Delivery> readGroup(ReadGroupCommand command);
}
