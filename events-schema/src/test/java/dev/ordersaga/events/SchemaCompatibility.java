package dev.ordersaga.events;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What changed between two versions of an event's JSON Schema, and whether each change breaks a
 * consumer. Producers and consumers are deployed in any order, so a change is compatible only if a
 * consumer of the older schema reads the newer events AND a consumer of the newer schema reads the
 * older ones. Breaking:
 *
 * <table>
 *   <tr><th>change</th><th>who breaks</th></tr>
 *   <tr><td>a field removed or renamed</td><td>an older consumer that reads it</td></tr>
 *   <tr><td>a type, format, const or {@code $ref} target changed</td><td>both</td></tr>
 *   <tr><td>an optional field made required, or a new required field</td><td>a newer consumer reading older events</td></tr>
 *   <tr><td>a required field made optional</td><td>an older consumer that requires it</td></tr>
 *   <tr><td>an enum value removed</td><td>a newer consumer reading an older producer's value</td></tr>
 *   <tr><td>an enum value added</td><td>an older consumer (a Java enum cannot read an unknown value)</td></tr>
 *   <tr><td>a constraint changed (minLength, minimum, pattern, minItems, additionalProperties, ...)</td><td>one side or the other</td></tr>
 *   <tr><td>any other keyword that is not documentation changed</td><td>assumed breaking</td></tr>
 * </table>
 *
 * Compatible: a new optional field; documentation ({@code description}, {@code title},
 * {@code examples}, {@code $comment}). {@code $ref}s are followed into {@code $defs}, so moving a
 * shape into a definition is no change.
 */
final class SchemaCompatibility {

    /** Keywords that document and never change what is valid. */
    private static final Set<String> DOCUMENTATION =
            Set.of("description", "title", "examples", "$comment", "$id", "$schema", "$defs");

    /** Keywords compared below with their own rules. */
    private static final Set<String> STRUCTURE = Set.of("$ref", "properties", "required", "enum", "items");

    /** One difference; {@code path} is where in the event, e.g. {@code lines[].quantity}. */
    record Change(String path, String what, boolean breaking) {
        @Override
        public String toString() {
            return (breaking ? "BREAKING " : "compatible ") + (path.isEmpty() ? "(event)" : path) + ": " + what;
        }
    }

    // the two whole schemas ($refs resolve in them) and the differences found so far
    private final JsonNode oldRoot;
    private final JsonNode newRoot;
    private final List<Change> changes = new ArrayList<>();

    private SchemaCompatibility(JsonNode oldRoot, JsonNode newRoot) {
        this.oldRoot = oldRoot;
        this.newRoot = newRoot;
    }

    static List<Change> changes(JsonNode older, JsonNode newer) {
        SchemaCompatibility comparison = new SchemaCompatibility(older, newer);
        comparison.compare("", older, newer, 0);
        return comparison.changes;
    }

    static boolean breaks(List<Change> changes) {
        return changes.stream().anyMatch(Change::breaking);
    }

    private void compare(String path, JsonNode oldNode, JsonNode newNode, int depth) {
        if (depth > 32) {
            throw new IllegalStateException("schema nested too deep (a recursive $ref?) at " + path);
        }
        oldNode = resolve(oldRoot, oldNode);
        newNode = resolve(newRoot, newNode);

        Set<String> keywords = new LinkedHashSet<>();
        keywords.addAll(oldNode.propertyNames());
        keywords.addAll(newNode.propertyNames());
        for (String keyword : keywords) {
            if (DOCUMENTATION.contains(keyword) || STRUCTURE.contains(keyword)) {
                continue;
            }
            JsonNode before = oldNode.get(keyword);
            JsonNode after = newNode.get(keyword);
            if (before == null || after == null || !before.equals(after)) {
                changes.add(new Change(path, keyword + " changed from " + text(before) + " to " + text(after), true));
            }
        }
        compareEnums(path, oldNode.get("enum"), newNode.get("enum"));
        compareProperties(path, oldNode, newNode, depth);
        JsonNode oldItems = oldNode.get("items");
        JsonNode newItems = newNode.get("items");
        if (oldItems != null && newItems != null) {
            compare(path + "[]", oldItems, newItems, depth + 1);
        } else if (oldItems != null || newItems != null) {
            changes.add(new Change(path, "items changed from " + text(oldItems) + " to " + text(newItems), true));
        }
    }

    private void compareProperties(String path, JsonNode oldNode, JsonNode newNode, int depth) {
        JsonNode oldProperties = oldNode.path("properties");
        JsonNode newProperties = newNode.path("properties");
        Set<String> oldRequired = names(oldNode.get("required"));
        Set<String> newRequired = names(newNode.get("required"));
        for (String name : oldProperties.propertyNames()) {
            String at = join(path, name);
            if (!newProperties.has(name)) {
                changes.add(new Change(at, "field removed (or renamed): a consumer that reads it breaks", true));
                continue;
            }
            if (!oldRequired.contains(name) && newRequired.contains(name)) {
                changes.add(new Change(at, "optional field made required: older events may not have it", true));
            } else if (oldRequired.contains(name) && !newRequired.contains(name)) {
                changes.add(new Change(at, "required field made optional: an older consumer requires it", true));
            }
            compare(at, oldProperties.get(name), newProperties.get(name), depth + 1);
        }
        for (String name : newProperties.propertyNames()) {
            if (oldProperties.has(name)) {
                continue;
            }
            String at = join(path, name);
            if (newRequired.contains(name)) {
                changes.add(new Change(at, "new required field: older events do not have it", true));
            } else {
                changes.add(new Change(at, "optional field added", false));
            }
        }
        for (String name : newRequired) {
            if (!newProperties.has(name) && !oldRequired.contains(name)) {
                changes.add(new Change(join(path, name), "new required field: older events do not have it", true));
            }
        }
    }

    private void compareEnums(String path, JsonNode before, JsonNode after) {
        if (before == null && after == null) {
            return;
        }
        if (before == null || after == null) {
            changes.add(new Change(path, "enum changed from " + text(before) + " to " + text(after), true));
            return;
        }
        Set<String> oldValues = names(before);
        Set<String> newValues = names(after);
        for (String value : oldValues) {
            if (!newValues.contains(value)) {
                changes.add(new Change(
                        path, "enum value " + value + " removed: an older producer may still send it", true));
            }
        }
        for (String value : newValues) {
            if (!oldValues.contains(value)) {
                changes.add(new Change(path, "enum value " + value + " added: an older consumer cannot read it", true));
            }
        }
    }

    /** Follows a local {@code $ref} ({@code #/$defs/name}); a schema with other keywords beside it is kept. */
    private static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        String pointer = ref.asString();
        if (!pointer.startsWith("#/")) {
            throw new IllegalArgumentException("only local $refs are compared, not " + pointer);
        }
        JsonNode target = root.at(pointer.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("$ref " + pointer + " points nowhere");
        }
        return target;
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new LinkedHashSet<>();
        if (array != null) {
            array.forEach(node -> names.add(node.asString()));
        }
        return names;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String text(JsonNode node) {
        return node == null ? "(absent)" : node.toString();
    }
}
