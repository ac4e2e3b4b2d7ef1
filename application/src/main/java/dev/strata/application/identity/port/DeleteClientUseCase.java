package dev.strata.application.identity.port;

/**
 * Use case: delete a service client; its tokens stop working at once on every instance.
 * Throws {@link dev.strata.domain.shared.NotFoundException} when the client is not in the current tenant.
 */
public interface DeleteClientUseCase {
    void deleteClient(DeleteClientCommand command);
}
