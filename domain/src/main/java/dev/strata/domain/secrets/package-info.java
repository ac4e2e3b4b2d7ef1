/**
 * Secrets: named, versioned values encrypted with a per-version data key that a master key wraps.
 * Only ciphertext and wrapped keys cross the store's port; plaintext exists only inside the use case.
 */
package dev.strata.domain.secrets;
