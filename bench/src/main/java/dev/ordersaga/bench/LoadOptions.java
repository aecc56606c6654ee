package dev.ordersaga.bench;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The load of a run ({@code bench run}, {@code bench chaos}): its rate, length, buyers and mix, how long the
 * orders may take to settle, and where the report goes. Each command gives its own defaults.
 */
final class LoadOptions {

    @Option(names = "--rate", description = "orders/s, open loop (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--duration", description = "measured load (default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--warmup", description = "unrecorded load first, to warm the JITs (default ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--buyers", description = "buyers, each logged in once (default ${DEFAULT-VALUE})")
    int buyers;

    @Option(names = "--mix", description = "valid,declined,out_of_stock,bad_request percent (default ${DEFAULT-VALUE})")
    String mix = "85,5,5,5";

    @Option(names = "--settle", description = "how long every order may take to be terminal (default ${DEFAULT-VALUE})")
    Duration settle;

    @Option(names = "--results", description = "where the report goes (default ${DEFAULT-VALUE})")
    Path results = Path.of("bench/results");

    @Option(names = "--label", description = "name of this run in the results")
    String label;

    LoadOptions(double rate, Duration duration, Duration warmup, int buyers, Duration settle) {
        this.rate = rate;
        this.duration = duration;
        this.warmup = warmup;
        this.buyers = buyers;
        this.settle = settle;
    }

    /** The run's name in the results: {@code --label}, else {@code fallback}. */
    String name(String fallback) {
        return label != null ? label : fallback;
    }

    Mix parsedMix() {
        return Mix.parse(mix);
    }
}
