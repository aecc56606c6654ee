package dev.ordersaga.configreaders;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A shell script (compose/kafka-setup.sh) read as commands: its logical lines and their words. */
public final class ShellScript {

    private static final Pattern WORD = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)");

    private ShellScript() {}

    /** Lines with continuations (a trailing backslash) joined, comments and blank lines dropped, white space folded. */
    public static List<String> logicalLines(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (current.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            lines.add(current.toString().replaceAll("\\s+", " ").strip());
            current.setLength(0);
        }
        return lines;
    }

    /** A line's words as the shell splits them, quotes removed; nothing is expanded. */
    public static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        Matcher word = WORD.matcher(line);
        while (word.find()) {
            words.add(word.group(1) != null ? word.group(1) : word.group(2) != null ? word.group(2) : word.group(3));
        }
        return words;
    }
}
