package dev.ordersaga.bench;

import dev.ordersaga.seed.GatewayClient;
import java.time.Duration;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench run|check|relay}: load, the physical floor and the invariants, against the running stack. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Load generator, bare Kafka relay and invariant checker for the order saga.",
        subcommands = {RunCommand.class, ChaosCommand.class, StoreBench.class})
public class BenchCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCli())
                .registerConverter(Duration.class, BenchCli::duration)
                .execute(args));
    }

    /** Accepts 30s, 500ms, 2m, or ISO-8601 (PT30S). */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("pt") || t.startsWith("p")) {
            return Duration.parse(text.trim());
        }
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
        }
        if (t.endsWith("m")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
        }
        return Duration.parse(text);
    }

    // The small commands are methods; run, chaos and store are classes of their own.

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = "Only the invariant checker, against the running stack.")
    int check(@Mixin Target target, @Option(names = "--settle", defaultValue = "60s") Duration settle) {
        var gateway = new GatewayClient(target.gateway());
        var report = new InvariantChecker(gateway, target.admin(gateway)).check(null, Set.of(), settle);
        report.print(System.out);
        return report.pass() ? 0 : 1;
    }

    @Command(
            name = "first-orders",
            mixinStandardHelpOptions = true,
            description = "Right after ./stack up: buyers at once for a scarce product (exactly --stock x 201, the"
                    + " rest 409, no 504), then orders one at a time, with their latency from the first.")
    int firstOrders(
            @Mixin Target target,
            @Option(names = "--buyers", defaultValue = "40") int buyers,
            @Option(names = "--stock", defaultValue = "10") int stock,
            @Option(names = "--sequential", defaultValue = "100") int sequential)
            throws Exception {
        var gateway = new GatewayClient(target.gateway());
        var result = new FirstOrders(gateway, target.admin(gateway)).run(buyers, stock, sequential);
        result.print(System.out);
        return result.pass() ? 0 : 1;
    }

    @Command(name = "relay", mixinStandardHelpOptions = true, description = "Only the bare Kafka relay baseline.")
    int relay(
            @Mixin Target target,
            @Option(names = "--rate", defaultValue = "50") double rate,
            @Option(names = "--duration", defaultValue = "30s") Duration duration)
            throws Exception {
        var result = new KafkaRelay(target.kafka).run(rate, duration);
        var l = result.latency();
        System.out.printf(
                "relay %d hops at %.0f/s: %d/%d received, p50 %.2f ms, p90 %.2f, p99 %.2f, p99.9 %.2f, max %.2f%n",
                KafkaRelay.HOPS, rate, result.received(), result.sent(), l.p50(), l.p90(), l.p99(), l.p999(), l.max());
        return result.received() == result.sent() ? 0 : 1;
    }
}
