package io.batchrest.samples;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.logging.Logger;

/**
 * The batchlet of {@code partitionedBatchlet} (one per partition) and of every step of {@code splitFlow}:
 * logs {@code logLines} records naming its step (and partition), then sleeps {@code sleepSeconds}.
 */
@Named("loggingBatchlet")
@Dependent
public class LoggingBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(LoggingBatchlet.class.getName());

    @Inject
    StepContext stepContext;

    @Inject
    @BatchProperty
    String logLines;

    @Inject
    @BatchProperty
    String sleepSeconds;

    @Inject
    @BatchProperty
    String partitionNumber;

    private volatile boolean stopRequested;

    @Override
    public String process() throws Exception {
        String unit = partitionNumber == null || partitionNumber.isEmpty()
                ? stepContext.getStepName()
                : stepContext.getStepName() + " partition " + partitionNumber;
        int lines = SampleProperties.intValue("logLines", logLines, 5);
        for (int line = 1; line <= lines; line++) {
            LOG.info(unit + " line " + line + " of " + lines);
        }
        long millis = SampleProperties.intValue("sleepSeconds", sleepSeconds, 0) * 1000L;
        return SampleProperties.sleepUnlessStopped(millis, () -> stopRequested) ? "COMPLETED" : "STOPPED";
    }

    @Override
    public void stop() {
        stopRequested = true;
    }
}
