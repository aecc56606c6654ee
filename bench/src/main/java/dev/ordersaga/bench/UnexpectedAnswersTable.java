package dev.ordersaga.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The unexpected answers of a run as its reports show them: a markdown table, and the same for the JSON. */
final class UnexpectedAnswersTable {

    private UnexpectedAnswersTable() {}

    /**
     * A report's table: one row per kind, the most frequent first (or a line saying there were
     * none).
     */
    static String markdown(List<UnexpectedAnswers.Entry> entries) {
        StringBuilder md = new StringBuilder("\nUnexpected answers (anything but what the request was sent to get:"
                + " 201 valid, 402 declined, 409 out of stock, 400 bad request), by status and problem;"
                + " seconds of the run by the second the request was sent: ");
        if (entries.isEmpty()) {
            return md.append("none.\n").toString();
        }
        md.append("\n\n| status | code | title | answers | counted as | first / last at s | example |\n");
        md.append("|---:|---|---|---:|---|---:|---|\n");
        for (UnexpectedAnswers.Entry e : entries) {
            UnexpectedAnswers.Kind k = e.kind();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %d | %s | %d / %d | %s |%n",
                    k.status() == 0 ? "no answer" : Integer.toString(k.status()),
                    cell(k.code()),
                    cell(k.title() + (k.type() == null ? "" : " (" + k.type() + ")")),
                    e.count(),
                    e.outcome(),
                    e.firstSecond(),
                    e.lastSecond(),
                    cell(example(e.example()))));
        }
        return md.toString();
    }

    /** {@code valid order sent at 496.2 s: A valid bearer token is required ...}. */
    static String example(UnexpectedAnswers.Example example) {
        return String.format(
                Locale.ROOT,
                "%s order sent at %.1f s: %s",
                example.request().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                example.atSecond(),
                example.detail());
    }

    /** The same, for a report's JSON. */
    static List<Map<String, Object>> json(List<UnexpectedAnswers.Entry> entries) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (UnexpectedAnswers.Entry e : entries) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("status", e.kind().status());
            row.put("code", e.kind().code());
            row.put("title", e.kind().title());
            row.put("type", e.kind().type());
            row.put("outcome", e.outcome().name());
            row.put("count", e.count());
            row.put("first_second", e.firstSecond());
            row.put("last_second", e.lastSecond());
            Map<String, Object> example = new LinkedHashMap<>();
            example.put("sent_at_s", Math.round(e.example().atSecond() * 1000) / 1000.0);
            example.put("request", e.example().request().name());
            example.put("detail", e.example().detail());
            row.put("example", example);
            list.add(row);
        }
        return list;
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "/").replace("\n", " ");
    }
}
