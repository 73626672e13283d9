package io.batchrest.service;

import io.batchrest.query.PageRequest;

import java.util.List;

/** One page of a list, with the number of matches before paging. */
public record Page<T>(List<T> items, PageRequest request, long total) {

    public boolean hasNext() {
        return request.offset() + items.size() < total;
    }

    public boolean hasPrevious() {
        return request.page() > 0;
    }
}
