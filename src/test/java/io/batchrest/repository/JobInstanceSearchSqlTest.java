package io.batchrest.repository;

import io.batchrest.model.InstanceState;
import io.batchrest.repository.BatchTables.JobInstance;
import io.batchrest.query.GroupKey;
import io.batchrest.query.InstanceIdFilter;
import io.batchrest.query.JobInstanceSearch;
import io.batchrest.query.PageRequest;
import io.batchrest.query.SearchCursor;
import io.batchrest.query.SortKey;
import io.batchrest.query.TimeRange;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobInstanceSearchSqlTest {

    private static final Optional<SearchIndex> NO_INDEX = Optional.empty();
    private static final Optional<List<Long>> NO_CANDIDATES = Optional.empty();
    private static final Optional<SearchCursor> NO_CURSOR = Optional.empty();

    @Test
    void theV1ListWalksTheCreateTimeIndexNewestFirstAndReadsOneRowMoreThanThePage() {
        JobInstanceSearchSql search = new JobInstanceSearchSql(JobInstanceSearch.everything(new PageRequest(2, 10)),
                Optional.empty());

        JobInstanceSearchSql.Sql sql = search.page(search.orderIndex(), NO_CANDIDATES, NO_CURSOR);

        assertEquals("SELECT " + columns() + " FROM JBATCH.JOBINSTANCE i --DERBY-PROPERTIES "
                + "index=BATCHREST_JI_CREATED\n ORDER BY i.CREATETIME DESC, i.JOBINSTANCEID DESC "
                + "OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", sql.text());
        assertEquals(List.of(20L, 11), sql.parameters());
        assertTrue(search.probes().isEmpty());
    }

    @Test
    void aPageCanCarryItsBoundedCountAsAColumnWithTheCountsParametersFirst() {
        JobInstanceSearch states = new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(),
                Set.of(InstanceState.FAILED), List.of(), List.of(), List.of(), List.of(), Map.of(), false,
                List.of(), new PageRequest(1, 20));
        JobInstanceSearchSql search = new JobInstanceSearchSql(states, Optional.empty());
        JobInstanceSearchSql.Sql count = search.count(search.orderIndex(), NO_CANDIDATES, Optional.of(1001));

        JobInstanceSearchSql.Sql sql = search.pageWithBoundedCount(search.orderIndex(), NO_CURSOR, count);

        assertEquals("SELECT " + columns() + ", (SELECT COUNT(*) FROM (SELECT i.JOBINSTANCEID FROM JBATCH.JOBINSTANCE i "
                + "--DERBY-PROPERTIES index=BATCHREST_JI_STATE_CREATED_JOB_SUBMITTER_EXIT, bulkFetch=64\n WHERE i.INSTANCESTATE IN (?) "
                + "FETCH FIRST ? ROWS ONLY) matches) AS BOUNDED_TOTAL FROM JBATCH.JOBINSTANCE i --DERBY-PROPERTIES "
                + "index=BATCHREST_JI_STATE_CREATED_JOB_SUBMITTER_EXIT\n WHERE i.INSTANCESTATE IN (?) ORDER BY i.CREATETIME DESC, "
                + "i.JOBINSTANCEID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", sql.text());
        int failed = InstanceState.FAILED.ordinal();
        assertEquals(List.of(failed, 1001, failed, 20L, 21), sql.parameters());
    }

    @Test
    void anInstanceIdRangeIsProbedAndItsPageSortedInTheIndexOfIdsAndCreateTimesWithoutReadingRows() {
        JobInstanceSearchSql range = idRange(List.of());

        JobInstanceSearchSql.Probe probe = range.probes().get(0);
        assertEquals(SearchIndex.ID_CREATED, probe.index());
        assertEquals("SELECT COUNT(*) FROM (SELECT i.JOBINSTANCEID FROM JBATCH.JOBINSTANCE i --DERBY-PROPERTIES "
                + "index=BATCHREST_JI_ID_CREATED, bulkFetch=64\n WHERE i.JOBINSTANCEID BETWEEN ? AND ? FETCH FIRST ? "
                + "ROWS ONLY) matches", JobInstanceSearchSql.probeCount(probe, 1001).text());
        assertTrue(range.coveredBy(SearchIndex.ID_CREATED));
        assertTrue(range.sortableIn(SearchIndex.ID_CREATED));
        assertFalse(range.inOrderOf(SearchIndex.ID_CREATED), "the index lists ids in order, not create times");
        JobInstanceSearchSql.Sql ids = range.pageIds(SearchIndex.ID_CREATED, NO_CURSOR);
        assertEquals("SELECT i.JOBINSTANCEID FROM JBATCH.JOBINSTANCE i --DERBY-PROPERTIES index=BATCHREST_JI_ID_CREATED"
                + "\n WHERE i.JOBINSTANCEID BETWEEN ? AND ? ORDER BY i.CREATETIME DESC, i.JOBINSTANCEID DESC OFFSET ? "
                + "ROWS FETCH NEXT ? ROWS ONLY", ids.text());
        assertEquals(List.of(5L, 900L, 20L, 21), ids.parameters());

        assertTrue(idRange(List.of(new SortKey(SortKey.Field.CREATE_TIME, false))).sortableIn(SearchIndex.ID_CREATED));
        assertFalse(idRange(List.of(new SortKey(SortKey.Field.LAST_UPDATED_TIME, true)))
                .sortableIn(SearchIndex.ID_CREATED), "the index has no last-updated time");
        assertTrue(range.inOrderOf(SearchIndex.CREATED));
        assertFalse(range.inOrderOf(SearchIndex.SUBMITTER_CREATED), "newest first only among one submitter");
    }

    @Test
    void anIdRangeSpansTheIdsBetweenItsEndsAndAnUpperBoundThoseFromTheLowestId() {
        java.util.concurrent.atomic.AtomicInteger lowestAsked = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.LongSupplier lowest = () -> {
            lowestAsked.incrementAndGet();
            return 40;
        };
        assertEquals(java.util.OptionalLong.of(896), idRange(List.of()).idRangeSpan(lowest));
        assertEquals(java.util.OptionalLong.of(1), ids(new InstanceIdFilter.Between(7, 7)).idRangeSpan(lowest));
        assertEquals(java.util.OptionalLong.of(0), ids(new InstanceIdFilter.Between(9, 7)).idRangeSpan(lowest));
        assertEquals(java.util.OptionalLong.of(Long.MAX_VALUE),
                ids(new InstanceIdFilter.Between(0, Long.MAX_VALUE)).idRangeSpan(lowest));
        assertEquals(0, lowestAsked.get(), "a range with two ends needs no lowest id");
        assertEquals(java.util.OptionalLong.of(61), ids(new InstanceIdFilter.AtMost(100)).idRangeSpan(lowest));
        assertEquals(java.util.OptionalLong.of(0), ids(new InstanceIdFilter.AtMost(10)).idRangeSpan(lowest));
        assertEquals(2, lowestAsked.get());
        assertEquals(java.util.OptionalLong.empty(), ids(new InstanceIdFilter.AtLeast(100)).idRangeSpan(lowest));
        assertEquals(java.util.OptionalLong.empty(), ids(new InstanceIdFilter.AnyOf(List.of(1L, 2L)))
                .idRangeSpan(lowest));
        assertEquals(java.util.OptionalLong.empty(), new JobInstanceSearchSql(JobInstanceSearch.everything(
                new PageRequest(0, 50)), Optional.empty()).idRangeSpan(lowest));
        assertEquals(2, lowestAsked.get());
        assertEquals("SELECT MIN(i.JOBINSTANCEID) FROM JBATCH.JOBINSTANCE i --DERBY-PROPERTIES "
                + "index=BATCHREST_JI_ID_CREATED\n", JobInstanceSearchSql.lowestId().text());
    }

    @Test
    void aRangeOfLastUpdatedTimesNewestFirstCanBeBoundedToTheInstancesCreatedBeforeItsEnd() {
        Instant from = Instant.parse("2026-03-01T00:00:00Z");
        Instant until = Instant.parse("2026-04-01T00:00:00Z");
        JobInstanceSearchSql march = updated(new TimeRange(Optional.of(from), Optional.of(until)), List.of());
        assertEquals(Optional.of(until), march.updatedUntilNewestFirst());
        assertEquals(Optional.of(from), march.updatedFrom());
        assertEquals(Optional.of(until), updated(new TimeRange(Optional.empty(), Optional.of(until)),
                List.of(SortKey.DEFAULT)).updatedUntilNewestFirst(), "sort=-createTime is the default order");
        assertEquals(Optional.empty(), updated(new TimeRange(Optional.of(from), Optional.empty()), List.of())
                .updatedUntilNewestFirst(), "no end");
        assertEquals(Optional.empty(), updated(new TimeRange(Optional.empty(), Optional.of(until)),
                List.of(new SortKey(SortKey.Field.CREATE_TIME, false))).updatedUntilNewestFirst(), "oldest first");
        assertEquals(Optional.empty(), updated(new TimeRange(Optional.empty(), Optional.of(until)),
                List.of(new SortKey(SortKey.Field.LAST_UPDATED_TIME, true))).updatedUntilNewestFirst());
        assertEquals(Optional.of(JobInstanceSearchSql.storable(Instant.parse("+99999-01-01T00:00:00Z"))),
                updated(new TimeRange(Optional.empty(), Optional.of(Instant.parse("+99999-01-01T00:00:00Z"))),
                        List.of()).updatedUntilNewestFirst(), "an end the database can store");

        JobInstanceSearchSql bounded = march.createdBefore(until);
        JobInstanceSearchSql.Sql page = bounded.page(bounded.orderIndex(), NO_CANDIDATES, NO_CURSOR);
        assertTrue(page.text().endsWith("--DERBY-PROPERTIES index=BATCHREST_JI_CREATED\n WHERE i.UPDATETIME >= ? "
                + "AND i.UPDATETIME < ? AND i.CREATETIME < ? ORDER BY i.CREATETIME DESC, i.JOBINSTANCEID DESC "
                + "OFFSET ? ROWS FETCH NEXT ? ROWS ONLY"), page.text());
        assertEquals(List.of(from, until, until, 0L, 51), page.parameters());
        assertEquals(List.of(SearchIndex.UPDATED_STATE, SearchIndex.CREATED),
                bounded.probes().stream().map(JobInstanceSearchSql.Probe::index).toList(),
                "the new bound is probed like a filter of create times");
        assertEquals(1, march.probes().size(), "the search itself is left as it was");
    }

    @Test
    void aJobNameWithAStateHasTheJobsOwnIndexAsTheWalkThatTestsRowsAndASampleOfItsFirstRows() {
        JobInstanceSearchSql failedOfAJob = new JobInstanceSearchSql(new JobInstanceSearch(Optional.empty(),
                Optional.empty(), Optional.empty(), Set.of(InstanceState.FAILED), List.of(), List.of(), List.of(),
                List.of("chunkCopy"), Map.of(), false, List.of(), new PageRequest(0, 50)), Optional.empty());
        assertEquals(Optional.of(SearchIndex.JOBNAME_STATE_CREATED), failedOfAJob.orderIndex(),
                "the job's failed instances are one range of the index of a job and a state");
        assertTrue(failedOfAJob.matchedByPrefix(SearchIndex.JOBNAME_STATE_CREATED), "every entry of that range matches");
        assertFalse(failedOfAJob.matchedByPrefix(SearchIndex.STATE_CREATED_JOB_SUBMITTER_EXIT),
                "the state's entries are of every job");
        assertEquals(List.of(SearchIndex.JOBNAME_CREATED), failedOfAJob.rowWalks());

        JobInstanceSearchSql.Sql sample = failedOfAJob.sampleOfWalk(SearchIndex.JOBNAME_CREATED, 64);
        assertEquals("SELECT COUNT(*) FROM (SELECT i.INSTANCESTATE, i.JOBINSTANCEID, i.JOBNAME FROM JBATCH.JOBINSTANCE i "
                + "--DERBY-PROPERTIES index=BATCHREST_JI_JOBNAME_CREATED\n WHERE i.JOBNAME = ? ORDER BY i.JOBNAME, "
                + "i.CREATETIME DESC, i.JOBINSTANCEID DESC FETCH FIRST ? ROWS ONLY) i WHERE i.INSTANCESTATE IN (?) AND "
                + "i.JOBNAME = ?", sample.text());
        assertEquals(List.of("chunkCopy", 64, InstanceState.FAILED.ordinal(), "chunkCopy"), sample.parameters());

        assertEquals(List.of(), rowWalkOf(Set.of(InstanceState.FAILED), List.of()),
                "one index in the order: nothing to choose");
        JobInstanceSearchSql ofAnApplication = new JobInstanceSearchSql(new JobInstanceSearch(Optional.empty(),
                Optional.empty(), Optional.empty(), Set.of(InstanceState.FAILED), List.of(), List.of(),
                List.of("batch-rest"), List.of("chunkCopy"), Map.of(), false, List.of(), new PageRequest(0, 50)),
                Optional.empty());
        assertEquals(List.of(SearchIndex.JOBNAME_STATE_CREATED, SearchIndex.JOBNAME_CREATED,
                        SearchIndex.STATE_CREATED_JOB_SUBMITTER_EXIT), ofAnApplication.rowWalks(),
                "no index holds the application name too: each one tests rows, the one of both values first");
        assertEquals(Optional.of(SearchIndex.JOBNAME_STATE_CREATED), ofAnApplication.orderIndex());
        assertFalse(ofAnApplication.matchedByPrefix(SearchIndex.JOBNAME_STATE_CREATED), "the application is tested");

        JobInstanceSearchSql.Sql bothValues = ofAnApplication.sampleOfWalk(SearchIndex.JOBNAME_STATE_CREATED, 64);
        assertEquals("SELECT COUNT(*) FROM (SELECT i.AMCNAME, i.INSTANCESTATE, i.JOBINSTANCEID, i.JOBNAME FROM "
                + "JBATCH.JOBINSTANCE i --DERBY-PROPERTIES index=BATCHREST_JI_JOBNAME_STATE_CREATED\n WHERE i.JOBNAME = ? "
                + "AND i.INSTANCESTATE IN (?) ORDER BY i.JOBNAME, i.INSTANCESTATE, i.CREATETIME DESC, i.JOBINSTANCEID DESC, "
                + "i.SUBMITTER, i.EXITSTATUS FETCH FIRST ? ROWS ONLY) i WHERE i.INSTANCESTATE IN (?) AND i.JOBNAME = ? "
                + "AND i.AMCNAME LIKE ? ESCAPE '\\'", bothValues.text(), "a prefix of two columns: both values");
        assertEquals(List.of("chunkCopy", InstanceState.FAILED.ordinal(), 64), bothValues.parameters().subList(0, 3));

        JobInstanceSearchSql.Sql entries = ofAnApplication.prefixCount(SearchIndex.JOBNAME_STATE_CREATED, 10_001);
        assertEquals("SELECT COUNT(*) FROM (SELECT i.JOBINSTANCEID FROM JBATCH.JOBINSTANCE i --DERBY-PROPERTIES "
                + "index=BATCHREST_JI_JOBNAME_STATE_CREATED, bulkFetch=64\n WHERE i.JOBNAME = ? AND i.INSTANCESTATE IN (?) "
                + "FETCH FIRST ? ROWS ONLY) matches", entries.text());
        assertEquals(List.of("chunkCopy", InstanceState.FAILED.ordinal(), 10_001), entries.parameters());
        assertEquals(Optional.of(SearchIndex.JOBNAME_STATE_CREATED), ofAnApplication.carryingIndex(),
                "of the two indexes that hold the job name and the state, the one entered at both values");
    }

    @Test
    void aJobNameWithAStateInAnotherOrderIsFoundTogetherOnTheStatesEntriesAndItsWalkIsSampledFromItsFirstRows() {
        JobInstanceSearchSql failedOfAJob = new JobInstanceSearchSql(new JobInstanceSearch(Optional.empty(),
                Optional.empty(), Optional.empty(), Set.of(InstanceState.FAILED, InstanceState.STOPPED), List.of(),
                List.of(), List.of("batch-rest#*"), List.of("chunkCopy"), Map.of(), false,
                List.of(new SortKey(SortKey.Field.LAST_UPDATED_TIME, true)), new PageRequest(0, 50)),
                Optional.empty());
        assertEquals(Optional.of(SearchIndex.UPDATED_STATE), failedOfAJob.orderIndex());
        assertEquals(List.of(), failedOfAJob.walksWithPrefix(), "no index in that order has a job or state prefix");
        assertEquals(Optional.of(SearchIndex.STATE_CREATED_JOB_SUBMITTER_EXIT), failedOfAJob.carryingIndex());

        JobInstanceSearchSql.Sql together = failedOfAJob.idsInIndex(SearchIndex.STATE_CREATED_JOB_SUBMITTER_EXIT, 1001);
        assertEquals("SELECT i.JOBINSTANCEID FROM JBATCH.JOBINSTANCE i --DERBY-PROPERTIES "
                + "index=BATCHREST_JI_STATE_CREATED_JOB_SUBMITTER_EXIT\n WHERE i.INSTANCESTATE IN (?, ?) AND i.JOBNAME = ? "
                + "FETCH FIRST ? ROWS ONLY", together.text(), "the application name is not in the index: not tested");
        assertEquals(List.of(InstanceState.STOPPED.ordinal(), InstanceState.FAILED.ordinal(), "chunkCopy", 1001)
                .stream().sorted(java.util.Comparator.comparing(Object::toString)).toList(), together.parameters()
                .stream().sorted(java.util.Comparator.comparing(Object::toString)).toList());
        assertEquals("chunkCopy", together.parameters().get(2));

        JobInstanceSearchSql.Sql sample = failedOfAJob.sampleOfWalk(SearchIndex.UPDATED_STATE, 64);
        assertEquals("SELECT COUNT(*) FROM (SELECT i.AMCNAME, i.INSTANCESTATE, i.JOBINSTANCEID, i.JOBNAME FROM "
                + "JBATCH.JOBINSTANCE i --DERBY-PROPERTIES index=BATCHREST_JI_UPDATED_STATE\n ORDER BY i.UPDATETIME "
                + "DESC, i.JOBINSTANCEID DESC, i.INSTANCESTATE FETCH FIRST ? ROWS ONLY) i WHERE i.INSTANCESTATE IN "
                + "(?, ?) AND i.JOBNAME = ? AND i.AMCNAME LIKE ? ESCAPE '\\'", sample.text(),
                "an index without a prefix: its first rows of all");
        assertEquals(64, sample.parameters().get(0));

        JobInstanceSearchSql oneJob = new JobInstanceSearchSql(new JobInstanceSearch(Optional.empty(),
                Optional.empty(), Optional.empty(), Set.of(), List.of(), List.of(), List.of(), List.of("chunkCopy"),
                Map.of(), false, List.of(new SortKey(SortKey.Field.LAST_UPDATED_TIME, true)), new PageRequest(0, 50)),
                Optional.empty());
        assertEquals(Optional.empty(), oneJob.carryingIndex(), "one filter: nothing to find together");
    }

    @Test
    void aJobNameWithAnExitStatusCanWalkEitherValuesIndexAndProbesEachValue() {
        JobInstanceSearchSql rareOfAJob = new JobInstanceSearchSql(new JobInstanceSearch(Optional.empty(),
                Optional.empty(), Optional.empty(), Set.of(), List.of("RARE"), List.of(), List.of(),
                List.of("chunkCopy"), Map.of(), false, List.of(), new PageRequest(0, 50)), Optional.empty());
        assertEquals(List.of(SearchIndex.JOBNAME_CREATED, SearchIndex.EXITSTATUS_CREATED_JOB_SUBMITTER), rareOfAJob.walksWithPrefix());
        assertEquals(Optional.of(SearchIndex.EXITSTATUS_CREATED_JOB_SUBMITTER), rareOfAJob.orderIndex(),
                "the exit status's index carries the job name");
        assertFalse(rareOfAJob.coveredBy(SearchIndex.JOBNAME_CREATED));
        assertEquals(List.of(SearchIndex.JOBNAME_CREATED), rareOfAJob.rowWalks());
        assertEquals(Optional.of(SearchIndex.EXITSTATUS_CREATED_JOB_SUBMITTER), rareOfAJob.carryingIndex());
        assertEquals(List.of("RARE"), rareOfAJob.probeOf(JobInstance.EXIT_STATUS).orElseThrow().condition()
                .parameters());
        assertEquals(List.of("chunkCopy"), rareOfAJob.probeOf(JobInstance.JOB_NAME).orElseThrow().condition()
                .parameters());
        assertEquals(Optional.empty(), rareOfAJob.probeOf(JobInstance.SUBMITTER));
    }

    private static List<SearchIndex> rowWalkOf(Set<InstanceState> states, List<String> jobNames) {
        return new JobInstanceSearchSql(new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(),
                states, List.of(), List.of(), List.of(), jobNames, Map.of(), false, List.of(), new PageRequest(0, 50)),
                Optional.empty()).rowWalks();
    }

    private static JobInstanceSearchSql updated(TimeRange range, List<SortKey> sort) {
        return new JobInstanceSearchSql(new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.of(range),
                Set.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), false, sort, new PageRequest(0, 50)),
                Optional.empty());
    }

    private static JobInstanceSearchSql ids(InstanceIdFilter filter) {
        return ids(filter, List.of());
    }

    private static JobInstanceSearchSql idRange(List<SortKey> sort) {
        return ids(new InstanceIdFilter.Between(5, 900), sort);
    }

    private static JobInstanceSearchSql ids(InstanceIdFilter filter, List<SortKey> sort) {
        return new JobInstanceSearchSql(new JobInstanceSearch(Optional.of(filter), Optional.empty(), Optional.empty(),
                Set.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), false, sort, new PageRequest(1, 20)),
                Optional.empty());
    }

    @Test
    void anAggregateReadsTheKeysOfEveryMatchFromAnIndexThatCarriesThem() {
        Instant from = Instant.parse("2026-11-21T18:30:00Z");
        JobInstanceSearch filters = new JobInstanceSearch(Optional.empty(), Optional.empty(),
                Optional.of(new TimeRange(Optional.of(from), Optional.empty())), Set.of(InstanceState.COMPLETED,
                InstanceState.FAILED), List.of(), List.of(), List.of(), List.of(), Map.of(), false, List.of(),
                PageRequest.parse(null, null, null));
        JobInstanceSearchSql search = new JobInstanceSearchSql(filters, Optional.empty());

        JobInstanceSearchSql.Sql sql = search.keysOfMatches(List.of(GroupKey.DAY, GroupKey.INSTANCE_STATE,
                GroupKey.JOB_NAME), search.countIndex());

        assertEquals("SELECT i.UPDATETIME, i.INSTANCESTATE, i.JOBNAME FROM JBATCH.JOBINSTANCE i --DERBY-PROPERTIES "
                + "index=BATCHREST_JI_UPDATED_STATE\n WHERE i.UPDATETIME >= ? AND i.INSTANCESTATE IN (?, ?)", sql.text());
        assertEquals(Set.of(from, InstanceState.COMPLETED.ordinal(), InstanceState.FAILED.ordinal()),
                Set.copyOf(sql.parameters()));
        // By day and state, the chart's keys, the statement reads no row of the table; the job name is in the row.
        assertTrue(SearchIndex.UPDATED_STATE.covers(Set.of("UPDATETIME", "INSTANCESTATE")));
        assertFalse(SearchIndex.UPDATED_STATE.covers(Set.of("JOBNAME")));

        JobInstanceSearchSql.Sql byCreation = search.keysOfMatches(List.of(GroupKey.CREATE_DAY), Optional.empty());
        assertEquals("SELECT i.CREATETIME FROM JBATCH.JOBINSTANCE i WHERE i.UPDATETIME >= ? AND i.INSTANCESTATE IN "
                + "(?, ?)", byCreation.text());
    }

    @Test
    void anAggregateReadsTheTimeRangeIndexWithinOneSubmitterOrTheIndexOfTheOneValueItFilters() {
        TimeRange range = new TimeRange(Optional.of(Instant.parse("2026-11-21T00:00:00Z")), Optional.empty());
        assertEquals(Optional.of(SearchIndex.UPDATED_STATE), countIndex(Optional.empty(), Optional.of(range), List.of(),
                Optional.empty()));
        assertEquals(Optional.of(SearchIndex.SUBMITTER_UPDATED_STATE), countIndex(Optional.empty(), Optional.of(range),
                List.of(), Optional.of("submitter1")), "a submitter's own view");
        assertEquals(Optional.of(SearchIndex.SUBMITTER_UPDATED_STATE), countIndex(Optional.empty(), Optional.of(range),
                List.of(), Optional.empty(), List.of("bob")));
        assertEquals(Optional.of(SearchIndex.CREATED), countIndex(Optional.of(range), Optional.empty(), List.of(),
                Optional.empty()));
        assertEquals(Optional.of(SearchIndex.JOBNAME_CREATED), countIndex(Optional.of(range), Optional.empty(),
                List.of("chunkCopy"), Optional.empty()));
        assertEquals(Optional.of(SearchIndex.JOBNAME_CREATED), countIndex(Optional.empty(), Optional.empty(),
                List.of("chunkCopy"), Optional.empty()));
        assertEquals(Optional.of(SearchIndex.JOBNAME_STATE_CREATED), new JobInstanceSearchSql(new JobInstanceSearch(
                Optional.empty(), Optional.empty(), Optional.empty(), Set.of(InstanceState.FAILED), List.of(), List.of(),
                List.of(), List.of("chunkCopy"), Map.of(), false, List.of(), PageRequest.parse(null, null, null)),
                Optional.empty()).countIndex(), "one job's entries in one state");
        assertEquals(Optional.empty(), countIndex(Optional.empty(), Optional.empty(), List.of("chunk*"),
                Optional.empty()), "a pattern is no equality an index could start at");
        assertEquals(Optional.empty(), countIndex(Optional.empty(), Optional.empty(), List.of(), Optional.empty()),
                "nothing to narrow by: every row");
    }

    private static Optional<SearchIndex> countIndex(Optional<TimeRange> created, Optional<TimeRange> updated,
                                                    List<String> jobNames, Optional<String> ownerOnly) {
        return countIndex(created, updated, jobNames, ownerOnly, List.of());
    }

    private static Optional<SearchIndex> countIndex(Optional<TimeRange> created, Optional<TimeRange> updated,
                                                    List<String> jobNames, Optional<String> ownerOnly,
                                                    List<String> submitters) {
        return new JobInstanceSearchSql(new JobInstanceSearch(Optional.empty(), created, updated, Set.of(), List.of(),
                submitters, List.of(), jobNames, Map.of(), false, List.of(), PageRequest.parse(null, null, null)),
                ownerOnly).countIndex();
    }

    @Test
    void everyFilterIsABoundParameterAndTheyAndTogether() {
        Instant from = Instant.parse("2026-11-01T00:00:00Z");
        JobInstanceSearch search = new JobInstanceSearch(Optional.of(new InstanceIdFilter.Between(5, 9)),
                Optional.of(new TimeRange(Optional.of(from), Optional.empty())), Optional.empty(),
                Set.of(InstanceState.COMPLETED), List.of("FAIL*"), List.of("bob"), List.of("batch-rest"),
                List.of("chunk*", "sleepy"), Map.of("kind", "a_b*"), false,
                List.of(new SortKey(SortKey.Field.SUBMITTER, false)), new PageRequest(0, 50));

        JobInstanceSearchSql.Sql sql = new JobInstanceSearchSql(search, Optional.of("submitter1"))
                .page(NO_INDEX, NO_CANDIDATES, NO_CURSOR);

        assertEquals("SELECT " + columns() + " FROM JBATCH.JOBINSTANCE i WHERE i.JOBINSTANCEID BETWEEN ? AND ? AND "
                + "i.CREATETIME >= ? AND i.INSTANCESTATE IN (?) AND i.EXITSTATUS LIKE ? ESCAPE '\\' AND "
                + "i.SUBMITTER = ? AND (i.JOBNAME LIKE ? ESCAPE '\\' OR i.JOBNAME = ?) AND "
                + "i.AMCNAME LIKE ? ESCAPE '\\' AND EXISTS (SELECT 1 FROM JBATCH.JOBEXECUTION e "
                + "--DERBY-PROPERTIES joinStrategy=NESTEDLOOP\n JOIN JBATCH.JOBPARAMETER p "
                + "--DERBY-PROPERTIES joinStrategy=NESTEDLOOP\n ON p.FK_JOBEXECID = e.JOBEXECID WHERE e.FK_JOBINSTANCEID = i.JOBINSTANCEID AND p.NAME = ? AND "
                + "p.VALUE LIKE ? ESCAPE '\\') AND i.SUBMITTER = ? ORDER BY i.SUBMITTER ASC, i.JOBINSTANCEID DESC "
                + "OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", sql.text());
        assertEquals(List.of(5L, 9L, from, 6, "FAIL%", "bob", "chunk%", "sleepy", "batch-rest#%", "kind",
                "a\\_b%", "submitter1", 0L, 51), sql.parameters());
    }

    @Test
    void eachFilterThatOneIndexFindsIsProbedByItsIndex() {
        JobInstanceSearch search = new JobInstanceSearch(Optional.empty(),
                Optional.of(new TimeRange(Optional.empty(), Optional.of(Instant.parse("2026-11-01T00:00:00Z")))),
                Optional.empty(), Set.of(InstanceState.FAILED, InstanceState.STOPPED), List.of("*ED"), List.of("bob"),
                List.of(), List.of("chunk*", "sleepy"), Map.of("kind", "a"), false, List.of(), new PageRequest(0, 50));

        List<JobInstanceSearchSql.Probe> probes = new JobInstanceSearchSql(search, Optional.empty()).probes();

        assertEquals(List.of(SearchIndex.CREATED, SearchIndex.STATE_CREATED_JOB_SUBMITTER_EXIT, SearchIndex.BY_EXITSTATUS,
                SearchIndex.BY_SUBMITTER, SearchIndex.PARAMETER_VALUE),
                probes.stream().map(JobInstanceSearchSql.Probe::index).toList(),
                "two job names OR together: no single index range finds them");
        assertEquals(List.of(false, false, true, false, false),
                probes.stream().map(JobInstanceSearchSql.Probe::scansIndex).toList());
        assertEquals("SELECT COUNT(*) FROM (SELECT p.FK_JOBEXECID FROM JBATCH.JOBPARAMETER p --DERBY-PROPERTIES "
                + "index=BATCHREST_JP_NAMEVALUE, bulkFetch=64\n WHERE p.NAME = ? AND p.VALUE = ? FETCH FIRST ? ROWS ONLY) matches",
                JobInstanceSearchSql.probeCount(probes.get(4), 1001).text());
        assertEquals(List.of("kind", "a", 1001), JobInstanceSearchSql.probeCount(probes.get(4), 1001).parameters());
        assertEquals("SELECT i.JOBINSTANCEID FROM JBATCH.JOBINSTANCE i --DERBY-PROPERTIES "
                + "index=BATCHREST_JI_BY_SUBMITTER\n WHERE i.SUBMITTER = ?",
                JobInstanceSearchSql.probeInstances(probes.get(3)).text());
    }

    @Test
    void aLeadingWildcardIsMatchedAgainstTheColumnsDistinctValuesWhichTheIndexListsOneStepAtATime() {
        JobInstanceSearch search = new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(),
                List.of("*ED"), List.of(), List.of(), List.of(), Map.of(), false, List.of(), new PageRequest(0, 50));
        JobInstanceSearchSql.Probe probe = new JobInstanceSearchSql(search, Optional.empty()).probes().get(0);

        assertEquals("SELECT MIN(i.EXITSTATUS) FROM JBATCH.JOBINSTANCE i --DERBY-PROPERTIES "
                + "index=BATCHREST_JI_BY_EXITSTATUS\n WHERE i.EXITSTATUS > ?",
                JobInstanceSearchSql.nextValue(probe, Optional.of("COMPLETED")).text());
        assertEquals(List.of(true, true, false, false, true), List.of("FAILED", "COMPLETED", "ED!", "Failed", "%ED")
                .stream().map(probe::matches).toList(), "as LIKE '%ED': case counts, % and _ are plain characters");
        assertFalse(probe.matches(null));
        JobInstanceSearchSql.Probe among = probe.among(List.of("COMPLETED", "FAILED"));
        assertEquals("i.EXITSTATUS IN (?, ?)", among.condition().text());
        assertFalse(among.scansIndex());
        assertEquals("SELECT COUNT(*) FROM (SELECT i.JOBINSTANCEID FROM JBATCH.JOBINSTANCE i --DERBY-PROPERTIES "
                + "index=BATCHREST_JI_BY_EXITSTATUS, bulkFetch=64\n WHERE i.EXITSTATUS IN (?, ?) FETCH FIRST ? ROWS ONLY) matches",
                JobInstanceSearchSql.probeCount(among, 1001).text());
    }

    @Test
    void aPlainParameterValueInTheDefaultOrderIsWalkedInTheCopyAChunkAtATimeTestingTheOtherFiltersOnTheRows() {
        JobInstanceSearch search = new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(),
                List.of(), List.of("bob"), List.of(), List.of(), Map.of("kind", "a"), false, List.of(),
                new PageRequest(0, 50));
        JobInstanceSearchSql sql = new JobInstanceSearchSql(search, Optional.empty());
        JobInstanceSearchSql.ParameterValue kind = sql.newestByParameter().orElseThrow();
        assertEquals("kind", kind.name());
        assertEquals("a", kind.value());

        Instant key = Instant.parse("2026-11-01T00:00:00Z");
        JobInstanceSearchSql.Sql chunk = JobInstanceSearchSql.parameterChunk(kind, Optional.of(new SearchCursor(
                "-createTime", 50, key, 77)), 128);
        assertEquals("SELECT x.INSTANCE_ID, x.CREATE_TIME FROM BATCHREST.INSTANCE_PARAMETER x --DERBY-PROPERTIES "
                + "index=IP_NEWEST\nWHERE x.NAME = ? AND x.VALUE = ? AND (x.CREATE_TIME <= ? AND (x.CREATE_TIME < ? "
                + "OR x.INSTANCE_ID < ?)) ORDER BY x.CREATE_TIME DESC, x.INSTANCE_ID DESC FETCH FIRST ? ROWS ONLY",
                chunk.text());
        assertEquals(List.of("kind", "a", key, key, 77L, 128), chunk.parameters());

        JobInstanceSearchSql.Sql rows = sql.rowsOfChunk(List.of(7L, 5L), kind);
        assertEquals("SELECT " + columns() + " FROM JBATCH.JOBINSTANCE i WHERE i.JOBINSTANCEID IN (?, ?) AND "
                + "i.SUBMITTER = ? ORDER BY i.CREATETIME DESC, i.JOBINSTANCEID DESC", rows.text(),
                "every filter but the walked parameter, which the copy answered");
        assertEquals(List.of(7L, 5L, "bob"), rows.parameters());

        JobInstanceSearchSql.Sql tail = JobInstanceSearchSql.parameterTail(kind, 1234);
        assertEquals("SELECT e.FK_JOBINSTANCEID FROM --DERBY-PROPERTIES joinOrder=FIXED\nJBATCH.JOBPARAMETER p "
                + "--DERBY-PROPERTIES index=BATCHREST_JP_NAMEVALUE\n, JBATCH.JOBEXECUTION e WHERE p.NAME = ? AND "
                + "p.VALUE = ? AND p.FK_JOBEXECID > ? AND e.JOBEXECID = p.FK_JOBEXECID", tail.text());
        assertEquals(List.of("kind", "a", 1234L), tail.parameters());
    }

    @Test
    void aChunkOfTheWalkIsSiftedByEachFilterOfOneValueWhoseIndexListsItsInstancesNewestFirst() {
        JobInstanceSearch search = new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(),
                Set.of(InstanceState.FAILED), List.of("RARE", "OTHER"), List.of("bob"), List.of(),
                List.of("chunk*"), Map.of("kind", "a"), false, List.of(), new PageRequest(0, 50));
        JobInstanceSearchSql sql = new JobInstanceSearchSql(search, Optional.of("alice"));

        List<JobInstanceSearchSql.Probe> sieves = sql.sieves();
        assertEquals(List.of(JobInstance.INSTANCE_STATE, JobInstance.SUBMITTER, JobInstance.SUBMITTER),
                sieves.stream().map(JobInstanceSearchSql.Probe::column).toList(),
                "the state and both submitter conditions (the filter and the caller's scope); not two exit statuses, "
                        + "a pattern or a parameter");

        Instant oldest = Instant.parse("2026-11-01T00:00:00Z");
        Instant newest = Instant.parse("2026-11-02T00:00:00Z");
        JobInstanceSearchSql.Sql state = JobInstanceSearchSql.sieve(sieves.get(0), oldest, newest, 65);
        assertEquals("SELECT i.JOBINSTANCEID FROM JBATCH.JOBINSTANCE i --DERBY-PROPERTIES "
                + "index=BATCHREST_JI_STATE_CREATED_JOB_SUBMITTER_EXIT\n WHERE i.INSTANCESTATE IN (?) AND i.CREATETIME >= ? AND "
                + "i.CREATETIME <= ? FETCH FIRST ? ROWS ONLY", state.text());
        assertEquals(List.of(InstanceState.FAILED.ordinal(), oldest, newest, 65), state.parameters());
        JobInstanceSearchSql.Sql scope = JobInstanceSearchSql.sieve(sieves.get(2), oldest, newest, 65);
        assertEquals("SELECT i.JOBINSTANCEID FROM JBATCH.JOBINSTANCE i --DERBY-PROPERTIES "
                + "index=BATCHREST_JI_SUBMITTER_CREATED\n WHERE i.SUBMITTER = ? AND i.CREATETIME >= ? AND "
                + "i.CREATETIME <= ? FETCH FIRST ? ROWS ONLY", scope.text());
        assertEquals(List.of("alice", oldest, newest, 65), scope.parameters());
    }

    @Test
    void filtersWithoutAnIndexOfTheirValuesNewestFirstDoNotSift() {
        JobInstanceSearch ignoringCase = new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(),
                Set.of(), List.of(), List.of("bob"), List.of(), List.of("chunkCopy"), Map.of("kind", "a"), true,
                List.of(), new PageRequest(0, 50));
        assertEquals(List.of(), new JobInstanceSearchSql(ignoringCase, Optional.empty()).sieves(), "ignoreCase");
        JobInstanceSearch twoStates = new JobInstanceSearch(Optional.empty(), Optional.of(new TimeRange(
                Optional.of(Instant.parse("2026-11-01T00:00:00Z")), Optional.empty())), Optional.empty(),
                Set.of(InstanceState.FAILED, InstanceState.STOPPED), List.of(), List.of(), List.of(), List.of(),
                Map.of("kind", "a"), false, List.of(), new PageRequest(0, 50));
        assertEquals(List.of(), new JobInstanceSearchSql(twoStates, Optional.empty()).sieves(),
                "two states, a time range");
    }

    @Test
    void onlyAPlainParameterValueInTheDefaultOrderIsWalkedInTheCopy() {
        assertTrue(parameterWalk(Map.of("kind", "a*"), false, List.of()).isEmpty(), "a pattern");
        assertTrue(parameterWalk(Map.of("kind", "a"), true, List.of()).isEmpty(), "ignoreCase");
        assertTrue(parameterWalk(Map.of("kind", "a"), false, List.of(new SortKey(SortKey.Field.CREATE_TIME, false)))
                .isEmpty(), "oldest first");
        assertTrue(parameterWalk(Map.of("kind", "a"), false, List.of(new SortKey(SortKey.Field.CREATE_TIME, true)))
                .isPresent(), "newest first, asked for");
        assertTrue(parameterWalk(Map.of(), false, List.of()).isEmpty(), "no parameter");
    }

    private static Optional<JobInstanceSearchSql.ParameterValue> parameterWalk(Map<String, String> parameters,
                                                                               boolean ignoreCase, List<SortKey> sort) {
        return new JobInstanceSearchSql(new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(),
                Set.of(), List.of(), List.of(), List.of(), List.of(), parameters, ignoreCase, sort,
                new PageRequest(0, 50)), Optional.empty()).newestByParameter();
    }

    @Test
    void aPatternNarrowedToTheOneJobNameItMatchesIsAnEqualityWalkedInThatJobNamesIndex() {
        JobInstanceSearch search = new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(),
                Set.of(InstanceState.COMPLETED, InstanceState.FAILED), List.of(), List.of(), List.of(),
                List.of("chunk*"), Map.of(), false, List.of(), new PageRequest(0, 50));
        JobInstanceSearchSql sql = new JobInstanceSearchSql(search, Optional.empty());
        JobInstanceSearchSql.Probe pattern = sql.probes().stream().filter(probe -> probe.pattern() != null)
                .findFirst().orElseThrow();
        assertEquals(Optional.of(SearchIndex.CREATED), sql.orderIndex());
        assertTrue(pattern.matches("chunk\nCopy"), () -> "* matches line ends, as LIKE's % does: " + pattern);

        JobInstanceSearchSql one = sql.narrowed(pattern, List.of("chunkCopy"));
        assertEquals(Optional.of(SearchIndex.JOBNAME_CREATED), one.orderIndex());
        assertEquals("SELECT " + columns() + " FROM JBATCH.JOBINSTANCE i --DERBY-PROPERTIES "
                + "index=BATCHREST_JI_JOBNAME_CREATED\n WHERE i.INSTANCESTATE IN (?, ?) AND i.JOBNAME = ? "
                + "ORDER BY i.CREATETIME DESC, i.JOBINSTANCEID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                one.page(one.orderIndex(), NO_CANDIDATES, NO_CURSOR).text());
        assertEquals("i.JOBNAME = ?", one.probes().stream().filter(probe -> JobInstance.JOB_NAME.equals(
                probe.column())).findFirst().orElseThrow().condition().text());

        JobInstanceSearchSql two = sql.narrowed(pattern, List.of("chunkCopy", "chunkLoad"));
        assertEquals(Optional.of(SearchIndex.CREATED), two.orderIndex(), "two job names: no single prefix");
        assertTrue(two.page(two.orderIndex(), NO_CANDIDATES, NO_CURSOR).text().contains("i.JOBNAME IN (?, ?)"));
        assertTrue(sql.page(sql.orderIndex(), NO_CANDIDATES, NO_CURSOR).text().contains("i.JOBNAME LIKE ?"),
                "the search it was narrowed from is unchanged");
    }

    @Test
    void ignoreCaseFiltersAreNotProbedSinceNoIndexHoldsUpperCase() {
        JobInstanceSearch search = new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(),
                List.of(), List.of("bob"), List.of(), List.of(), Map.of("kind", "a"), true, List.of(),
                new PageRequest(0, 50));

        assertTrue(new JobInstanceSearchSql(search, Optional.empty()).probes().isEmpty());
    }

    @Test
    void theIndexOfAnOrderIsChosenWithTheFilterOfOneValueAsItsPrefix() {
        assertEquals(Optional.of(SearchIndex.SUBMITTER_CREATED), orderIndex(List.of(), List.of("bob"), Set.of()));
        assertEquals(Optional.of(SearchIndex.SUBMITTER_UPDATED_STATE), orderIndex(List.of(new SortKey(
                SortKey.Field.LAST_UPDATED_TIME, true)), List.of("bob"), Set.of()));
        assertEquals(Optional.of(SearchIndex.CREATED), orderIndex(List.of(), List.of("bo*"), Set.of()),
                "a pattern has no single value");
        assertEquals(Optional.of(SearchIndex.STATE_CREATED_JOB_SUBMITTER_EXIT), orderIndex(List.of(), List.of(),
                Set.of(InstanceState.FAILED)));
        assertEquals(Optional.of(SearchIndex.CREATED), orderIndex(List.of(), List.of(),
                Set.of(InstanceState.FAILED, InstanceState.STOPPED)));
        assertEquals(Optional.of(SearchIndex.STATE_CREATED_JOB_SUBMITTER_EXIT), orderIndex(List.of(), List.of("bob"),
                Set.of(InstanceState.FAILED)), "of the submitter's and the state's index, the one that holds both");
        assertEquals(Optional.of(SearchIndex.JOBNAME_STATE_CREATED), new JobInstanceSearchSql(
                new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(InstanceState.FAILED),
                        List.of(), List.of(), List.of(), List.of("chunkCopy"), Map.of(), false, List.of(),
                        new PageRequest(0, 50)), Optional.empty()).orderIndex(),
                "of the job name's, the state's and the job and state's index, the one with both as its prefix");
        assertEquals(Optional.of(SearchIndex.JOBNAME_STATE_CREATED), new JobInstanceSearchSql(
                new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(InstanceState.FAILED),
                        List.of(), List.of("bob"), List.of(), List.of("chunkCopy"), Map.of(), false, List.of(),
                        new PageRequest(0, 50)), Optional.empty()).orderIndex(),
                "it carries the submitter, as the state's index does");
        assertEquals(Optional.of(SearchIndex.JOBNAME_CREATED), new JobInstanceSearchSql(
                new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(),
                        Set.of(InstanceState.FAILED, InstanceState.STOPPED), List.of(), List.of(), List.of(),
                        List.of("chunkCopy"), Map.of(), false, List.of(), new PageRequest(0, 50)), Optional.empty())
                        .orderIndex(), "two states: not one range of the job and state's index");
        assertEquals(Optional.of(SearchIndex.STATE_CREATED_JOB_SUBMITTER_EXIT), new JobInstanceSearchSql(
                new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(InstanceState.FAILED),
                        List.of("RARE"), List.of("bob"), List.of(), List.of(), Map.of(), false, List.of(),
                        new PageRequest(0, 50)), Optional.empty()).orderIndex(),
                "of the submitter's, the exit status's and the state's index, the one that holds all three");
        assertEquals(Optional.of(SearchIndex.SUBMITTER_CREATED), new JobInstanceSearchSql(
                new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(InstanceState.FAILED),
                        List.of(), List.of("bob"), List.of("batch-rest"), List.of(), Map.of(), false, List.of(),
                        new PageRequest(0, 50)), Optional.empty()).orderIndex(),
                "none holds every filtered column: the first with a prefix, as before");
        assertEquals(Optional.of(SearchIndex.CREATED_ASC), orderIndex(List.of(new SortKey(
                SortKey.Field.CREATE_TIME, false)), List.of(), Set.of()));
        for (SortKey.Field field : SortKey.Field.values()) {
            for (boolean descending : new boolean[] {false, true}) {
                assertTrue(orderIndex(List.of(new SortKey(field, descending)), List.of(), Set.of()).isPresent(),
                        field + (descending ? " descending" : " ascending"));
            }
        }
        assertEquals(Optional.empty(), orderIndex(List.of(new SortKey(SortKey.Field.SUBMITTER, false),
                new SortKey(SortKey.Field.CREATE_TIME, false)), List.of(), Set.of()));
    }

    @Test
    void aCursorBoundsTheSortKeySoThatTheWalkStartsThere() {
        Instant last = Instant.parse("2026-11-21T10:00:00Z");
        SearchCursor cursor = new SearchCursor("-createTime", 50, last, 77);
        JobInstanceSearchSql search = new JobInstanceSearchSql(JobInstanceSearch.everything(
                new PageRequest(0, 50, Optional.of(cursor))), Optional.empty());

        JobInstanceSearchSql.Sql sql = search.page(search.orderIndex(), NO_CANDIDATES, Optional.of(cursor));

        assertTrue(sql.text().contains(" WHERE (i.CREATETIME <= ? AND (i.CREATETIME < ? OR i.JOBINSTANCEID < ?)) "
                + "ORDER BY"), sql.text());
        assertEquals(List.of(last, last, 77L, 0L, 51), sql.parameters(), "the cursor's page starts at offset 0");
    }

    @Test
    void anAscendingCursorAlsoTakesTheInstancesWithoutAValueWhichComeLast() {
        List<SortKey> byExitStatus = List.of(new SortKey(SortKey.Field.EXIT_STATUS, false));
        SearchCursor cursor = new SearchCursor("exitStatus", 50, "COMPLETED", 77);
        JobInstanceSearchSql search = new JobInstanceSearchSql(new JobInstanceSearch(Optional.empty(),
                Optional.empty(), Optional.empty(), Set.of(), List.of(), List.of(), List.of(), List.of(), Map.of(),
                false, byExitStatus, new PageRequest(0, 50, Optional.of(cursor))), Optional.empty());

        String text = search.page(search.orderIndex(), NO_CANDIDATES, Optional.of(cursor)).text();

        assertTrue(text.contains("index=BATCHREST_JI_BY_EXITSTATUS\n WHERE ((i.EXITSTATUS >= ? AND (i.EXITSTATUS > ? OR "
                + "i.JOBINSTANCEID < ?)) OR i.EXITSTATUS IS NULL) ORDER BY i.EXITSTATUS ASC, i.JOBINSTANCEID DESC"), text);
        SearchCursor atNull = new SearchCursor("exitStatus", 50, null, 77);
        assertTrue(search.page(NO_INDEX, NO_CANDIDATES, Optional.of(atNull)).text()
                .contains("WHERE (i.EXITSTATUS IS NULL AND i.JOBINSTANCEID < ?)"));
    }

    @Test
    void candidateListsArePaddedToAFewSizesSoThatTheirStatementsAreReused() {
        assertEquals(16, JobInstanceSearchSql.bucket(List.of(1L)).size());
        assertEquals(List.of(1L, 2L, -1L), JobInstanceSearchSql.bucket(List.of(1L, 2L)).subList(0, 3));
        assertEquals(64, JobInstanceSearchSql.bucket(java.util.Collections.nCopies(17, 5L)).size());
        assertEquals(1024, JobInstanceSearchSql.bucket(java.util.Collections.nCopies(1000, 5L)).size());
    }

    @Test
    void aBoundedCountStopsAfterTheLimitAndAnExactOneDoesNot() {
        JobInstanceSearch search = new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(),
                Set.of(InstanceState.COMPLETED), List.of(), List.of(), List.of(), List.of(), Map.of(), false,
                List.of(), new PageRequest(0, 50));
        JobInstanceSearchSql sql = new JobInstanceSearchSql(search, Optional.of("bob"));

        assertEquals("SELECT COUNT(*) FROM (SELECT i.JOBINSTANCEID FROM JBATCH.JOBINSTANCE i --DERBY-PROPERTIES "
                + "index=BATCHREST_JI_STATE_CREATED_JOB_SUBMITTER_EXIT, bulkFetch=64\n WHERE i.INSTANCESTATE IN (?) "
                + "AND i.SUBMITTER = ? FETCH FIRST ? ROWS ONLY) matches",
                sql.count(Optional.of(SearchIndex.STATE_CREATED_JOB_SUBMITTER_EXIT), NO_CANDIDATES, Optional.of(10_001)).text());
        assertEquals(List.of(6, "bob", 10_001), sql.count(Optional.of(SearchIndex.STATE_CREATED_JOB_SUBMITTER_EXIT),
                NO_CANDIDATES, Optional.of(10_001)).parameters());
        assertEquals("SELECT COUNT(*) FROM JBATCH.JOBINSTANCE i WHERE i.INSTANCESTATE IN (?) AND i.SUBMITTER = ?",
                sql.count(NO_INDEX, NO_CANDIDATES, Optional.empty()).text());
        assertEquals("SELECT COUNT(*) FROM (SELECT i.JOBINSTANCEID FROM JBATCH.JOBINSTANCE i --DERBY-PROPERTIES "
                + "bulkFetch=64\n WHERE i.INSTANCESTATE IN (?) AND i.SUBMITTER = ? FETCH FIRST ? ROWS ONLY) matches",
                sql.count(NO_INDEX, NO_CANDIDATES, Optional.of(1_001)).text(), "rows in bulk without an index too");
        assertTrue(sql.coveredBy(SearchIndex.STATE_CREATED_JOB_SUBMITTER_EXIT), "the state index carries the submitter");
        assertTrue(new JobInstanceSearchSql(search, Optional.empty()).coveredBy(SearchIndex.STATE_CREATED_JOB_SUBMITTER_EXIT));
        JobInstanceSearch withExitStatus = new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(),
                Set.of(InstanceState.COMPLETED), List.of("RARE"), List.of(), List.of(), List.of(), Map.of(), false,
                List.of(), new PageRequest(0, 50));
        assertTrue(new JobInstanceSearchSql(withExitStatus, Optional.empty())
                .coveredBy(SearchIndex.STATE_CREATED_JOB_SUBMITTER_EXIT), "the state index carries the exit status");
        JobInstanceSearch withAppName = new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(),
                Set.of(InstanceState.COMPLETED), List.of(), List.of(), List.of("batch-rest"), List.of(), Map.of(),
                false, List.of(), new PageRequest(0, 50));
        assertFalse(new JobInstanceSearchSql(withAppName, Optional.empty())
                .coveredBy(SearchIndex.STATE_CREATED_JOB_SUBMITTER_EXIT), "the application name is not in the state index");
    }

    @Test
    void sqlMetacharactersStayInsideBoundValues() {
        JobInstanceSearch search = new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(),
                List.of(), List.of(), List.of(), List.of("x' OR '1'='1"), Map.of(), false, List.of(),
                new PageRequest(0, 50));

        JobInstanceSearchSql.Sql sql = new JobInstanceSearchSql(search, Optional.empty())
                .count(NO_INDEX, NO_CANDIDATES, Optional.empty());

        assertEquals("SELECT COUNT(*) FROM JBATCH.JOBINSTANCE i WHERE i.JOBNAME = ?", sql.text());
        assertEquals(List.of("x' OR '1'='1"), sql.parameters());
        assertFalse(sql.text().contains("'1'"));
    }

    @Test
    void ignoreCaseComparesUpperCaseOnBothSides() {
        JobInstanceSearch search = new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(),
                List.of(), List.of(), List.of(), List.of("Chunk*"), Map.of(), true, List.of(), new PageRequest(0, 50));

        JobInstanceSearchSql.Sql sql = new JobInstanceSearchSql(search, Optional.empty())
                .count(NO_INDEX, NO_CANDIDATES, Optional.empty());

        assertEquals("SELECT COUNT(*) FROM JBATCH.JOBINSTANCE i WHERE UPPER(i.JOBNAME) LIKE ? ESCAPE '\\'", sql.text());
        assertEquals(List.of("CHUNK%"), sql.parameters());
    }

    private static Optional<SearchIndex> orderIndex(List<SortKey> sort, List<String> submitters,
                                                    Set<InstanceState> states) {
        return new JobInstanceSearchSql(new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(),
                states, List.of(), submitters, List.of(), List.of(), Map.of(), false, sort, new PageRequest(0, 50)),
                Optional.empty()).orderIndex();
    }

    @Test
    void onlyTheStarIsAWildcard() {
        assertEquals("100\\%\\_done%", JobInstanceSearchSql.likePattern("100%_done*"));
        assertEquals("a\\\\b", JobInstanceSearchSql.likePattern("a\\b"));
    }

    @Test
    void boundsBeyondWhatADatabaseStoresMeanEverythingOrNothing() {
        assertEquals(Instant.parse("1900-01-01T00:00:00Z"), JobInstanceSearchSql.storable(Instant.parse("0001-01-01T00:00:00Z")));
        assertEquals(Instant.parse("9999-01-01T00:00:00Z"), JobInstanceSearchSql.storable(Instant.parse("+10000-01-01T00:00:00Z")));
        Instant ordinary = Instant.parse("2026-11-21T10:00:00Z");
        assertEquals(ordinary, JobInstanceSearchSql.storable(ordinary));
        assertEquals(Timestamp.from(ordinary).toInstant(), ordinary);
    }

    private static String columns() {
        return "i.JOBINSTANCEID, i.JOBNAME, i.AMCNAME, i.SUBMITTER, i.BATCHSTATUS, i.JOBXMLNAME, i.INSTANCESTATE, "
                + "i.EXITSTATUS, i.CREATETIME, i.UPDATETIME, i.NUMEXECS";
    }
}
