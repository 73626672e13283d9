package it;

import it.support.ApiResponse;
import it.support.BatchApi;
import it.support.JobRepositoryFixture;
import it.support.JobRepositoryFixture.InstanceRow;
import jakarta.json.JsonObject;
import it.support.Jobs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random searches over the whole repository of the test server, each answered twice: by the API, page after page
 * through its {@code Link: rel="next"} cursors, and by filtering and sorting every row of the repository here. The
 * two must name the same instances in the same order, and the first page's {@code X-Total-Count} must be the number
 * of matches. The test server starts a search from a filter's own index when it matches at most 20 instances (see
 * pom.xml), so these searches meet both of the planner's ways (docs/api.md, "Searching a large repository").
 */
class SearchAgainstEveryRowIT {

    private static final long SEED = Long.getLong("batchrest.test.searchSeed", 20261204L);
    private static final int SEARCHES = 120;
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    private final BatchApi admin = BatchApi.as("admin");

    /**
     * Instances of three users, two jobs, three kinds and both ends, besides whatever the earlier tests left, so that
     * every filter has common and rare values.
     */
    /** The instances of {@link #submitAMixOfJobs}, oldest first. */
    private static final List<Long> MIX = new ArrayList<>();

    @BeforeAll
    static void submitAMixOfJobs() {
        List<Long> ids = MIX;
        String[] users = {"admin", "submitter1", "admin", "submitter2"};
        for (int i = 0; i < 24; i++) {
            Map<String, String> parameters = new LinkedHashMap<>(Map.of("kind", "k" + (i % 3), "size", "s" + (i % 5)));
            String job = i % 4 == 3 ? "chunkCopy" : "sleepyBatchlet";
            if (job.equals("chunkCopy")) {
                parameters.put("items", "3");
            } else {
                parameters.put("sleepSeconds", "0");
                parameters.put("forceFailure", Boolean.toString(i % 5 == 0));
            }
            ids.add(Jobs.submit(users[i % users.length], job, parameters));
        }
        ids.forEach(Jobs::awaitFinal);
    }

    /** A search: its query string and the same filter and order over rows. */
    private record Search(String query, Predicate<InstanceRow> filter, Comparator<InstanceRow> order) {
    }

    @Test
    void randomSearchesFindExactlyTheRowsAFilterOfEveryRowFindsInTheSameOrder() {
        Random random = new Random(SEED);
        List<InstanceRow> rows = JobRepositoryFixture.allInstances();
        assertTrue(rows.size() >= 20, "the test server's repository holds instances of the earlier tests: " + rows.size());
        for (int i = 0; i < SEARCHES; i++) {
            Search search = randomSearch(random, rows);
            List<Long> expected = expected(search, rows);
            List<Long> answered = answered(search);
            if (!answered.equals(expected)) {
                rows = JobRepositoryFixture.allInstances();   // a job of an earlier test may have moved on since
                expected = expected(search, rows);
                answered = answered(search);
            }
            assertEquals(expected, answered, "search " + i + " (seed " + SEED + "): " + search.query());
            assertEquals(Optional.of(Integer.toString(expected.size())), total(search),
                    "the total of search " + i + ": " + search.query());
        }
    }

    /**
     * Ranges of last-updated times that end in the past, in the default order: the server bounds such a search to the
     * instances created before the range's end unless one of the range's instances was created after it (docs/api.md,
     * "Searching a large repository"). More copies of an instance than the test server's candidate limit are created
     * and last updated five days ago, as many more an hour ago; one of those is given a last update three days ago,
     * as another server's clock or an edit of the repository may leave an instance.
     */
    @Test
    void rangesOfLastUpdatedTimesThatEndInThePastFindWhatAFilterOfEveryRowFinds() {
        String aged = "aged-" + java.util.UUID.randomUUID();
        String young = "young-" + java.util.UUID.randomUUID();
        try {
            JobRepositoryFixture.copyInstance(MIX.get(0), aged, 25);
            JobRepositoryFixture.copyInstance(MIX.get(0), young, 25);
            java.time.Instant now = java.time.Instant.now();
            List<InstanceRow> copies = JobRepositoryFixture.allInstances();
            copies.stream().filter(row -> aged.equals(row.jobName())).forEach(row -> JobRepositoryFixture
                    .setCreateTime(row.id(), now.minus(java.time.Duration.ofDays(5)).plusSeconds(row.id() % 1000)));
            long skewed = copies.stream().filter(row -> young.equals(row.jobName())).mapToLong(InstanceRow::id).min()
                    .orElseThrow();
            JobRepositoryFixture.setLastUpdatedTime(skewed, now.minus(java.time.Duration.ofDays(3)));
            assertTrue(JobRepositoryFixture.recordedAsUpdatedBeforeCreated().containsAll(List.of(0L, skewed)),
                    "recorded by the trigger, in a complete table");
            String state = STATES[copies.stream().filter(row -> row.id() == skewed).findFirst().orElseThrow()
                    .instanceState()];

            java.time.LocalDate today = java.time.LocalDate.now();
            for (String range : List.of("<1d", "<2d", "<4d", today.minusDays(6) + ":" + today.minusDays(2),
                    today.minusDays(6) + ":" + today.minusDays(4), "<0d")) {
                java.time.Instant from = range.startsWith("<") ? java.time.Instant.EPOCH
                        : startOf(java.time.LocalDate.parse(range.substring(0, 10)));
                java.time.Instant until = range.startsWith("<")
                        ? startOf(today.minusDays(Long.parseLong(range.substring(1, range.length() - 1)) - 1))
                        : startOf(java.time.LocalDate.parse(range.substring(11)).plusDays(1));
                Predicate<InstanceRow> inRange = row -> !row.updateTime().toInstant().isBefore(from)
                        && row.updateTime().toInstant().isBefore(until);
                for (String withState : List.of("", "&instanceState=" + state)) {
                    Search search = new Search("lastUpdatedTime=" + URLEncoder.encode(range, StandardCharsets.UTF_8)
                            + withState, withState.isEmpty() ? inRange
                            : inRange.and(row -> STATES[row.instanceState()].equals(state)),
                            Comparator.comparing(InstanceRow::createTime).reversed()
                                    .thenComparing(Comparator.comparingLong(InstanceRow::id).reversed()));
                    List<Long> expected = expected(search, JobRepositoryFixture.allInstances());
                    assertEquals(expected, answered(search), search.query());
                    assertEquals(Optional.of(Integer.toString(expected.size())), total(search), search.query());
                }
            }
        } finally {
            JobRepositoryFixture.deleteCopies(aged);
            JobRepositoryFixture.deleteCopies(young);
        }
    }

    private static java.time.Instant startOf(java.time.LocalDate day) {
        return day.atStartOfDay(java.time.ZoneId.systemDefault()).toInstant();
    }

    private List<Long> expected(Search search, List<InstanceRow> rows) {
        return rows.stream().filter(search.filter()).sorted(search.order()).map(InstanceRow::id).toList();
    }

    /** The total the first page of the search carries. */
    private Optional<String> total(Search search) {
        return admin.get("v4/jobinstances?" + search.query() + "&pageSize=" + pageSize(search)).header("X-Total-Count");
    }

    /** Pages of 1 to 8 instances: most searches take several pages. */
    private static int pageSize(Search search) {
        return 1 + (search.query().hashCode() & 7);
    }

    /** Every page of the search, following the next links. */
    private List<Long> answered(Search search) {
        ApiResponse page = admin.get("v4/jobinstances?" + search.query() + "&pageSize=" + pageSize(search));
        assertEquals(200, page.status(), search.query() + ": " + page);
        List<Long> ids = new ArrayList<>();
        for (int pages = 0; ; pages++) {
            page.array().forEach(value -> ids.add(((JsonObject) value).getJsonNumber("instanceId").longValue()));
            Matcher next = NEXT.matcher(page.header("Link").orElse(""));
            // The bound only stops a runaway chain of links: a search of the test server's repository can match
            // several hundred instances, in pages of one.
            if (!next.find() || pages > 10_000) {
                return ids;
            }
            page = admin.getUrl(next.group(1));
            assertEquals(200, page.status(), next.group(1) + ": " + page);
        }
    }

    // ------------------------------------------------------------------------------------------------ the searches

    private static Search randomSearch(Random random, List<InstanceRow> rows) {
        Map<String, String> query = new LinkedHashMap<>();
        List<Predicate<InstanceRow>> filters = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int f = 0; f < count; f++) {
            InstanceRow sample = rows.get(random.nextInt(rows.size()));
            switch (random.nextInt(9)) {
                case 0 -> text(query, filters, "jobName", sample.jobName(), InstanceRow::jobName, random);
                case 1 -> text(query, filters, "submitter", sample.submitter(), InstanceRow::submitter, random);
                case 2 -> text(query, filters, "exitStatus", sample.exitStatus(), InstanceRow::exitStatus, random);
                case 3 -> {
                    if (query.containsKey("appName")) {
                        continue;
                    }
                    String app = sample.appName().substring(0, sample.appName().indexOf('#'));
                    query.put("appName", app);
                    filters.add(row -> row.appName().startsWith(app + "#"));
                }
                case 4 -> {
                    if (query.containsKey("instanceState")) {
                        continue;
                    }
                    int state = sample.instanceState();
                    int other = new int[] {4, 5, 6}[random.nextInt(3)];
                    query.put("instanceState", STATES[state] + (random.nextBoolean() ? "," + STATES[other] : ""));
                    boolean both = query.get("instanceState").contains(",");
                    filters.add(row -> row.instanceState() == state || both && row.instanceState() == other);
                }
                case 5 -> {
                    if (query.containsKey("jobInstanceId")) {
                        continue;
                    }
                    long from = Math.max(0, sample.id() - random.nextInt(200));
                    long to = sample.id() + random.nextInt(200);
                    query.put("jobInstanceId", from + ":" + to);
                    filters.add(row -> row.id() >= from && row.id() <= to);
                }
                default -> {
                    if (sample.parameters().isEmpty()) {
                        continue;
                    }
                    List<Map.Entry<String, String>> parameters = new ArrayList<>(sample.parameters());
                    parameters.sort(Map.Entry.comparingByKey());
                    Map.Entry<String, String> parameter = parameters.get(random.nextInt(parameters.size()));
                    if (parameter.getValue().isEmpty() || !parameter.getKey().matches("[A-Za-z0-9_.-]+")
                            || query.containsKey("jobParameter." + parameter.getKey())) {
                        continue;
                    }
                    String value = random.nextInt(4) == 0 && parameter.getValue().length() > 2
                            ? parameter.getValue().substring(0, 2) + "*" : parameter.getValue();
                    query.put("jobParameter." + parameter.getKey(), value);
                    filters.add(row -> row.parameters().stream().anyMatch(p -> p.getKey().equals(parameter.getKey())
                            && matches(value, p.getValue())));
                }
            }
        }
        Comparator<InstanceRow> order = randomOrder(random, query);
        String text = query.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return new Search(text.isEmpty() ? "jobInstanceId=0:999999999" : text,
                filters.stream().reduce(row -> true, Predicate::and), order);
    }

    private static final String[] STATES = {"SUBMITTED", "JMS_QUEUED", "JMS_CONSUMED", "DISPATCHED", "FAILED",
            "STOPPED", "COMPLETED", "ABANDONED"};

    /** An exact value, a prefix pattern or a pattern with a leading wildcard. */
    private static void text(Map<String, String> query, List<Predicate<InstanceRow>> filters, String name, String value,
                             Function<InstanceRow, String> column, Random random) {
        if (value == null || value.length() < 3 || query.containsKey(name)) {
            return;
        }
        String pattern = switch (random.nextInt(3)) {
            case 0 -> value;
            case 1 -> value.substring(0, 3) + "*";
            default -> "*" + value.substring(value.length() - 3);
        };
        query.put(name, pattern);
        filters.add(row -> column.apply(row) != null && matches(pattern, column.apply(row)));
    }

    private static boolean matches(String pattern, String value) {
        String regex = Pattern.quote(pattern).replace("*", "\\E.*\\Q");
        return value.matches(regex);
    }

    /** No sort (newest first) or one sort key in either direction; the id descending breaks ties. */
    private static Comparator<InstanceRow> randomOrder(Random random, Map<String, String> query) {
        Comparator<InstanceRow> byIdDescending = Comparator.comparingLong(InstanceRow::id).reversed();
        int field = random.nextInt(9);
        boolean descending = random.nextBoolean();
        Comparator<InstanceRow> key = switch (field) {
            case 0 -> keyed(InstanceRow::createTime, descending, query, "createTime");
            case 1 -> keyed(InstanceRow::updateTime, descending, query, "lastUpdatedTime");
            case 2 -> keyed(InstanceRow::submitter, descending, query, "submitter");
            case 3 -> keyed(InstanceRow::appName, descending, query, "amcName");
            case 4 -> keyed(InstanceRow::jobXmlName, descending, query, "jobXMLName");
            case 5 -> keyed(InstanceRow::batchStatus, descending, query, "batchStatus");
            case 6 -> keyed(InstanceRow::exitStatus, descending, query, "exitStatus");
            default -> Comparator.comparing(InstanceRow::createTime).reversed();
        };
        return key.thenComparing(byIdDescending);
    }

    /** Ascending puts instances without a value last, descending first, as Derby and PostgreSQL do. */
    private static <T extends Comparable<? super T>> Comparator<InstanceRow> keyed(Function<InstanceRow, T> column,
                                                                                  boolean descending,
                                                                                  Map<String, String> query,
                                                                                  String name) {
        query.put("sort", (descending ? "-" : "") + name);
        Comparator<T> values = descending ? Comparator.<T>nullsFirst(Comparator.reverseOrder())
                : Comparator.<T>nullsLast(Comparator.naturalOrder());
        return Comparator.comparing(column, values);
    }
}
