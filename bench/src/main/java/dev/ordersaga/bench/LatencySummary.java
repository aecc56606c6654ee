package dev.ordersaga.bench;

import org.HdrHistogram.Histogram;

/** Percentiles of one latency histogram, in milliseconds. */
public record LatencySummary(long count, double p50, double p90, double p99, double p999, double max, double mean) {

    /** Histograms record microseconds, from 1 µs to 5 minutes, 3 significant digits. */
    public static Histogram newHistogram() {
        return new Histogram(1, 300_000_000L, 3);
    }

    public static LatencySummary of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
        }
        return new LatencySummary(
                histogram.getTotalCount(),
                ms(histogram.getValueAtPercentile(50)),
                ms(histogram.getValueAtPercentile(90)),
                ms(histogram.getValueAtPercentile(99)),
                ms(histogram.getValueAtPercentile(99.9)),
                ms(histogram.getMaxValue()),
                histogram.getMean() / 1000.0);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
