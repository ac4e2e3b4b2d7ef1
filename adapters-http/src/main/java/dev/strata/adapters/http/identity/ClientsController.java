package dev.strata.adapters.http.identity;

import dev.strata.adapters.http.security.RequiresScope;
import dev.strata.adapters.http.shared.PageResponse;
import dev.strata.application.identity.port.ClientCredentials;
import dev.strata.application.identity.port.CreateClientCommand;
import dev.strata.application.identity.port.CreateClientUseCase;
import dev.strata.application.identity.port.DeleteClientCommand;
import dev.strata.application.identity.port.DeleteClientUseCase;
import dev.strata.application.identity.port.ListClientsQuery;
import dev.strata.application.identity.port.ListClientsUseCase;
import dev.strata.application.identity.port.ListClientsUseCase.ClientView;
import dev.strata.application.shared.Page;
import dev.strata.application.shared.PageRequest;
import dev.strata.domain.shared.ClientId;
import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;

/** HTTP adapter: service clients of the caller's tenant ({@code /v1/clients}, scope {@code admin}). */
@Controller("/v1/clients")
@RequiresScope("admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "clients")
@SecurityRequirement(name = "bearerAuth")
public class ClientsController {
    private final CreateClientUseCase createClient;
    private final ListClientsUseCase listClients;
    private final DeleteClientUseCase deleteClient;

    public ClientsController(CreateClientUseCase createClient, ListClientsUseCase listClients, DeleteClientUseCase deleteClient) {
        this.createClient = createClient;
        this.listClients = listClients;
        this.deleteClient = deleteClient;
    }

    @Operation(summary = "Create a service client; the secret is returned once")
    @Post
    public HttpResponse<ClientCreatedResponse> create(@Body @Valid CreateClientRequest request) {
        ClientCredentials created = createClient.createClient(
                new CreateClientCommand(request.name(), Scope.parseAll("scopes", request.scopes())));
        return HttpResponse.<ClientCreatedResponse>status(HttpStatus.CREATED)
                .header("Cache-Control", "no-store")
                .body(new ClientCreatedResponse(created.clientId().value(), created.clientSecret(), request.name().strip(),
                        wire(created.scopes())));
    }

    @Operation(summary = "List the tenant's service clients")
    @Get
    public PageResponse<ClientResponse> list(@QueryValue @Nullable Integer limit, @QueryValue @Nullable String cursor) {
        Page<ClientView> page = listClients.listClients(new ListClientsQuery(PageRequest.of(limit, cursor)));
        return new PageResponse<>(page.items().stream()
                .map(c -> new ClientResponse(c.clientId().value(), c.name(), wire(c.scopes()), c.createdAt()))
                .toList(), page.nextCursor().orElse(null));
    }

    @Operation(summary = "Delete a service client; its tokens stop working at once on every instance")
    @Delete("/{clientId}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable String clientId) {
        if (!ClientId.isWellFormed(clientId)) {
            throw new NotFoundException("sessions.client_not_found", "client not found");
        }
        deleteClient.deleteClient(new DeleteClientCommand(new ClientId(clientId)));
    }

    private static List<String> wire(java.util.Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::wire).toList();
    }
}
