package io.batchrest.samples;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Processor of {@code chunkCopy}: filters out every {@code filterEvery}th item (0 = none). */
@Named("everyNthFilter")
@Dependent
public class EveryNthFilter implements ItemProcessor {

    @Inject
    @BatchProperty
    String filterEvery;

    @Override
    public Object processItem(Object item) {
        int every = SampleProperties.intValue("filterEvery", filterEvery, 0);
        return every > 0 && ((Integer) item) % every == 0 ? null : item;
    }
}
