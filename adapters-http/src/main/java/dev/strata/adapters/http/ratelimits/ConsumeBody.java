package dev.strata.adapters.http.ratelimits;

import dev.strata.domain.ratelimits.RateDecision;
import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;

/**
 * HTTP adapter helper of {@link RateLimitConsumeFastPath}: reads the plain consume body and writes the decision,
 * byte for byte as Micronaut's binding and serialisation of {@link ConsumeRequest} and {@link RateDecisionResponse}
 * read and write them. The reader takes only what it is sure of — an object of {@code "key"} (a string without
 * escapes or control characters) and optionally {@code "cost"} (an integer of at most four digits), each once,
 * JSON whitespace between — and answers null for anything else, which Micronaut then reads (or refuses) itself.
 *
 * @param key  the key to count
 * @param cost the units to consume (1 when absent)
 */
record ConsumeBody(String key, int cost) {
    /** The body, or null when it is anything but the plain case. */
    @Nullable
    static ConsumeBody parse(String json) {
        Reader in = new Reader(json);
        String key = null;
        int cost = -1;
        in.space();
        if (!in.take('{')) {
            return null;
        }
        in.space();
        do {
            in.space();
            String name = in.string();
            in.space();
            if (name == null || !in.take(':')) {
                return null;
            }
            in.space();
            if (name.equals("key") && key == null) {
                key = in.string();
                if (key == null) {
                    return null;
                }
            } else if (name.equals("cost") && cost < 0) {
                cost = in.integer();
                if (cost < 0) {
                    return null;
                }
            } else {
                return null; // another field, or one twice: Micronaut's reading decides
            }
            in.space();
        } while (in.take(','));
        if (!in.take('}')) {
            return null;
        }
        in.space();
        return in.atEnd() && key != null ? new ConsumeBody(key, cost < 0 ? 1 : cost) : null;
    }

    /** The decision as {@link RateDecisionResponse} is written. */
    static byte[] json(RateDecision decision) {
        String text = "{\"allowed\":" + decision.allowed() + ",\"limit\":" + decision.limit() + ",\"remaining\":"
                + decision.remaining() + ",\"resetAt\":\"" + decision.resetAt() + "\"}";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A cursor over the body. */
    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        void space() {
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                at++;
            }
        }

        boolean take(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        boolean atEnd() {
            return at == text.length();
        }

        /** A string without escapes; null for anything else. */
        @Nullable
        String string() {
            if (!take('"')) {
                return null;
            }
            int start = at;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == '"') {
                    return text.substring(start, at++);
                }
                if (c == '\\' || c < 0x20 || Character.isSurrogate(c) || c == '\uFFFD') {
                    return null; // escapes, control characters, surrogates: Micronaut's reading
                }
                at++;
            }
            return null;
        }

        /** A non-negative integer of 1-4 digits without a leading zero; -1 for anything else. */
        int integer() {
            int start = at;
            int value = 0;
            while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                value = value * 10 + (text.charAt(at) - '0');
                at++;
                if (at - start > 4) {
                    return -1;
                }
            }
            int digits = at - start;
            if (digits == 0 || (digits > 1 && text.charAt(start) == '0')) {
                return -1;
            }
            if (at < text.length()) {
                char next = text.charAt(at);
                if (next == '.' || next == 'e' || next == 'E') {
                    return -1;
                }
            }
            return value;
        }
    }
}
