package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store and the supervisor run from a copy of the launcher jar that no build rewrites. */
class LauncherJarTest {

    @TempDir
    Path dir;

    @Test
    void a_rebuild_of_the_launcher_jar_leaves_the_copy_a_running_store_uses_as_it_was() throws Exception {
        Path jar = dir.resolve("target/local-stack-0.1.0-SNAPSHOT.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "first build");
        Path copies = dir.resolve(".stack/cache/launcher");

        List<Path> first = LauncherJar.entries(List.of(jar), copies);

        assertThat(first).hasSize(1);
        assertThat(first.getFirst()).startsWith(copies).isNotEqualTo(jar);
        assertThat(Files.readString(first.getFirst())).isEqualTo("first build");
        assertThat(LauncherJar.entries(List.of(jar), copies)).isEqualTo(first); // no copy while unchanged

        Files.writeString(jar, "second build, longer");
        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
        assertThat(Files.readString(first.getFirst())).isEqualTo("first build");

        List<Path> second = LauncherJar.entries(List.of(jar), copies);
        assertThat(second.getFirst()).isNotEqualTo(first.getFirst());
        assertThat(Files.readString(second.getFirst())).isEqualTo("second build, longer");
        try (var left = Files.list(copies)) {
            assertThat(left).containsExactly(second.getFirst()); // the older copy is gone
        }
    }

    @Test
    void a_jvm_run_from_its_copy_or_from_classes_directories_keeps_its_class_path() throws Exception {
        Path copies = dir.resolve(".stack/cache/launcher");
        Path copy = copies.resolve("local-stack-0.1.0-SNAPSHOT-12-34.jar");
        Files.createDirectories(copies);
        Files.writeString(copy, "a copy");
        Path classes = Files.createDirectories(dir.resolve("target/classes"));
        Path other = Files.writeString(dir.resolve("lib.jar"), "a library");

        assertThat(LauncherJar.entries(List.of(copy), copies)).containsExactly(copy);
        assertThat(LauncherJar.entries(List.of(classes), copies)).containsExactly(classes);
        assertThat(LauncherJar.entries(List.of(classes, other), copies)).containsExactly(classes, other);
        try (var left = Files.list(copies)) {
            assertThat(left).containsExactly(copy);
        }
    }

    @Test
    void a_jvm_run_from_a_copy_that_a_later_build_replaced_starts_the_store_from_the_newest_copy() throws Exception {
        Path copies = Files.createDirectories(dir.resolve(".stack/cache/launcher"));
        Path gone = copies.resolve("local-stack-0.1.0-SNAPSHOT-12-34.jar");
        Path newer = Files.writeString(copies.resolve("local-stack-0.1.0-SNAPSHOT-13-99.jar"), "a later build");

        assertThat(LauncherJar.entries(List.of(gone), copies)).containsExactly(newer);
    }
}
