package dev.ordersaga.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SchemaCompatibilityTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String V1 = """
            {"type": "object",
             "required": ["type", "order_id", "amount", "status"],
             "properties": {
               "type": {"const": "Thing"},
               "order_id": {"type": "string", "minLength": 1},
               "note": {"type": "string"},
               "amount": {"$ref": "#/$defs/money"},
               "status": {"type": "string", "enum": ["OPEN", "DONE"]},
               "lines": {"type": "array", "items": {"type": "object", "properties": {"quantity": {"type": "integer"}}}}
             },
             "$defs": {"money": {"type": "object", "required": ["amount"], "properties": {"amount": {"type": "number"}}}},
             "description": "version 1"}
            """;

    @Test
    void the_same_schema_has_no_changes_and_documentation_does_not_count() {
        assertThat(changes(V1, V1)).isEmpty();
        assertThat(changes(V1, V1.replace("version 1", "reworded"))).isEmpty();
    }

    @Test
    void a_new_optional_field_is_compatible() {
        var changes = changes(V1, V1.replace("\"note\": {", "\"coupon\": {\"type\": \"string\"}, \"note\": {"));

        assertThat(changes)
                .extracting(SchemaCompatibility.Change::toString)
                .containsExactly("compatible coupon: optional field added");
        assertThat(SchemaCompatibility.breaks(changes)).isFalse();
    }

    @Test
    void a_removed_or_renamed_field_breaks() {
        assertThat(breaking(V1, V1.replace("\"note\":", "\"remark\":")))
                .containsExactly("BREAKING note: field removed (or renamed): a consumer that reads it breaks");
    }

    @Test
    void a_changed_type_breaks_even_inside_a_definition_or_a_list() {
        assertThat(breaking(V1, V1.replace("\"note\": {\"type\": \"string\"}", "\"note\": {\"type\": \"integer\"}")))
                .containsExactly("BREAKING note: type changed from \"string\" to \"integer\"");
        assertThat(breaking(
                        V1, V1.replace("{\"amount\": {\"type\": \"number\"}}", "{\"amount\": {\"type\": \"string\"}}")))
                .containsExactly("BREAKING amount.amount: type changed from \"number\" to \"string\"");
        assertThat(breaking(
                        V1,
                        V1.replace(
                                "{\"quantity\": {\"type\": \"integer\"}}", "{\"quantity\": {\"type\": \"number\"}}")))
                .containsExactly("BREAKING lines[].quantity: type changed from \"integer\" to \"number\"");
    }

    @Test
    void an_optional_field_made_required_or_a_new_required_field_breaks() {
        assertThat(breaking(V1, V1.replace("\"status\"]", "\"status\", \"note\"]")))
                .containsExactly("BREAKING note: optional field made required: older events may not have it");
        assertThat(breaking(
                        V1,
                        V1.replace("\"status\"]", "\"status\", \"coupon\"]")
                                .replace("\"note\": {", "\"coupon\": {\"type\": \"string\"}, \"note\": {")))
                .containsExactly("BREAKING coupon: new required field: older events do not have it");
    }

    @Test
    void a_required_field_made_optional_breaks() {
        assertThat(breaking(V1, V1.replace("\"amount\", \"status\"]", "\"amount\"]")))
                .containsExactly("BREAKING status: required field made optional: an older consumer requires it");
    }

    @Test
    void an_enum_value_removed_or_added_breaks() {
        assertThat(breaking(V1, V1.replace("[\"OPEN\", \"DONE\"]", "[\"OPEN\"]")))
                .containsExactly("BREAKING status: enum value DONE removed: an older producer may still send it");
        assertThat(breaking(V1, V1.replace("[\"OPEN\", \"DONE\"]", "[\"OPEN\", \"DONE\", \"LOST\"]")))
                .containsExactly("BREAKING status: enum value LOST added: an older consumer cannot read it");
    }

    @Test
    void a_changed_constraint_breaks() {
        assertThat(breaking(V1, V1.replace("\"minLength\": 1", "\"minLength\": 5")))
                .containsExactly("BREAKING order_id: minLength changed from 1 to 5");
    }

    private static List<SchemaCompatibility.Change> changes(String older, String newer) {
        return SchemaCompatibility.changes(tree(older), tree(newer));
    }

    private static List<String> breaking(String older, String newer) {
        return changes(older, newer).stream()
                .filter(SchemaCompatibility.Change::breaking)
                .map(SchemaCompatibility.Change::toString)
                .toList();
    }

    private static JsonNode tree(String json) {
        return JSON.readTree(json);
    }
}
