package dev.ordersaga.support.web;

import java.util.List;

/**
 * One page of a list, the answer of every list endpoint ({@code ?page=&size=}): {@code {"items":
 * [...], "page": 0, "size": 20, "total_elements": 123, "total_pages": 7}} (snake_case, like every
 * body). A page past the last item has no items and still tells the total. Clients that read a
 * list (the operator console) read it into this type too.
 *
 * @param items the items of this page, in the list's order
 * @param page the page number, from 0
 * @param size items per page asked for (the last page may hold fewer)
 * @param totalElements items in the whole list
 * @param totalPages pages the whole list fills at this size
 * @param <T> the view of one item
 */
public record ListPage<T>(List<T> items, int page, int size, long totalElements, long totalPages) {

    public ListPage {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** The page {@code paging} asked for, holding {@code items} of a list of {@code total} items. */
    public static <T> ListPage<T> of(List<T> items, Paging paging, long total) {
        return new ListPage<>(items, paging.page(), paging.size(), total, paging.totalPages(total));
    }
}
