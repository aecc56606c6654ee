package dev.ordersaga.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * {@code bench run} and {@code bench chaos} share their load options, each with its own defaults; the small commands
 * (methods of {@link BenchCli}) keep theirs.
 */
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

    private static ParseResult bench(String... args) {
        return new CommandLine(new BenchCli())
                .registerConverter(Duration.class, BenchCli::duration)
                .parseArgs(args)
                .subcommand();
    }

    @Test
    void the_small_commands_keep_their_names_options_and_defaults() {
        assertThat(new CommandLine(new BenchCli()).getSubcommands())
                .containsOnlyKeys("run", "chaos", "store", "check", "first-orders", "relay");

        ParseResult check = bench("check", "--gateway", "http://localhost:9180");
        assertThat(check.commandSpec().findOption("--settle").<Duration>getValue())
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(check.commandSpec().findOption("--gateway").<List<String>>getValue())
                .containsExactly("http://localhost:9180");

        ParseResult first = bench("first-orders", "--stock", "3");
        assertThat(first.commandSpec().findOption("--buyers").<Integer>getValue())
                .isEqualTo(40);
        assertThat(first.commandSpec().findOption("--stock").<Integer>getValue())
                .isEqualTo(3);
        assertThat(first.commandSpec().findOption("--sequential").<Integer>getValue())
                .isEqualTo(100);

        ParseResult relay = bench("relay", "--duration", "2m");
        assertThat(relay.commandSpec().findOption("--rate").<Double>getValue()).isEqualTo(50.0);
        assertThat(relay.commandSpec().findOption("--duration").<Duration>getValue())
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(relay.commandSpec().findOption("--kafka").<String>getValue()).isEqualTo("localhost:9092");
    }
}
