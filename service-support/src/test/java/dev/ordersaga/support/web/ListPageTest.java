package dev.ordersaga.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ListPageTest {

    /** The JSON of the services' bodies: what {@link ProblemDetailsAutoConfiguration} makes of Boot's mapper. */
    private static final JsonMapper JSON = webJson();

    @Test
    void a_page_tells_where_it_is_and_how_many_pages_the_list_fills() {
        ListPage<String> last = ListPage.of(List.of("g"), Paging.of(3, 2, 100), 7);

        assertThat(last).isEqualTo(new ListPage<>(List.of("g"), 3, 2, 7, 4));
        assertThat(ListPage.of(List.of(), Paging.of(0, 20, 100), 0).totalPages())
                .isZero();
    }

    @Test
    void a_page_past_the_end_is_empty_and_still_tells_the_total() {
        ListPage<String> past = ListPage.of(List.of(), Paging.of(9, 2, 100), 7);

        assertThat(past.items()).isEmpty();
        assertThat(past.page()).isEqualTo(9);
        assertThat(past.totalElements()).isEqualTo(7);
        assertThat(past.totalPages()).isEqualTo(4);
    }

    @Test
    void on_the_wire_it_is_items_page_size_total_elements_and_total_pages() {
        JsonNode body = JSON.readTree(JSON.writeValueAsString(ListPage.of(List.of("a", "b"), Paging.of(1, 2, 100), 5)));

        assertThat(body.propertyNames())
                .containsExactlyInAnyOrder("items", "page", "size", "total_elements", "total_pages");
        assertThat(body.get("items").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(body.get("page").asInt()).isEqualTo(1);
        assertThat(body.get("size").asInt()).isEqualTo(2);
        assertThat(body.get("total_elements").asLong()).isEqualTo(5);
        assertThat(body.get("total_pages").asLong()).isEqualTo(3);
    }

    @Test
    void a_client_reads_a_page_back_and_a_page_without_items_as_empty() {
        ListPage<String> page = ListPage.of(List.of("a", "b"), Paging.of(1, 2, 100), 5);

        ListPage<String> read = JSON.readValue(JSON.writeValueAsString(page), new TypeReference<ListPage<String>>() {});
        ListPage<String> withoutItems = JSON.readValue(
                "{\"page\":3,\"size\":2,\"total_elements\":5,\"total_pages\":3}",
                new TypeReference<ListPage<String>>() {});

        assertThat(read).isEqualTo(page);
        assertThat(withoutItems).isEqualTo(new ListPage<String>(List.of(), 3, 2, 5, 3));
    }

    private static JsonMapper webJson() {
        JsonMapper.Builder builder = JsonMapper.builder();
        new ProblemDetailsAutoConfiguration().sagaWebJson().customize(builder);
        return builder.build();
    }
}
