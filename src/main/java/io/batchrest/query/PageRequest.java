package io.batchrest.query;

import io.batchrest.model.Refusal;

import java.util.Optional;

/**
 * {@code page} (0-based, default 0) and {@code pageSize} (default 50, at most 1000) of a list, or instead of
 * {@code page} the cursor of a {@code Link: rel="next"} ({@code after}), which starts the page right behind the last
 * instance of the page before.
 */
public record PageRequest(int page, int pageSize, Optional<SearchCursor> after) {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 1000;

    public PageRequest(int page, int pageSize) {
        this(page, pageSize, Optional.empty());
    }

    public static PageRequest parse(String page, String pageSize) {
        return parse(page, pageSize, null);
    }

    public static PageRequest parse(String page, String pageSize, String after) {
        int number = page == null ? 0 : QueryValues.nonNegativeInt("page", page);
        int size = pageSize == null ? DEFAULT_PAGE_SIZE : QueryValues.nonNegativeInt("pageSize", pageSize);
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw Refusal.invalidParameter("pageSize", "The pageSize " + pageSize + " is out of range: it must be "
                    + "between 1 and " + MAX_PAGE_SIZE + ".");
        }
        return new PageRequest(number, size, Optional.ofNullable(after).map(SearchCursor::decode));
    }

    /** The number of matches before this page. */
    public long offset() {
        return after.map(SearchCursor::offset).orElse((long) page * pageSize);
    }

    /** The page number this page is, also when it was reached by a cursor (for {@code prev}). */
    public long pageNumber() {
        return offset() / pageSize;
    }
}
