package io.batchrest.query;

import io.batchrest.api.problem.ApiException;

/** {@code page} (0-based, default 0) and {@code pageSize} (default 50, at most 1000) of a list. */
public record PageRequest(int page, int pageSize) {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 1000;

    public static PageRequest parse(String page, String pageSize) {
        int number = page == null ? 0 : QueryValues.nonNegativeInt("page", page);
        int size = pageSize == null ? DEFAULT_PAGE_SIZE : QueryValues.nonNegativeInt("pageSize", pageSize);
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiException.badParameter("pageSize", "The pageSize " + pageSize + " is out of range: it must be "
                    + "between 1 and " + MAX_PAGE_SIZE + ".");
        }
        return new PageRequest(number, size);
    }

    public long offset() {
        return (long) page * pageSize;
    }
}
