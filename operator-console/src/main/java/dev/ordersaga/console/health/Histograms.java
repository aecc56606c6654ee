package dev.ordersaga.console.health;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A quantile from a histogram's cumulative bucket counts, the way Prometheus's {@code
 * histogram_quantile} does it: find the bucket holding the rank, interpolate linearly inside it.
 */
final class Histograms {

    private Histograms() {}

    /**
     * @param buckets upper bound ({@code le}, +Inf as {@link Double#POSITIVE_INFINITY}) → cumulative count
     * @return the quantile, or NaN with no observations
     */
    static double quantile(double q, Map<Double, Double> buckets) {
        NavigableMap<Double, Double> sorted = new TreeMap<>(buckets);
        if (sorted.isEmpty() || sorted.lastEntry().getValue() <= 0) {
            return Double.NaN;
        }
        double total = sorted.lastEntry().getValue();
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (var bucket : sorted.entrySet()) {
            double upper = bucket.getKey();
            double count = bucket.getValue();
            if (count >= rank) {
                if (Double.isInfinite(upper)) {
                    return lowerBound; // the highest finite bound, as Prometheus answers
                }
                double inBucket = count - lowerCount;
                return inBucket <= 0 ? upper : lowerBound + (upper - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = upper;
            lowerCount = count;
        }
        return lowerBound;
    }
}
