package dev.ordersaga.testsupport;

import static dev.ordersaga.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The paging every list endpoint keeps (service-support's {@code Paging}, answered as its {@code
 * ListPage}: {@code {"items": [...], "total_elements": n, "total_pages": n, ...}}): the last page
 * holds the rest, the page after it is empty and still tells the total, so is the last page whose offset the
 * store can skip ({@code page=21474836&size=100}), and a page past that is refused with 400 {@code
 * PAGE_OUT_OF_RANGE} however its offset would wrap as an int ({@code 21474837}: the first page
 * again, {@code 42949673}: from item 4).
 */
public final class PagingContract {

    private PagingContract() {}

    /**
     * Checks the contract on a list of at least three items.
     *
     * @param list the list's answer to a paging query such as {@code "size=2&page=1"} (the caller
     *     adds its own filter and token)
     * @return how many items the list holds
     */
    public static long assertPagingEnds(Function<String, HttpResponse<String>> list) {
        long total = page(list, "size=2").get("total_elements").asLong();
        long lastPage = (total - 1) / 2;

        JsonNode last = page(list, "size=2&page=" + lastPage);
        JsonNode pastTheEnd = page(list, "size=2&page=" + (lastPage + 1));
        JsonNode lastThatFits = page(list, "size=100&page=21474836");

        assertThat(total).as("items in the list").isGreaterThanOrEqualTo(3);
        assertThat(last.get("items")).hasSize((int) (total - 2 * lastPage));
        assertThat(pastTheEnd.get("items")).isEmpty();
        assertThat(pastTheEnd.get("total_elements").asLong()).isEqualTo(total);
        assertThat(pastTheEnd.get("total_pages").asLong()).isEqualTo(lastPage + 1);
        assertThat(lastThatFits.get("items")).isEmpty();
        assertThat(lastThatFits.get("total_elements").asLong()).isEqualTo(total);
        for (String wraps : List.of("size=100&page=21474837", "size=100&page=42949673")) {
            assertProblem(list.apply(wraps), 400, "PAGE_OUT_OF_RANGE");
        }
        return total;
    }

    private static JsonNode page(Function<String, HttpResponse<String>> list, String paging) {
        HttpResponse<String> answer = list.apply(paging);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return TestHttp.json(answer);
    }
}
