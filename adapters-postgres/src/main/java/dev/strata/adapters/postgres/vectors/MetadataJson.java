package dev.strata.adapters.postgres.vectors;

import dev.strata.domain.vectors.Metadata;
import dev.strata.domain.vectors.MetadataValue;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Writes flat metadata as a JSON object for jsonb, and reads jsonb's text form back (flat objects of scalars only). */
final class MetadataJson {
    private MetadataJson() {
    }

    static String write(Metadata metadata) {
        StringBuilder json = new StringBuilder("{");
        new TreeMap<>(metadata.fields()).forEach((name, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            string(json, name).append(':');
            value(json, value);
        });
        return json.append('}').toString();
    }

    /** A one-field object, the right-hand side of a jsonb containment ({@code @>}) test. */
    static String single(String field, MetadataValue value) {
        StringBuilder json = new StringBuilder("{");
        string(json, field).append(':');
        value(json, value);
        return json.append('}').toString();
    }

    private static void value(StringBuilder json, MetadataValue value) {
        if (value instanceof MetadataValue.Text text) {
            string(json, text.value());
        } else if (value instanceof MetadataValue.Numeric number) {
            json.append(number.value().toString());
        } else if (value instanceof MetadataValue.Bool flag) {
            json.append(flag.value());
        }
    }

    private static StringBuilder string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }

    /** Parses the text of a jsonb object whose values are strings, numbers or booleans. */
    static Metadata read(String json) {
        Parser parser = new Parser(json);
        Map<String, MetadataValue> fields = parser.object();
        return Metadata.of(fields);
    }

    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Map<String, MetadataValue> object() {
            Map<String, MetadataValue> fields = new LinkedHashMap<>();
            expect('{');
            skipSpace();
            if (peek() == '}') {
                at++;
                return fields;
            }
            while (true) {
                skipSpace();
                String name = string();
                skipSpace();
                expect(':');
                skipSpace();
                fields.put(name, value());
                skipSpace();
                char next = text.charAt(at++);
                if (next == '}') {
                    return fields;
                }
                if (next != ',') {
                    throw new IllegalStateException("unexpected metadata json at " + (at - 1));
                }
            }
        }

        private MetadataValue value() {
            char c = peek();
            if (c == '"') {
                return MetadataValue.of(string());
            }
            if (text.startsWith("true", at)) {
                at += 4;
                return MetadataValue.of(true);
            }
            if (text.startsWith("false", at)) {
                at += 5;
                return MetadataValue.of(false);
            }
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            if (start == at) {
                throw new IllegalStateException("unexpected metadata json value at " + at);
            }
            return MetadataValue.of(new BigDecimal(text.substring(start, at)));
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(escaped);
                }
            }
        }

        private char peek() {
            return text.charAt(at);
        }

        private void expect(char c) {
            if (text.charAt(at) != c) {
                throw new IllegalStateException("expected '" + c + "' in metadata json at " + at);
            }
            at++;
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
