package dev.strata.adapters.http.identity;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Request of {@code POST /v1/clients}. */
@Serdeable
public record CreateClientRequest(@NotBlank @Size(max = 100) String name,
                                  @NotNull @NotEmpty @Size(max = 20) List<@NotBlank String> scopes) {
}
