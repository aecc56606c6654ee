package dev.ordersaga.bench;

import dev.ordersaga.seed.GatewayClient;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Writes a run's results: a Markdown table, a JSON file and a PNG chart, under {@code bench/results/}. */
public final class Report {

    private Report() {}

    public record Run(
            String label,
            Map<String, Object> settings,
            LoadGenerator.Result load,
            KafkaRelay.Result relay,
            InvariantChecker.Report invariants,
            List<String> faults,
            Costs.PerOrder costs) {}

    public static Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("time", Instant.now().toString());
        env.put("cores", Runtime.getRuntime().availableProcessors());
        env.put(
                "memory_gib",
                Math.round(((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                                .getTotalMemorySize()
                        / 1024.0
                        / 1024
                        / 1024));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        env.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.version"));
        env.put("git_commit", git());
        return env;
    }

    public static String markdown(Run run) {
        var load = run.load();
        var l = load.overall();
        StringBuilder md = new StringBuilder();
        md.append("## ").append(run.label()).append("\n\n");
        md.append("Environment: ")
                .append(environment())
                .append("  \nSettings: ")
                .append(run.settings())
                .append("\n\n");
        md.append("| | requests | throughput (/s) | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        md.append(row("create_order (all answers)", l, load.throughput()));
        load.byOutcome().forEach((outcome, summary) -> md.append(row("  " + outcome, summary, Double.NaN)));
        if (run.relay() != null) {
            var r = run.relay();
            md.append(row("bare Kafka relay, " + KafkaRelay.HOPS + " hops", r.latency(), Double.NaN));
            md.append(String.format(
                    Locale.ROOT,
                    "| ratio create_order / relay | | | %.1f× | | %.1f× | | |%n",
                    l.p50() / Math.max(r.latency().p50(), 0.001),
                    l.p99() / Math.max(r.latency().p99(), 0.001)));
        }
        md.append("\nOutcomes: ")
                .append(load.outcomes())
                .append(", failures (5xx + connection errors): ")
                .append(load.failures())
                .append("\n");
        md.append(UnexpectedAnswersTable.markdown(load.unexpected()));
        if (!run.faults().isEmpty()) {
            md.append("\nFaults injected: ").append(run.faults()).append("\n");
        }
        if (run.costs() != null) {
            md.append(run.costs().markdown());
        }
        if (run.invariants() != null) {
            md.append(invariants(run.invariants()));
        }
        return md.toString();
    }

    /** The invariant checks as a Markdown table. */
    static String invariants(InvariantChecker.Report invariants) {
        StringBuilder md = new StringBuilder("\n| invariant | result | detail |\n|---|---|---|\n");
        invariants
                .checks()
                .forEach(c -> md.append("| ")
                        .append(c.name())
                        .append(" | ")
                        .append(c.pass() ? "PASS" : "**FAIL**")
                        .append(" | ")
                        .append(c.detail().replace("|", "/"))
                        .append(" |\n"));
        return md.toString();
    }

    private static String row(String name, LatencySummary s, double throughput) {
        return String.format(
                Locale.ROOT,
                "| %s | %d | %s | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
                name,
                s.count(),
                Double.isNaN(throughput) ? "" : String.format(Locale.ROOT, "%.1f", throughput),
                s.p50(),
                s.p90(),
                s.p99(),
                s.p999(),
                s.max());
    }

    public static Path write(Path dir, Run run) throws IOException {
        Files.createDirectories(dir);
        String stem = run.label().replaceAll("[^A-Za-z0-9._-]+", "-");
        Files.writeString(dir.resolve(stem + ".md"), markdown(run));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("label", run.label());
        json.put("environment", environment());
        json.put("settings", run.settings());
        json.put(
                "load",
                Map.of(
                        "elapsed_ms", run.load().elapsed().toMillis(),
                        "sent", run.load().sent(),
                        "throughput", run.load().throughput(),
                        "outcomes", run.load().outcomes(),
                        "latency_ms", run.load().overall(),
                        "latency_by_outcome_ms", run.load().byOutcome(),
                        "timeline", run.load().timeline(),
                        "errors", run.load().sampleErrors()));
        json.put("unexpected_answers", UnexpectedAnswersTable.json(run.load().unexpected()));
        if (run.relay() != null) {
            json.put("relay", run.relay());
        }
        if (run.invariants() != null) {
            json.put("invariants", run.invariants().checks());
        }
        json.put("faults", run.faults());
        GatewayClient.JSON
                .writerWithDefaultPrettyPrinter()
                .writeValue(dir.resolve(stem + ".json").toFile(), json);
        chart(dir.resolve(stem + ".png"), run);
        return dir.resolve(stem + ".md");
    }

    /** Top: throughput and p99 per second; bottom: the latency distribution by percentile. */
    static void chart(Path file, Run run) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeries done = new XYSeries("answers/s");
        XYSeries p99 = new XYSeries("p99 ms (per second)");
        for (var second : run.load().timeline()) {
            done.add(second.second(), second.completed());
            p99.add(second.second(), second.p99());
        }
        XYPlot rate =
                new XYPlot(new XYSeriesCollection(done), null, new NumberAxis("answers/s"), line(new Color(0x1f77b4)));
        rate.setDataset(1, new XYSeriesCollection(p99));
        rate.setRangeAxis(1, new NumberAxis("p99 ms"));
        rate.mapDatasetToRangeAxis(1, 1);
        rate.setRenderer(1, line(new Color(0xd62728)));
        CombinedDomainXYPlot timeline = new CombinedDomainXYPlot(new NumberAxis("seconds into the run"));
        timeline.add(rate);
        JFreeChart top = new JFreeChart("Throughput and p99 over time — " + run.label(), timeline);

        XYSeriesCollection percentiles = new XYSeriesCollection();
        percentiles.addSeries(percentileSeries("create_order", run.load().overall()));
        if (run.relay() != null) {
            percentiles.addSeries(
                    percentileSeries("bare Kafka relay", run.relay().latency()));
        }
        JFreeChart bottom = ChartFactory.createXYLineChart(
                "Latency by percentile", "percentile (log scale of 1/(1-p))", "ms", percentiles);
        LogarithmicAxis axis = new LogarithmicAxis("percentile: 50 / 90 / 99 / 99.9 / max ≈ 1/(1-p)");
        bottom.getXYPlot().setDomainAxis(axis);
        var image = new java.awt.image.BufferedImage(1000, 900, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        top.draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, 1000, 450));
        bottom.draw(g, new java.awt.geom.Rectangle2D.Double(0, 450, 1000, 450));
        g.dispose();
        try (var out = Files.newOutputStream(file)) {
            ChartUtils.writeBufferedImageAsPNG(out, image);
        }
    }

    private static XYSeries percentileSeries(String name, LatencySummary s) {
        XYSeries series = new XYSeries(name);
        series.add(2, s.p50());
        series.add(10, s.p90());
        series.add(100, s.p99());
        series.add(1000, s.p999());
        series.add(10000, s.max());
        return series;
    }

    private static XYLineAndShapeRenderer line(Color color) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, color);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        return renderer;
    }

    static String git() {
        try {
            Process process = new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            return process.waitFor() == 0 ? out : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }
}
