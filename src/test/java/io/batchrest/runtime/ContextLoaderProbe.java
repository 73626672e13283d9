package io.batchrest.runtime;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A batchlet of the in-container tests: notes the context class loader its job runs with, by execution. */
@Named("contextLoaderProbe")
@Dependent
public class ContextLoaderProbe extends AbstractBatchlet {

    static final Map<Long, ClassLoader> LOADERS = new ConcurrentHashMap<>();

    @Inject
    JobContext job;

    @Override
    public String process() {
        LOADERS.put(job.getExecutionId(), Thread.currentThread().getContextClassLoader());
        return "PROBED";
    }
}
