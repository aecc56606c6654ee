package dev.ordersaga.composecheck;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The metric names a PromQL expression reads, as Grafana sends it (with {@code $variables}). Not a
 * full PromQL parser: it checks that brackets and strings are balanced and tells names from
 * functions, aggregations, keywords, label lists, label matchers, numbers and durations, which is
 * what a dashboard check needs. Prometheus itself is the judge of the rest (the root README says how
 * to run the dashboards' queries against it by hand). Public: local-stack's DashboardMetricsIT uses
 * it on a running stack.
 */
public final class PromQl {

    private static final Set<String> AGGREGATIONS = Set.of(
            "sum",
            "min",
            "max",
            "avg",
            "group",
            "stddev",
            "stdvar",
            "count",
            "count_values",
            "bottomk",
            "topk",
            "quantile",
            "limitk",
            "limit_ratio");

    /** Followed by a parenthesised list of label names, not of expressions. */
    private static final Set<String> LABEL_LIST_KEYWORDS =
            Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

    private static final Set<String> KEYWORDS = Set.of("bool", "offset", "and", "or", "unless", "atan2", "inf", "nan");

    private PromQl() {}

    /**
     * The metric names of {@code expression}, in order of appearance.
     *
     * @throws IllegalArgumentException if its brackets or strings do not balance
     */
    public static Set<String> metricNames(String expression) {
        Set<String> names = new LinkedHashSet<>();
        Deque<Character> open = new ArrayDeque<>();
        boolean labelListNext = false;
        int i = 0;
        int n = expression.length();
        while (i < n) {
            char c = expression.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'' || c == '`') {
                i = afterString(expression, i);
            } else if (c == '#') {
                int eol = expression.indexOf('\n', i);
                i = eol < 0 ? n : eol;
            } else if (c == '{') {
                i = afterClosing(expression, i, '{', '}');
            } else if (c == '[') {
                i = afterClosing(expression, i, '[', ']');
            } else if (c == '$') {
                i = afterVariable(expression, i);
            } else if (c == '(') {
                if (labelListNext) {
                    i = afterClosing(expression, i, '(', ')');
                    labelListNext = false;
                } else {
                    open.push('(');
                    i++;
                }
            } else if (c == ')') {
                if (open.isEmpty()) {
                    throw new IllegalArgumentException("unbalanced ')' at " + i + " in: " + expression);
                }
                open.pop();
                i++;
            } else if (c == ']' || c == '}') {
                throw new IllegalArgumentException("unbalanced '" + c + "' at " + i + " in: " + expression);
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(expression.charAt(i + 1)))) {
                i = afterNumber(expression, i);
            } else if (isNameStart(c)) {
                int end = i + 1;
                while (end < n && isNamePart(expression.charAt(end))) {
                    end++;
                }
                String word = expression.substring(i, end);
                char next = nextNonSpace(expression, end);
                if (LABEL_LIST_KEYWORDS.contains(word)) {
                    labelListNext = next == '(';
                } else if (!KEYWORDS.contains(word) && !AGGREGATIONS.contains(word) && next != '(') {
                    names.add(word);
                }
                i = end;
            } else {
                i++; // an operator, a comma, '@'
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalArgumentException("unclosed '(' in: " + expression);
        }
        return names;
    }

    /**
     * The label names {@code expression} groups, joins or filters by: the names in {@code by},
     * {@code without}, {@code on}, {@code ignoring}, {@code group_left} and {@code group_right}
     * lists and on the left of label matchers ({@code {uri="/x"}}). {@code __name__} is left out.
     *
     * @throws IllegalArgumentException if its brackets or strings do not balance
     */
    public static Set<String> labelNames(String expression) {
        metricNames(expression); // the same balance checks
        Set<String> labels = new LinkedHashSet<>();
        int i = 0;
        int n = expression.length();
        boolean labelListNext = false;
        while (i < n) {
            char c = expression.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = afterString(expression, i);
            } else if (c == '[') {
                i = afterClosing(expression, i, '[', ']');
            } else if (c == '$') {
                i = afterVariable(expression, i);
            } else if (c == '{' || (c == '(' && labelListNext)) {
                int end = afterClosing(expression, i, c, c == '{' ? '}' : ')');
                collectLabelNames(expression.substring(i + 1, end - 1), labels);
                labelListNext = false;
                i = end;
            } else if (isNameStart(c)) {
                int end = i + 1;
                while (end < n && isNamePart(expression.charAt(end))) {
                    end++;
                }
                labelListNext = LABEL_LIST_KEYWORDS.contains(expression.substring(i, end))
                        && nextNonSpace(expression, end) == '(';
                i = end;
            } else {
                i++;
            }
        }
        labels.remove("__name__");
        return labels;
    }

    /** The names of {@code a, b} or of {@code a="x", b=~"y"}: every name not inside a string. */
    private static void collectLabelNames(String inside, Set<String> labels) {
        int i = 0;
        boolean expectName = true;
        while (i < inside.length()) {
            char c = inside.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = afterString(inside, i);
            } else if (c == ',') {
                expectName = true;
                i++;
            } else if (expectName && isNameStart(c)) {
                int end = i + 1;
                while (end < inside.length() && isNamePart(inside.charAt(end))) {
                    end++;
                }
                labels.add(inside.substring(i, end));
                expectName = false;
                i = end;
            } else {
                i++;
            }
        }
    }

    /**
     * The label names on the samples of each metric of a {@code /actuator/prometheus} page:
     * metric name → every label name any of its series has.
     */
    public static java.util.Map<String, Set<String>> exposedLabels(String exposition) {
        java.util.Map<String, Set<String>> byMetric = new java.util.LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && isNamePart(line.charAt(end))) {
                end++;
            }
            if (end == 0) {
                continue;
            }
            Set<String> labels = byMetric.computeIfAbsent(line.substring(0, end), k -> new LinkedHashSet<>());
            if (end < line.length() && line.charAt(end) == '{') {
                collectLabelNames(line.substring(end + 1, afterClosing(line, end, '{', '}') - 1), labels);
            }
        }
        return byMetric;
    }

    /**
     * The metric names of a Grafana template variable's query: {@code label_values(expr, label)}
     * reads {@code expr}'s names, {@code label_values(label)} none, {@code query_result(expr)} and a
     * plain expression their names.
     */
    public static Set<String> templateQueryMetricNames(String query) {
        String trimmed = query.strip();
        if (trimmed.startsWith("label_values(") && trimmed.endsWith(")")) {
            String inner = trimmed.substring("label_values(".length(), trimmed.length() - 1);
            int comma = inner.lastIndexOf(',');
            return comma < 0 ? Set.of() : metricNames(inner.substring(0, comma));
        }
        if (trimmed.startsWith("query_result(") && trimmed.endsWith(")")) {
            return metricNames(trimmed.substring("query_result(".length(), trimmed.length() - 1));
        }
        return metricNames(trimmed);
    }

    /** The metric names a {@code /actuator/prometheus} page (Prometheus text format) has samples of. */
    public static Set<String> exposedNames(String exposition) {
        return new LinkedHashSet<>(exposedLabels(exposition).keySet());
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_' || c == ':';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || Character.isDigit(c);
    }

    private static char nextNonSpace(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return text.charAt(i);
            }
        }
        return 0;
    }

    private static int afterString(String text, int start) {
        char quote = text.charAt(start);
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quote != '`') {
                i++;
            } else if (c == quote) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("unterminated string at " + start + " in: " + text);
    }

    /** Past the bracket that closes the one at {@code start}, strings inside skipped. */
    private static int afterClosing(String text, int start, char opening, char closing) {
        int depth = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = afterString(text, i) - 1;
            } else if (c == opening) {
                depth++;
            } else if (c == closing && --depth == 0) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("unclosed '" + opening + "' at " + start + " in: " + text);
    }

    /** {@code $name}, {@code $__rate_interval}, {@code ${name}} or {@code ${name:format}}. */
    private static int afterVariable(String text, int start) {
        if (start + 1 < text.length() && text.charAt(start + 1) == '{') {
            return afterClosing(text, start + 1, '{', '}');
        }
        int i = start + 1;
        while (i < text.length() && isNamePart(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** A number (1, 0.99, 1e-3, 0x1f) or a duration (5m, 1h30m). */
    private static int afterNumber(String text, int start) {
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean exponentSign = (c == '+' || c == '-')
                    && (text.charAt(i - 1) == 'e' || text.charAt(i - 1) == 'E')
                    && !text.substring(start, i).startsWith("0x");
            if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || exponentSign) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }
}
