package io.batchrest.samples;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;

/** Reader of {@code chunkCopy}: yields 1..items and checkpoints the last number read, so a restart resumes. */
@Named("numberReader")
@Dependent
public class NumberReader extends AbstractItemReader {

    @Inject
    @BatchProperty
    String items;

    private int total;
    private int lastRead;

    @Override
    public void open(Serializable checkpoint) {
        total = SampleProperties.intValue("items", items, 100);
        lastRead = checkpoint == null ? 0 : (Integer) checkpoint;
    }

    @Override
    public Object readItem() {
        if (lastRead >= total) {
            return null;
        }
        lastRead++;
        return lastRead;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastRead;
    }
}
