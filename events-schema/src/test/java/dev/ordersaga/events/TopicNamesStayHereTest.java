package dev.ordersaga.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Topic names are part of the contract and live in {@link Topics} only: a literal topic name in
 * another module's main code would drift the day a topic is renamed. Scans the sibling modules'
 * main sources and configuration from this module's directory (where Maven runs the test).
 */
class TopicNamesStayHereTest {

    @Test
    void no_other_module_spells_a_topic_name() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("pom.xml")).exists();
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .filter(TopicNamesStayHereTest::isMainSourceOrConfig)
                    .filter(file -> !file.startsWith(root.resolve("events-schema")))
                    .forEach(file -> {
                        String text = read(file);
                        for (String topic : Topics.ALL) {
                            if (text.contains("\"" + topic + "\"")
                                    || text.contains("\"" + topic + ".DLT\"")
                                    || text.matches("(?s).*topics?:\\s*" + topic + "\\b.*")) {
                                offenders.add(root.relativize(file) + " spells " + topic);
                            }
                        }
                    });
        }
        assertThat(offenders).as("use dev.ordersaga.events.Topics instead").isEmpty();
    }

    private static boolean isMainSourceOrConfig(Path file) {
        String path = file.toString().replace('\\', '/');
        return path.contains("/src/main/")
                && !path.contains("/target/")
                && (path.endsWith(".java")
                        || path.endsWith(".yml")
                        || path.endsWith(".yaml")
                        || path.endsWith(".properties"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
