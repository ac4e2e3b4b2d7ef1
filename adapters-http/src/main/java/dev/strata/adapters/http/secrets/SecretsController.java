package dev.strata.adapters.http.secrets;

import dev.strata.adapters.http.observability.RequestIds;
import dev.strata.adapters.http.security.AccessPrincipal;
import dev.strata.adapters.http.security.RequiresScope;
import dev.strata.adapters.http.shared.PageResponse;
import dev.strata.application.secrets.port.BrowseSecretsUseCase;
import dev.strata.application.secrets.port.CreateSecretCommand;
import dev.strata.application.secrets.port.CreateSecretUseCase;
import dev.strata.application.secrets.port.DeleteSecretCommand;
import dev.strata.application.secrets.port.DeleteSecretUseCase;
import dev.strata.application.secrets.port.PromoteSecretCommand;
import dev.strata.application.secrets.port.PromoteSecretUseCase;
import dev.strata.application.secrets.port.RevealSecretCommand;
import dev.strata.application.secrets.port.RevealSecretUseCase;
import dev.strata.application.secrets.port.RevealedSecret;
import dev.strata.application.secrets.port.RewrapSecretsCommand;
import dev.strata.application.secrets.port.RewrapSecretsUseCase;
import dev.strata.application.secrets.port.RotateSecretCommand;
import dev.strata.application.secrets.port.RotateSecretUseCase;
import dev.strata.application.secrets.port.SecretCaller;
import dev.strata.application.shared.PageRequest;
import dev.strata.domain.secrets.AuditRecord;
import dev.strata.domain.secrets.ChainVerification;
import dev.strata.domain.secrets.MasterKeyRing;
import dev.strata.domain.secrets.SecretMetadata;
import dev.strata.domain.secrets.SecretVersion;
import dev.strata.domain.secrets.VaultSealedException;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * HTTP adapter: the tenant's secrets ({@code /v1/secrets}, scopes {@code secrets:read|write|reveal}, audit and
 * re-wrap {@code admin}). Values only ever travel in a reveal's response body; a sealed vault answers 503.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "secrets")
@SecurityRequirement(name = "bearerAuth")
public class SecretsController {
    private static final String PENDING = "pending";

    private final CreateSecretUseCase create;
    private final RotateSecretUseCase rotate;
    private final PromoteSecretUseCase promote;
    private final RevealSecretUseCase reveal;
    private final DeleteSecretUseCase delete;
    private final RewrapSecretsUseCase rewrap;
    private final BrowseSecretsUseCase browse;
    private final MasterKeyRing ring;
    private final Clock clock;
    /** {@code strata_secrets_reveals_total{result}}: reveals answered and refused; never a name or a tenant. */
    private final Counter revealed;
    private final Counter refused;

    public SecretsController(CreateSecretUseCase create, RotateSecretUseCase rotate, PromoteSecretUseCase promote,
                             RevealSecretUseCase reveal, DeleteSecretUseCase delete, RewrapSecretsUseCase rewrap,
                             BrowseSecretsUseCase browse, MasterKeyRing ring, Clock clock, MeterRegistry meters) {
        this.revealed = Counter.builder("strata.secrets.reveals").description("Secret reveals by result")
                .tag("result", "revealed").register(meters);
        this.refused = Counter.builder("strata.secrets.reveals").description("Secret reveals by result")
                .tag("result", "refused").register(meters);
        this.create = create;
        this.rotate = rotate;
        this.promote = promote;
        this.reveal = reveal;
        this.delete = delete;
        this.rewrap = rewrap;
        this.browse = browse;
        this.ring = ring;
        this.clock = clock;
    }

    @Operation(summary = "Create a secret (version 1); no value: 32 random bytes, base64url. 413 beyond 64 KiB")
    @Post("/v1/secrets")
    @RequiresScope("secrets:write")
    public HttpResponse<SecretResponse> create(@Body @Valid CreateSecretRequest request,
                                               @RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal,
                                               HttpRequest<?> http) {
        SecretMetadata created = create.create(new CreateSecretCommand(new ResourceName(request.name()),
                Optional.ofNullable(request.value()), Optional.ofNullable(request.description()),
                Optional.ofNullable(request.service()), optional(request.rotationPeriodDays()),
                optional(request.maxVersions()), caller(principal, http)));
        return HttpResponse.status(HttpStatus.CREATED).body(response(created));
    }

    @Operation(summary = "Metadata of the tenant's secrets by name; ?due=true: only those due for rotation")
    @Get("/v1/secrets")
    @RequiresScope("secrets:read")
    public PageResponse<SecretResponse> list(@QueryValue @Nullable Boolean due, @QueryValue @Nullable Integer limit,
                                             @QueryValue @Nullable String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        Optional<ResourceName> after = page.position().map(ResourceName::new);
        List<SecretMetadata> items = browse.list(after, page.limit(), Boolean.TRUE.equals(due));
        String next = items.size() < page.limit() ? null : PageRequest.encode(items.get(items.size() - 1).name().value());
        return new PageResponse<>(items.stream().map(this::response).toList(), next);
    }

    @Operation(summary = "The audit of the tenant's vault operations (of one secret with ?name=), and whether the hash chain verifies")
    @Get("/v1/secrets/audit")
    @RequiresScope("admin")
    public AuditResponse audit(@QueryValue @Nullable String name, @QueryValue @Nullable Integer limit,
                               @QueryValue @Nullable String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        long after = page.position().map(SecretsController::sequence).orElse(0L);
        Optional<ResourceName> secret = Optional.ofNullable(name).filter(n -> !n.isEmpty()).map(ResourceName::new);
        List<AuditRecord> records = browse.audit(secret, after, page.limit());
        ChainVerification chain = browse.verifyAudit();
        String next = records.size() < page.limit() ? null
                : PageRequest.encode(Long.toString(records.get(records.size() - 1).sequence()));
        return new AuditResponse(chain.valid(), chain.checked(),
                chain.brokenAt().isPresent() ? chain.brokenAt().getAsLong() : null, chain.reason().orElse(null),
                records.stream().map(SecretsController::response).toList(), next);
    }

    @Operation(summary = "Metadata of one secret (never its value)")
    @Get("/v1/secrets/{name}")
    @RequiresScope("secrets:read")
    public SecretResponse get(@PathVariable String name) {
        return response(browse.find(new ResourceName(name)));
    }

    @Operation(summary = "The versions that still have key material, oldest first")
    @Get("/v1/secrets/{name}/versions")
    @RequiresScope("secrets:read")
    public PageResponse<SecretVersionResponse> versions(@PathVariable String name) {
        List<SecretVersion> versions = browse.versions(new ResourceName(name));
        return new PageResponse<>(versions.stream().map(v -> new SecretVersionResponse(v.version(),
                v.state().name().toLowerCase(java.util.Locale.ROOT), v.createdAt(), v.value().keyId())).toList(), null);
    }

    @Operation(summary = "Reveal a version's value (audited; fails with 503 when the audit record cannot be written). "
            + "Current version by default, {version} by number, ?stage=pending the staged one")
    @Post("/v1/secrets/{name}/reveal")
    @RequiresScope("secrets:reveal")
    public RevealedSecretResponse reveal(@PathVariable String name, @Body @Nullable RevealSecretRequest request,
                                         @QueryValue @Nullable String stage,
                                         @RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal,
                                         HttpRequest<?> http) {
        OptionalInt version = request == null ? OptionalInt.empty() : optional(request.version());
        boolean pending = pending(stage);
        if (pending && version.isPresent()) {
            throw new InvalidInputException("stage", "give either a version or stage=pending");
        }
        RevealedSecret value;
        try {
            value = reveal.reveal(new RevealSecretCommand(new ResourceName(name), version, pending, caller(principal, http)));
        } catch (RuntimeException e) {
            refused.increment();
            throw e;
        }
        revealed.increment();
        return new RevealedSecretResponse(value.name().value(), value.version(), value.value());
    }

    @Operation(summary = "Rotate: version n+1 (random value when none given) becomes current; {stage: true} adds it as pending")
    @Post("/v1/secrets/{name}/rotate")
    @RequiresScope("secrets:write")
    public SecretResponse rotate(@PathVariable String name, @Body @Nullable RotateSecretRequest request,
                                 @RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal,
                                 HttpRequest<?> http) {
        Optional<String> value = request == null ? Optional.empty() : Optional.ofNullable(request.value());
        boolean stage = request != null && Boolean.TRUE.equals(request.stage());
        return response(rotate.rotate(new RotateSecretCommand(new ResourceName(name), value, stage, caller(principal, http))));
    }

    @Operation(summary = "Make the pending version of a staged rotation current")
    @Post("/v1/secrets/{name}/promote")
    @RequiresScope("secrets:write")
    public SecretResponse promote(@PathVariable String name,
                                  @RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal,
                                  HttpRequest<?> http) {
        return response(promote.promote(new PromoteSecretCommand(new ResourceName(name), caller(principal, http))));
    }

    @Operation(summary = "Delete the secret and destroy the key material of every version")
    @Delete("/v1/secrets/{name}")
    @RequiresScope("secrets:write")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable String name, @RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal,
                       HttpRequest<?> http) {
        delete.delete(new DeleteSecretCommand(new ResourceName(name), caller(principal, http)));
    }

    @Operation(summary = "Re-wrap every data key of the tenant under the active master key (values are never decrypted)")
    @Post("/v1/admin/secrets/rewrap")
    @RequiresScope("admin")
    public RewrapResponse rewrap(@RequestAttribute(AccessPrincipal.ATTRIBUTE) AccessPrincipal principal,
                                 HttpRequest<?> http) {
        int count = rewrap.rewrap(new RewrapSecretsCommand(caller(principal, http)));
        return new RewrapResponse(count, ring.activeId().orElseThrow(VaultSealedException::new));
    }

    private SecretResponse response(SecretMetadata metadata) {
        Integer pending = metadata.hasPending() ? metadata.latestVersion() : null;
        return new SecretResponse(metadata.name().value(), metadata.description().orElse(null),
                metadata.service().orElse(null), metadata.version(), pending, metadata.createdAt(),
                metadata.lastRotatedAt(), metadata.rotationPeriodDays(), metadata.rotationDue(clock),
                metadata.rotationDueAt(), metadata.maxVersions());
    }

    private static AuditRecordResponse response(AuditRecord record) {
        HexFormat hex = HexFormat.of();
        return new AuditRecordResponse(record.sequence(), record.entry().actor(), record.entry().secret().value(),
                record.entry().version(), record.entry().action().name().toLowerCase(java.util.Locale.ROOT),
                record.entry().requestId(), record.entry().time(), hex.formatHex(record.prevHash()),
                hex.formatHex(record.hash()));
    }

    private static SecretCaller caller(AccessPrincipal principal, HttpRequest<?> http) {
        return new SecretCaller(principal.subject(), RequestIds.resolve(http));
    }

    private static boolean pending(@Nullable String stage) {
        if (stage == null || stage.isEmpty()) {
            return false;
        }
        if (!PENDING.equals(stage)) {
            throw new InvalidInputException("stage", "stage must be 'pending'");
        }
        return true;
    }

    private static OptionalInt optional(@Nullable Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static long sequence(String position) {
        try {
            return Long.parseLong(position);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("cursor", "cursor is not valid");
        }
    }
}
