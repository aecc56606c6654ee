package dev.ordersaga.localstack.store;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the index that answers a query: equality or {@code $in} on a prefix of its fields, then at most one range
 * ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}) on the next field, and, when the requested order is the
 * index's order after that prefix (either way round), a walk in that order that stops once the page is full. Of the
 * indexes that can, the one with the fewest entries to read wins (B-tree ranks count a range exactly in O(log n)).
 * The whole query is still matched against every document read, so an index only narrows what is read.
 */
final class QueryPlanner {

    /** Above this many equality combinations ({@code $in} × {@code $in}) an index is not used for them. */
    private static final int MAX_POINTS = 1000;

    private QueryPlanner() {}

    /**
     * How to read an index: the ranges, in order; whether that order is the requested one; whether the index alone
     * decides the query (every condition is an equality on an indexed field: a count needs no document).
     */
    record Plan(
            OrderedIndex index, List<KeyValue[]> ranges, boolean reverse, boolean ordered, boolean covered, long cost) {

        Plan withCost(long entries) {
            return new Plan(index, ranges, reverse, ordered, covered, entries);
        }
    }

    static Plan choose(List<? extends Index<Object>> indexes, Document query, Document orderBy, int skip, int limit) {
        Map<String, Object> conditions = QueryConditions.flatten(query);
        if (conditions == null) {
            return null;
        }
        // $or, $nor, $expr …: matched on the documents, so no index decides the query alone
        int conditionCount = query.keySet().stream().anyMatch(k -> k.startsWith("$") && !k.equals("$and"))
                ? Integer.MAX_VALUE
                : conditions.size();
        Plan best = null;
        long bestCost = Long.MAX_VALUE;
        for (Index<Object> index : indexes) {
            if (!(index instanceof OrderedIndex ordered)) {
                continue;
            }
            Candidate candidate = Candidate.of(ordered, conditions);
            Boolean reverse = candidate.order(orderBy, ordered.isUnique());
            if (candidate.prefix.isEmpty() && candidate.range == null && reverse == null) {
                continue; // neither narrows nor orders
            }
            Plan plan = candidate.plan(ordered, reverse, conditionCount);
            // the entries the plan reads: all of its ranges, or, read in the requested order with nothing left
            // for the documents to decide, only the page
            long cost = 0;
            for (KeyValue[] range : plan.ranges()) {
                cost += plan.reverse() ? ordered.count(range[1], range[0]) : ordered.count(range[0], range[1]);
            }
            boolean exact = candidate.range == null
                    && conditionCount != Integer.MAX_VALUE
                    && candidate.decidesAll(conditions.keySet());
            if (plan.ordered() && limit > 0 && exact) {
                cost = Math.min(cost, (long) skip + limit);
            }
            if (cost < bestCost) {
                bestCost = cost;
                best = plan.withCost(cost);
            }
        }
        return best;
    }

    /** What one index can do for the query. */
    private record Candidate(List<List<Object>> prefix, String rangeField, Document range, List<IndexKey> keys) {

        static Candidate of(OrderedIndex index, Map<String, Object> conditions) {
            List<IndexKey> keys = index.getKeys();
            List<List<Object>> prefix = new ArrayList<>();
            long combinations = 1;
            int i = 0;
            for (; i < keys.size(); i++) {
                List<Object> points =
                        QueryConditions.points(conditions.get(keys.get(i).getKey()));
                if (points == null || combinations * points.size() > MAX_POINTS) {
                    break;
                }
                combinations *= points.size();
                prefix.add(points);
            }
            Document range = null;
            String rangeField = null;
            if (i < keys.size()) {
                rangeField = keys.get(i).getKey();
                range = QueryConditions.range(conditions.get(rangeField));
                if (range == null) {
                    rangeField = null;
                }
            }
            return new Candidate(prefix, rangeField, range, keys);
        }

        /** Whether the pinned fields are all the query's conditions (nothing is left to check on documents). */
        boolean decidesAll(Set<String> fields) {
            if (fields.size() != prefix.size()) {
                return false;
            }
            for (int i = 0; i < prefix.size(); i++) {
                if (!fields.contains(keys.get(i).getKey())) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether reading this index gives the requested order: null if not, else whether to read it reversed. The
         * order may name pinned fields (they do not change), then the index's next fields, all in the index's
         * directions or all opposite, and may end with {@code _id} ascending (a non-unique index's tie-breaker).
         */
        Boolean order(Document orderBy, boolean unique) {
            if (orderBy == null || orderBy.isEmpty() || prefixPoints() != 1) {
                return null;
            }
            Boolean reverse = null;
            int next = prefix.size();
            for (var entry : orderBy.entrySet()) {
                String field = entry.getKey();
                boolean ascending = !(entry.getValue() instanceof Number n) || n.doubleValue() >= 0;
                int position = position(field);
                if (position >= 0 && position < prefix.size()) {
                    continue; // a pinned field: one value
                }
                if (next < keys.size() && keys.get(next).getKey().equals(field)) {
                    boolean flipped = keys.get(next).isAscending() != ascending;
                    if (reverse != null && reverse != flipped) {
                        return null;
                    }
                    reverse = flipped;
                    next++;
                    continue;
                }
                boolean tieBreak = field.equals("_id") && ascending && next == keys.size();
                if (tieBreak && (unique || !Boolean.TRUE.equals(reverse))) {
                    return reverse == null ? Boolean.FALSE : reverse;
                }
                return null;
            }
            return reverse == null ? Boolean.FALSE : reverse;
        }

        private int position(String field) {
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i).getKey().equals(field)) {
                    return i;
                }
            }
            return -1;
        }

        private long prefixPoints() {
            long n = 1;
            for (List<Object> points : prefix) {
                n *= points.size();
            }
            return n;
        }

        Plan plan(OrderedIndex index, Boolean reverse, int conditionCount) {
            List<KeyValue[]> ranges = new ArrayList<>();
            for (List<Object> combination : combinations()) {
                ranges.add(bounds(combination));
            }
            boolean ordered = reverse != null;
            boolean backwards = ordered && reverse;
            if (backwards) {
                List<KeyValue[]> flipped = new ArrayList<>();
                for (KeyValue[] r : ranges.reversed()) {
                    flipped.add(new KeyValue[] {r[1], r[0]});
                }
                ranges = flipped;
            }
            boolean covered = range == null && prefix.size() == conditionCount;
            return new Plan(index, ranges, backwards, ordered, covered, 0);
        }

        private List<List<Object>> combinations() {
            List<List<Object>> result = new ArrayList<>();
            result.add(List.of());
            for (List<Object> points : prefix) {
                List<List<Object>> next = new ArrayList<>();
                for (List<Object> head : result) {
                    for (Object point : points) {
                        List<Object> combination = new ArrayList<>(head);
                        combination.add(point);
                        next.add(combination);
                    }
                }
                result = next;
            }
            return result;
        }

        /** From and to, in index order, for one combination of the pinned fields and the range after them. */
        private KeyValue[] bounds(List<Object> pinned) {
            List<Object> from = new ArrayList<>(pinned);
            List<Object> to = new ArrayList<>(pinned);
            if (range == null) {
                from.add(KeyType.LOW);
                to.add(KeyType.HIGH);
                return new KeyValue[] {new KeyValue(from), new KeyValue(to)};
            }
            boolean descending = !keys.get(prefix.size()).isAscending();
            // in value order: the lower end and the upper end of the range
            List<Object> lower = new ArrayList<>();
            List<Object> upper = new ArrayList<>();
            boolean lowerInclusive = range.containsKey("$gte");
            Object low = lowerInclusive ? range.get("$gte") : range.get("$gt");
            boolean upperInclusive = range.containsKey("$lte");
            Object high = upperInclusive ? range.get("$lte") : range.get("$lt");
            // with both forms of one end ($gt and $gte), the matcher applies both: the looser bound is enough here
            if (low == null) {
                lower.add(descending ? KeyType.HIGH : KeyType.LOW);
            } else {
                lower.add(low);
                lower.add(lowerInclusive == !descending ? KeyType.LOW : KeyType.HIGH);
            }
            if (high == null) {
                upper.add(descending ? KeyType.LOW : KeyType.HIGH);
            } else {
                upper.add(high);
                upper.add(upperInclusive == !descending ? KeyType.HIGH : KeyType.LOW);
            }
            if (descending) {
                from.addAll(upper);
                to.addAll(lower);
            } else {
                from.addAll(lower);
                to.addAll(upper);
            }
            return new KeyValue[] {new KeyValue(from), new KeyValue(to)};
        }
    }
}
