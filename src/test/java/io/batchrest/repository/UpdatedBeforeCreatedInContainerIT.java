package io.batchrest.repository;

import io.batchrest.InContainer;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.service.JobSubmissionService;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.naming.InitialContext;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.batchrest.repository.BatchTables.JobInstance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link UpdatedBeforeCreatedInstances} against the server's real database, embedded Derby and the topology's
 * PostgreSQL: what a first start records, what the triggers record from then on, and what a later start deletes.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(InContainer.TAG)
@Tag(InContainer.REPOSITORY_SQL_TAG)
class UpdatedBeforeCreatedInContainerIT {

    private static final List<String> TRIGGERS = UpdatedBeforeCreatedInstances.TRIGGERS;

    @Deployment
    static WebArchive deployment() {
        return InContainer.deployment(UpdatedBeforeCreatedInContainerIT.class);
    }

    @Inject
    JobSubmissionService submissions;

    @Inject
    JobExecutionRepository executions;

    @Inject
    JobInstancePurge purge;

    @Inject
    BatchDatabase database;

    @Test
    void aFirstStartRecordsTheInstancesThatAreSoAlreadyTheTriggersTheRestAndALaterStartDeletesTheOutdated()
            throws Exception {
        List<JobInstanceRecord> run = List.of(ranQuietly(), ranQuietly());
        long before = run.get(0).instanceId();
        long after = run.get(1).instanceId();
        DataSource dataSource = InitialContext.doLookup("jdbc/batch");
        try (Connection connection = dataSource.getConnection()) {
            try {
                assertTrue(triggers(connection).containsAll(TRIGGERS), () -> "created at start: " + triggers(connection));
                assertTrue(recorded().contains(UpdatedBeforeCreatedInstances.COMPLETE_MARK), "complete at start");

                // The repository as it was before the triggers: none, no mark, and an instance updated before its
                // creation meanwhile.
                dropTriggers(connection);
                database.update("DELETE FROM " + BatchRestTables.UpdatedBeforeCreated.TABLE + " WHERE "
                        + BatchRestTables.UpdatedBeforeCreated.INSTANCE_ID + " = ?",
                        UpdatedBeforeCreatedInstances.COMPLETE_MARK);
                lastUpdateAgainstCreation(before, -86_400);
                assertFalse(recorded().contains(before), "no trigger to record it");

                UpdatedBeforeCreatedInstances.ensure(connection);
                assertTrue(triggers(connection).containsAll(TRIGGERS), () -> triggers(connection).toString());
                assertTrue(recorded().containsAll(List.of(UpdatedBeforeCreatedInstances.COMPLETE_MARK, before)),
                        () -> "the first start records it and marks the table: " + recorded());

                lastUpdateAgainstCreation(after, -1);
                assertTrue(recorded().contains(after), () -> "the trigger records it: " + recorded());
                lastUpdateAgainstCreation(after, -2);
                assertEquals(1, recorded().stream().filter(id -> id == after).count(), "once");

                lastUpdateAgainstCreation(before, 1);
                UpdatedBeforeCreatedInstances.ensure(connection);
                List<Long> later = recorded();
                assertFalse(later.contains(before), () -> "a later start deletes it, updated again: " + later);
                assertTrue(later.containsAll(List.of(UpdatedBeforeCreatedInstances.COMPLETE_MARK, after)),
                        later::toString);
            } finally {
                UpdatedBeforeCreatedInstances.ensure(connection);
            }
        } finally {
            for (JobInstanceRecord instance : run) {
                assertEquals(JobInstancePurge.Outcome.PURGED, purge.purge(instance.instanceId()));
            }
            // Derby gives back its reserved ids with each schema change: the next job runs alone, so that no other
            // insert meets its reservation (docs/api.md, "Schema changes and running jobs").
            InContainer.runOneJobAlone(submissions, executions);
        }
    }

    private JobInstanceRecord ranQuietly() {
        JobInstanceRecord instance = InContainer.submitPackaged(submissions, "sleepyBatchlet", Map.of("sleepSeconds",
                "0", "logLines", "0"));
        InContainer.awaitFinal(InContainer.executionOf(executions, instance));
        return instance;
    }

    /** Sets an instance's last-updated time {@code seconds} after its create time (before it, if negative). */
    private void lastUpdateAgainstCreation(long instanceId, int seconds) {
        java.time.Instant created = database.queryOne("SELECT " + JobInstance.CREATE_TIME + " FROM " + JobInstance.TABLE
                + " WHERE " + JobInstance.ID + " = ?", row -> BatchDatabase.instant(row, JobInstance.CREATE_TIME),
                instanceId).orElseThrow();
        assertEquals(1, database.update("UPDATE " + JobInstance.TABLE + " SET " + JobInstance.UPDATE_TIME
                + " = ? WHERE " + JobInstance.ID + " = ?", created.plusSeconds(seconds), instanceId));
    }

    /** The rows of the table, in no particular order. */
    private List<Long> recorded() {
        return database.query("SELECT " + BatchRestTables.UpdatedBeforeCreated.INSTANCE_ID + " FROM "
                + BatchRestTables.UpdatedBeforeCreated.TABLE, row -> row.getLong(1));
    }

    private static Set<String> triggers(Connection connection) {
        try {
            return UpdatedBeforeCreatedInstances.existingTriggers(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void dropTriggers(Connection connection) throws SQLException {
        boolean postgreSql = BatchDatabase.isPostgreSql(connection.getMetaData());
        try (Statement statement = connection.createStatement()) {
            for (String trigger : TRIGGERS) {
                statement.executeUpdate(postgreSql ? "DROP TRIGGER " + trigger + " ON " + JobInstance.TABLE
                        : "DROP TRIGGER " + BatchTables.SCHEMA + "." + trigger);
            }
        }
    }
}
