package dev.ordersaga.seed;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one seeding run did, per kind of document.
 *
 * @param counts per kind (customers, users, products): how many were created and how many existed
 */
public record SeedReport(Map<String, Count> counts) {

    public SeedReport {
        counts = Map.copyOf(counts);
    }

    public int created() {
        return counts.values().stream().mapToInt(Count::created).sum();
    }

    public int existing() {
        return counts.values().stream().mapToInt(Count::existing).sum();
    }

    @Override
    public String toString() {
        return counts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + e.getValue().created() + " created, "
                        + e.getValue().existing() + " already there")
                .collect(Collectors.joining("; "));
    }

    /**
     * @param created documents this run created
     * @param existing documents that were already there (answered 409)
     */
    public record Count(int created, int existing) {}
}
