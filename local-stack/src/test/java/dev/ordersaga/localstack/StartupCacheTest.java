package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.localstack.StartupCache.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupCacheTest {

    @TempDir
    Path home;

    @Test
    void the_default_is_the_aot_cache_on_jdk_25_and_class_data_sharing_on_jdk_21_to_24() {
        assertThat(StartupCache.mode(true, null, 25)).isEqualTo(Mode.AOT);
        assertThat(StartupCache.mode(true, "", 26)).isEqualTo(Mode.AOT);
        assertThat(StartupCache.mode(true, null, 24)).isEqualTo(Mode.CDS);
        assertThat(StartupCache.mode(true, null, 21)).isEqualTo(Mode.CDS);
    }

    @Test
    void aot_asked_for_on_a_jdk_without_it_falls_back_to_class_data_sharing_instead_of_failing() {
        assertThat(StartupCache.mode(true, "aot", 21)).isEqualTo(Mode.CDS);
        assertThat(StartupCache.mode(true, " AOT ", 25)).isEqualTo(Mode.AOT);
        assertThat(StartupCache.mode(true, "cds", 25)).isEqualTo(Mode.CDS);
        assertThat(StartupCache.mode(true, "off", 25)).isEqualTo(Mode.OFF);
        assertThat(StartupCache.mode(false, "aot", 25)).isEqualTo(Mode.OFF);
    }

    @Test
    void an_unknown_wish_is_refused_with_the_choices() {
        assertThatThrownBy(() -> StartupCache.mode(true, "fast", 25))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("aot, cds or off");
    }

    @Test
    void the_jdk_21_path_records_a_dynamic_archive_and_then_maps_it_with_the_same_options() throws Exception {
        assertThat(StartupCache.options(home, Mode.CDS))
                .containsExactly(
                        "-XX:SharedArchiveFile=" + home.resolve("app.jsa"),
                        "-XX:+AutoCreateSharedArchive",
                        "-Xlog:cds=error,cds+dynamic=error");
        assertThat(StartupCache.records(home, Mode.CDS)).isTrue();
        String commandLine = "java " + String.join(" ", StartupCache.options(home, Mode.CDS)) + " -jar app.jar";
        assertThat(StartupCache.recordsOnExit(commandLine)).isTrue();

        Files.writeString(home.resolve("app.jsa"), "archive");

        assertThat(StartupCache.records(home, Mode.CDS)).isFalse();
        assertThat(StartupCache.recordsOnExit(commandLine)).isFalse();
        assertThat(StartupCache.options(home, Mode.CDS)).noneMatch(o -> o.startsWith("-XX:AOT"));
    }

    @Test
    void the_aot_cache_is_trained_on_the_first_start_and_used_from_then_on() throws Exception {
        assertThat(StartupCache.options(home, Mode.AOT)).contains("-XX:AOTCacheOutput=" + home.resolve("app.aot"));
        assertThat(StartupCache.records(home, Mode.AOT)).isTrue();
        assertThat(StartupCache.recordsOnExit("java -XX:AOTCacheOutput=" + home.resolve("app.aot") + " -jar a.jar"))
                .isTrue();

        Files.writeString(home.resolve("app.aot"), "cache");

        assertThat(StartupCache.options(home, Mode.AOT))
                .contains("-XX:AOTCache=" + home.resolve("app.aot"))
                .noneMatch(o -> o.startsWith("-XX:AOTCacheOutput"));
        assertThat(StartupCache.records(home, Mode.AOT)).isFalse();
        assertThat(StartupCache.recordsOnExit("java -XX:AOTCache=" + home.resolve("app.aot") + " -jar a.jar"))
                .isFalse();
    }

    @Test
    void off_adds_nothing() {
        assertThat(StartupCache.options(home, Mode.OFF)).isEmpty();
        assertThat(StartupCache.records(home, Mode.OFF)).isFalse();
    }

    @Test
    void a_cache_is_kept_while_its_class_path_is_unchanged_and_deleted_when_a_jar_changes() throws Exception {
        Path libs = Files.createDirectories(home.resolve("libs"));
        Path jar = Files.writeString(libs.resolve("a.jar"), "one");
        Path cache = home.resolve("cache");
        StartupCache.keepOnlyFor(cache, java.util.List.of(libs));
        Files.writeString(cache.resolve("app.aot"), "cache");

        StartupCache.keepOnlyFor(cache, java.util.List.of(libs));
        assertThat(cache.resolve("app.aot")).exists();

        Files.writeString(jar, "a rebuilt jar");
        StartupCache.keepOnlyFor(cache, java.util.List.of(libs));
        assertThat(cache.resolve("app.aot")).doesNotExist();
        assertThat(StartupCache.records(cache, Mode.AOT)).isTrue();
    }

    @Test
    void native_heap_trimming_only_where_the_jdk_has_the_option() {
        assertThat(Jdk.restingMemoryOptions(21)).isEmpty();
        assertThat(Jdk.restingMemoryOptions(25)).containsExactly("-XX:TrimNativeHeapInterval=30000");
    }
}
