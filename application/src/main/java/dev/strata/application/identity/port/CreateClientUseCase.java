package dev.strata.application.identity.port;

/** Use case: create a service client; its secret is returned once and stored only as a slow hash. */
public interface CreateClientUseCase {
    ClientCredentials createClient(CreateClientCommand command);
}
