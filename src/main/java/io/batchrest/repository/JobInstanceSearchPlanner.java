package io.batchrest.repository;

import io.batchrest.model.JobInstanceRecord;
import io.batchrest.query.SearchCursor;
import io.batchrest.query.SortKey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Runs a search the way its data calls for, instead of leaving the plan to the database's optimizer, which at a
 * million instances picks badly for some shapes and changes its mind with the data's size (docs/api.md, "Searching
 * a large repository"):
 * <ol>
 * <li>Each filter that one index can find is <em>probed</em>: its matches are counted up to the candidate limit
 * (at most that many index entries). A filter that matches nothing ends the search. A short list of ids is the
 * candidates already, and a time range is not probed when the walk of step 3 is in that time's order and its
 * index holds every filtered column.</li>
 * <li>If a filter matches at most the candidate limit of instances, the page reads only those: through the filter's
 * own index, testing every other filter and sorting the few rows (sorting the index entries first, when the index
 * holds every filtered column and sort key, as it does for an instance id range that spans few ids, however many
 * of them match);
 * a job-parameter value's instances, which another table holds, and a pattern that only a scan of its index finds
 * are read first and become a list of candidate ids (a thousand at most by default).</li>
 * <li>Otherwise every filter matches many instances: the page walks the index that delivers the page's order, tests
 * each row and stops one row after the page. A plain job-parameter value is walked in batch-rest's copy of the
 * parameters, newest first, when the page is in that order ({@link InstanceParameters}): testing a row against
 * Liberty's parameter rows costs more than reading it, and the newest instances often are of another kind. Of several
 * indexes in the page's order, the walk takes one that holds every filtered column, and tests its entries. A range
 * of last-updated times whose instances were all created before its end is walked from there
 * ({@link #createdBeforeUpdates}). A walk that would test rows and finds few matches in its first ones gives way to
 * the instances that meet several filters together on the entries of one index ({@link #fromCarriedColumns}), or
 * walks the value with the fewest instances ({@link #fewestEntries}).</li>
 * </ol>
 * The total is counted only where that is cheap (docs/api.md, "Totals"): when the page itself tells it, among
 * the candidates, or up to the count limit in one index that holds every filtered column; otherwise the response
 * says only how many matches it has shown to exist, unless the client asks for the exact total.
 */
final class JobInstanceSearchPlanner {

    /**
     * A filter with at most this many matches drives the search from its own index (server variable
     * {@code batchrest.search.candidateLimit}; the tests lower it so that both plans meet every search).
     */
    static final int DEFAULT_CANDIDATE_LIMIT = 1000;

    /**
     * Totals are counted up to this many matches (server variable {@code batchrest.search.countLimit}): at a million
     * instances Derby counts 10,001 index entries in 2.4–7.8 ms, which would double or triple the time of a page
     * (docs/api.md, "Totals").
     */
    static final int DEFAULT_COUNT_LIMIT = 1000;

    /**
     * A walk of the copy of the parameters reads the instances of executions after the copy's mark from Liberty's
     * tables; with more of them than this (a copy far behind), the page walks Liberty's tables instead.
     */
    static final int TAIL_LIMIT = 1000;

    /**
     * An instance id range that spans at most this many ids is read in its own index, its entries sorted, however many
     * of them match: at a million instances on Derby, sorting 2,000 entries took 4 ms and 20,000 about 13 ms, where a
     * walk in the default order passes every instance newer than the range (docs/api.md, "Searching a large
     * repository").
     */
    static final long DEFAULT_SORTED_ID_RANGE = 20_000;

    /** From this offset on, a page whose conditions one index covers skips index entries, not rows. */
    static final long DEEP_OFFSET = 1000;

    private final BatchDatabase database;
    private final int candidateLimit;
    private final int countLimit;
    private final long sortedIdRange;
    /** The execution id through which the copy of the parameters is complete, if it may be walked. */
    private final Optional<Long> parametersSyncedThrough;
    /** Bounded counts that reached their bound a moment ago. */
    private final LargeCounts largeCounts;
    /** Whether the instances last updated before they were created are recorded ({@link UpdatedBeforeCreatedInstances}). */
    private final boolean updatesBeforeCreationRecorded;

    /**
     * @param sortedIdRange the most ids an instance id range may span to be read in its own index, its entries sorted
     *                      ({@link #DEFAULT_SORTED_ID_RANGE})
     * @param largeCounts   where bounded counts that reached their bound are kept for a moment
     * @param updatesBeforeCreationRecorded whether the instances last updated before they were created are recorded,
     *                      so that a range of last-updated times may skip the instances created after its end
     */
    JobInstanceSearchPlanner(BatchDatabase database, int candidateLimit, int countLimit, long sortedIdRange,
                             Optional<Long> parametersSyncedThrough, LargeCounts largeCounts,
                             boolean updatesBeforeCreationRecorded) {
        this.database = database;
        this.candidateLimit = candidateLimit;
        this.countLimit = countLimit;
        this.sortedIdRange = sortedIdRange;
        this.parametersSyncedThrough = parametersSyncedThrough;
        this.largeCounts = largeCounts;
        this.updatesBeforeCreationRecorded = updatesBeforeCreationRecorded;
    }

    /**
     * How the rows are reached: nothing at all, among candidates, by walking an index (in order, or the few entries
     * of the rarest filter), or by walking the copy of the parameters ({@code byParameter}).
     *
     * @param countFrom    the filter with the fewest matches, which a count starts from
     * @param countFromAll its matches, as the probe counted them (at most the larger limit plus one)
     * @param walksOrder   whether the page walks the index of its order because every filter matches many
     */
    private record Plan(boolean empty, Optional<List<Long>> candidates, Optional<SearchIndex> walk,
                        Optional<JobInstanceSearchSql.Probe> countFrom, long countFromAll,
                        Optional<ParameterWalk> byParameter, boolean walksOrder) {

        static final Plan EMPTY = new Plan(true, Optional.empty(), Optional.empty(), Optional.empty(), 0,
                Optional.empty(), false);

        /** The rows of the given instances (a list of ids), in the page's order. */
        static Plan among(List<Long> ids, Optional<SearchIndex> order) {
            return new Plan(false, Optional.of(JobInstanceSearchSql.bucket(ids)), order, Optional.empty(), ids.size(),
                    Optional.empty(), false);
        }

        /** The rows of few instances, read from the rarest filter's own index. */
        static Plan fromRarest(JobInstanceSearchSql.Probe rarest, long matches) {
            return new Plan(false, Optional.empty(), Optional.of(rarest.index()), Optional.of(rarest), matches,
                    Optional.empty(), false);
        }
    }

    /**
     * A walk of the copy of the parameters for one value, and the instances whose executions after the copy's mark
     * had it ({@code tail}, which the copy may not hold yet).
     */
    private record ParameterWalk(JobInstanceSearchSql.ParameterValue value, List<Long> tail) {
    }

    /** The default order of a page: newest first, then the highest id. */
    private static final Comparator<JobInstanceRecord> NEWEST_FIRST = Comparator
            .comparing(JobInstanceRecord::createTime, Comparator.nullsFirst(Comparator.<java.time.Instant>naturalOrder()))
            .thenComparingLong(JobInstanceRecord::instanceId).reversed();

    /**
     * @param pinned whether the search indexes exist, so that statements may name them (until then the database
     *               plans alone)
     */
    SearchPage search(JobInstanceSearchSql requested, int pageSize, long offset, Optional<SearchCursor> after,
                      Totals totals, boolean pinned) {
        Optional<JobInstanceSearchSql> narrowed = pinned ? narrowPatterns(requested) : Optional.of(requested);
        if (narrowed.isEmpty()) {
            return new SearchPage(List.of(), false, 0, true, Optional.empty());
        }
        Plan firstPlan = pinned ? plan(narrowed.get())
                : new Plan(false, Optional.empty(), Optional.empty(), Optional.empty(), Long.MAX_VALUE, Optional.empty(),
                false);
        Optional<JobInstanceSearchSql> createdBefore = firstPlan.walksOrder() && firstPlan.byParameter().isEmpty()
                ? createdBeforeUpdates(narrowed.get()) : Optional.empty();
        JobInstanceSearchSql sql = createdBefore.orElse(narrowed.get());
        Plan plan = createdBefore.isPresent() ? plan(sql) : firstPlan;
        if (plan.empty()) {
            return new SearchPage(List.of(), false, 0, true, Optional.empty());
        }
        boolean countedFromProbe = plan.countFrom().isPresent() && plan.countFromAll() <= countLimit;
        Optional<JobInstanceSearchSql.Sql> boundedCount = totals == Totals.UP_TO_LIMIT && plan.candidates().isEmpty()
                && !countedFromProbe && needsBoundedCount(sql, plan) ? boundedCount(sql, plan, pinned)
                : Optional.empty();
        OptionalLong recentCount = boundedCount.map(largeCounts::recent).orElse(OptionalLong.empty());
        // A page that may show fewer matches than the count limit reads its count with its rows (see rows), unless
        // the same count has just reached its bound.
        PageRows read = rows(sql, plan, pageSize, offset, after,
                boundedCount.filter(count -> offset + pageSize < countLimit && recentCount.isEmpty()));
        read.counted().ifPresent(counted -> largeCounts.counted(boundedCount.get(), counted, countLimit + 1));
        List<JobInstanceRecord> rows = read.rows();
        boolean hasNext = rows.size() > pageSize;
        List<JobInstanceRecord> items = hasNext ? List.copyOf(rows.subList(0, pageSize)) : rows;
        long seen = offset + items.size() + (hasNext ? 1 : 0);
        long total;
        boolean exact;
        if (totals == Totals.EXACT) {
            total = countAll(sql, plan);
            exact = true;
        } else if (totals == Totals.NONE) {
            total = seen;
            exact = !hasNext;
        } else if (!hasNext && (!items.isEmpty() || offset == 0)) {
            total = offset + items.size();
            exact = true;
        } else if (items.isEmpty()) {
            // A page past the end: every match lies before it, so the matches "up to the end of this page" would
            // overstate them. The page has just read as far as its offset to find nothing; the count reads the matches,
            // unless the page's walk of the copy of the parameters has passed every one of them already.
            total = read.everyMatch().orElseGet(() -> countAll(sql, plan));
            exact = true;
        } else if (plan.candidates().isPresent()) {
            total = count(sql.count(Optional.empty(), plan.candidates(), Optional.empty()));
            exact = true;
        } else if (seen <= countLimit && countedFromProbe) {
            // The probe of the search's only filter has counted its matches already (one index entry per instance).
            total = sql.onlyFilter(plan.countFrom().get()) && !plan.countFrom().get().onParameters()
                    ? plan.countFromAll() : countAll(sql, plan);
            exact = true;
        } else if (!needsBoundedCount(sql, plan)) {
            // The one filter's probe has counted more instances than the count limit already: so would a count of the
            // total.
            total = Math.max(seen, countLimit + 1);
            exact = false;
        } else if (seen <= countLimit && boundedCount.isPresent()) {
            long counted = read.counted().isPresent() ? read.counted().getAsLong()
                    : bounded(boundedCount.get(), countLimit + 1);
            exact = counted <= countLimit;
            total = exact ? counted : Math.max(counted, seen);
        } else {
            total = seen;
            exact = false;
        }
        Optional<SearchCursor> next = hasNext ? sql.singleKeyOrder().map(order -> new SearchCursor(order,
                offset + pageSize, key(sql, items.get(items.size() - 1)), items.get(items.size() - 1).instanceId()))
                : Optional.empty();
        return new SearchPage(items, hasNext, total, exact, next);
    }

    /**
     * The rows of a page (and one more), the bounded count of the matches if the page's statement made it, and the
     * number of all matches if reading the page passed every one of them ({@code everyMatch}).
     */
    private record PageRows(List<JobInstanceRecord> rows, OptionalLong counted, OptionalLong everyMatch) {

        static PageRows of(List<JobInstanceRecord> rows) {
            return new PageRows(rows, OptionalLong.empty(), OptionalLong.empty());
        }
    }

    /** A row of a page whose statement also counted the matches. */
    private record Counted(JobInstanceRecord instance, long total) {
    }

    /**
     * The count of at most the count limit plus one matches, if one index holds every filtered column (or nothing is
     * filtered), so that it reads index entries only. Without a filter every index counts the same, and the
     * create-time index newest first: an ascending index starts at the oldest instances, where Derby keeps the
     * entries of purged rows until a new entry needs their page. Before the indexes exist, only a search without a
     * filter is counted, in whatever way the database chooses.
     */
    private Optional<JobInstanceSearchSql.Sql> boundedCount(JobInstanceSearchSql sql, Plan plan, boolean pinned) {
        Optional<Integer> limit = Optional.of(countLimit + 1);
        if (!sql.hasConditions()) {
            return Optional.of(sql.count(pinned ? Optional.of(SearchIndex.CREATED) : Optional.empty(),
                    Optional.empty(), limit));
        }
        Optional<SearchIndex> covering = !pinned ? Optional.empty() : plan.walk().filter(sql::coveredBy)
                .or(() -> sql.probes().stream().map(JobInstanceSearchSql.Probe::index).filter(sql::coveredBy)
                        .findFirst());
        return covering.map(index -> sql.count(Optional.of(index), Optional.empty(), limit));
    }

    /**
     * Whether a bounded count would tell more than the probes did: not when the search's one filter has been probed
     * and counted beyond the count limit already (a parameter's probe counts rows, one per execution, not instances).
     */
    private boolean needsBoundedCount(JobInstanceSearchSql sql, Plan plan) {
        return plan.countFromAll() <= countLimit || plan.countFrom()
                .filter(probe -> sql.onlyFilter(probe) && !probe.onParameters()).isEmpty();
    }

    private Plan plan(JobInstanceSearchSql sql) {
        Optional<List<Long>> listedIds = sql.listedIds().filter(ids -> ids.size() <= candidateLimit);
        if (listedIds.isPresent()) {
            // Listed ids are candidates already: the page's statement finds them by key, and whichever other filter
            // is rarer could only leave fewer of them.
            return Plan.among(listedIds.get(), sql.orderIndex());
        }
        Reads reads = new Reads(sql);
        Optional<SearchIndex> order = walkIndex(sql, reads);
        List<String> walkedColumns = order.map(SearchIndex::prefix).orElse(List.of());
        // A time range on the column the walk is ordered by is where the walk starts and stops: it reads only the
        // range's entries, in order, and stops after the page, so counting them first would only double the reads.
        // Only when the walk's index holds every filtered column: a count of the total then reads the same index.
        Optional<String> rangedByWalk = order.filter(sql::coveredBy).map(SearchIndex::orderedColumn);
        List<JobInstanceSearchSql.Probe> probes = new ArrayList<>(sql.probes());
        probes.sort(Comparator.comparing(JobInstanceSearchSql.Probe::scansIndex));
        JobInstanceSearchSql.Probe rarest = null;
        JobInstanceSearchSql.Probe countFrom = null;
        JobInstanceSearchSql.Probe idRange = null;
        long rarestCount = Long.MAX_VALUE;
        long countFromCount = Long.MAX_VALUE;
        long idRangeCount = 0;
        for (JobInstanceSearchSql.Probe listed : probes) {
            if (listed.scansIndex() && rarest != null) {
                continue;
            }
            JobInstanceSearchSql.Probe probe = listed;
            if (probe.column() != null && walkedColumns.contains(probe.column())) {
                continue;
            }
            if (probe.range() && rangedByWalk.isPresent() && rangedByWalk.get().equals(probe.column())) {
                continue;
            }
            long matches = reads.matches(probe);
            if (matches == 0) {
                return Plan.EMPTY;
            }
            if (matches <= candidateLimit && matches < rarestCount) {
                rarest = probe;
                rarestCount = matches;
            }
            if (matches < countFromCount) {
                countFrom = probe;
                countFromCount = matches;
            }
            if (probe.index() == SearchIndex.ID_CREATED) {
                idRange = probe;
                idRangeCount = matches;
            }
        }
        if (rarest == null && idRange != null && sortsIdRange(sql, idRange)) {
            return Plan.fromRarest(idRange, idRangeCount);
        }
        if (rarest != null && readsOwnEntries(rarest)) {
            return Plan.fromRarest(rarest, rarestCount);
        }
        if (rarest != null) {
            JobInstanceSearchSql.Sql instances = JobInstanceSearchSql.probeInstances(rarest);
            Set<Long> ids = new LinkedHashSet<>(database.query(instances.text(), row -> row.getLong(1),
                    instances.parameters().toArray()));
            return ids.isEmpty() ? Plan.EMPTY
                    : Plan.among(List.copyOf(ids), order);
        }
        Optional<SearchIndex> walk = order;
        if (!walksCopy(sql) && order.filter(sql::coveredBy).isEmpty() && !order.map(reads::dense).orElse(false)) {
            // The walk would test rows and finds few matches in its first ones.
            Optional<Plan> together = fromCarriedColumns(sql);
            if (together.isPresent()) {
                return together.get();
            }
            walk = fewestEntries(sql, reads).or(() -> order);
        }
        return new Plan(false, Optional.empty(), walk, Optional.ofNullable(countFrom), countFromCount,
                parameterWalk(sql), true);
    }

    /** Rows read from the start of a walk that tests rows, to tell whether it finds its matches densely. */
    static final int WALK_SAMPLE = 64;

    /**
     * The index the page walks if every filter matches many: the one that delivers the page's order and holds every
     * filtered column, which tests entries instead of rows (a job name with a state, in the state's index), unless
     * another index in that order finds the matches densely in its first rows ({@link #WALK_SAMPLE}, a quarter of them
     * or more; the job's own index when most of its instances are in that state, the rows of a rare exit status). A
     * row costs a few index entries, so the entries win unless the rows are dense; but when the newest instances of
     * the state are of other jobs, the entries' walk passes all of them (docs/api.md, "Searching a large
     * repository"). Of several walks that test rows, the densest is sampled against the entries' walk, or, where no
     * index in that order holds every filtered column, against the others (if none is dense, the plan decides:
     * {@link #fewestEntries}). No sample where the page will walk the copy of the parameters instead, nor where every
     * filter is one of the prefix values of the index in order, whose every entry in that range matches (one job name
     * with one state).
     */
    private Optional<SearchIndex> walkIndex(JobInstanceSearchSql sql, Reads reads) {
        Optional<SearchIndex> order = sql.orderIndex();
        if (walksCopy(sql)) {
            return order;
        }
        if (order.filter(sql::matchedByPrefix).isPresent()) {
            return order;
        }
        List<SearchIndex> testingRows = sql.rowWalks();
        if (testingRows.size() < (order.filter(sql::coveredBy).isPresent() ? 1 : 2)) {
            return order;
        }
        return testingRows.stream().max(Comparator.comparingLong(reads::sample)).filter(reads::dense).or(() -> order);
    }

    /** Whether the page will walk the copy of the parameters instead of an index ({@link #parameterWalk}). */
    private boolean walksCopy(JobInstanceSearchSql sql) {
        return parametersSyncedThrough.isPresent() && sql.newestByParameter().isPresent();
    }

    /**
     * What the plan of one search has read: the probes' counts and the samples of walks, each read once.
     */
    private final class Reads {

        private final JobInstanceSearchSql sql;
        private final Map<JobInstanceSearchSql.Probe, Long> matches = new IdentityHashMap<>();
        private final Map<SearchIndex, Long> samples = new IdentityHashMap<>();
        private final Map<SearchIndex, Long> prefixCounts = new IdentityHashMap<>();

        Reads(JobInstanceSearchSql sql) {
            this.sql = sql;
        }

        /** The probe's matches, counted up to the larger of the candidate and count limits, plus one. */
        long matches(JobInstanceSearchSql.Probe probe) {
            int bound = firstBound();
            return matches.computeIfAbsent(probe, each -> bounded(JobInstanceSearchSql.probeCount(each, bound),
                    bound));
        }

        /**
         * The instances with the prefix values of {@code walk}, counted like a probe's matches: a one-column prefix
         * by its filter's probe, which the plan may have counted already.
         */
        long prefixEntries(SearchIndex walk) {
            if (walk.prefix().size() == 1) {
                return matches(sql.probeOf(walk.prefix().get(0)).orElseThrow());
            }
            int bound = firstBound();
            return prefixCounts.computeIfAbsent(walk, each -> bounded(sql.prefixCount(each, bound), bound));
        }

        /** How many of the first {@link #WALK_SAMPLE} rows of a walk of {@code index} meet every filter. */
        long sample(SearchIndex index) {
            return samples.computeIfAbsent(index, walk -> count(sql.sampleOfWalk(walk, WALK_SAMPLE)));
        }

        /**
         * Whether a walk of {@code index} that tests rows finds the matches densely in its first rows (a quarter of
         * them or more): a row costs a few index entries ({@link #ENTRIES_PER_WALKED_ROW}).
         */
        boolean dense(SearchIndex index) {
            return sample(index) * ENTRIES_PER_WALKED_ROW >= WALK_SAMPLE;
        }
    }

    private int firstBound() {
        return Math.max(candidateLimit, countLimit) + 1;
    }

    /**
     * Of several indexes that deliver the page's order among one value of a filter, none of which finds the matches
     * densely, the one whose value has the fewest instances: each walk reads a row per instance of its value until the
     * page is full, and all of them when few match. The values are counted up to ten times more at each round until
     * one has fewer ({@link #SPARSE_COUNT_ROUNDS}); a count that reaches its bound is kept for a moment
     * ({@link LargeCounts}), so that the next pages of the search do not count it again. A job name with a rare exit
     * status walked the job's rows instead: at a million instances 190 ms for a page, and 1.2 s for a job that never
     * had that status (docs/api.md, "Searching a large repository").
     */
    private Optional<SearchIndex> fewestEntries(JobInstanceSearchSql sql, Reads reads) {
        List<SearchIndex> walks = sql.walksWithPrefix();
        if (walks.size() < 2) {
            return Optional.empty();
        }
        Map<SearchIndex, Long> entries = new IdentityHashMap<>();
        walks.forEach(walk -> entries.put(walk, reads.prefixEntries(walk)));
        long bound = firstBound();
        for (int round = 0; round < SPARSE_COUNT_ROUNDS && java.util.Collections.min(entries.values()) >= bound;
             round++) {
            int limit = (int) (bound * 10 - 9);
            walks.forEach(walk -> entries.put(walk, bounded(sql.prefixCount(walk, limit), limit)));
            bound = limit;
        }
        return walks.stream().min(Comparator.comparingLong(entries::get));
    }

    /** Rounds of counting the values of sparse walks, each up to ten times more: up to 100,001 by default. */
    static final int SPARSE_COUNT_ROUNDS = 2;

    /**
     * The search's few matches, found together on the entries of an index that holds the columns of two or more of
     * its filters ({@link JobInstanceSearchSql#carryingIndex}), for a search whose every filter matches many
     * instances alone and whose walk would test rows and finds few matches in its first ones: a job name with a
     * state in another order than newest first, with a list of states, or with a filter that the state's index does
     * not hold. At a million instances those walks read a row per instance of the state, the job or the order,
     * 0.4–2.2 s for a job that never failed, where the state's entries took 25 ms. At most the candidate limit of
     * ids, read once: none is an empty page, more leave the walk as it was.
     */
    private Optional<Plan> fromCarriedColumns(JobInstanceSearchSql sql) {
        Optional<SearchIndex> carrying = sql.carryingIndex();
        if (carrying.isEmpty()) {
            return Optional.empty();
        }
        JobInstanceSearchSql.Sql found = sql.idsInIndex(carrying.get(), candidateLimit + 1);
        List<Long> ids = database.query(found.text(), row -> row.getLong(1), found.parameters().toArray());
        if (ids.isEmpty()) {
            return Optional.of(Plan.EMPTY);
        }
        return ids.size() <= candidateLimit ? Optional.of(Plan.among(ids, sql.orderIndex())) : Optional.empty();
    }

    /**
     * A walked table row costs about this many index entries read (on Derby at a million instances, 2–3 µs against
     * 0.4–0.7 µs): a walk that tests entries passes this many for each row that a walk testing rows would read.
     */
    static final int ENTRIES_PER_WALKED_ROW = 4;

    /**
     * The search bounded to the instances created before the end of its range of last-updated times, where that is
     * the same search (docs/api.md, "Searching a large repository"). Newest first, the walk of the create-time index
     * passes every instance created since the range's end and reads its row to test its last update: at a million
     * instances, 2 s for a range of a month ten months back. An instance is last updated after it was created, unless
     * another server's clock or an edit of the repository says otherwise; the triggers record such instances
     * ({@link UpdatedBeforeCreatedInstances}), and the bound is added only if none of those was last updated in the
     * range and created at or after its end.
     */
    private Optional<JobInstanceSearchSql> createdBeforeUpdates(JobInstanceSearchSql sql) {
        Optional<Instant> until = sql.updatedUntilNewestFirst();
        if (until.isEmpty() || !updatesBeforeCreationRecorded) {
            return Optional.empty();
        }
        JobInstanceSearchSql.Sql recorded = UpdatedBeforeCreatedInstances.recorded(
                UpdatedBeforeCreatedInstances.READ_LIMIT + 1);
        List<Long> ids = database.query(recorded.text(), row -> row.getLong(1), recorded.parameters().toArray());
        if (ids.size() > UpdatedBeforeCreatedInstances.READ_LIMIT) {
            return Optional.empty();
        }
        if (!ids.isEmpty()) {
            JobInstanceSearchSql.Sql created = UpdatedBeforeCreatedInstances.createdAfterRange(
                    JobInstanceSearchSql.bucket(ids), sql.updatedFrom(), until.get());
            if (count(created) > 0) {
                return Optional.empty();
            }
        }
        return Optional.of(sql.createdBefore(until.get()));
    }

    /**
     * Whether the page can read a rare filter's few matches where the probe counted them, in the filter's index
     * (for an instance id range, the index of ids and create times). Reading the same entries
     * again costs less than listing their ids and finding each instance by its key, which on Derby is about 3 µs an
     * id, 3 ms for a thousand (docs/api.md, "Searching a large repository"). Not a job parameter's matches (rows of
     * another table, one per execution), nor a pattern that only a scan of the whole index finds: those are read once,
     * as a list of ids.
     */
    private boolean readsOwnEntries(JobInstanceSearchSql.Probe rarest) {
        return !rarest.onParameters() && !rarest.scansIndex();
    }

    /**
     * Whether the page reads an instance id range's entries in their own index and sorts them, although many match:
     * when that index holds every filtered column and the page's sort key, and the range spans at most
     * {@link #sortedIdRange} ids, which bounds the entries sorted. A walk in the page's order costs what it passes
     * before the range's matches, which for a range of old instances in the default order (newest first) is every
     * newer instance, most of the index.
     */
    private boolean sortsIdRange(JobInstanceSearchSql sql, JobInstanceSearchSql.Probe range) {
        return sql.coveredBy(range.index()) && sql.sortableIn(range.index())
                && sql.idRangeSpan(this::lowestId).orElse(Long.MAX_VALUE) <= sortedIdRange;
    }

    /** The lowest instance id; 0 if every instance has been purged meanwhile, which leaves the span an upper bound. */
    private long lowestId() {
        JobInstanceSearchSql.Sql lowest = JobInstanceSearchSql.lowestId();
        return database.queryOne(lowest.text(), row -> row.getLong(1), lowest.parameters().toArray()).orElse(0L);
    }

    /**
     * The walk of the copy of the parameters, if the page may take it: a plain parameter value, the default order, a
     * copy that has caught up, and at most {@link #TAIL_LIMIT} instances in its tail.
     */
    private Optional<ParameterWalk> parameterWalk(JobInstanceSearchSql sql) {
        Optional<JobInstanceSearchSql.ParameterValue> value = sql.newestByParameter();
        if (value.isEmpty() || parametersSyncedThrough.isEmpty()) {
            return Optional.empty();
        }
        JobInstanceSearchSql.Sql tail = JobInstanceSearchSql.parameterTail(value.get(), parametersSyncedThrough.get());
        Set<Long> instances = new LinkedHashSet<>();
        database.forEachRow(tail.text(), row -> row.getLong(1), id -> {
            instances.add(id);
            return instances.size() <= TAIL_LIMIT;
        }, tail.parameters().toArray());
        return instances.size() > TAIL_LIMIT ? Optional.empty()
                : Optional.of(new ParameterWalk(value.get(), List.copyOf(instances)));
    }

    /**
     * The search with each pattern of a text filter replaced by the values of its column that match it, when the
     * column has at most {@link #DISTINCT_VALUES}: exit statuses, submitters, job and application names are few. A
     * pattern then enters the index at each value instead of scanning it, and a pattern that only one value matches
     * (such as {@code jobName=chunk*}) is walked newest first in that value's own index, instead of testing every
     * newer instance of another job. Empty if a pattern matches no value at all.
     */
    private Optional<JobInstanceSearchSql> narrowPatterns(JobInstanceSearchSql sql) {
        JobInstanceSearchSql narrowed = sql;
        for (JobInstanceSearchSql.Probe probe : sql.probes()) {
            if (probe.pattern() != null && probe.pattern().indexOf('*') >= 0) {
                Optional<List<String>> values = distinctValues(probe);
                if (values.isPresent()) {
                    List<String> matching = values.get().stream().filter(probe::matches).toList();
                    if (matching.isEmpty()) {
                        return Optional.empty();
                    }
                    narrowed = narrowed.narrowed(probe, matching);
                }
            }
        }
        return Optional.of(narrowed);
    }

    /**
     * The distinct values of a probe's column, if there are at most {@link #DISTINCT_VALUES}: each is found by one
     * step into the index (exit statuses, submitters, job and application names are few), so that a pattern with a
     * leading {@code *} is matched against the values instead of against every index entry.
     */
    private Optional<List<String>> distinctValues(JobInstanceSearchSql.Probe probe) {
        List<String> values = new ArrayList<>();
        Optional<String> last = Optional.empty();
        while (values.size() <= DISTINCT_VALUES) {
            JobInstanceSearchSql.Sql next = JobInstanceSearchSql.nextValue(probe, last);
            Optional<String> value = database.queryOne(next.text(), row -> Optional.ofNullable(row.getString(1)),
                    next.parameters().toArray()).flatMap(v -> v);
            if (value.isEmpty()) {
                return Optional.of(values);
            }
            values.add(value.get());
            last = value;
        }
        return Optional.empty();
    }

    /** A column with more distinct values than this is scanned for a leading-wildcard pattern instead. */
    static final int DISTINCT_VALUES = 200;

    /**
     * The page's rows and one more. {@code boundedCount}, if given, is read with them where the page is read by the
     * plain page statement: as a column of that statement, which the database evaluates once, so that the page is one
     * statement instead of two (on PostgreSQL a round trip less; docs/api.md, "Totals").
     */
    private PageRows rows(JobInstanceSearchSql sql, Plan plan, int pageSize, long offset,
                          Optional<SearchCursor> after, Optional<JobInstanceSearchSql.Sql> boundedCount) {
        long skip = after.isPresent() ? 0 : offset;
        if (plan.byParameter().isPresent()) {
            ParameterWalk walk = plan.byParameter().get();
            int fetch = (int) Math.min(skip + pageSize + 1, Integer.MAX_VALUE);
            List<JobInstanceRecord> rows = new ArrayList<>(walkCopy(sql, walk.value(), after, fetch));
            if (!walk.tail().isEmpty()) {
                // The tail's instances may belong anywhere in the order (an old instance restarted): both lists are
                // read up to the end of the page and merged.
                Set<Long> walked = new java.util.HashSet<>();
                rows.forEach(row -> walked.add(row.instanceId()));
                query(sql.page(Optional.empty(), Optional.of(JobInstanceSearchSql.bucket(walk.tail())), after, 0,
                        fetch)).stream().filter(row -> walked.add(row.instanceId())).forEach(rows::add);
                rows.sort(NEWEST_FIRST);
            }
            List<JobInstanceRecord> page = List.copyOf(rows.subList((int) Math.min(skip, rows.size()),
                    Math.min(fetch, rows.size())));
            // Fewer than asked for from the first match on: the walk has passed every match.
            return after.isEmpty() && rows.size() < fetch
                    ? new PageRows(page, OptionalLong.empty(), OptionalLong.of(rows.size())) : PageRows.of(page);
        }
        if (plan.candidates().isPresent()) {
            return PageRows.of(query(sql.page(Optional.empty(), plan.candidates(), after)));
        }
        // One index that holds every filtered column and sort key gives the page's ids without a row: the rows a deep
        // page skips are then index entries, and so are the entries that a walk not in the page's order (the rarest
        // filter's few, such as an instance id range's) sorts; only the page's own rows are read.
        Optional<SearchIndex> idsFirst = plan.walk().filter(walk -> sql.coveredBy(walk) && sql.sortableIn(walk)
                && (after.isEmpty() && offset >= DEEP_OFFSET || !sql.inOrderOf(walk)));
        if (idsFirst.isPresent()) {
            JobInstanceSearchSql.Sql ids = sql.pageIds(idsFirst.get(), after);
            List<Long> page = database.query(ids.text(), row -> row.getLong(1), ids.parameters().toArray());
            return PageRows.of(page.isEmpty() ? List.of() : query(sql.rows(JobInstanceSearchSql.bucket(page))));
        }
        if (boundedCount.isEmpty()) {
            return PageRows.of(query(sql.page(plan.walk(), Optional.empty(), after)));
        }
        JobInstanceSearchSql.Sql page = sql.pageWithBoundedCount(plan.walk(), after, boundedCount.get());
        List<Counted> counted = database.query(page.text(), row -> new Counted(JobInstanceRepository.map(row),
                row.getLong(JobInstanceSearchSql.BOUNDED_TOTAL)), page.parameters().toArray());
        return new PageRows(counted.stream().map(Counted::instance).toList(), counted.isEmpty() ? OptionalLong.empty()
                : OptionalLong.of(counted.get(0).total()), OptionalLong.empty());
    }

    /**
     * The first {@code wanted} matches behind {@code after}, newest first, found by walking the copy of the parameters
     * for {@code value} a chunk at a time: a chunk's ids are read from the copy's index in order, then their rows that
     * meet the other filters by their keys. The first chunk is twice the rows wanted, so that a page whose rows are
     * dense is one chunk, or just the rows wanted when the parameter is the search's only filter, so that every id
     * matches (but one purged meanwhile); each further one is sized by the share of matches among the ids read so far
     * (see {@link #nextChunk}). The same statements on every database, whatever its optimizer would make of a join of
     * the copy with JOBINSTANCE. Before its rows are read, a chunk is sifted ({@link #sift}).
     */
    private List<JobInstanceRecord> walkCopy(JobInstanceSearchSql sql, JobInstanceSearchSql.ParameterValue value,
                                             Optional<SearchCursor> after, int wanted) {
        List<JobInstanceRecord> found = new ArrayList<>();
        Optional<SearchCursor> position = after;
        int size = sql.onlyCondition(value.test()) ? Math.min(MAX_CHUNK, wanted)
                : Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, 2 * wanted));
        long read = 0;
        List<JobInstanceSearchSql.Probe> sieves = new ArrayList<>(sql.sieves());
        while (found.size() < wanted) {
            JobInstanceSearchSql.Sql next = JobInstanceSearchSql.parameterChunk(value, position, size);
            List<SearchCursor> chunk = database.query(next.text(), row -> new SearchCursor(SortKey.DEFAULT.text(), 0,
                    BatchDatabase.instant(row, BatchRestTables.InstanceParameter.CREATE_TIME), row.getLong(1)),
                    next.parameters().toArray());
            if (chunk.isEmpty()) {
                break;
            }
            List<Long> ids = sift(chunk, sieves);
            if (!ids.isEmpty()) {
                found.addAll(query(sql.rowsOfChunk(JobInstanceSearchSql.bucket(ids), value)));
            }
            read += chunk.size();
            if (chunk.size() < size) {
                break;
            }
            position = Optional.of(chunk.get(chunk.size() - 1));
            size = nextChunk(size, wanted - found.size(), found.size(), read);
        }
        return found.size() > wanted ? found.subList(0, wanted) : found;
    }

    /**
     * The ids of {@code chunk} (newest first) that have each sieve's value, found without reading their rows: for each
     * sieve, the instances with its value created within the chunk's span of create times, read from the sieve's
     * index alone (about a tenth of the cost of finding a row by key on Derby). A sieve with more such instances than
     * the chunk has ids is no sparser than the walked parameter value: it is dropped for the rest of the walk, and
     * its filter is tested on the rows as before (docs/api.md, "Searching a large repository").
     */
    private List<Long> sift(List<SearchCursor> chunk, List<JobInstanceSearchSql.Probe> sieves) {
        Set<Long> left = new LinkedHashSet<>();
        chunk.forEach(cursor -> left.add(cursor.lastId()));
        Instant newest = (Instant) chunk.get(0).lastKey();
        Instant oldest = (Instant) chunk.get(chunk.size() - 1).lastKey();
        for (Iterator<JobInstanceSearchSql.Probe> each = sieves.iterator(); each.hasNext() && !left.isEmpty(); ) {
            JobInstanceSearchSql.Sql window = JobInstanceSearchSql.sieve(each.next(), oldest, newest,
                    chunk.size() + 1);
            List<Long> having = database.query(window.text(), row -> row.getLong(1), window.parameters().toArray());
            if (having.size() > chunk.size()) {
                each.remove();
            } else {
                left.retainAll(new HashSet<>(having));
            }
        }
        return List.copyOf(left);
    }

    /**
     * The size of the next chunk of a walk of the copy, for {@code missing} more matches when {@code found} of the
     * {@code read} ids so far matched: the ids that many matches take at that share, and a quarter more, within
     * {@link #MIN_CHUNK} and {@link #MAX_CHUNK}; twice the last chunk while none has matched. Finding each id of a
     * chunk by key is what a walk costs (about 3 µs an id on Derby): doubling the chunks read up to twice the ids that
     * a sparse page needs (docs/api.md, "Searching a large repository").
     */
    static int nextChunk(int last, int missing, int found, long read) {
        long wanted = found == 0 ? 2L * last : (long) Math.ceil(missing * (double) read / found * 1.25);
        return (int) Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, wanted));
    }

    /** The smallest and largest chunk of a walk of the copy of the parameters. */
    static final int MIN_CHUNK = 64;
    static final int MAX_CHUNK = 1024;

    /** The exact number of matches, read where the plan reads its rows. */
    private long countAll(JobInstanceSearchSql sql, Plan plan) {
        if (plan.candidates().isPresent()) {
            return count(sql.count(Optional.empty(), plan.candidates(), Optional.empty()));
        }
        Optional<JobInstanceSearchSql.Probe> from = plan.countFrom();
        if (from.isPresent() && from.get().onParameters()) {
            return distinctInstancesOfParameterRows(sql, from.get());
        }
        Optional<SearchIndex> walk = from.isPresent() ? Optional.ofNullable(from.get().index()) : plan.walk();
        return count(sql.count(walk, Optional.empty(), Optional.empty()));
    }

    /**
     * Counts the instances of a job parameter's rows (with every other filter) by reading them from the parameter's
     * index: an instance restarted with the same parameter has a row per execution.
     */
    private long distinctInstancesOfParameterRows(JobInstanceSearchSql sql, JobInstanceSearchSql.Probe probe) {
        Set<Long> instances = new java.util.HashSet<>();
        JobInstanceSearchSql.Sql rows = sql.instancesOfParameterRows(probe);
        database.forEachRow(rows.text(), row -> row.getLong(1), id -> {
            instances.add(id);
            return true;
        }, rows.parameters().toArray());
        return instances.size();
    }

    private List<JobInstanceRecord> query(JobInstanceSearchSql.Sql sql) {
        return database.query(sql.text(), JobInstanceRepository::map, sql.parameters().toArray());
    }

    private long count(JobInstanceSearchSql.Sql sql) {
        return database.count(sql.text(), sql.parameters().toArray());
    }

    /**
     * A count of at most {@code bound} matches, taken from {@link LargeCounts} if the same statement reached its bound
     * a moment ago.
     */
    private long bounded(JobInstanceSearchSql.Sql sql, long bound) {
        OptionalLong recent = largeCounts.recent(sql);
        if (recent.isPresent()) {
            return recent.getAsLong();
        }
        long counted = count(sql);
        largeCounts.counted(sql, counted, bound);
        return counted;
    }

    /** The value of the page's one sort key in an instance, as a cursor keeps it. */
    private static Object key(JobInstanceSearchSql sql, JobInstanceRecord instance) {
        String column = sql.singleKeyColumn().orElseThrow();
        return switch (column) {
            case BatchTables.JobInstance.CREATE_TIME -> instance.createTime();
            case BatchTables.JobInstance.UPDATE_TIME -> instance.lastUpdatedTime();
            case BatchTables.JobInstance.SUBMITTER -> instance.submitter();
            case BatchTables.JobInstance.AMC_NAME -> instance.appName();
            case BatchTables.JobInstance.JOB_XML_NAME -> instance.jobXmlName();
            case BatchTables.JobInstance.BATCH_STATUS -> instance.batchStatus().ordinal();
            case BatchTables.JobInstance.EXIT_STATUS -> instance.exitStatus();
            default -> throw new IllegalStateException("No cursor for " + column);
        };
    }
}
