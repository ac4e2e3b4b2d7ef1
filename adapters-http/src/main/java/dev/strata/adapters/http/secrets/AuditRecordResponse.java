package dev.strata.adapters.http.secrets;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One audit record with its chain hashes (hex). */
@Serdeable
public record AuditRecordResponse(long sequence, String actor, String secret, int version, String action,
                                  String requestId, Instant time, String prevHash, String hash) {
}
