package dev.strata.domain.secrets;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Value object: the outcome of checking a tenant's audit chain — valid over {@code checked} records, or broken at
 * the sequence of the first record that does not link, with why.
 */
public record ChainVerification(long checked, OptionalLong brokenAt, Optional<String> reason) {
    public ChainVerification {
        if (checked < 0 || brokenAt == null || reason == null || brokenAt.isPresent() != reason.isPresent()) {
            throw new IllegalArgumentException("a broken chain names where and why; a valid one neither");
        }
    }

    public static ChainVerification valid(long checked) {
        return new ChainVerification(checked, OptionalLong.empty(), Optional.empty());
    }

    public static ChainVerification brokenAt(long checked, long sequence, String reason) {
        return new ChainVerification(checked, OptionalLong.of(sequence), Optional.of(reason));
    }

    public boolean valid() {
        return brokenAt.isEmpty();
    }
}
