package dev.ordersaga.localstack;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the repository and the data are; shared by every command of {@code ./stack}. */
final class StackLocation {
    @Option(
            names = "--root",
            defaultValue = "${env:STACK_ROOT}",
            description = "Repository root (default: the current directory, or where this launcher was built)")
    Path root;

    @Option(
            names = "--data-dir",
            defaultValue = "${env:STACK_DATA_DIR}",
            description = "Where the stack keeps pids, logs and data (default: <root>/.stack)")
    Path dataDir;

    Path root() {
        if (root != null) {
            return root.toAbsolutePath().normalize();
        }
        String property = System.getProperty("stack.repo-root");
        if (property != null) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path cwd = Path.of("").toAbsolutePath();
        if (Files.isRegularFile(cwd.resolve("pom.xml")) && Files.isDirectory(cwd.resolve("local-stack"))) {
            return cwd;
        }
        // <root>/local-stack/target/local-stack-*.jar
        return launcherDir()
                .map(dir -> dir.getParent().getParent())
                .filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")))
                .orElse(cwd);
    }

    Path kafkaLibs(Path root) {
        String property = System.getProperty("stack.kafka-libs");
        if (property != null) {
            return Path.of(property);
        }
        return launcherDir()
                .map(dir -> dir.resolve("kafka-libs"))
                .filter(Files::isDirectory)
                .orElse(root.resolve("local-stack").resolve("target").resolve("kafka-libs"));
    }

    /** The directory of the launcher jar (or of its classes directory). */
    static Optional<Path> launcherDir() {
        try {
            Path code = Path.of(StackCli.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return Optional.ofNullable(code.toAbsolutePath().getParent());
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    StackConfig config() {
        Path r = root();
        StackConfig config = StackConfig.defaults(r, kafkaLibs(r));
        return dataDir == null ? config : config.withDataDir(dataDir);
    }

    /** The config of the stack that {@code up} last started here (its ports). */
    Stack running(PrintStream out) {
        return new Stack(SavedSettings.restore(config()), out);
    }
}
