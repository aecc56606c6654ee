package dev.ordersaga.k8scheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's files as they are in the working tree (read live, nothing built needed). */
final class Repo {

    private static final Path ROOT = findRoot();

    private Repo() {}

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path(relative), e);
        }
    }

    /** A {@code <properties>} value of the root pom, e.g. {@code kafka.version}. */
    static String rootPomProperty(String name) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(
                        "<" + java.util.regex.Pattern.quote(name) + ">([^<]+)</")
                .matcher(read("pom.xml"));
        if (!matcher.find()) {
            throw new AssertionError("the root pom.xml has no property " + name);
        }
        return matcher.group(1).trim();
    }

    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom) && Files.readString(pom).contains("<module>k8s-check</module>")) {
                    return dir;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException(
                "no pom.xml listing the k8s-check module above " + Path.of("").toAbsolutePath());
    }
}
