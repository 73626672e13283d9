package io.batchrest.samples;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;
import java.util.logging.Logger;

/**
 * Writer of {@code chunkCopy}: "writes" each item, after {@code sleepMillisPerItem}, logging each one if
 * {@code logPerItem=true} and each chunk otherwise; throws on item {@code failAt} so that the chunk rolls back and
 * the job fails after its last checkpoint.
 */
@Named("numberWriter")
@Dependent
public class NumberWriter extends AbstractItemWriter {

    private static final Logger LOG = Logger.getLogger(NumberWriter.class.getName());

    @Inject
    @BatchProperty
    String failAt;

    @Inject
    @BatchProperty
    String sleepMillisPerItem;

    @Inject
    @BatchProperty
    String logPerItem;

    @Override
    public void writeItems(List<Object> items) throws Exception {
        int failingItem = SampleProperties.intValue("failAt", failAt, 0);
        long pause = SampleProperties.intValue("sleepMillisPerItem", sleepMillisPerItem, 0);
        boolean logEach = Boolean.parseBoolean(logPerItem);
        for (Object item : items) {
            if (logEach) {
                LOG.info("chunkCopy wrote item " + item);
            }
            if (pause > 0) {
                Thread.sleep(pause);
            }
            if (((Integer) item) == failingItem) {
                throw new IllegalStateException("chunkCopy failed on item " + item + " because failAt=" + failingItem);
            }
        }
        LOG.info("chunkCopy wrote items " + items.get(0) + ".." + items.get(items.size() - 1));
    }
}
