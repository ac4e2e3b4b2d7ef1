package dev.strata.adapters.http.secrets;

import io.micronaut.serde.annotation.Serdeable;

/** Response of {@code POST /v1/admin/secrets/rewrap}: how many versions were re-wrapped under {@code activeKey}. */
@Serdeable
public record RewrapResponse(int rewrapped, String activeKey) {
}
