package io.batchrest.repository;

import io.batchrest.query.GroupKey;
import io.batchrest.query.InstanceIdFilter;
import io.batchrest.query.JobInstanceSearch;
import io.batchrest.query.SearchCursor;
import io.batchrest.query.SortKey;
import io.batchrest.query.TimeRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import static io.batchrest.repository.BatchRestTables.InstanceParameter;
import static io.batchrest.repository.BatchTables.JobExecution;
import static io.batchrest.repository.BatchTables.JobInstance;
import static io.batchrest.repository.BatchTables.JobParameter;

/**
 * Turns a {@link JobInstanceSearch} into SQL over JOBINSTANCE. Every value is a bound parameter; the only text
 * that reaches the statement comes from the column constants, the index catalogue and the sort allow-list. A
 * submitter-only caller's scope is one more condition, applied before paging.
 *
 * <p>The statements name the index they walk ({@link SearchIndex}) in Derby's optimizer-override comment, which
 * PostgreSQL reads as a comment: the plan is chosen by {@link JobInstanceSearchPlanner}, not left to the optimizer
 * (docs/api.md, "Searching a large repository").
 */
final class JobInstanceSearchSql {

    /** A statement and its parameters, in order. */
    record Sql(String text, List<Object> parameters) {
    }

    /**
     * One condition of the WHERE clause. {@code columns} are the JOBINSTANCE columns it reads; null if it reads
     * another table (so no index of JOBINSTANCE covers it).
     */
    record Condition(String text, List<Object> parameters, Set<String> columns) {
    }

    /**
     * A filter that one index finds on its own, so that counting its matches up to a limit costs at most that many
     * index entries (or, for a pattern with a leading {@code *}, one scan of that narrow index).
     *
     * @param condition   the filter as a condition on the probe's rows
     * @param index       the index that finds it
     * @param scansIndex  true if the index can only be scanned, not entered at the value (a leading wildcard)
     * @param column      the JOBINSTANCE column it filters, or null for a job parameter
     * @param pattern     the one value or pattern ({@code *} as wildcard) of a text filter, else null
     */
    record Probe(Condition condition, SearchIndex index, boolean scansIndex, String column, String pattern) {

        boolean onParameters() {
            return index == SearchIndex.PARAMETER_VALUE;
        }

        /** Whether the filter is one range of its column (a time filter): an index in the column's order walks it. */
        boolean range() {
            return JobInstance.CREATE_TIME.equals(column) || JobInstance.UPDATE_TIME.equals(column);
        }

        /**
         * The same filter as a list of the column's values that match it, which the index finds one by one: one
         * value is an equality, so that an index with the column as its prefix gives the order.
         */
        Probe among(List<String> values) {
            String text = values.size() == 1 ? ALIAS + column + " = ?"
                    : ALIAS + column + " IN (" + BatchDatabase.placeholders(values.size()) + ")";
            return new Probe(new Condition(text, List.copyOf(values), Set.of(column)), index, false, column, null);
        }

        /** Whether a value of the column matches the pattern, as LIKE does (case, line ends and all). */
        boolean matches(String value) {
            return value != null && value.matches("(?s)" + java.util.regex.Pattern.quote(pattern)
                    .replace("*", "\\E.*\\Q"));
        }
    }

    /**
     * A job-parameter filter with one plain value (no wildcard, no ignoreCase), which batch-rest's copy of the
     * parameters can find newest first ({@link InstanceParameters}).
     *
     * @param test the filter as a condition on an instance (a sub-query of Liberty's tables)
     */
    record ParameterValue(String name, String value, Condition test) {
    }

    private static final String ALIAS = "i.";
    private static final String COPY = "x.";
    private static final char ESCAPE = '\\';
    /** Marks a condition on another table than JOBINSTANCE. */
    private static final Set<String> OTHER_TABLE = null;

    private final JobInstanceSearch search;
    private final List<Condition> conditions = new ArrayList<>();
    private final List<Probe> probes = new ArrayList<>();
    /** Columns with one plain value (no wildcard, no ignoreCase): an index with that prefix gives the order. */
    private final Set<String> equalColumns = new HashSet<>();
    private final List<ParameterValue> parameterValues = new ArrayList<>();
    /** The ids of a {@code jobInstanceId} filter that lists them, if it does. */
    private Optional<List<Long>> listedIds = Optional.empty();

    /**
     * This search with a text filter's pattern replaced by the values of its column that match it
     * ({@link Probe#among}); one value makes the column an equality, which an index with that prefix walks in order.
     */
    JobInstanceSearchSql narrowed(Probe pattern, List<String> values) {
        Probe among = pattern.among(values);
        JobInstanceSearchSql narrowed = copy(condition -> condition == pattern.condition() ? among.condition()
                : condition, probe -> probe == pattern ? among : probe);
        if (values.size() == 1) {
            narrowed.equalColumns.add(pattern.column());
        }
        return narrowed;
    }

    /**
     * This search with only the instances created before {@code until} as well: the same search where no instance
     * that the other filters select was created at or after it (docs/api.md, "Searching a large repository").
     */
    JobInstanceSearchSql createdBefore(Instant until) {
        JobInstanceSearchSql bounded = copy(condition -> condition, probe -> probe);
        bounded.time(JobInstance.CREATE_TIME, new TimeRange(Optional.empty(), Optional.of(until)), SearchIndex.CREATED);
        return bounded;
    }

    /** A copy of this search, each condition and probe replaced as given. */
    private JobInstanceSearchSql copy(java.util.function.UnaryOperator<Condition> condition,
                                      java.util.function.UnaryOperator<Probe> probe) {
        JobInstanceSearchSql copy = new JobInstanceSearchSql(search);
        conditions.forEach(each -> copy.conditions.add(condition.apply(each)));
        probes.forEach(each -> copy.probes.add(probe.apply(each)));
        copy.equalColumns.addAll(equalColumns);
        copy.parameterValues.addAll(parameterValues);
        copy.listedIds = listedIds;
        return copy;
    }

    /**
     * The end (exclusive) of the search's range of last-updated times, if it has one and the page is in the default
     * order, newest first: the instances last updated before it were created before it too, unless a clock or an edit
     * of the repository says otherwise ({@link UpdatedBeforeCreatedInstances} records those).
     */
    Optional<Instant> updatedUntilNewestFirst() {
        return singleKeyOrder().filter(SortKey.DEFAULT.text()::equals)
                .flatMap(order -> search.lastUpdatedTime().flatMap(TimeRange::until))
                .map(JobInstanceSearchSql::storable);
    }

    /** The start (inclusive) of the search's range of last-updated times, if it has one. */
    Optional<Instant> updatedFrom() {
        return search.lastUpdatedTime().flatMap(TimeRange::from).map(JobInstanceSearchSql::storable);
    }

    private JobInstanceSearchSql(JobInstanceSearch search) {
        this.search = search;
    }

    JobInstanceSearchSql(JobInstanceSearch search, Optional<String> ownerOnly) {
        this.search = search;
        search.instanceIds().ifPresent(this::instanceIds);
        search.createTime().ifPresent(range -> time(JobInstance.CREATE_TIME, range, SearchIndex.CREATED));
        search.lastUpdatedTime().ifPresent(range -> time(JobInstance.UPDATE_TIME, range, SearchIndex.UPDATED_STATE));
        if (!search.states().isEmpty()) {
            List<Object> states = new ArrayList<>();
            search.states().forEach(state -> states.add(state.ordinal()));
            Condition condition = new Condition(ALIAS + JobInstance.INSTANCE_STATE + " IN ("
                    + BatchDatabase.placeholders(states.size()) + ")", states, Set.of(JobInstance.INSTANCE_STATE));
            add(condition, SearchIndex.STATE_CREATED_JOB_SUBMITTER_EXIT, false, JobInstance.INSTANCE_STATE);
            if (states.size() == 1) {
                equalColumns.add(JobInstance.INSTANCE_STATE);
            }
        }
        anyOf(JobInstance.EXIT_STATUS, search.exitStatuses());
        anyOf(JobInstance.SUBMITTER, search.submitters());
        anyOf(JobInstance.JOB_NAME, search.jobNames());
        anyOf(JobInstance.AMC_NAME, search.appNames().stream()
                .map(name -> name.contains("#") ? name : name + "#*").toList());
        search.jobParameters().forEach(this::jobParameter);
        ownerOnly.ifPresent(user -> {
            Condition condition = new Condition(ALIAS + JobInstance.SUBMITTER + " = ?", List.of(user),
                    Set.of(JobInstance.SUBMITTER));
            add(condition, SearchIndex.SUBMITTER_CREATED, false, JobInstance.SUBMITTER);
            equalColumns.add(JobInstance.SUBMITTER);
        });
    }

    List<Probe> probes() {
        return probes;
    }

    /** The instance ids the search lists ({@code jobInstanceId=1,5,9}), if it lists them. */
    Optional<List<Long>> listedIds() {
        return listedIds;
    }

    /**
     * The most instances the {@code jobInstanceId} filter can match when it is a range with two ends: the number of
     * ids from its lower end to its upper one, where {@code lowestId} (asked only for it) is the lower end of
     * {@code <b}. Empty for {@code >a}, for a list, and without the filter.
     */
    OptionalLong idRangeSpan(LongSupplier lowestId) {
        InstanceIdFilter filter = search.instanceIds().orElse(null);
        if (filter instanceof InstanceIdFilter.Between between) {
            return OptionalLong.of(idsFrom(between.from(), between.to()));
        }
        if (filter instanceof InstanceIdFilter.AtMost atMost) {
            return OptionalLong.of(idsFrom(lowestId.getAsLong(), atMost.to()));
        }
        return OptionalLong.empty();
    }

    /** How many ids lie from {@code from} to {@code to}, both included (ids are never negative). */
    private static long idsFrom(long from, long to) {
        return to < from ? 0 : to - from == Long.MAX_VALUE ? Long.MAX_VALUE : to - from + 1;
    }

    boolean hasConditions() {
        return !conditions.isEmpty();
    }

    /** Whether {@code probe}'s filter is the search's only one, so that its matches are the search's. */
    boolean onlyFilter(Probe probe) {
        return onlyCondition(probe.condition());
    }

    /** Whether {@code condition} is the search's only one (the caller's scope is one too). */
    boolean onlyCondition(Condition condition) {
        return conditions.size() == 1 && conditions.get(0) == condition;
    }

    /** The page's sort keys before the id that breaks ties: the requested ones, or newest first. */
    private List<SortKey> keys() {
        return search.sort().isEmpty() ? List.of(SortKey.DEFAULT) : search.sort();
    }

    /** The order of the page as a {@link SortKey#text()}, if it has one key (else no cursor can describe it). */
    Optional<String> singleKeyOrder() {
        return keys().size() == 1 ? Optional.of(keys().get(0).text()) : Optional.empty();
    }

    /**
     * The index that delivers the page's order, given the filters with one plain value: of several, one that holds
     * every filtered column.
     */
    Optional<SearchIndex> orderIndex() {
        return singleKeyOrder().flatMap(order -> SearchIndex.inOrder(order, equalColumns, this::coveredBy));
    }

    /**
     * The indexes that deliver the page's order among one value of a filter but do not hold every filtered column:
     * their walks test rows instead of entries.
     */
    List<SearchIndex> rowWalks() {
        return walksWithPrefix().stream().filter(index -> !coveredBy(index)).toList();
    }

    /**
     * How many of the first {@code entries} instances of {@code walk}'s prefix value, in its order, meet every filter:
     * how densely a walk of that index finds the matches. Reads those rows, and no more.
     */
    Sql sampleOfWalk(SearchIndex walk, int entries) {
        List<Condition> prefix = prefixConditions(walk);
        Set<String> columns = new java.util.TreeSet<>(Set.of(JobInstance.ID));
        conditions.stream().map(Condition::columns).filter(java.util.Objects::nonNull).forEach(columns::addAll);
        List<Object> parameters = new ArrayList<>();
        prefix.forEach(condition -> parameters.addAll(condition.parameters()));
        parameters.add(entries);
        String where = where(Optional.empty(), Optional.empty(), parameters);
        return new Sql("SELECT COUNT(*) FROM (SELECT " + columns.stream().map(column -> ALIAS + column)
                .collect(Collectors.joining(", ")) + " FROM " + JobInstance.TABLE + " i" + hint(Optional.of(walk))
                + whereAll(prefix) + " ORDER BY " + orderOf(walk) + " FETCH FIRST ? ROWS ONLY) i" + where, parameters);
    }

    /**
     * The number of instances with {@code walk}'s prefix values (the search's filters on those columns), counting at
     * most {@code limit}: the entries a walk of that index may pass.
     */
    Sql prefixCount(SearchIndex walk, int limit) {
        Sql ids = idsMeeting(prefixConditions(walk), boundedCountHint(Optional.of(walk)), limit);
        return new Sql("SELECT COUNT(*) FROM (" + ids.text() + ") matches", ids.parameters());
    }

    /** The ids of at most {@code limit} instances that meet {@code tested}, read through the index {@code hint} names. */
    private static Sql idsMeeting(List<Condition> tested, String hint, int limit) {
        List<Object> parameters = new ArrayList<>();
        tested.forEach(condition -> parameters.addAll(condition.parameters()));
        parameters.add(limit);
        return new Sql("SELECT " + ALIAS + JobInstance.ID + " FROM " + JobInstance.TABLE + " i" + hint
                + whereAll(tested) + " FETCH FIRST ? ROWS ONLY", parameters);
    }

    /** The filters on the columns of {@code walk}'s prefix, which an index in the page's order has. */
    private List<Condition> prefixConditions(SearchIndex walk) {
        return walk.prefix().stream().map(column -> probeOf(column).orElseThrow().condition()).toList();
    }

    private static String whereAll(List<Condition> tested) {
        return tested.isEmpty() ? "" : " WHERE " + tested.stream().map(Condition::text)
                .collect(Collectors.joining(" AND "));
    }

    /**
     * Whether every entry of {@code walk} among its prefix values is a match: each filter is one of those values, so
     * that no other walk can pass fewer entries.
     */
    boolean matchedByPrefix(SearchIndex walk) {
        if (!inOrderOf(walk)) {
            return false;
        }
        List<Condition> prefix = prefixConditions(walk);
        return prefix.containsAll(conditions) && prefix.stream().allMatch(condition -> condition.parameters().size() == 1);
    }

    /**
     * Every index that delivers the page's order among one value of a filter, in the order {@link SearchIndex}
     * declares them.
     */
    List<SearchIndex> walksWithPrefix() {
        return singleKeyOrder().map(order -> SearchIndex.withPrefixInOrder(order, equalColumns)).orElse(List.of());
    }

    /** The probe of the filter on {@code column} (the first, if the caller's scope filters it too). */
    Optional<Probe> probeOf(String column) {
        return probes.stream().filter(probe -> column.equals(probe.column())).findFirst();
    }

    /**
     * The index that holds the columns of two filters or more, of several the one that holds the most: its entries
     * test those filters together, which each match many instances alone (a job name with a state). The indexes of
     * the probes, and those whose every prefix column has one value (entered at those values); at equal numbers, the
     * one entered at more values, then one led by a value before one led by a time range.
     */
    Optional<SearchIndex> carryingIndex() {
        Set<SearchIndex> carriers = new LinkedHashSet<>();
        probes.stream().filter(probe -> probe.column() != null && !probe.scansIndex())
                .forEach(probe -> carriers.add(probe.index()));
        Arrays.stream(SearchIndex.values()).filter(index -> !index.prefix().isEmpty()
                && equalColumns.containsAll(index.prefix())).forEach(carriers::add);
        return carriers.stream().filter(index -> conditionsIn(index).size() >= 2)
                .max(java.util.Comparator.comparingInt((SearchIndex index) -> conditionsIn(index).size())
                        .thenComparingInt(index -> equalColumns.containsAll(index.prefix()) ? index.prefix().size() : 0)
                        .thenComparing(index -> !TIMES.contains(index.leadingColumn())));
    }

    /** The columns of the time filters, which an index leads with to find a range of times. */
    private static final Set<String> TIMES = Set.of(JobInstance.CREATE_TIME, JobInstance.UPDATE_TIME);

    /** The conditions on columns that {@code index} holds, which its entries can test without a row. */
    private List<Condition> conditionsIn(SearchIndex index) {
        return conditions.stream().filter(condition -> condition.columns() != OTHER_TABLE
                && index.covers(condition.columns())).toList();
    }

    /**
     * The ids of at most {@code limit} instances that meet every condition whose columns {@code index} holds, read
     * from that index alone, in any order.
     */
    Sql idsInIndex(SearchIndex index, int limit) {
        return idsMeeting(conditionsIn(index), hint(Optional.of(index)), limit);
    }

    /** The column of the page's one sort key, for a cursor. */
    Optional<String> singleKeyColumn() {
        return keys().size() == 1 ? Optional.of(column(keys().get(0).field())) : Optional.empty();
    }

    // ------------------------------------------------------------------------------------------------- statements

    /**
     * One page and one row more (so that the caller knows whether a next page exists), in the search's order.
     *
     * @param walk       the index to walk in order, if any
     * @param candidates the only instances that can match, if the plan found them first (a fixed-size list: see
     *                   {@link #bucket})
     * @param after      the cursor the page starts behind
     */
    Sql page(Optional<SearchIndex> walk, Optional<List<Long>> candidates, Optional<SearchCursor> after) {
        return page(walk, candidates, after, skipped(after),
                search.page().pageSize() + 1);
    }

    /** {@link #page} with {@code fetch} rows from {@code offset} on (of the rows behind the cursor, if any). */
    Sql page(Optional<SearchIndex> walk, Optional<List<Long>> candidates, Optional<SearchCursor> after, long offset,
             int fetch) {
        return page(hint(walk), candidates, after, offset, fetch, Optional.empty());
    }

    /**
     * {@link #page} with one more column, {@value #BOUNDED_TOTAL}: {@code boundedCount} (see {@link #count}), a
     * sub-query of its own that the database evaluates once for the statement. Its alias {@code i} hides the page's.
     */
    Sql pageWithBoundedCount(Optional<SearchIndex> walk, Optional<SearchCursor> after, Sql boundedCount) {
        return page(hint(walk), Optional.empty(), after, skipped(after),
                search.page().pageSize() + 1, Optional.of(boundedCount));
    }

    /** The column of {@link #pageWithBoundedCount} that holds the count. */
    static final String BOUNDED_TOTAL = "BOUNDED_TOTAL";

    /** The rows a page skips: its offset, or none behind a cursor (the cursor is where it starts). */
    private long skipped(Optional<SearchCursor> after) {
        return after.isPresent() ? 0 : search.page().offset();
    }

    private Sql page(String hint, Optional<List<Long>> candidates, Optional<SearchCursor> after,
                     long offset, int fetch, Optional<Sql> boundedCount) {
        List<Object> parameters = new ArrayList<>();
        boundedCount.ifPresent(count -> parameters.addAll(count.parameters()));
        String where = where(candidates, after, parameters);
        parameters.add(offset);
        parameters.add(fetch);
        return new Sql("SELECT " + COLUMNS + boundedCount.map(count -> ", (" + count.text() + ") AS "
                + BOUNDED_TOTAL).orElse("") + " FROM " + JobInstance.TABLE + " i" + hint + where + orderBy()
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", parameters);
    }

    /**
     * The ids of one page and one row more, read from {@code walk} alone, for a search whose every condition and sort
     * key that index holds: the rows skipped by a deep page, or the entries sorted for a page that the index does not
     * list in order, are then index entries and not table rows.
     */
    Sql pageIds(SearchIndex walk, Optional<SearchCursor> after) {
        List<Object> parameters = new ArrayList<>();
        String where = where(Optional.empty(), after, parameters);
        parameters.add(skipped(after));
        parameters.add(search.page().pageSize() + 1);
        return new Sql("SELECT " + ALIAS + JobInstance.ID + " FROM " + JobInstance.TABLE + " i" + hint(Optional.of(walk))
                + where + orderBy() + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", parameters);
    }

    /** The rows of the given ids (a fixed-size list), in the search's order. */
    Sql rows(List<Long> ids) {
        return new Sql("SELECT " + COLUMNS + " FROM " + JobInstance.TABLE + " i WHERE " + ALIAS + JobInstance.ID
                + " IN (" + BatchDatabase.placeholders(ids.size()) + ")" + orderBy(), new ArrayList<>(ids));
    }

    /**
     * The filter that batch-rest's copy of the parameters can walk for this page: a plain job-parameter value, when
     * the page is in the default order (newest first), which the copy's index delivers.
     */
    Optional<ParameterValue> newestByParameter() {
        return parameterValues.isEmpty() || !singleKeyOrder().equals(Optional.of(SortKey.DEFAULT.text()))
                ? Optional.empty() : Optional.of(parameterValues.get(0));
    }

    /**
     * The instances of executions after {@code syncedThrough} that had the parameter value: what the copy may not
     * hold yet, read from Liberty's tables through the parameter's index.
     */
    static Sql parameterTail(ParameterValue parameter, long syncedThrough) {
        return new Sql("SELECT e." + JobExecution.INSTANCE_ID + " FROM" + fixedJoinOrder() + JobParameter.TABLE + " p"
                + hint(Optional.of(SearchIndex.PARAMETER_VALUE)) + ", " + JobExecution.TABLE + " e WHERE p."
                + JobParameter.NAME + " = ? AND p." + JobParameter.VALUE + " = ? AND p." + JobParameter.EXECUTION_ID
                + " > ? AND e." + JobExecution.ID + " = p." + JobParameter.EXECUTION_ID,
                List.of(parameter.name(), parameter.value(), syncedThrough));
    }

    /**
     * The next {@code size} instances, newest first, that batch-rest's copy says had the parameter value, behind
     * {@code after} (the last one of the previous chunk, or the page's cursor): their ids and create times, read from
     * the copy's index alone.
     */
    static Sql parameterChunk(ParameterValue parameter, Optional<SearchCursor> after, int size) {
        List<Object> parameters = new ArrayList<>(List.of(parameter.name(), parameter.value()));
        String behind = after.map(cursor -> " AND " + behind(cursor, parameters, COPY + InstanceParameter.CREATE_TIME,
                COPY + InstanceParameter.INSTANCE_ID)).orElse("");
        parameters.add(size);
        return new Sql("SELECT " + COPY + InstanceParameter.INSTANCE_ID + ", " + COPY + InstanceParameter.CREATE_TIME
                + " FROM " + InstanceParameter.TABLE + " x" + hint(Optional.of(SearchIndex.PARAMETER_NEWEST)) + "WHERE "
                + COPY + InstanceParameter.NAME + " = ? AND " + COPY + InstanceParameter.VALUE + " = ?" + behind
                + " ORDER BY " + COPY + InstanceParameter.CREATE_TIME + " DESC, " + COPY + InstanceParameter.INSTANCE_ID
                + " DESC FETCH FIRST ? ROWS ONLY", parameters);
    }

    /**
     * The rows of the given instances (a fixed-size list) that meet every filter but {@code walked}, which the copy
     * has answered for them already; in the search's order.
     */
    Sql rowsOfChunk(List<Long> ids, ParameterValue walked) {
        List<Object> parameters = new ArrayList<>(ids);
        StringBuilder where = new StringBuilder(" WHERE " + ALIAS + JobInstance.ID + " IN ("
                + BatchDatabase.placeholders(ids.size()) + ")");
        for (Condition condition : conditions) {
            if (condition != walked.test()) {
                where.append(" AND ").append(condition.text());
                parameters.addAll(condition.parameters());
            }
        }
        return new Sql("SELECT " + COLUMNS + " FROM " + JobInstance.TABLE + " i" + where + orderBy(), parameters);
    }

    /**
     * The filters that can sift a chunk of a walk of the copy of the parameters before its rows are read: one plain
     * value of a column whose index holds that value's instances newest first, so that the instances of a span of
     * create times that have it are read from that index alone ({@link #sieve}).
     */
    List<Probe> sieves() {
        return probes.stream().filter(probe -> probe.column() != null && equalColumns.contains(probe.column())
                && probe.condition().parameters().size() == 1 && sieveIndex(probe).isPresent()).toList();
    }

    private static Optional<SearchIndex> sieveIndex(Probe probe) {
        return SearchIndex.inOrder(SortKey.DEFAULT.text(), Set.of(probe.column()))
                .filter(index -> index.prefix().equals(List.of(probe.column())));
    }

    /**
     * The ids of the instances created from {@code oldest} to {@code newest} (both included) that meet
     * {@code sieve}, at most {@code limit} of them, read from the sieve's index alone.
     */
    static Sql sieve(Probe sieve, Instant oldest, Instant newest, int limit) {
        List<Object> parameters = new ArrayList<>(sieve.condition().parameters());
        parameters.add(oldest);
        parameters.add(newest);
        parameters.add(limit);
        String created = ALIAS + JobInstance.CREATE_TIME;
        return new Sql("SELECT " + ALIAS + JobInstance.ID + " FROM " + JobInstance.TABLE + " i" + hint(sieveIndex(sieve))
                + " WHERE " + sieve.condition().text() + " AND " + created + " >= ? AND " + created
                + " <= ? FETCH FIRST ? ROWS ONLY", parameters);
    }

    /**
     * Whether every condition is on a column of {@code index}, so that {@link #pageIds} and a count need no table
     * row (and no other table).
     */
    boolean coveredBy(SearchIndex index) {
        return index != null && conditions.stream().allMatch(condition -> condition.columns() != OTHER_TABLE
                && index.covers(condition.columns()));
    }

    /** Whether {@code index} holds every column of the page's order, so that {@link #pageIds} sorts its entries. */
    boolean sortableIn(SearchIndex index) {
        Set<String> columns = new HashSet<>();
        columns.add(JobInstance.ID);
        keys().forEach(key -> columns.add(column(key.field())));
        return index.covers(columns);
    }

    /** Whether walking {@code index} lists this search's matches in the page's order, so that nothing is sorted. */
    boolean inOrderOf(SearchIndex index) {
        return singleKeyOrder().filter(order -> index.delivers(order, equalColumns)).isPresent();
    }

    /**
     * The number of matches, counting at most {@code limit} of them (none: all), reading the rows through
     * {@code walk} or among {@code candidates}.
     */
    Sql count(Optional<SearchIndex> walk, Optional<List<Long>> candidates, Optional<Integer> limit) {
        if (limit.isEmpty()) {
            return countEvery(hint(walk), candidates);
        }
        List<Object> parameters = new ArrayList<>();
        String where = where(candidates, Optional.empty(), parameters);
        parameters.add(limit.get());
        return new Sql("SELECT COUNT(*) FROM (SELECT " + ALIAS + JobInstance.ID + " FROM " + JobInstance.TABLE + " i"
                + boundedCountHint(walk) + where + " FETCH FIRST ? ROWS ONLY) matches", parameters);
    }

    /** Every match, counted through the table access that {@code hint} names, among {@code candidates} if given. */
    private Sql countEvery(String hint, Optional<List<Long>> candidates) {
        List<Object> parameters = new ArrayList<>();
        String where = where(candidates, Optional.empty(), parameters);
        return new Sql("SELECT COUNT(*) FROM " + JobInstance.TABLE + " i" + hint + where, parameters);
    }

    /**
     * The values of {@code keys} of every match, one row per match, for the caller to count per distinct combination
     * (docs/api.md, "Aggregates"): read from an index that carries them, this reads no row of the table, and counting
     * in the server was faster than the database's grouping on Derby, which sorts every match (300 against 65 ms for
     * 124,000 matches). A day key is the timestamp: its day is the server-local date of the stored local time.
     *
     * @param walk the index to read the matches from, if any ({@link #countIndex()})
     */
    Sql keysOfMatches(List<GroupKey> keys, Optional<SearchIndex> walk) {
        List<Object> parameters = new ArrayList<>();
        String where = where(Optional.empty(), Optional.empty(), parameters);
        List<String> columns = keys.stream().map(JobInstanceSearchSql::column).toList();
        return new Sql("SELECT " + String.join(", ", columns) + " FROM " + JobInstance.TABLE + " i" + hint(walk)
                + where, parameters);
    }

    /**
     * The index an aggregate reads its matches from, chosen from the filters alone (an aggregate is one statement,
     * without the probes of a search): a time range is read in its time index, within one submitter's entries when
     * the filters name one submitter (a submitter's own view does); without a time range, the entries of the one
     * submitter, job name or state the filters name. Nothing to narrow by: no index, every row is read anyway.
     */
    Optional<SearchIndex> countIndex() {
        if (search.lastUpdatedTime().isPresent()) {
            return SearchIndex.inOrder("-lastUpdatedTime", equalColumns);
        }
        Optional<SearchIndex> byCreateTime = SearchIndex.inOrder("-createTime", equalColumns);
        return search.createTime().isPresent() ? byCreateTime
                : byCreateTime.filter(index -> !index.prefix().isEmpty());
    }

    private static String column(GroupKey key) {
        return ALIAS + switch (key) {
            case DAY -> JobInstance.UPDATE_TIME;
            case CREATE_DAY -> JobInstance.CREATE_TIME;
            case INSTANCE_STATE -> JobInstance.INSTANCE_STATE;
            case JOB_NAME -> JobInstance.JOB_NAME;
        };
    }

    /**
     * The instances of the matching parameter rows of a job-parameter probe, with every other condition: read
     * until enough distinct instances are found, for a bounded count that starts from the parameter's index.
     */
    Sql instancesOfParameterRows(Probe probe) {
        List<Object> parameters = new ArrayList<>(probe.condition().parameters());
        List<String> rest = new ArrayList<>();
        for (Condition condition : conditions) {
            if (condition != probe.condition()) {
                rest.add(condition.text());
                parameters.addAll(condition.parameters());
            }
        }
        return new Sql("SELECT " + ALIAS + JobInstance.ID + " FROM" + fixedJoinOrder() + JobParameter.TABLE + " p"
                + hint(Optional.of(probe.index())) + ", " + JobExecution.TABLE + " e, " + JobInstance.TABLE
                + " i WHERE " + probe.condition().text() + " AND e." + JobExecution.ID + " = p."
                + JobParameter.EXECUTION_ID + " AND " + ALIAS + JobInstance.ID + " = e." + JobExecution.INSTANCE_ID
                + rest.stream().map(text -> " AND " + text).collect(Collectors.joining()), parameters);
    }

    /** The number of the probe's own matches (index entries), counting at most {@code limit}. */
    static Sql probeCount(Probe probe, int limit) {
        List<Object> parameters = new ArrayList<>(probe.condition().parameters());
        parameters.add(limit);
        String table = probe.onParameters() ? JobParameter.TABLE + " p" : JobInstance.TABLE + " i";
        String id = probe.onParameters() ? "p." + JobParameter.EXECUTION_ID : ALIAS + JobInstance.ID;
        return new Sql("SELECT COUNT(*) FROM (SELECT " + id + " FROM " + table + boundedCountHint(Optional.ofNullable(probe.index()))
                + " WHERE " + probe.condition().text() + " FETCH FIRST ? ROWS ONLY) matches", parameters);
    }

    /** The lowest instance id, from the first entry of the index of ids; NULL without instances. */
    static Sql lowestId() {
        return new Sql("SELECT MIN(" + ALIAS + JobInstance.ID + ") FROM " + JobInstance.TABLE + " i"
                + hint(Optional.of(SearchIndex.ID_CREATED)), List.of());
    }

    /** The order of an index's entries, as an ORDER BY list that the index delivers without a sort. */
    private static String orderOf(SearchIndex index) {
        return Arrays.stream(index.columns().split(",")).map(column -> ALIAS + column.trim())
                .collect(Collectors.joining(", "));
    }

    /**
     * The smallest value of the probe's column after {@code after} (or the smallest of all), read from the start of
     * the probe's index: one step of listing a column's distinct values without reading all its entries.
     */
    static Sql nextValue(Probe probe, Optional<String> after) {
        return new Sql("SELECT MIN(" + ALIAS + probe.column() + ") FROM " + JobInstance.TABLE + " i"
                + hint(Optional.of(probe.index())) + after.map(value -> " WHERE " + ALIAS + probe.column() + " > ?")
                .orElse(""), after.<List<Object>>map(List::of).orElse(List.of()));
    }

    /** The instances of the probe's matches (at most a few thousand: the probe counted them), any order. */
    static Sql probeInstances(Probe probe) {
        if (!probe.onParameters()) {
            return new Sql("SELECT " + ALIAS + JobInstance.ID + " FROM " + JobInstance.TABLE + " i"
                    + hint(Optional.ofNullable(probe.index())) + " WHERE " + probe.condition().text(),
                    probe.condition().parameters());
        }
        return new Sql("SELECT e." + JobExecution.INSTANCE_ID + " FROM" + fixedJoinOrder() + JobParameter.TABLE + " p"
                + hint(Optional.of(probe.index())) + ", " + JobExecution.TABLE + " e WHERE " + probe.condition().text()
                + " AND e." + JobExecution.ID + " = p." + JobParameter.EXECUTION_ID, probe.condition().parameters());
    }

    /**
     * A list of ids padded to one of a few sizes with an id no instance has, so that the statements of all searches
     * that start from a few candidates share a handful of texts (and compiled plans) instead of one per count.
     */
    static List<Long> bucket(List<Long> ids) {
        int size = 16;
        while (size < ids.size()) {
            size *= 4;
        }
        List<Long> padded = new ArrayList<>(size);
        padded.addAll(ids);
        while (padded.size() < size) {
            padded.add(-1L);
        }
        return padded;
    }

    // ------------------------------------------------------------------------------------------------- clauses

    private String where(Optional<List<Long>> candidates, Optional<SearchCursor> after, List<Object> parameters) {
        List<String> texts = new ArrayList<>();
        candidates.ifPresent(ids -> {
            texts.add(ALIAS + JobInstance.ID + " IN (" + BatchDatabase.placeholders(ids.size()) + ")");
            parameters.addAll(ids);
        });
        for (Condition condition : conditions) {
            texts.add(condition.text());
            parameters.addAll(condition.parameters());
        }
        after.ifPresent(cursor -> texts.add(behind(cursor, parameters, ALIAS + singleKeyColumn().orElseThrow(),
                ALIAS + JobInstance.ID)));
        return texts.isEmpty() ? "" : " WHERE " + String.join(" AND ", texts);
    }

    /**
     * The rows after the cursor's row in the order (key, then id descending). For a key that has a value, the first
     * term bounds the key (so the walk starts there in the index); nulls come after every value ascending and before
     * every value descending, as on Derby and PostgreSQL.
     */
    private static String behind(SearchCursor cursor, List<Object> parameters, String column, String id) {
        boolean descending = cursor.order().startsWith("-");
        Object key = cursor.lastKey();
        if (key == null) {
            parameters.add(cursor.lastId());
            return descending ? "((" + column + " IS NULL AND " + id + " < ?) OR " + column + " IS NOT NULL)"
                    : "(" + column + " IS NULL AND " + id + " < ?)";
        }
        parameters.add(key);
        parameters.add(key);
        parameters.add(cursor.lastId());
        String bounded = column + (descending ? " <= ?" : " >= ?") + " AND (" + column + (descending ? " < ?" : " > ?")
                + " OR " + id + " < ?)";
        return descending ? "(" + bounded + ")" : "((" + bounded + ") OR " + column + " IS NULL)";
    }

    private static String hint(Optional<SearchIndex> index) {
        return index.map(SearchIndex::hint).orElse("");
    }

    /**
     * {@link #hint} for a count of at most so many matches, a sub-query: Derby reads a sub-query's rows one at a time
     * unless told to fetch them in bulk, and a count of a thousand index entries took twice as long that way (docs/api.md,
     * "Totals").
     */
    private static String boundedCountHint(Optional<SearchIndex> index) {
        return " --DERBY-PROPERTIES " + index.map(walked -> "index=" + walked.indexName() + ", ").orElse("")
                + "bulkFetch=" + BOUNDED_COUNT_BULK_FETCH + "\n";
    }

    /** Rows a bounded count fetches at a time (Derby's default is 16, and none in a sub-query). */
    private static final int BOUNDED_COUNT_BULK_FETCH = 64;

    private static String fixedJoinOrder() {
        return " --DERBY-PROPERTIES joinOrder=FIXED\n";
    }

    /**
     * An instance's executions and their parameters are looked up through their indexes, a few rows each. Without
     * index statistics (Derby's automatic statistics are off: docs/api.md, "Searching a large repository") Derby's
     * optimizer otherwise hash-joins the whole of both tables inside the test: 1 s a search at 10,000 instances.
     */
    private static String nestedLoop() {
        return " --DERBY-PROPERTIES joinStrategy=NESTEDLOOP\n ";
    }

    /** JOBINSTANCE's columns that a page reads, with the alias of its statements. */
    private static final String COLUMNS = Arrays.stream(JobInstanceRepository.COLUMNS.split(", "))
            .map(column -> ALIAS + column).collect(Collectors.joining(", "));

    /**
     * The requested keys (newest first when there are none), then the id descending, so that equal keys never change
     * places between pages.
     */
    private String orderBy() {
        List<String> columns = new ArrayList<>();
        for (SortKey key : keys()) {
            columns.add(ALIAS + column(key.field()) + (key.descending() ? " DESC" : " ASC"));
        }
        columns.add(ALIAS + JobInstance.ID + " DESC");
        return " ORDER BY " + String.join(", ", columns);
    }

    static String column(SortKey.Field field) {
        return switch (field) {
            case CREATE_TIME -> JobInstance.CREATE_TIME;
            case LAST_UPDATED_TIME -> JobInstance.UPDATE_TIME;
            case SUBMITTER -> JobInstance.SUBMITTER;
            case APP_NAME -> JobInstance.AMC_NAME;
            case JOB_XML_NAME -> JobInstance.JOB_XML_NAME;
            case BATCH_STATUS -> JobInstance.BATCH_STATUS;
            case EXIT_STATUS -> JobInstance.EXIT_STATUS;
        };
    }

    // ------------------------------------------------------------------------------------------------- filters

    /** A condition; with an index, also a probe by that index. */
    private void add(Condition condition, SearchIndex index, boolean scansIndex, String column) {
        conditions.add(condition);
        if (index != null) {
            probes.add(new Probe(condition, index, scansIndex, column, null));
        }
    }

    private void instanceIds(InstanceIdFilter filter) {
        String id = ALIAS + JobInstance.ID;
        Set<String> columns = Set.of(JobInstance.ID);
        Condition condition;
        if (filter instanceof InstanceIdFilter.Between between) {
            condition = new Condition(id + " BETWEEN ? AND ?", List.of(between.from(), between.to()), columns);
        } else if (filter instanceof InstanceIdFilter.AtLeast atLeast) {
            condition = new Condition(id + " >= ?", List.of(atLeast.from()), columns);
        } else if (filter instanceof InstanceIdFilter.AtMost atMost) {
            condition = new Condition(id + " <= ?", List.of(atMost.to()), columns);
        } else {
            InstanceIdFilter.AnyOf anyOf = (InstanceIdFilter.AnyOf) filter;
            listedIds = Optional.of(anyOf.ids().stream().distinct().toList());
            condition = new Condition(id + " IN (" + BatchDatabase.placeholders(anyOf.ids().size()) + ")",
                    List.copyOf(anyOf.ids()), columns);
        }
        add(condition, SearchIndex.ID_CREATED, false, JobInstance.ID);
    }

    private void time(String column, TimeRange range, SearchIndex index) {
        List<Object> parameters = new ArrayList<>();
        timeCondition(column, range, parameters).ifPresent(text -> add(new Condition(text, parameters,
                Set.of(column)), index, false, column));
    }

    /** The condition of a time range on {@code column}, adding its bounds to {@code parameters}; none if unbounded. */
    private static Optional<String> timeCondition(String column, TimeRange range, List<Object> parameters) {
        List<String> texts = new ArrayList<>();
        range.from().ifPresent(from -> {
            texts.add(ALIAS + column + " >= ?");
            parameters.add(storable(from));
        });
        range.until().ifPresent(until -> {
            texts.add(ALIAS + column + " < ?");
            parameters.add(storable(until));
        });
        return texts.isEmpty() ? Optional.empty() : Optional.of(String.join(" AND ", texts));
    }

    /**
     * A bound moved into a window that every database can store and that holds every job ever run. A valid day
     * such as 9999-12-31 (whose end is in year 10000) or {@code >99999999d} would otherwise fail in the database;
     * moved to the window's edge it selects what it means: everything, or nothing.
     */
    static Instant storable(Instant bound) {
        if (bound.isBefore(EARLIEST)) {
            return EARLIEST;
        }
        return bound.isAfter(LATEST) ? LATEST : bound;
    }

    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

    /** Values of one text filter OR together; one value that an index can find is also a probe. */
    private void anyOf(String column, List<String> patterns) {
        if (patterns.isEmpty()) {
            return;
        }
        List<String> alternatives = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        for (String pattern : patterns) {
            alternatives.add(match(ALIAS + column, pattern, parameters));
        }
        Condition condition = new Condition(alternatives.size() == 1 ? alternatives.get(0)
                : "(" + String.join(" OR ", alternatives) + ")", parameters, Set.of(column));
        boolean indexable = patterns.size() == 1 && !search.ignoreCase();
        String only = patterns.get(0);
        SearchIndex index = indexable ? SearchIndex.leadingWith(column).orElse(null) : null;
        conditions.add(condition);
        if (index != null) {
            probes.add(new Probe(condition, index, only.startsWith("*"), column, only));
        }
        if (indexable && only.indexOf('*') < 0) {
            equalColumns.add(column);
        }
    }

    /** Instances any of whose executions had the parameter. */
    private void jobParameter(String name, String valuePattern) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(name);
        String value = match("p." + JobParameter.VALUE, valuePattern, parameters);
        Condition test = new Condition("EXISTS (SELECT 1 FROM " + JobExecution.TABLE + " e" + nestedLoop() + "JOIN "
                + JobParameter.TABLE + " p" + nestedLoop() + "ON p." + JobParameter.EXECUTION_ID + " = e."
                + JobExecution.ID + " WHERE e." + JobExecution.INSTANCE_ID + " = " + ALIAS + JobInstance.ID + " AND p."
                + JobParameter.NAME + " = ? AND " + value + ")", parameters, OTHER_TABLE);
        conditions.add(test);
        if (!search.ignoreCase() && valuePattern.indexOf('*') < 0) {
            parameterValues.add(new ParameterValue(name, valuePattern, test));
        }
        if (!search.ignoreCase()) {
            List<Object> own = new ArrayList<>();
            own.add(name);
            String ownValue = match("p." + JobParameter.VALUE, valuePattern, own);
            probes.add(new Probe(new Condition("p." + JobParameter.NAME + " = ? AND " + ownValue, own, OTHER_TABLE),
                    SearchIndex.PARAMETER_VALUE, valuePattern.startsWith("*"), null, null));
        }
    }

    /**
     * {@code column = ?} for a plain value (so an index can serve it), {@code column LIKE ? ESCAPE '\'} when the
     * value has a {@code *}; the value is added to {@code parameters}.
     */
    private String match(String column, String pattern, List<Object> parameters) {
        boolean ignoreCase = search.ignoreCase();
        String subject = ignoreCase ? "UPPER(" + column + ")" : column;
        String value = ignoreCase ? pattern.toUpperCase(Locale.ROOT) : pattern;
        if (value.indexOf('*') < 0) {
            parameters.add(value);
            return subject + " = ?";
        }
        parameters.add(likePattern(value));
        return subject + " LIKE ? ESCAPE '" + ESCAPE + "'";
    }

    /** {@code *} becomes {@code %}; a literal {@code %}, {@code _} or escape character matches itself. */
    static String likePattern(String pattern) {
        StringBuilder like = new StringBuilder(pattern.length() + 8);
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> like.append('%');
                case '%', '_', ESCAPE -> like.append(ESCAPE).append(c);
                default -> like.append(c);
            }
        }
        return like.toString();
    }
}
