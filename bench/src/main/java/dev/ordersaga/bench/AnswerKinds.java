package dev.ordersaga.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import tools.jackson.databind.JsonNode;

/**
 * What kind an unexpected answer is ({@link UnexpectedAnswers.Kind}) and the text its example keeps: from the HTTP
 * status and the RFC 9457 problem's {@code code}, {@code title} and {@code type}, or, without an answer, from the
 * exception inside the wrappers an asynchronous call puts around it. Texts kept are one line, cut to {@link
 * #MAX_TEXT} characters.
 */
final class AnswerKinds {

    /** Texts kept (title, detail, an exception's message) are cut to this many characters. */
    static final int MAX_TEXT = 120;

    static final String PROBLEM_JSON = "application/problem+json";

    private AnswerKinds() {}

    /**
     * The kind of an answer with this status.
     *
     * @param contentType the answer's {@code Content-Type}, null if none
     * @param json its body parsed, null if the body is no JSON
     */
    static UnexpectedAnswers.Kind of(int status, String contentType, JsonNode json) {
        boolean problem =
                contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(PROBLEM_JSON);
        String code = text(json, "code");
        if (code == null && status < 300) {
            code = text(json, "status");
        }
        String title = text(json, "title");
        if (title == null) {
            title = "no problem detail (" + (contentType == null ? "no Content-Type" : contentType) + ")";
        } else if (!problem) {
            title = title + " (as " + (contentType == null ? "no Content-Type" : contentType) + ")";
        }
        String type = text(json, "type");
        if ("about:blank".equals(type)) {
            type = null;
        }
        return new UnexpectedAnswers.Kind(status, code, title, type);
    }

    /**
     * An answer's example text: the first line of the problem's {@code detail}, of the body when it has none.
     *
     * @param json the body parsed, null if the body is no JSON
     * @param body the body as text
     */
    static String detail(JsonNode json, String body) {
        return json != null && json.has("detail") ? text(json, "detail") : firstLine(body);
    }

    /**
     * The kind of a request that got no answer: the exception's class, its message as the title (without one, its
     * cause's class and message; "" if neither).
     */
    static UnexpectedAnswers.Kind of(Throwable error) {
        Throwable cause = unwrap(error);
        String message = cause == null ? null : firstLine(cause.getMessage());
        if (message == null && cause != null && cause.getCause() != null) {
            message = cause.getCause().getClass().getSimpleName()
                    + (cause.getCause().getMessage() == null
                            ? ""
                            : ": " + firstLine(cause.getCause().getMessage()));
        }
        String code = cause == null ? "unknown" : cause.getClass().getSimpleName();
        return new UnexpectedAnswers.Kind(0, code, message == null ? "" : message, null);
    }

    /** The kind of a request that the client itself did not send ({@code reason}). */
    static UnexpectedAnswers.Kind unsent(String reason) {
        return new UnexpectedAnswers.Kind(0, "client", cut(reason), null);
    }

    /** The exception that says what happened, out of the wrappers an asynchronous call puts around it. */
    static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while (e != null && e.getCause() != null && e.getCause() != e) {
            boolean wrapper = e instanceof CompletionException
                    || e instanceof ExecutionException
                    || e instanceof UncheckedIOException
                    || (e instanceof IllegalStateException && e.getCause() instanceof IOException);
            if (!wrapper) {
                break;
            }
            e = e.getCause();
        }
        return e;
    }

    private static String text(JsonNode json, String field) {
        if (json == null || !json.isObject()) {
            return null;
        }
        JsonNode value = json.get(field);
        return value == null || value.isNull() || value.isContainer() ? null : firstLine(value.asString());
    }

    /** The first line of {@code text}, cut to {@link #MAX_TEXT} characters; null stays null. */
    static String firstLine(String text) {
        if (text == null) {
            return null;
        }
        String line = text.strip();
        int end = line.indexOf('\n');
        if (end >= 0) {
            line = line.substring(0, end).strip();
        }
        return cut(line);
    }

    private static String cut(String text) {
        if (text == null) {
            return null;
        }
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 1) + "…" : text;
    }
}
