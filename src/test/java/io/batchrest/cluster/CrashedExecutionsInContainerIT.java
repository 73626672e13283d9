package io.batchrest.cluster;

import io.batchrest.InContainer;
import io.batchrest.model.InstanceState;
import io.batchrest.model.JobExecutionRecord;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.repository.BatchDatabase;
import io.batchrest.repository.JobExecutionRepository;
import io.batchrest.repository.JobInstanceRepository;
import io.batchrest.repository.RepositoryRows;
import io.batchrest.service.JobSubmissionService;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Crashed-execution marking against the real repository: what the repository still shows as running on this server
 * when the application starts is marked FAILED, execution, steps and instance, and can be restarted; an execution
 * running on another server is left alone. The repository may hold other servers' executions (on PostgreSQL,
 * {@link InContainer}): the test looks only at the executions it ran.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(InContainer.TAG)
@Tag(InContainer.REPOSITORY_SQL_TAG)
class CrashedExecutionsInContainerIT {

    @Deployment
    static WebArchive deployment() {
        return InContainer.deployment(CrashedExecutionsInContainerIT.class, RepositoryRows.class);
    }

    @Inject
    JobSubmissionService submissions;

    @Inject
    JobExecutionRepository executions;

    @Inject
    JobInstanceRepository instances;

    @Inject
    BatchDatabase database;

    @Inject
    ServerIdentity identity;

    @Inject
    CrashedExecutions crashedExecutions;

    private long ranToTheEnd() {
        JobInstanceRecord instance = InContainer.submitPackaged(submissions, "sleepyBatchlet",
                Map.of("sleepSeconds", "0", "logLines", "1"));
        long executionId = InContainer.executionOf(executions, instance);
        InContainer.awaitCompleted(executionId);
        return executionId;
    }

    @Test
    void executionsLeftRunningOnThisServerAreMarkedFailedAtStartAndCanBeRestarted() {
        long crashedHere = ranToTheEnd();
        long runningElsewhere = ranToTheEnd();
        RepositoryRows.runningAsLeftByACrash(database, crashedHere, identity.serverId());
        RepositoryRows.runningAsLeftByACrash(database, runningElsewhere, "otherhost//opt/wlp/usr/otherServer");
        assertEquals(BatchStatus.STARTED, executions.findById(crashedHere).orElseThrow().batchStatus());

        // What the application does as it starts.
        crashedExecutions.onStart(new Object());

        // In the background: the execution, its steps and then its instance.
        long instanceId = executions.findById(crashedHere).orElseThrow().instanceId();
        InContainer.awaitTrue("execution " + crashedHere + " and its instance to be marked FAILED",
                () -> instances.findById(instanceId).orElseThrow().instanceState() == InstanceState.FAILED);
        JobExecutionRecord failed = executions.findById(crashedHere).orElseThrow();
        assertEquals(BatchStatus.FAILED, failed.batchStatus());
        assertNotNull(failed.endTime());
        assertEquals(List.of(BatchStatus.FAILED), failed.steps().stream().map(JobExecutionRecord.StepSummary::batchStatus)
                .toList());
        JobInstanceRecord failedInstance = instances.findById(failed.instanceId()).orElseThrow();
        assertEquals(InstanceState.FAILED, failedInstance.instanceState());
        assertEquals(BatchStatus.FAILED, failedInstance.batchStatus());

        JobExecutionRecord elsewhere = executions.findById(runningElsewhere).orElseThrow();
        assertEquals(BatchStatus.STARTED, elsewhere.batchStatus());
        assertNull(elsewhere.endTime());
        assertEquals(InstanceState.DISPATCHED, instances.findById(elsewhere.instanceId()).orElseThrow()
                .instanceState());

        long restarted = BatchRuntime.getJobOperator().restart(crashedHere, new Properties());
        InContainer.awaitCompleted(restarted);
        assertEquals(InstanceState.COMPLETED, instances.findById(failed.instanceId()).orElseThrow().instanceState());

        // The other server's execution ends as that server's own start would end it.
        executions.markFailed(runningElsewhere);
    }
}
