package dev.ordersaga.localstack.store;

import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the {@link QueryPlanner} reads of a query's conditions: its plain fields, the values an equality or
 * {@code $in} pins a field to, a range on plain values. Anything else is left to the matcher.
 */
final class QueryConditions {

    private static final Set<String> RANGE = Set.of("$gt", "$gte", "$lt", "$lte");

    private QueryConditions() {}

    /** The query's fields, with a top-level {@code $and} of plain conditions merged in; null if it cannot be. */
    static Map<String, Object> flatten(Document query) {
        Document flat = new Document();
        for (var entry : query.entrySet()) {
            if (entry.getKey().equals("$and") && entry.getValue() instanceof List<?> parts) {
                for (Object part : parts) {
                    if (!(part instanceof Document document)) {
                        return null;
                    }
                    for (var inner : document.entrySet()) {
                        if (inner.getKey().startsWith("$") || flat.containsKey(inner.getKey())) {
                            return null;
                        }
                        flat.put(inner.getKey(), inner.getValue());
                    }
                }
            } else if (entry.getKey().startsWith("$")) {
                continue; // $or, $nor, $expr, $comment: left to the matcher
            } else if (flat.containsKey(entry.getKey())) {
                return null;
            } else {
                flat.put(entry.getKey(), entry.getValue());
            }
        }
        return flat;
    }

    /** The values a condition pins its field to (equality or $in), or null if it is something else. */
    static List<Object> points(Object condition) {
        if (isScalar(condition)) {
            return List.of(condition);
        }
        if (condition instanceof Document document && document.size() == 1) {
            Object eq = document.get("$eq");
            if (isScalar(eq)) {
                return List.of(eq);
            }
            if (document.get("$in") instanceof Collection<?> values && !values.isEmpty()) {
                List<Object> points = new ArrayList<>(values);
                return points.stream().allMatch(QueryConditions::isScalar) ? points : null;
            }
        }
        return null;
    }

    /** A plain value an index entry can equal; null, arrays, documents and patterns keep the matcher's rules. */
    private static boolean isScalar(Object value) {
        return value != null
                && !(value instanceof Map)
                && !(value instanceof Collection)
                && !BsonRegularExpression.isRegularExpression(value)
                && !(value instanceof java.util.regex.Pattern);
    }

    /** A range condition ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte} on plain values), or null. */
    static Document range(Object condition) {
        if (condition instanceof Document document
                && !document.isEmpty()
                && RANGE.containsAll(document.keySet())
                && document.values().stream().allMatch(QueryConditions::isScalar)) {
            return document;
        }
        return null;
    }
}
