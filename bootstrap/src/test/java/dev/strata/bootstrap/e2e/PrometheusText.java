package dev.strata.bootstrap.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test support: a strict parser of the Prometheus text exposition format (0.0.4). It refuses what Prometheus would
 * refuse — bad names, bad label syntax or escapes, values that are not numbers, a family typed twice or sampled
 * before its TYPE line, a sample whose name does not belong to the family typed last for it.
 */
final class PrometheusText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    final List<Sample> samples = new ArrayList<>();
    final Map<String, String> types = new LinkedHashMap<>();

    private PrometheusText() {
    }

    static PrometheusText parse(String text) {
        PrometheusText parsed = new PrometheusText();
        Map<String, Boolean> helped = new HashMap<>();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            String where = "line " + lineNo + ": " + line;
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length >= 3 && parts[1].equals("TYPE")) {
                    require(NAME.matcher(parts[2]).matches(), "metric name", where);
                    require(parts.length == 4 && TYPES.contains(parts[3]), "metric type", where);
                    require(parsed.types.put(parts[2], parts[3]) == null, "one TYPE per family", where);
                } else if (parts.length >= 3 && parts[1].equals("HELP")) {
                    require(NAME.matcher(parts[2]).matches(), "metric name", where);
                    require(helped.put(parts[2], true) == null, "one HELP per family", where);
                }
                continue;
            }
            parsed.samples.add(sample(line, where, parsed.types));
        }
        return parsed;
    }

    private static Sample sample(String line, String where, Map<String, String> types) {
        Matcher name = NAME.matcher(line);
        require(name.lookingAt(), "sample name", where);
        String metric = name.group();
        int i = name.end();
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                Matcher label = LABEL_NAME.matcher(line).region(i, line.length());
                require(label.lookingAt(), "label name", where);
                i = label.end();
                require(line.startsWith("=\"", i), "label =\"", where);
                i += 2;
                StringBuilder value = new StringBuilder();
                while (true) {
                    require(i < line.length(), "closed label value", where);
                    char c = line.charAt(i++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        require(i < line.length(), "escape", where);
                        char e = line.charAt(i++);
                        require(e == '\\' || e == '"' || e == 'n', "escape \\\\, \\\" or \\n", where);
                        value.append(e == 'n' ? '\n' : e);
                    } else {
                        value.append(c);
                    }
                }
                require(labels.put(label.group(), value.toString()) == null, "labels unique", where);
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        require(i < line.length() && line.charAt(i) == ' ', "space before the value", where);
        String[] rest = line.substring(i + 1).split(" ");
        require(rest.length == 1 || rest.length == 2, "value [timestamp]", where);
        double value = value(rest[0], where);
        if (rest.length == 2) {
            try {
                Long.parseLong(rest[1]);
            } catch (NumberFormatException e) {
                throw new AssertionError("timestamp: " + where);
            }
        }
        require(familyOf(metric, types) != null, "a TYPE line before the family's samples", where);
        return new Sample(metric, labels, value);
    }

    /** The family a sample name belongs to ({@code x_bucket} to histogram {@code x}, ...), or null. */
    static String familyOf(String metric, Map<String, String> types) {
        if (types.containsKey(metric)) {
            return metric;
        }
        for (String suffix : new String[] {"_bucket", "_count", "_sum", "_total", "_created"}) {
            if (metric.endsWith(suffix)) {
                String family = metric.substring(0, metric.length() - suffix.length());
                if (types.containsKey(family)) {
                    return family;
                }
            }
        }
        return null;
    }

    private static double value(String text, String where) {
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new AssertionError("sample value: " + where);
                }
        }
    }

    /** Every sample name and family name exposed. */
    Set<String> names() {
        Set<String> names = new TreeSet<>(types.keySet());
        samples.forEach(s -> names.add(s.name()));
        return names;
    }

    /** The value of the first sample of {@code name} whose labels include {@code labels}, or null. */
    Double value(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .map(Sample::value).findFirst().orElse(null);
    }

    private static void require(boolean ok, String what, String where) {
        if (!ok) {
            throw new AssertionError("not Prometheus text format (" + what + ") at " + where);
        }
    }
}
