package dev.ordersaga.support.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/**
 * The page a list endpoint was asked for ({@code ?page=&size=}), checked the same way by every
 * service: {@code page} from 0, {@code size} from 1 to the list's cap, and an offset ({@code page
 * × size}, computed as a long) that the store can skip. Spring Data hands MongoDB's driver the skip
 * as an {@code int}: a larger offset was cut to an int, and {@code page=21474837&size=100}
 * answered the first page again ({@code page=42949673} started at item 4). Such a page is refused
 * with 400 {@value #OUT_OF_RANGE}; any page up to it that lies past the last item is an empty page
 * with the total.
 *
 * @param page the page number, from 0
 * @param size items per page
 */
public record Paging(int page, int size) {

    /** The stable code of a page whose offset does not fit. */
    public static final String OUT_OF_RANGE = "PAGE_OUT_OF_RANGE";

    /** The largest offset a query can skip: the driver takes the skip as an {@code int}. */
    public static final long MAX_OFFSET = Integer.MAX_VALUE;

    public Paging {
        if (page < 0) {
            throw invalid("VALIDATION_FAILED", "page", "must be 0 or more");
        }
        if (size < 1) {
            throw invalid("VALIDATION_FAILED", "size", "must be 1 or more");
        }
        if ((long) page * size > MAX_OFFSET) {
            long maxPage = MAX_OFFSET / size;
            throw invalid(OUT_OF_RANGE, "page", "must be at most " + maxPage + " with size " + size)
                    .with("max_page", maxPage);
        }
    }

    /**
     * The page asked for, with {@code size} capped at {@code maxSize}.
     *
     * @throws ApiException 400 {@code VALIDATION_FAILED} for a negative page or a size out of
     *     1..maxSize, 400 {@value #OUT_OF_RANGE} for an offset past {@link #MAX_OFFSET}
     */
    public static Paging of(int page, int size, int maxSize) {
        if (size < 1 || size > maxSize) {
            throw invalid("VALIDATION_FAILED", "size", "must be between 1 and " + maxSize);
        }
        return new Paging(page, size);
    }

    /** How many items come before this page. */
    public long offset() {
        return (long) page * size;
    }

    /** This page for Spring Data, in this order: a repository's {@code Pageable} or a {@code Query.with(...)}. */
    public Pageable pageable(Sort sort) {
        return PageRequest.of(page, size, sort);
    }

    /** How many pages {@code total} items fill. */
    public long totalPages(long total) {
        return (total + size - 1) / size;
    }

    private static ApiException invalid(String code, String field, String message) {
        String detail = OUT_OF_RANGE.equals(code)
                ? "The page starts past the last item a list can reach."
                : "The request has invalid fields.";
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return ApiException.badRequest(code, detail).with("errors", List.of(error));
    }
}
