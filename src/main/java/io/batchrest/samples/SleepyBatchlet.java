package io.batchrest.samples;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.logging.Logger;

/**
 * Step {@code step1} of {@code sleepyBatchlet}: logs {@code logLines} records, sleeps {@code sleepSeconds},
 * then sets the optional {@code exitStatus} as the job's exit status and fails if {@code forceFailure=true}.
 */
@Named("sleepyBatchlet")
@Dependent
public class SleepyBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(SleepyBatchlet.class.getName());

    @Inject
    JobContext jobContext;

    @Inject
    @BatchProperty
    String sleepSeconds;

    @Inject
    @BatchProperty
    String forceFailure;

    @Inject
    @BatchProperty
    String exitStatus;

    @Inject
    @BatchProperty
    String logLines;

    private volatile boolean stopRequested;

    @Override
    public String process() throws Exception {
        int lines = SampleProperties.intValue("logLines", logLines, 5);
        for (int line = 1; line <= lines; line++) {
            LOG.info("sleepyBatchlet line " + line + " of " + lines);
        }
        long millis = SampleProperties.intValue("sleepSeconds", sleepSeconds, 1) * 1000L;
        if (!SampleProperties.sleepUnlessStopped(millis, () -> stopRequested)) {
            LOG.info("sleepyBatchlet stopped on request");
            return "STOPPED";
        }
        // Set before a forced failure too: the job's exit status survives a failure (a FAILED job keeps it).
        if (exitStatus != null && !exitStatus.isEmpty()) {
            jobContext.setExitStatus(exitStatus);
        }
        if (Boolean.parseBoolean(forceFailure)) {
            throw new IllegalStateException("sleepyBatchlet failed because forceFailure=true");
        }
        return "COMPLETED";
    }

    @Override
    public void stop() {
        stopRequested = true;
    }
}
