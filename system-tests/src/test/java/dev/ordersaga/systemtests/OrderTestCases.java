package dev.ordersaga.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads ORDER_TEST_CASES.md: every fenced {@code bash} block starting with {@code # case:} is one
 * step: a curl (method, URL, headers, body) and what its answer must be. The file is the script of
 * the end-to-end suite, so the documentation and the tests cannot drift apart.
 */
public final class OrderTestCases {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Z_][A-Z0-9_]*)}?");
    private static final Pattern HEREDOC = Pattern.compile("<<-?'?\"?([A-Z]+)'?\"?\\s*$");

    private OrderTestCases() {}

    /** One check of an answer's JSON: {@code path=value}, {@code path!=value} or {@code path~text}. */
    public record Check(String path, String operator, String value) {
        @Override
        public String toString() {
            return path + operator + value;
        }
    }

    /**
     * One request of a case and what its answer must be.
     *
     * @param caseName the case it belongs to (several steps may share one)
     * @param line where the block starts in the file
     * @param when a precondition such as {@code payment-service stopped}, or null
     * @param status the expected HTTP status
     * @param checks the expected JSON fields
     * @param captures variables to remember from the answer (name → JSON path)
     * @param retry how long to repeat the request until the expectation holds (zero: once)
     * @param method the HTTP method
     * @param url the URL, variables not yet substituted
     * @param headers request headers, variables not yet substituted
     * @param body the request body, or null
     */
    public record Step(
            String caseName,
            int line,
            String when,
            int status,
            List<Check> checks,
            Map<String, String> captures,
            Duration retry,
            String method,
            String url,
            List<Map.Entry<String, String>> headers,
            String body) {

        /** The variables this step uses (in URL, headers, body and checks). */
        public List<String> variables() {
            List<String> names = new ArrayList<>();
            StringBuilder all = new StringBuilder(url).append('\n');
            headers.forEach(h -> all.append(h.getValue()).append('\n'));
            if (body != null) {
                all.append(body).append('\n');
            }
            checks.forEach(c -> all.append(c.value()).append('\n'));
            Matcher m = VARIABLE.matcher(all);
            while (m.find()) {
                if (!names.contains(m.group(1))) {
                    names.add(m.group(1));
                }
            }
            return names;
        }

        @Override
        public String toString() {
            return caseName + " (line " + line + ")";
        }
    }

    /** ORDER_TEST_CASES.md at the repository root. */
    public static Path file(Path repoRoot) {
        return repoRoot.resolve("ORDER_TEST_CASES.md");
    }

    public static List<Step> parse(Path file) {
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Step> parse(List<String> lines) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```bash")) {
                continue;
            }
            int start = i + 1;
            List<String> block = new ArrayList<>();
            for (i = start; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                block.add(lines.get(i));
            }
            if (!block.isEmpty() && block.getFirst().startsWith("# case:")) {
                steps.add(step(block, start + 1));
            }
        }
        return steps;
    }

    private static Step step(List<String> block, int line) {
        String caseName = null;
        String when = null;
        int status = -1;
        List<Check> checks = new ArrayList<>();
        Map<String, String> captures = new LinkedHashMap<>();
        Duration retry = Duration.ZERO;
        int i = 0;
        for (; i < block.size() && block.get(i).startsWith("#"); i++) {
            String comment = block.get(i).substring(1).strip();
            int colon = comment.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = comment.substring(0, colon).strip();
            String value = comment.substring(colon + 1).strip();
            switch (key) {
                case "case" -> caseName = value;
                case "when" -> when = value;
                case "retry" -> retry = Duration.ofSeconds(Long.parseLong(value.replaceAll("s$", "")));
                case "capture" -> {
                    for (String capture : value.split("\\s+")) {
                        String[] parts = capture.split("=", 2);
                        captures.put(parts[0], parts[1]);
                    }
                }
                case "expect" -> {
                    String[] parts = value.split("\\s+");
                    status = Integer.parseInt(parts[0]);
                    for (int p = 1; p < parts.length; p++) {
                        checks.add(check(parts[p], line));
                    }
                }
                default -> throw new IllegalArgumentException("line " + (line + i) + ": unknown header '" + key + "'");
            }
        }
        if (status < 0) {
            throw new IllegalArgumentException("line " + line + ": case " + caseName + " has no '# expect:'");
        }
        // the curl command: continuation lines joined, then an optional here-document as the body
        StringBuilder command = new StringBuilder();
        for (; i < block.size(); i++) {
            String text = block.get(i);
            if (text.endsWith("\\")) {
                command.append(text, 0, text.length() - 1).append(' ');
            } else {
                command.append(text);
                i++;
                break;
            }
        }
        String curl = command.toString().strip();
        String body = null;
        Matcher heredoc = HEREDOC.matcher(curl);
        if (heredoc.find()) {
            String end = heredoc.group(1);
            curl = curl.substring(0, heredoc.start()).strip();
            StringBuilder text = new StringBuilder();
            for (; i < block.size() && !block.get(i).strip().equals(end); i++) {
                text.append(block.get(i)).append('\n');
            }
            body = text.toString();
        }
        Request request = parseCurl(line, curl, body);
        return new Step(
                caseName,
                line,
                when,
                status,
                checks,
                captures,
                retry,
                request.method(),
                request.url(),
                request.headers(),
                request.body());
    }

    /** What a case's curl command sends. */
    private record Request(String method, String url, List<Map.Entry<String, String>> headers, String body) {}

    private static Check check(String token, int line) {
        for (String operator : List.of("!=", "=", "~")) {
            int at = token.indexOf(operator);
            if (at > 0) {
                return new Check(token.substring(0, at), operator, token.substring(at + operator.length()));
            }
        }
        throw new IllegalArgumentException("line " + line + ": cannot read the check '" + token + "'");
    }

    private static Request parseCurl(int line, String curl, String heredocBody) {
        List<String> words = shellWords(curl);
        if (words.isEmpty() || !words.getFirst().equals("curl")) {
            throw new IllegalArgumentException("line " + line + ": a case block must hold one curl command");
        }
        String method = null;
        String url = null;
        String body = null;
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int w = 1; w < words.size(); w++) {
            String word = words.get(w);
            switch (word) {
                case "-X", "--request" -> method = words.get(++w);
                case "-H", "--header" -> {
                    String header = words.get(++w);
                    int colon = header.indexOf(':');
                    headers.add(Map.entry(
                            header.substring(0, colon).strip(),
                            header.substring(colon + 1).strip()));
                }
                case "-d", "--data", "--data-raw", "--data-binary" -> {
                    String data = words.get(++w);
                    body = data.equals("@-") ? heredocBody : data;
                }
                case "-s", "-i", "-S", "-sS", "--silent", "--include", "--fail-with-body" -> {
                    // output options of curl; nothing to do with the request
                }
                default -> {
                    if (word.startsWith("-")) {
                        throw new IllegalArgumentException("line " + line + ": unsupported curl option " + word);
                    }
                    url = word;
                }
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("line " + line + ": the curl has no URL");
        }
        if (method == null) {
            method = body == null ? "GET" : "POST";
        }
        return new Request(method, url, headers, body);
    }

    /** Splits a command line like a shell: single quotes literal, double quotes keep $VARIABLES. */
    static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                word.append(line, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                int end = i + 1;
                StringBuilder quoted = new StringBuilder();
                while (line.charAt(end) != '"') {
                    if (line.charAt(end) == '\\' && end + 1 < line.length()) {
                        end++;
                    }
                    quoted.append(line.charAt(end));
                    end++;
                }
                word.append(quoted);
                i = end;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Replaces {@code $NAME} and {@code ${NAME}} with the variables' values; an unknown one is an error. */
    public static String substitute(String text, Map<String, String> variables) {
        if (text == null) {
            return null;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException(
                        "variable $" + m.group(1) + " is not set (set-up or an earlier capture)");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
