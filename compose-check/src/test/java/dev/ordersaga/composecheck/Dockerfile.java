package dev.ordersaga.composecheck;

import dev.ordersaga.configreaders.Repo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile as BuildKit reads it: comment lines dropped, continuation lines joined, split into
 * build stages. Enough to check what it builds and runs, not a full parser (no heredocs).
 */
final class Dockerfile {

    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    /** One instruction; {@code arguments} is everything after the keyword, continuations joined. */
    record Instruction(String keyword, String arguments, int line) {}

    /** {@code FROM base [AS name]} and the instructions after it. */
    record Stage(String name, String base, List<Instruction> instructions) {

        List<Instruction> all(String keyword) {
            return instructions.stream()
                    .filter(i -> i.keyword().equals(keyword))
                    .toList();
        }

        Optional<Instruction> last(String keyword) {
            List<Instruction> matching = all(keyword);
            return matching.isEmpty() ? Optional.empty() : Optional.of(matching.getLast());
        }

        /** Every RUN of the stage, as one text to search. */
        String runs() {
            return String.join(
                    "\n", all("RUN").stream().map(Instruction::arguments).toList());
        }
    }

    private final Map<String, String> globalArgs = new LinkedHashMap<>();
    private final List<Stage> stages = new ArrayList<>();

    private Dockerfile(List<Instruction> instructions) {
        String name = null;
        String base = null;
        List<Instruction> current = null;
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("FROM")) {
                if (current != null) {
                    stages.add(new Stage(name, base, List.copyOf(current)));
                }
                String[] words = instruction.arguments().trim().split("\\s+");
                List<String> operands =
                        List.of(words).stream().filter(w -> !w.startsWith("--")).toList();
                base = operands.getFirst();
                name = operands.size() >= 3 && operands.get(1).equalsIgnoreCase("AS") ? operands.get(2) : null;
                current = new ArrayList<>();
            } else if (current == null) {
                if (instruction.keyword().equals("ARG")) {
                    String[] nameAndDefault = instruction.arguments().trim().split("=", 2);
                    globalArgs.put(nameAndDefault[0], nameAndDefault.length > 1 ? unquote(nameAndDefault[1]) : "");
                }
            } else {
                current.add(instruction);
            }
        }
        if (current != null) {
            stages.add(new Stage(name, base, List.copyOf(current)));
        }
    }

    static Dockerfile load(String relativePath) {
        return parse(Repo.read(relativePath));
    }

    static Dockerfile parse(String text) {
        List<Instruction> instructions = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        StringBuilder pending = null;
        int startLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (pending == null && trimmed.isEmpty())) {
                continue; // comments (also inside continuations) and blank lines
            }
            if (pending == null) {
                pending = new StringBuilder();
                startLine = i + 1;
            }
            boolean continues = line.endsWith("\\");
            pending.append(continues ? line.substring(0, line.length() - 1) : line)
                    .append(' ');
            if (!continues) {
                String instruction = pending.toString().strip();
                int space = instruction.indexOf(' ');
                instructions.add(new Instruction(
                        instruction
                                .substring(0, space < 0 ? instruction.length() : space)
                                .toUpperCase(Locale.ROOT),
                        space < 0 ? "" : instruction.substring(space + 1).strip(),
                        startLine));
                pending = null;
            }
        }
        return new Dockerfile(instructions);
    }

    Map<String, String> globalArgs() {
        return globalArgs;
    }

    List<Stage> stages() {
        return stages;
    }

    Optional<Stage> stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst();
    }

    /** The stage {@code docker build} builds without {@code --target}: the last one. */
    Stage defaultStage() {
        return stages.getLast();
    }

    /** {@code ${ARG}} / {@code $ARG} replaced by the global ARG defaults (as in FROM lines). */
    String resolve(String text) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            matcher.appendReplacement(out, Matcher.quoteReplacement(globalArgs.getOrDefault(name, matcher.group())));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The JSON array of an exec-form instruction (ENTRYPOINT, CMD), or the words of the shell form. */
    static List<String> execForm(String arguments) {
        String trimmed = arguments.strip();
        if (!trimmed.startsWith("[")) {
            return List.of(trimmed.split("\\s+"));
        }
        List<String> words = new ArrayList<>();
        Matcher matcher = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(trimmed);
        while (matcher.find()) {
            words.add(matcher.group(1).replace("\\\"", "\""));
        }
        return words;
    }

    private static String unquote(String value) {
        String v = value.strip();
        return v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))
                ? v.substring(1, v.length() - 1)
                : v;
    }
}
