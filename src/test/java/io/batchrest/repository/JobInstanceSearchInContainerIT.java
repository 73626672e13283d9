package io.batchrest.repository;

import io.batchrest.InContainer;
import io.batchrest.model.InstanceCount;
import io.batchrest.model.InstanceState;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.model.RetentionCriteria;
import io.batchrest.query.GroupKey;
import io.batchrest.query.JobInstanceSearch;
import io.batchrest.query.JobInstanceSearchParser;
import io.batchrest.service.JobSubmissionService;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.naming.InitialContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The search SQL ({@link JobInstanceSearchSql}, planned by {@link JobInstanceSearchPlanner}) and the purge
 * ({@link JobInstancePurge}) against the server's real data source, on the instances real jobs leave in it: embedded
 * Derby, and the topology's PostgreSQL database, which other servers share ({@link InContainer}). Each test's
 * instances carry a job parameter of their own, so that the tests see only them.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(InContainer.TAG)
@Tag(InContainer.REPOSITORY_SQL_TAG)
class JobInstanceSearchInContainerIT {

    @Deployment
    static WebArchive deployment() {
        return InContainer.deployment(JobInstanceSearchInContainerIT.class, RepositoryRows.class);
    }

    @Inject
    JobSubmissionService submissions;

    @Inject
    JobExecutionRepository executions;

    @Inject
    JobInstanceRepository instances;

    @Inject
    JobInstancePurge purge;

    @Inject
    BatchDatabase database;

    @Inject
    RetentionCandidates retentionCandidates;

    @Inject
    InstanceParameters parameters;

    @Inject
    RepositoryIndexes indexes;

    private final JobInstanceSearchParser parser = new JobInstanceSearchParser(Clock.systemDefaultZone());

    private JobInstanceRecord ran(String jobXmlName, Map<String, String> parameters) {
        JobInstanceRecord instance = InContainer.submitPackaged(submissions, jobXmlName, parameters);
        InContainer.awaitCompleted(InContainer.executionOf(executions, instance));
        return instance;
    }

    /** A search as the v4 API parses it from query parameters given once each. */
    private JobInstanceSearch search(String... nameValuePairs) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            query.put(nameValuePairs[i], List.of(nameValuePairs[i + 1]));
        }
        JobInstanceSearchParser.Result result = parser.parse(4, query);
        assertEquals(List.of(), result.unrecognizedFields());
        return result.search();
    }

    private List<Long> ids(SearchPage page) {
        return page.items().stream().map(JobInstanceRecord::instanceId).toList();
    }

    @Test
    void filtersPagesAndCountsFindExactlyTheInstancesOfARun() {
        String run = UUID.randomUUID().toString();
        long first = ran("sleepyBatchlet", Map.of("run", run, "sleepSeconds", "0", "logLines", "1")).instanceId();
        long second = ran("splitFlow", Map.of("run", run, "logLines", "1")).instanceId();
        long third = ran("sleepyBatchlet", Map.of("run", run, "sleepSeconds", "0", "logLines", "1")).instanceId();

        SearchPage all = instances.search(search("jobParameter.run", run), Optional.empty(), Totals.EXACT);
        assertEquals(List.of(third, second, first), ids(all), "newest first");
        assertEquals(3, all.total());
        assertTrue(all.totalExact());
        assertFalse(all.hasNext());

        assertEquals(List.of(third, second, first), ids(instances.search(
                search("jobParameter.run", run.substring(0, 13) + "*"), Optional.empty(), Totals.EXACT)));
        assertEquals(List.of(third, first), ids(instances.search(
                search("jobParameter.run", run, "jobName", "sleepyBatchlet"), Optional.empty(), Totals.EXACT)));
        assertEquals(List.of(first, second, third), ids(instances.search(
                search("jobParameter.run", run, "instanceState", "COMPLETED", "sort", "createTime"),
                Optional.empty(), Totals.EXACT)));
        assertEquals(List.of(), ids(instances.search(
                search("jobParameter.run", run, "instanceState", "FAILED,STOPPED"), Optional.empty(), Totals.EXACT)));
        assertEquals(List.of(second), ids(instances.search(
                search("jobParameter.run", run, "jobInstanceId", first + 1 + ":" + (third - 1), "jobName", "split*"),
                Optional.empty(), Totals.EXACT)));

        SearchPage page1 = instances.search(search("jobParameter.run", run, "pageSize", "2"), Optional.empty(),
                Totals.EXACT);
        assertEquals(List.of(third, second), ids(page1));
        assertTrue(page1.hasNext());
        assertEquals(3, page1.total());
        SearchPage page2 = instances.search(search("jobParameter.run", run, "pageSize", "2", "after",
                page1.next().orElseThrow().encode()), Optional.empty(), Totals.EXACT);
        assertEquals(List.of(first), ids(page2));
        assertFalse(page2.hasNext());

        assertEquals(List.of(new InstanceCount(null, null, null, "sleepyBatchlet", 2),
                        new InstanceCount(null, null, null, "splitFlow", 1)),
                instances.countGrouped(search("jobParameter.run", run), List.of(GroupKey.JOB_NAME), Optional.empty()));
    }

    /** A retention run with a rule for every job name once failed on an instance the runtime had not named yet. */
    @Test
    void retentionListsTheJobNamesOfNamedInstancesOnly() {
        String run = UUID.randomUUID().toString();
        ran("sleepyBatchlet", Map.of("run", run, "sleepSeconds", "0", "logLines", "1"));
        JobInstanceRecord unnamed = ran("sleepyBatchlet", Map.of("run", run, "sleepSeconds", "0", "logLines", "1"));
        database.update("UPDATE " + BatchTables.JobInstance.TABLE + " SET " + BatchTables.JobInstance.JOB_NAME
                + " = NULL WHERE " + BatchTables.JobInstance.ID + " = ?", unnamed.instanceId());
        try {
            List<String> jobNames = retentionCandidates.jobNames();
            assertFalse(jobNames.contains(null), jobNames::toString);
            assertTrue(jobNames.contains("sleepyBatchlet"), jobNames::toString);
            assertEquals(jobNames.stream().sorted().toList(), jobNames);
        } finally {
            assertEquals(JobInstancePurge.Outcome.PURGED, purge.purge(unnamed.instanceId()));
        }
    }

    /**
     * Retention's selection walks the ids between the lowest and highest of the job name's instances created by the
     * latest cutoff (plus the clock skew a cluster may have), and finds exactly what the criteria select.
     */
    @Test
    void retentionSelectsTheInstancesOldEnoughLowestIdFirstWithinTheRangeOfCreateTimes() {
        Instant cutoff = Instant.parse("2001-02-01T00:00:00Z");
        JobInstanceRecord skewed = ran("sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "0"));
        JobInstanceRecord old = ran("sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "0"));
        JobInstanceRecord young = ran("sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "0"));
        JobInstanceRecord tooYoung = ran("sleepyBatchlet", Map.of("sleepSeconds", "0", "logLines", "0"));
        // Created on a server whose clock ran 30 minutes ahead of the one that last updated it.
        setTimes(skewed, cutoff.plus(Duration.ofMinutes(30)), cutoff.minus(Duration.ofMinutes(1)));
        setTimes(old, cutoff.minus(Duration.ofDays(30)), cutoff.minus(Duration.ofDays(29)));
        // Old enough by its create time, not by its last update.
        setTimes(young, cutoff.minus(Duration.ofDays(1)), cutoff.plus(Duration.ofSeconds(1)));
        setTimes(tooYoung, cutoff.plus(RetentionCandidates.CLOCK_SKEW).plus(Duration.ofSeconds(1)),
                cutoff.plus(RetentionCandidates.CLOCK_SKEW).plus(Duration.ofSeconds(2)));
        try {
            RetentionCandidates.Selection selection = retentionCandidates.select(new RetentionCriteria("sleepyBatchlet",
                    Map.of(InstanceState.COMPLETED, cutoff, InstanceState.FAILED, cutoff.minus(Duration.ofDays(400))),
                    0));

            assertEquals(List.of(skewed.instanceId(), old.instanceId()),
                    retentionCandidates.page(selection, 0, 10).stream().map(JobInstanceRecord::instanceId).toList());
            assertEquals(List.of(old.instanceId()), retentionCandidates.page(selection, skewed.instanceId(), 10)
                    .stream().map(JobInstanceRecord::instanceId).toList());
            assertEquals(List.of(skewed.instanceId()), retentionCandidates.page(selection, 0, 1).stream()
                    .map(JobInstanceRecord::instanceId).toList());
            assertEquals(2, retentionCandidates.count(selection));

            RetentionCandidates.Selection none = retentionCandidates.select(new RetentionCriteria("sleepyBatchlet",
                    Map.of(InstanceState.COMPLETED, cutoff.minus(Duration.ofDays(365))), 0));
            assertEquals(Optional.empty(), none.where(), "no instance of the job name was created that early");
            assertEquals(List.of(), retentionCandidates.page(none, 0, 10));
            assertEquals(0, retentionCandidates.count(none));
        } finally {
            for (JobInstanceRecord instance : List.of(skewed, old, young, tooYoung)) {
                assertEquals(JobInstancePurge.Outcome.PURGED, purge.purge(instance.instanceId()));
            }
        }
    }

    private void setTimes(JobInstanceRecord instance, Instant created, Instant lastUpdated) {
        assertEquals(1, database.update("UPDATE " + BatchTables.JobInstance.TABLE + " SET "
                + BatchTables.JobInstance.CREATE_TIME + " = ?, " + BatchTables.JobInstance.UPDATE_TIME + " = ? WHERE "
                + BatchTables.JobInstance.ID + " = ?", created, lastUpdated, instance.instanceId()));
    }

    @Test
    void purgeDeletesEveryRowOfAnEndedInstanceAndRefusesARunningOne() {
        String run = UUID.randomUUID().toString();
        JobInstanceRecord partitioned = ran("partitionedBatchlet", Map.of("run", run, "partitions", "2",
                "logLines", "1"));
        long executionId = InContainer.executionOf(executions, partitioned);
        copyEverything();
        Map<String, Long> rows = RepositoryRows.of(database, partitioned.instanceId(), executionId);
        assertEquals(1L, rows.get(BatchTables.JobInstance.TABLE));
        assertEquals(3L, rows.get(BatchRestTables.InstanceParameter.TABLE), "run, partitions and logLines, copied");
        assertEquals(1L, rows.get(BatchTables.JobExecution.TABLE));
        assertEquals(3L, rows.get(BatchTables.StepThreadExecution.TABLE), "the step and its two partitions");

        assertEquals(JobInstancePurge.Outcome.PURGED, purge.purge(partitioned.instanceId()));

        rows.replaceAll((table, count) -> 0L);
        assertEquals(rows, RepositoryRows.of(database, partitioned.instanceId(), executionId));
        assertEquals(Optional.empty(), instances.findById(partitioned.instanceId()));
        assertEquals(List.of(), ids(instances.search(search("jobParameter.run", run), Optional.empty(),
                Totals.EXACT)));
        assertEquals(JobInstancePurge.Outcome.NOT_FOUND, purge.purge(partitioned.instanceId()));

        JobInstanceRecord sleeping = InContainer.submitPackaged(submissions, "sleepyBatchlet",
                Map.of("run", run, "sleepSeconds", "120", "logLines", "1"));
        long sleepingExecution = InContainer.executionOf(executions, sleeping);
        InContainer.awaitStarted(sleepingExecution);
        assertEquals(JobInstancePurge.Outcome.ACTIVE, purge.purge(sleeping.instanceId()));
        assertEquals(List.of(sleeping.instanceId()), ids(instances.search(search("jobParameter.run", run),
                Optional.empty(), Totals.EXACT)));

        // Many instances in one transaction (retention): each one's outcome, and the rows of the finished ones gone.
        JobInstanceRecord first = ran("partitionedBatchlet", Map.of("run", run, "partitions", "2", "logLines", "1"));
        JobInstanceRecord second = ran("sleepyBatchlet", Map.of("run", run, "sleepSeconds", "0", "logLines", "1"));
        long firstExecution = InContainer.executionOf(executions, first);
        long secondExecution = InContainer.executionOf(executions, second);
        Map<String, Long> firstRows = RepositoryRows.of(database, first.instanceId(), firstExecution);
        Map<String, Long> secondRows = RepositoryRows.of(database, second.instanceId(), secondExecution);
        long unknown = second.instanceId() + 1_000_000;
        assertEquals(List.of(Map.entry(first.instanceId(), JobInstancePurge.Outcome.PURGED),
                        Map.entry(sleeping.instanceId(), JobInstancePurge.Outcome.ACTIVE),
                        Map.entry(unknown, JobInstancePurge.Outcome.NOT_FOUND),
                        Map.entry(second.instanceId(), JobInstancePurge.Outcome.PURGED)),
                List.copyOf(purge.purgeAll(List.of(first.instanceId(), sleeping.instanceId(), unknown,
                        second.instanceId())).entrySet()));
        firstRows.replaceAll((table, count) -> 0L);
        secondRows.replaceAll((table, count) -> 0L);
        assertEquals(firstRows, RepositoryRows.of(database, first.instanceId(), firstExecution));
        assertEquals(secondRows, RepositoryRows.of(database, second.instanceId(), secondExecution));
        assertEquals(List.of(sleeping.instanceId()), ids(instances.search(search("jobParameter.run", run),
                Optional.empty(), Totals.EXACT)));

        BatchRuntime.getJobOperator().stop(sleepingExecution);
        assertEquals(BatchStatus.STOPPED, InContainer.awaitFinal(sleepingExecution).getBatchStatus());
        assertEquals(JobInstancePurge.Outcome.PURGED, purge.purge(sleeping.instanceId()));
        assertEquals(List.of(), ids(instances.search(search("jobParameter.run", run), Optional.empty(),
                Totals.EXACT)));
    }

    /**
     * A purge does not wait for a copy of the job parameters under way, which holds the mark: the copy's reads wait
     * for the running jobs' transactions, and purges that waited for it spent a third of their time so.
     */
    @Test
    void aPurgeDoesNotWaitForACopyUnderWay() throws Exception {
        String run = UUID.randomUUID().toString();
        long instanceId = ran("sleepyBatchlet", Map.of("run", run, "sleepSeconds", "0", "logLines", "1")).instanceId();
        copyEverything();
        ManagedExecutorService executor = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");

        JobInstancePurge.Outcome outcome = database.inTransaction(connection -> {
            InstanceParameters.takeTurn(connection);
            Future<JobInstancePurge.Outcome> purging = executor.submit(() -> purge.purge(instanceId));
            try {
                return purging.get(60, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                throw new AssertionError("the purge waited for the copy, or failed", e);
            }
        });

        assertEquals(JobInstancePurge.Outcome.PURGED, outcome);
        assertEquals(0L, copiedRows(instanceId));
        assertEquals(Optional.empty(), instances.findById(instanceId));
    }

    /**
     * A purge does not wait for a copy under way, so a copy may insert the rows it read of an instance that a purge
     * deleted meanwhile: after its commit it deletes the rows of the instances that are gone among those it inserted,
     * and only those.
     */
    @Test
    void theRowsACopyInsertedOfAnInstancePurgedMeanwhileAreDeletedAgain() {
        String run = UUID.randomUUID().toString();
        JobInstanceRecord kept = ran("sleepyBatchlet", Map.of("run", run, "sleepSeconds", "0", "logLines", "1"));
        JobInstanceRecord purged = ran("sleepyBatchlet", Map.of("run", run, "sleepSeconds", "0", "logLines", "2"));
        copyEverything();
        forgetCopy(kept.instanceId(), purged.instanceId());
        // What the copy read, before the purge.
        List<InstanceParameters.CopiedRow> read = List.of(
                new InstanceParameters.CopiedRow(kept.instanceId(), "run", run, Timestamp.from(kept.createTime())),
                new InstanceParameters.CopiedRow(purged.instanceId(), "run", run, Timestamp.from(purged.createTime())),
                new InstanceParameters.CopiedRow(purged.instanceId(), "logLines", "2",
                        Timestamp.from(purged.createTime())));
        assertEquals(JobInstancePurge.Outcome.PURGED, purge.purge(purged.instanceId()));

        Set<Long> inserted = database.inTransaction(connection -> {
            InstanceParameters.takeTurn(connection);
            return InstanceParameters.insertNew(connection, read);
        });
        assertEquals(Set.of(kept.instanceId(), purged.instanceId()), inserted);
        assertEquals(2L, copiedRows(purged.instanceId()));
        parameters.deleteRowsOfGoneInstances(inserted);

        assertEquals(0L, copiedRows(purged.instanceId()));
        assertEquals(1L, copiedRows(kept.instanceId()));
        assertEquals(List.of(kept.instanceId()), ids(instances.search(search("jobParameter.run", run),
                Optional.empty(), Totals.EXACT)));
    }

    /**
     * A purge of several instances locks them in ascending id order, whatever the order given. Here another
     * transaction, like a purge sorted the other way, holds the lower id: the purge waits for it without having locked
     * the higher one, which that transaction can then take. Locked in the order given, the two deadlocked (the
     * higher id's update waited, and one of them failed once the database found the deadlock).
     */
    @Test
    void aPurgeLocksItsInstancesInAscendingIdOrder() throws Exception {
        Map<String, String> parameters = Map.of("sleepSeconds", "0", "logLines", "1");
        long lower = ran("sleepyBatchlet", parameters).instanceId();
        long higher = ran("sleepyBatchlet", parameters).instanceId();
        ManagedExecutorService executor = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");

        Future<Map<Long, JobInstancePurge.Outcome>> purged = database.inTransaction(connection -> {
            BatchDatabase.update(connection, LOCK_INSTANCE, lower);
            Future<Map<Long, JobInstancePurge.Outcome>> purging = executor.submit(
                    () -> purge.purgeAll(List.of(higher, lower)));
            assertThrows(TimeoutException.class, () -> purging.get(1, TimeUnit.SECONDS), "the purge waits");
            long started = System.nanoTime();
            assertEquals(1, BatchDatabase.update(connection, LOCK_INSTANCE, higher));
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5, "the higher id was not locked");
            return purging;
        });

        assertEquals(List.of(higher, lower), List.copyOf(purged.get(60, TimeUnit.SECONDS).keySet()), "in the order given");
        assertEquals(List.of(JobInstancePurge.Outcome.PURGED, JobInstancePurge.Outcome.PURGED),
                List.copyOf(purged.get().values()));
        assertEquals(Optional.empty(), instances.findById(lower));
        assertEquals(Optional.empty(), instances.findById(higher));
    }

    private static final String LOCK_INSTANCE = "UPDATE " + BatchTables.JobInstance.TABLE + " SET "
            + BatchTables.JobInstance.NUM_EXECS + " = " + BatchTables.JobInstance.NUM_EXECS + " WHERE "
            + BatchTables.JobInstance.ID + " = ?";

    /** A row of batch-rest's copy of the parameters: instance id, name, value, the instance's create time. */
    private static final String COPY_ROW = "INSERT INTO " + BatchRestTables.InstanceParameter.TABLE + " ("
            + BatchRestTables.InstanceParameter.INSTANCE_ID + ", " + BatchRestTables.InstanceParameter.NAME + ", "
            + BatchRestTables.InstanceParameter.VALUE + ", " + BatchRestTables.InstanceParameter.CREATE_TIME
            + ") VALUES (?, ?, ?, ?)";

    /**
     * The copied rows of an instance that something else purged, as Liberty's API does (which does not know the copy),
     * are deleted by the sweep; those of the instances that exist stay.
     */
    @Test
    void theSweepDeletesTheCopiedRowsOfInstancesPurgedElsewhere() {
        String run = UUID.randomUUID().toString();
        JobInstanceRecord kept = ran("sleepyBatchlet", Map.of("run", run, "sleepSeconds", "0", "logLines", "1"));
        copyEverything();
        long gone = kept.instanceId() + 1_000_000;
        // Each insert counted, not the rows afterwards: the server's own sweep may delete them at any moment.
        assertEquals(1, database.update(COPY_ROW, gone, "run", run, kept.createTime()));
        assertEquals(1, database.update(COPY_ROW, gone, "logLines", "1", kept.createTime()));

        // Two ends of a pass, wherever the sweep stood: the second pass went through the whole copy.
        for (int passes = 0; passes < 2; ) {
            if (parameters.sweepStep()) {
                passes++;
            }
        }

        assertEquals(0L, copiedRows(gone));
        assertEquals(3L, copiedRows(kept.instanceId()), "run, sleepSeconds and logLines");
        assertEquals(List.of(kept.instanceId()), ids(instances.search(search("jobParameter.run", run),
                Optional.empty(), Totals.EXACT)));
    }

    private long copiedRows(long instanceId) {
        return database.count("SELECT COUNT(*) FROM " + BatchRestTables.InstanceParameter.TABLE + " WHERE "
                + BatchRestTables.InstanceParameter.INSTANCE_ID + " = ?", instanceId);
    }

    /**
     * A search by a parameter value that many instances have walks batch-rest's copy of the parameters, newest first,
     * and reads the executions after the copy's mark from Liberty's tables: whether the copy holds all of a run's
     * instances, the older half, none of them, or is not walked at all, every page is the same.
     */
    @Test
    void theCopyOfTheParametersAnswersLikeLibertysTablesWhereverItsMarkStands() {
        String run = UUID.randomUUID().toString();
        long first = ran("sleepyBatchlet", Map.of("run", run, "sleepSeconds", "0", "logLines", "1")).instanceId();
        long second = ran("splitFlow", Map.of("run", run, "logLines", "1")).instanceId();
        long third = ran("sleepyBatchlet", Map.of("run", run, "sleepSeconds", "0", "logLines", "1")).instanceId();
        long fourth = ran("sleepyBatchlet", Map.of("run", run, "sleepSeconds", "0", "logLines", "2")).instanceId();
        copyEverything();
        assertEquals(List.of(1L, 1L, 1L, 1L), List.of(first, second, third, fourth).stream()
                .map(id -> database.count("SELECT COUNT(*) FROM " + BatchRestTables.InstanceParameter.TABLE + " WHERE "
                        + BatchRestTables.InstanceParameter.INSTANCE_ID + " = ? AND "
                        + BatchRestTables.InstanceParameter.NAME + " = 'run'", id)).toList(), "copied once each");
        long lastExecution = executionOf(fourth);

        searchesAnswerTheSame(run, Optional.of(lastExecution), List.of(first, second, third, fourth));
        searchesAnswerTheSame(run, Optional.empty(), List.of(first, second, third, fourth));
        // As if the copy had not reached the two newest instances yet (their rows not copied, the mark before them).
        forgetCopy(third, fourth);
        searchesAnswerTheSame(run, Optional.of(executionOf(third) - 1), List.of(first, second, third, fourth));
        forgetCopy(first, second);
        searchesAnswerTheSame(run, Optional.of(executionOf(first) - 1), List.of(first, second, third, fourth));
    }

    /**
     * A match far behind the newest instances of the value: the walk of the copy reads chunk after chunk (the first
     * of {@link JobInstanceSearchPlanner#MIN_CHUNK}) until it has found it.
     */
    @Test
    void theWalkOfTheCopyGoesOnChunkAfterChunkToASparseMatch() {
        String run = UUID.randomUUID().toString();
        long split = ran("splitFlow", Map.of("run", run, "logLines", "1")).instanceId();
        for (int i = 0; i <= JobInstanceSearchPlanner.MIN_CHUNK; i++) {
            InContainer.submitPackaged(submissions, "sleepyBatchlet", Map.of("run", run, "sleepSeconds", "0",
                    "logLines", "0"));
        }
        long newest = ran("sleepyBatchlet", Map.of("run", run, "sleepSeconds", "0", "logLines", "0")).instanceId();
        copyEverything();

        for (Optional<Long> mark : List.of(Optional.of(executionOf(newest)), Optional.of(executionOf(split)))) {
            JobInstanceSearchPlanner planner = new JobInstanceSearchPlanner(database, 1, 1000,
                    JobInstanceSearchPlanner.DEFAULT_SORTED_ID_RANGE, mark,
                    new LargeCounts(0), indexes.updatesBeforeCreationRecorded());
            assertEquals(List.of(split), ids(page(planner, search("jobParameter.run", run, "jobName", "splitFlow",
                    "pageSize", "1"))), "mark " + mark);
            SearchPage newestTwo = page(planner, search("jobParameter.run", run, "pageSize", "2"));
            assertEquals(2, newestTwo.items().size());
            assertEquals(newest, newestTwo.items().get(0).instanceId());
        }
    }

    /**
     * A walk of the copy sifts each chunk by the create times of a filter's own index before it reads rows
     * ({@code sift} in the planner): the run's FAILED instances, a third of it, are sparser than a chunk, and the job
     * name, which every instance of the run has, is not where the walked value ({@code even}) is half of the run, so
     * that sieve is dropped. Page after page through the cursors, in chunks whose first and last instances differ
     * from page to page, the walk finds what the instances' own states say, newest first.
     */
    @Test
    void aWalkOfTheCopySiftedByAFilterOfTheSameSpanFindsPageAfterPageWhatTheRowsSay() {
        String run = UUID.randomUUID().toString();
        List<Long> submitted = new java.util.ArrayList<>();
        for (int i = 0; i < JobInstanceSearchPlanner.MIN_CHUNK + 8; i++) {
            Map<String, String> parameters = new LinkedHashMap<>(Map.of("run", run, "sleepSeconds", "0",
                    "logLines", "0", "forceFailure", Boolean.toString(i % 3 == 0)));
            if (i % 2 == 0) {
                parameters.put("even", run);
            }
            submitted.add(InContainer.submitPackaged(submissions, "sleepyBatchlet", parameters).instanceId());
        }
        submitted.forEach(id -> InContainer.awaitFinal(executionOf(id)));
        copyEverything();
        List<JobInstanceRecord> newestFirst = submitted.stream().map(id -> instances.findById(id).orElseThrow())
                .sorted(java.util.Comparator.comparing(JobInstanceRecord::createTime)
                        .thenComparingLong(JobInstanceRecord::instanceId).reversed())
                .toList();
        List<Long> failed = newestFirst.stream().filter(i -> i.instanceState() == InstanceState.FAILED)
                .map(JobInstanceRecord::instanceId).toList();
        List<Long> completedEven = newestFirst.stream().filter(i -> i.instanceState() == InstanceState.COMPLETED
                && submitted.indexOf(i.instanceId()) % 2 == 0).map(JobInstanceRecord::instanceId).toList();
        assertEquals((JobInstanceSearchPlanner.MIN_CHUNK + 8 + 2) / 3, failed.size(), "forceFailure makes FAILED");

        JobInstanceSearchPlanner planner = new JobInstanceSearchPlanner(database, 1, 1000,
                JobInstanceSearchPlanner.DEFAULT_SORTED_ID_RANGE,
                Optional.of(executionOf(newestFirst.get(0).instanceId())), new LargeCounts(0), indexes.updatesBeforeCreationRecorded());
        // The parameter alone: chunks of just a page and one more, each of whose ids matches.
        assertEquals(newestFirst.stream().map(JobInstanceRecord::instanceId).toList(),
                pageAfterPage(planner, 7, "jobParameter.run", run));
        assertEquals(failed, pageAfterPage(planner, 5, "jobParameter.run", run, "instanceState", "FAILED"));
        assertEquals(failed, pageAfterPage(planner, 4, "jobParameter.run", run, "jobName", "sleepyBatchlet",
                "instanceState", "FAILED"));
        assertEquals(completedEven, pageAfterPage(planner, 3, "jobParameter.even", run, "jobName", "sleepyBatchlet",
                "instanceState", "COMPLETED"));
    }

    /**
     * An instance id range with more matches than the candidate limit. When it spans at most the sorted-range limit,
     * its entries are read in their own index and sorted; otherwise the page walks the create-time index. The run's
     * create times are set against the order of its ids, so that newest first is not highest id first. Both plans
     * give every page in that order, through the cursors and by page number, with the same totals, for {@code a:b},
     * for {@code <b}, and sorted oldest first.
     */
    @Test
    void anIdRangeOfManyInstancesSortedInItsOwnIndexOrWalkedAnswersTheSame() throws Exception {
        List<JobInstanceRecord> run = ranQuietly(6);
        Instant base = Instant.now().minus(Duration.ofDays(3));
        int[] age = {2, 0, 4, 5, 1, 3};
        for (int i = 0; i < run.size(); i++) {
            setTimes(run.get(i), base.minusSeconds(age[i]), base.minusSeconds(age[i]));
        }
        long lowest = run.get(0).instanceId();
        long highest = run.get(run.size() - 1).instanceId();
        String range = lowest + ":" + highest;
        try {
            List<Long> newestFirst = java.util.stream.LongStream.rangeClosed(lowest, highest).boxed()
                    .map(instances::findById).flatMap(Optional::stream)
                    .sorted(java.util.Comparator.comparing(JobInstanceRecord::createTime)
                            .thenComparingLong(JobInstanceRecord::instanceId).reversed())
                    .map(JobInstanceRecord::instanceId).toList();
            assertTrue(newestFirst.containsAll(run.stream().map(JobInstanceRecord::instanceId).toList()));
            assertEquals(List.of(run.get(1).instanceId(), run.get(4).instanceId(), run.get(0).instanceId()),
                    newestFirst.subList(0, 3), "newest first is not highest id first");

            List<String> statements = new java.util.concurrent.CopyOnWriteArrayList<>();
            BatchDatabase recorded = recording(statements);
            JobInstanceSearchPlanner sorts = new JobInstanceSearchPlanner(recorded, 1, 1000, Long.MAX_VALUE,
                    Optional.empty(), new LargeCounts(0), indexes.updatesBeforeCreationRecorded());
            JobInstanceSearchPlanner walks = new JobInstanceSearchPlanner(recorded, 1, 1000, 0, Optional.empty(),
                    new LargeCounts(0), indexes.updatesBeforeCreationRecorded());

            assertEquals(newestFirst, pageAfterPage(sorts, 2, "jobInstanceId", range));
            assertTrue(statements.stream().anyMatch(sql -> sql.contains(SearchIndex.ID_CREATED.indexName())
                    && sql.contains(" ORDER BY ")), "the range's entries sorted in their own index: " + statements);
            statements.clear();
            assertEquals(newestFirst, pageAfterPage(walks, 2, "jobInstanceId", range));
            assertTrue(statements.stream().noneMatch(sql -> sql.contains(SearchIndex.ID_CREATED.indexName())
                    && sql.contains(" ORDER BY ")), "the walk sorts nothing: " + statements);

            List<Long> oldestFirst = new java.util.ArrayList<>(newestFirst);
            java.util.Collections.reverse(oldestFirst);
            for (JobInstanceSearchPlanner planner : List.of(sorts, walks)) {
                assertEquals(oldestFirst, pageAfterPage(planner, 4, "jobInstanceId", range, "sort", "createTime"));
                SearchPage second = page(planner, search("jobInstanceId", range, "page", "1", "pageSize", "4"));
                assertEquals(newestFirst.subList(4, newestFirst.size()), ids(second));
                assertEquals(newestFirst.size(), second.total());
                assertTrue(second.totalExact());
            }
            // Every instance up to the run's last, other tests' too: the two plans agree.
            SearchPage sortedUpTo = page(sorts, search("jobInstanceId", "<" + highest, "pageSize", "4"));
            SearchPage walkedUpTo = page(walks, search("jobInstanceId", "<" + highest, "pageSize", "4"));
            assertEquals(ids(walkedUpTo), ids(sortedUpTo));
            assertEquals(walkedUpTo.total(), sortedUpTo.total());
        } finally {
            purgeAll(run);
        }
    }

    /**
     * A job name with a state: the page walks that job's instances in that state, one range of the index of job names
     * and states, whether the job's own rows would find them densely or not; neither the state's entries (of every
     * job) nor the job's rows (of every state) are walked. The run's 18 instances get a job name and a submitter of
     * their own, two of them the state FAILED (sparse among the job's rows), the others COMPLETED (dense), and create
     * times against the order of their ids; every page, the totals and the submitter's own view must give them newest
     * first.
     */
    @Test
    void aJobNameWithAStateIsWalkedInTheRangeOfTheIndexOfJobsAndStatesWhetherTheJobsRowsAreDenseOrNot()
            throws Exception {
        List<JobInstanceRecord> run = ranQuietly(18);
        String jobName = "run-" + UUID.randomUUID();
        String submitter = "submitter-" + jobName;
        Instant base = Instant.now().minus(Duration.ofDays(3));
        List<Long> completed = new java.util.ArrayList<>();
        List<Long> failed = new java.util.ArrayList<>();
        java.util.Map<Long, Integer> ages = new java.util.HashMap<>();
        for (int i = 0; i < run.size(); i++) {
            int age = i * 7 % run.size();
            ages.put(run.get(i).instanceId(), age);
            setTimes(run.get(i), base.minusSeconds(age), base.minusSeconds(age));
            InstanceState state = i == 1 || i == 2 ? InstanceState.FAILED : InstanceState.COMPLETED;
            (state == InstanceState.FAILED ? failed : completed).add(run.get(i).instanceId());
            assertEquals(1, database.update("UPDATE " + BatchTables.JobInstance.TABLE + " SET "
                    + BatchTables.JobInstance.JOB_NAME + " = ?, " + BatchTables.JobInstance.INSTANCE_STATE + " = ?, "
                    + BatchTables.JobInstance.SUBMITTER + " = ? WHERE " + BatchTables.JobInstance.ID + " = ?", jobName,
                    state.ordinal(), submitter, run.get(i).instanceId()));
        }
        completed.sort(java.util.Comparator.comparing(ages::get));
        failed.sort(java.util.Comparator.comparing(ages::get));
        try {
            List<String> statements = new java.util.concurrent.CopyOnWriteArrayList<>();
            JobInstanceSearchPlanner planner = new JobInstanceSearchPlanner(recording(statements), 1, 1000,
                    JobInstanceSearchPlanner.DEFAULT_SORTED_ID_RANGE, Optional.empty(), new LargeCounts(0), indexes.updatesBeforeCreationRecorded());

            for (List<Object> stateAndPageSize : List.<List<Object>>of(List.of("FAILED", 1), List.of("COMPLETED", 5))) {
                statements.clear();
                assertEquals(stateAndPageSize.get(0).equals("FAILED") ? failed : completed, pageAfterPage(planner,
                        (Integer) stateAndPageSize.get(1), "jobName", jobName, "instanceState",
                        (String) stateAndPageSize.get(0)));
                assertTrue(statements.stream().anyMatch(pageWalks(SearchIndex.JOBNAME_STATE_CREATED)),
                        "the range of the job in that state walked: " + statements);
                assertTrue(statements.stream().noneMatch(pageWalks(SearchIndex.STATE_CREATED_JOB_SUBMITTER_EXIT)
                        .or(pageWalks(SearchIndex.JOBNAME_CREATED))), "neither the state's entries nor the job's rows: "
                        + statements);
                assertTrue(statements.stream().noneMatch(sql -> sql.contains("FETCH FIRST ? ROWS ONLY) i WHERE")),
                        "nothing sampled: " + statements);
            }

            SearchPage failedPage = page(planner, search("jobName", jobName, "instanceState", "FAILED"));
            assertEquals(failed, ids(failedPage));
            assertEquals(2, failedPage.total());
            assertTrue(failedPage.totalExact());
            SearchPage second = page(planner, search("jobName", jobName, "instanceState", "COMPLETED", "page", "1",
                    "pageSize", "2"));
            assertEquals(completed.subList(2, 4), ids(second));
            assertEquals(16, second.total());
            SearchPage stopped = page(planner, search("jobName", jobName, "instanceState", "STOPPED"));
            assertEquals(List.of(), ids(stopped));
            assertEquals(0, stopped.total());

            JobInstanceSearch failedOfTheJob = search("instanceState", "FAILED", "jobName", jobName);
            assertEquals(failed, ids(planner.search(new JobInstanceSearchSql(failedOfTheJob, Optional.of(submitter)),
                    50, 0, Optional.empty(), Totals.EXACT, true)), "the submitter's own view");
            assertEquals(List.of(), ids(planner.search(new JobInstanceSearchSql(failedOfTheJob,
                    Optional.of(submitter + "-other")), 50, 0, Optional.empty(), Totals.EXACT, true)));
        } finally {
            purgeAll(run);
        }
    }

    /**
     * Filters that each match many instances but few together: a job name with a state in another order than newest
     * first is found in the range of that job and state in their index, with a list of states on the entries of the
     * state's index, which carries the job name, instead of walking rows; a job name with an exit status walks the
     * exit status's entries, which carry the job name; a job name with an application walks the rows of the value
     * with fewer instances.
     */
    @Test
    void filtersThatMatchManyAloneButFewTogetherAreFoundOnTheEntriesThatCarryThemOrInTheSmallerValuesRows()
            throws Exception {
        List<JobInstanceRecord> run = ranQuietly(11);
        String job = "run-" + UUID.randomUUID();
        String other = "other-" + job;
        String rare = "rare-" + job;
        String app = "app-" + job;
        Instant base = Instant.now().minus(Duration.ofDays(3));
        int[] age = {4, 9, 1, 7, 0, 5, 8, 2, 6, 3, 10};
        for (int i = 0; i < run.size(); i++) {
            setTimes(run.get(i), base.minusSeconds(age[i]), base.minusSeconds(age[i] * 2L));
            boolean ofTheJob = i < 6 || i == 10;
            InstanceState state = i < 3 || !ofTheJob ? InstanceState.FAILED : InstanceState.COMPLETED;
            boolean ofTheApp = i == 0 || i == 2 || i == 6 || i == 8 || i == 9;
            assertEquals(1, database.update("UPDATE " + BatchTables.JobInstance.TABLE + " SET "
                    + BatchTables.JobInstance.JOB_NAME + " = ?, " + BatchTables.JobInstance.INSTANCE_STATE + " = ?, "
                    + BatchTables.JobInstance.EXIT_STATUS + " = ?, " + BatchTables.JobInstance.AMC_NAME + " = ? WHERE "
                    + BatchTables.JobInstance.ID + " = ?", ofTheJob ? job : other, state.ordinal(),
                    i == 3 || i == 4 || i == 6 || i == 7 ? rare : "COMPLETED",
                    (ofTheApp ? app : "other-" + app) + "#batch-rest.war", run.get(i).instanceId()));
        }
        java.util.function.IntFunction<Long> id = i -> run.get(i).instanceId();
        try {
            List<String> statements = new java.util.concurrent.CopyOnWriteArrayList<>();
            // Three candidates at most: the job's seven instances, the other's four, the seven failed and four
            // completed ones, and the four of the rare exit status are "many".
            JobInstanceSearchPlanner planner = new JobInstanceSearchPlanner(recording(statements), 3, 1000,
                    JobInstanceSearchPlanner.DEFAULT_SORTED_ID_RANGE, Optional.empty(), new LargeCounts(0),
                    indexes.updatesBeforeCreationRecorded());
            java.util.function.Function<SearchIndex, java.util.function.Predicate<String>> together = index -> sql ->
                    sql.startsWith("SELECT i.JOBINSTANCEID FROM ") && sql.contains(index.indexName() + "\n")
                            && !sql.contains(" ORDER BY ");

            // Last updated 0, 2 and 18 seconds before the base: newest first by last update.
            assertEquals(List.of(id.apply(2), id.apply(0), id.apply(1)), pageAfterPage(planner, 2, "jobName", job,
                    "instanceState", "FAILED", "sort", "-lastUpdatedTime"));
            assertTrue(statements.stream().anyMatch(together.apply(SearchIndex.JOBNAME_STATE_CREATED)),
                    "found in the range of the job in that state: " + statements);
            assertTrue(statements.stream().noneMatch(pageWalks(SearchIndex.UPDATED_STATE)),
                    "the last-updated order not walked: " + statements);
            statements.clear();
            assertEquals(List.of(id.apply(2), id.apply(0), id.apply(1)), pageAfterPage(planner, 5, "jobName", job,
                    "instanceState", "FAILED,STOPPED"), "a list of states, newest first");
            assertTrue(statements.stream().anyMatch(together.apply(SearchIndex.STATE_CREATED_JOB_SUBMITTER_EXIT)),
                    "found on the states' entries: " + statements);
            assertTrue(statements.stream().noneMatch(pageWalks(SearchIndex.JOBNAME_CREATED)),
                    "the job's rows not walked: " + statements);
            statements.clear();
            SearchPage none = page(planner, search("jobName", other, "instanceState", "COMPLETED", "sort",
                    "-lastUpdatedTime"));
            assertEquals(List.of(), ids(none));
            assertEquals(0, none.total());
            assertTrue(statements.stream().anyMatch(together.apply(SearchIndex.JOBNAME_STATE_CREATED)),
                    "found in the range of the job in that state: " + statements);
            assertTrue(statements.stream().noneMatch(sql -> !sql.startsWith("SELECT COUNT(")
                    && sql.contains(" ORDER BY ")), "no page read at all: " + statements);

            statements.clear();
            SearchPage rareOfTheJob = page(planner, search("jobName", job, "exitStatus", rare));
            assertEquals(List.of(id.apply(4), id.apply(3)), ids(rareOfTheJob), "newest first");
            assertEquals(2, rareOfTheJob.total());
            assertTrue(statements.stream().anyMatch(pageWalks(SearchIndex.EXITSTATUS_CREATED_JOB_SUBMITTER)),
                    "the rare exit status's entries walked, which carry the job name: " + statements);
            assertTrue(statements.stream().noneMatch(pageWalks(SearchIndex.JOBNAME_CREATED)),
                    "not the job's rows: " + statements);
            assertEquals(List.of(id.apply(7), id.apply(6)), pageAfterPage(planner, 1, "jobName", other,
                    "exitStatus", rare));

            // No index holds the application name with another column: the application's five instances are fewer
            // than the job's seven.
            statements.clear();
            assertEquals(List.of(id.apply(2), id.apply(0)), pageAfterPage(planner, 1, "appName", app, "jobName", job));
            assertTrue(statements.stream().anyMatch(pageWalks(SearchIndex.APP_CREATED)),
                    "the application's rows walked: " + statements);
            assertTrue(statements.stream().noneMatch(pageWalks(SearchIndex.JOBNAME_CREATED)),
                    "not the job's: " + statements);

            // The state's index carries the exit status too.
            statements.clear();
            assertEquals(List.of(id.apply(7), id.apply(6)), pageAfterPage(planner, 1, "instanceState", "FAILED",
                    "exitStatus", rare));
            assertTrue(statements.stream().anyMatch(pageWalks(SearchIndex.STATE_CREATED_JOB_SUBMITTER_EXIT)),
                    "the failed instances' entries walked: " + statements);
            assertTrue(statements.stream().noneMatch(pageWalks(SearchIndex.EXITSTATUS_CREATED_JOB_SUBMITTER)),
                    "not the exit status's rows: " + statements);
        } finally {
            purgeAll(run);
        }
    }

    /**
     * A day of last-updated times long ago, newest first: the page finds no instance recorded as last updated before
     * it was created, and walks only the instances created before the day's end. An instance last updated that day
     * but created later (another server's clock, an edited repository) is recorded by the triggers as the update
     * happens, keeps the walk from skipping the newer instances, and is found.
     */
    @Test
    void aDayOfLastUpdatesLongAgoSkipsTheNewerInstancesOnlyIfNoneOfItsOwnIsNewer() throws Exception {
        List<JobInstanceRecord> run = ranQuietly(6);
        java.time.LocalDate day = java.time.LocalDate.now().minusDays(2000 + new java.util.Random().nextInt(1000));
        Instant noon = day.atTime(12, 0).atZone(java.time.ZoneId.systemDefault()).toInstant();
        int[] age = {2, 0, 3, 1};
        for (int i = 0; i < age.length; i++) {
            setTimes(run.get(i), noon.minusSeconds(60 + age[i]), noon.plusSeconds(age[i]));
        }
        try {
            List<Long> newestFirst = List.of(run.get(1).instanceId(), run.get(3).instanceId(),
                    run.get(0).instanceId(), run.get(2).instanceId());
            List<String> statements = new java.util.concurrent.CopyOnWriteArrayList<>();
            JobInstanceSearchPlanner planner = new JobInstanceSearchPlanner(recording(statements), 1, 1000,
                    JobInstanceSearchPlanner.DEFAULT_SORTED_ID_RANGE, Optional.empty(), new LargeCounts(0), indexes.updatesBeforeCreationRecorded());
            String theDay = day + ":" + day;
            String upToTheDay = "<" + java.time.temporal.ChronoUnit.DAYS.between(day, java.time.LocalDate.now()) + "d";

            assertTrue(indexes.updatesBeforeCreationRecorded());
            assertEquals(newestFirst, pageAfterPage(planner, 3, "lastUpdatedTime", theDay));
            assertTrue(statements.stream().anyMatch(sql -> sql.contains("FROM " + BatchRestTables.UpdatedBeforeCreated
                    .TABLE)), "the recorded instances read: " + statements);
            assertTrue(statements.stream().noneMatch(sql -> sql.contains(SearchIndex.UPDATED_ASC_CREATED.indexName())),
                    "not the day's entries: " + statements);
            assertTrue(statements.stream().anyMatch(sql -> sql.contains(" ORDER BY ")
                    && sql.contains("AND i.CREATETIME < ?")), "the walk bounded by the day's end: " + statements);
            assertEquals(newestFirst, pageAfterPage(planner, 3, "lastUpdatedTime", upToTheDay));
            SearchPage second = page(planner, search("lastUpdatedTime", theDay, "page", "1", "pageSize", "3"));
            assertEquals(newestFirst.subList(3, 4), ids(second));
            assertEquals(4, second.total());
            assertTrue(second.totalExact());

            // Last updated that day, created today.
            assertEquals(1, database.update("UPDATE " + BatchTables.JobInstance.TABLE + " SET "
                    + BatchTables.JobInstance.UPDATE_TIME + " = ? WHERE " + BatchTables.JobInstance.ID + " = ?",
                    noon.plusSeconds(5), run.get(4).instanceId()));
            statements.clear();
            List<Long> withTheSkewed = new java.util.ArrayList<>(List.of(run.get(4).instanceId()));
            withTheSkewed.addAll(newestFirst);
            assertEquals(withTheSkewed, pageAfterPage(planner, 3, "lastUpdatedTime", theDay));
            assertTrue(statements.stream().anyMatch(sql -> sql.startsWith("SELECT COUNT(*) FROM "
                    + BatchTables.JobInstance.TABLE + " i WHERE i." + BatchTables.JobInstance.ID + " IN (")),
                    "the recorded instances' rows tested: " + statements);
            assertTrue(statements.stream().noneMatch(sql -> sql.contains("AND i.CREATETIME < ?")),
                    "the walk not bounded: " + statements);
            assertEquals(withTheSkewed, pageAfterPage(planner, 3, "lastUpdatedTime", upToTheDay));
        } finally {
            purgeAll(run);
        }
    }

    /** Whether a statement reads a page by walking {@code index} (a sample or count of its rows does not). */
    private static java.util.function.Predicate<String> pageWalks(SearchIndex index) {
        return sql -> !sql.startsWith("SELECT COUNT(") && sql.contains(index.indexName() + "\n") && sql.contains(" ORDER BY ");
    }

    /** {@code count} sleepyBatchlet instances that log nothing, run to their end, oldest first. */
    private List<JobInstanceRecord> ranQuietly(int count) {
        List<JobInstanceRecord> run = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            run.add(InContainer.submitPackaged(submissions, "sleepyBatchlet", Map.of("sleepSeconds", "0",
                    "logLines", "0")));
        }
        run.forEach(instance -> InContainer.awaitFinal(executionOf(instance.instanceId())));
        return run;
    }

    private void purgeAll(List<JobInstanceRecord> run) {
        for (JobInstanceRecord instance : run) {
            assertEquals(JobInstancePurge.Outcome.PURGED, purge.purge(instance.instanceId()));
        }
    }

    /** The server's repository, recording in {@code statements} the text of every statement prepared. */
    private static BatchDatabase recording(List<String> statements) throws javax.naming.NamingException {
        BatchDatabase recorded = new BatchDatabase();
        recorded.dataSource = recordingStatements(InitialContext.doLookup("jdbc/batch"), statements);
        return recorded;
    }

    /** {@code dataSource}, recording the text of every statement prepared on its connections. */
    private static javax.sql.DataSource recordingStatements(javax.sql.DataSource dataSource, List<String> statements) {
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                JobInstanceSearchInContainerIT.class.getClassLoader(), new Class<?>[] {javax.sql.DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, dataSource, args);
                    if (!(result instanceof java.sql.Connection connection)) {
                        return result;
                    }
                    return java.lang.reflect.Proxy.newProxyInstance(
                            JobInstanceSearchInContainerIT.class.getClassLoader(),
                            new Class<?>[] {java.sql.Connection.class}, (ignored, call, values) -> {
                                if (call.getName().equals("prepareStatement")) {
                                    statements.add((String) values[0]);
                                }
                                return invoke(call, connection, values);
                            });
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The ids of every page of a search, following each page's cursor. */
    private List<Long> pageAfterPage(JobInstanceSearchPlanner planner, int pageSize, String... filters) {
        List<Long> ids = new java.util.ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            List<String> query = new java.util.ArrayList<>(List.of(filters));
            query.addAll(List.of("pageSize", Integer.toString(pageSize)));
            after.ifPresent(cursor -> query.addAll(List.of("after", cursor)));
            SearchPage page = page(planner, search(query.toArray(String[]::new)));
            ids.addAll(ids(page));
            after = page.next().map(io.batchrest.query.SearchCursor::encode);
        } while (after.isPresent());
        return ids;
    }

    private long executionOf(long instanceId) {
        return InContainer.executionOf(executions, instances.findById(instanceId).orElseThrow());
    }

    private void forgetCopy(long... instanceIds) {
        for (long instanceId : instanceIds) {
            database.update("DELETE FROM " + BatchRestTables.InstanceParameter.TABLE + " WHERE "
                    + BatchRestTables.InstanceParameter.INSTANCE_ID + " = ?", instanceId);
        }
    }

    /** @param run the instances of the run, oldest first: a sleepyBatchlet, a splitFlow, two sleepyBatchlets */
    private void searchesAnswerTheSame(String run, Optional<Long> mark, List<Long> run4) {
        long first = run4.get(0);
        long second = run4.get(1);
        long third = run4.get(2);
        long fourth = run4.get(3);
        // A probe of one candidate: the run's four instances are "many", so the page walks.
        JobInstanceSearchPlanner planner = new JobInstanceSearchPlanner(database, 1, 1000,
                    JobInstanceSearchPlanner.DEFAULT_SORTED_ID_RANGE, mark,
                new LargeCounts(0), indexes.updatesBeforeCreationRecorded());
        String as = "mark " + mark;
        assertEquals(List.of(fourth, third, second, first), ids(page(planner, search("jobParameter.run", run))), as);
        assertEquals(List.of(fourth, third, first), ids(page(planner, search("jobParameter.run", run,
                "jobName", "sleepyBatchlet"))), as);
        assertEquals(List.of(third, first), ids(page(planner, search("jobParameter.run", run,
                "jobParameter.logLines", "1", "jobName", "sleepyBatchlet"))), as);
        assertEquals(List.of(second, first), ids(page(planner, search("jobParameter.run", run, "page", "1",
                "pageSize", "2"))), as);
        SearchPage page1 = page(planner, search("jobParameter.run", run, "pageSize", "3"));
        assertEquals(List.of(fourth, third, second), ids(page1), as);
        assertTrue(page1.hasNext(), as);
        SearchPage page2 = page(planner, search("jobParameter.run", run, "pageSize", "3", "after",
                page1.next().orElseThrow().encode()));
        assertEquals(List.of(first), ids(page2), as);
        assertFalse(page2.hasNext(), as);
        assertEquals(List.of(), ids(page(planner, search("jobParameter.run", run, "instanceState", "FAILED"))), as);
        // A page past the end tells the exact total, not its own offset; where the page walked the copy, without a
        // count of its own.
        JobInstanceSearch pastTheEnd = search("jobParameter.run", run, "page", "3", "pageSize", "2");
        SearchPage past = planner.search(new JobInstanceSearchSql(pastTheEnd, Optional.empty()), 2, 6,
                Optional.empty(), Totals.UP_TO_LIMIT, true);
        assertEquals(List.of(), ids(past), as);
        assertEquals(4, past.total(), as);
        assertTrue(past.totalExact(), as);
    }

    /**
     * Copies the parameters of every execution: judged two minutes from now, the ids that the other tests' purges
     * left missing are gone for good, and the copy's mark passes them.
     */
    private void copyEverything() {
        indexes.ensure();
        parameters.copyNew(java.time.Instant.now().plus(InstanceParameters.SETTLE));
    }

    private SearchPage page(JobInstanceSearchPlanner planner, JobInstanceSearch search) {
        return planner.search(new JobInstanceSearchSql(search, Optional.empty()), search.page().pageSize(),
                search.page().offset(), search.page().after(), Totals.EXACT, true);
    }
}
