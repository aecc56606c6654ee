package dev.ordersaga.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bench run} and {@code bench chaos} share their load options, each with its own defaults. */
class BenchOptionsTest {

    private static <T> T parse(T command, String... args) {
        new CommandLine(command)
                .registerConverter(Duration.class, BenchCli::duration)
                .parseArgs(args);
        return command;
    }

    @Test
    void run_and_chaos_keep_their_own_defaults_for_the_shared_load_options() {
        RunCommand run = parse(new RunCommand());
        ChaosCommand chaos = parse(new ChaosCommand());

        assertThat(run.load.rate).isEqualTo(50);
        assertThat(run.load.duration).isEqualTo(Duration.ofSeconds(30));
        assertThat(run.load.warmup).isEqualTo(Duration.ofSeconds(10));
        assertThat(run.load.buyers).isEqualTo(50);
        assertThat(run.load.settle).isEqualTo(Duration.ofSeconds(60));
        assertThat(chaos.load.rate).isEqualTo(30);
        assertThat(chaos.load.duration).isEqualTo(Duration.ofMinutes(10));
        assertThat(chaos.load.warmup).isEqualTo(Duration.ofSeconds(20));
        assertThat(chaos.load.buyers).isEqualTo(10);
        assertThat(chaos.load.settle).isEqualTo(Duration.ofSeconds(180));
        assertThat(chaos.load.results).isEqualTo(Path.of("bench/results"));
        assertThat(chaos.load.name("chaos-seed1")).isEqualTo("chaos-seed1");
        assertThat(run.target.gatewayGiven()).isFalse();
    }

    @Test
    void the_shared_options_are_read_the_same_by_both_commands() {
        String[] args = {
            "--rate",
            "12",
            "--duration",
            "2m",
            "--buyers",
            "7",
            "--mix",
            "100,0,0,0",
            "--label",
            "x",
            "--gateway",
            "http://localhost:9080,http://localhost:9180"
        };
        RunCommand run = parse(new RunCommand(), args);
        ChaosCommand chaos = parse(new ChaosCommand(), args);

        for (LoadOptions load : new LoadOptions[] {run.load, chaos.load}) {
            assertThat(load.rate).isEqualTo(12);
            assertThat(load.duration).isEqualTo(Duration.ofMinutes(2));
            assertThat(load.buyers).isEqualTo(7);
            assertThat(load.parsedMix()).isEqualTo(Mix.parse("100,0,0,0"));
            assertThat(load.name("fallback")).isEqualTo("x");
        }
        assertThat(chaos.target.gatewayGiven()).isTrue();
        assertThat(chaos.target.gateways).hasSize(2);
    }
}
