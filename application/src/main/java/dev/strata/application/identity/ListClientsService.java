package dev.strata.application.identity;

import dev.strata.application.identity.port.ListClientsQuery;
import dev.strata.application.identity.port.ListClientsUseCase;
import dev.strata.application.shared.Page;
import dev.strata.application.shared.PageRequest;
import dev.strata.domain.identity.ServiceClient;
import dev.strata.domain.identity.port.ClientRegistry;
import dev.strata.domain.shared.ClientId;
import dev.strata.domain.shared.InvalidInputException;
import java.util.List;
import java.util.Optional;

/** Service implementing {@link ListClientsUseCase}: keyset paging by client id. */
public class ListClientsService implements ListClientsUseCase {
    private final ClientRegistry clients;

    public ListClientsService(ClientRegistry clients) {
        this.clients = clients;
    }

    @Override
    public Page<ClientView> listClients(ListClientsQuery query) {
        PageRequest page = query.page();
        Optional<ClientId> after = page.position().map(position -> {
            if (!ClientId.isWellFormed(position)) {
                throw new InvalidInputException("cursor", "cursor is not valid");
            }
            return new ClientId(position);
        });
        List<ServiceClient> rows = clients.list(after, page.limit() + 1);
        boolean more = rows.size() > page.limit();
        List<ServiceClient> shown = more ? rows.subList(0, page.limit()) : rows;
        Optional<String> next = more
                ? Optional.of(PageRequest.encode(shown.get(shown.size() - 1).id().value()))
                : Optional.empty();
        return new Page<>(shown.stream()
                .map(c -> new ClientView(c.id(), c.name(), c.scopes(), c.createdAt()))
                .toList(), next);
    }
}
