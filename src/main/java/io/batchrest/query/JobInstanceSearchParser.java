package io.batchrest.query;

import io.batchrest.model.Refusal;
import io.batchrest.model.InstanceState;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses the query parameters of a v2–v4 job-instance search (docs/contract.md §6). A parameter that a version does not
 * know is ignored, as Liberty does; v3 and v4 also report it (and sort fields outside the allow-list) so that a
 * client learns its filter had no effect. A value that cannot mean anything is a 400 naming the parameter.
 */
public final class JobInstanceSearchParser {

    /** The search and the parameters it ignored, for the {@code X-IBM-Unrecognized-Fields} header. */
    public record Result(JobInstanceSearch search, List<String> unrecognizedFields) {
    }

    public static final String JOB_PARAMETER_PREFIX = "jobParameter.";

    /** Names no version reports as unrecognized (docs/contract.md §6), besides {@code jobParameter.*}. */
    private static final Set<String> ALWAYS_KNOWN = Set.of("permitRedirect", "purgeJobStoreOnly", "ignoreCase",
            "after", "count", "dryRun");

    /** Filters that may be repeated (v4: the values are alternatives); any other parameter is given once. */
    public static final Set<String> REPEATABLE_FILTERS = Set.of("exitStatus", "submitter", "appName", "jobName");

    /** A list names at most a page of ids: each one is a parameter of the query. */
    static final int MAX_LISTED_IDS = PageRequest.MAX_PAGE_SIZE;

    private static final Set<String> V2 = Set.of("page", "pageSize", "jobInstanceId", "createTime", "instanceState",
            "exitStatus");
    private static final Set<String> V3 = union(V2, Set.of("lastUpdatedTime", "sort"));
    private static final Set<String> V4 = union(V3, Set.of("submitter", "appName", "jobName"));

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern DAYS_AGO = Pattern.compile("([<>])([0-9]{1,9})d");
    private static final Pattern ASCII_ID = Pattern.compile("[0-9]{1,18}");

    private final Clock clock;

    /** {@code clock} gives "today" and the server's time zone in which days begin and end. */
    public JobInstanceSearchParser(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param version 2, 3 or 4
     * @param query   every query parameter with all its values, in request order
     */
    public Result parse(int version, Map<String, List<String>> query) {
        Set<String> known = version >= 4 ? V4 : version == 3 ? V3 : V2;
        List<String> unrecognized = new ArrayList<>();
        Map<String, String> jobParameters = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String name = parameter.getKey();
            if (name.startsWith(JOB_PARAMETER_PREFIX)) {
                if (version >= 3) {
                    jobParameters.put(jobParameterName(name), nonEmpty(name, parameter.getValue().get(0)));
                }
            } else if (!known.contains(name) && !ALWAYS_KNOWN.contains(name)) {
                unrecognized.add(name);
            }
        }
        List<SortKey> sort = known.contains("sort") ? sort(first(query, "sort"), unrecognized) : List.of();
        boolean repeatable = version >= 4;
        JobInstanceSearch search = new JobInstanceSearch(
                first(query, "jobInstanceId").map(JobInstanceSearchParser::instanceIds),
                first(query, "createTime").map(value -> timeRange("createTime", value)),
                known.contains("lastUpdatedTime")
                        ? first(query, "lastUpdatedTime").map(value -> timeRange("lastUpdatedTime", value))
                        : Optional.empty(),
                first(query, "instanceState").map(JobInstanceSearchParser::states).orElse(Set.of()),
                patterns(query, "exitStatus", repeatable),
                known.contains("submitter") ? patterns(query, "submitter", true) : List.of(),
                known.contains("appName") ? patterns(query, "appName", true) : List.of(),
                known.contains("jobName") ? patterns(query, "jobName", true) : List.of(),
                jobParameters,
                version >= 4 && QueryValues.flag("ignoreCase", first(query, "ignoreCase").orElse(null)),
                sort,
                PageRequest.parse(first(query, "page").orElse(null), first(query, "pageSize").orElse(null),
                        first(query, "after").orElse(null)));
        return new Result(search, version >= 3 ? List.copyOf(unrecognized) : List.of());
    }

    private static InstanceIdFilter instanceIds(String value) {
        if (value.startsWith(">")) {
            return new InstanceIdFilter.AtLeast(id(value.substring(1)));
        }
        if (value.startsWith("<")) {
            return new InstanceIdFilter.AtMost(id(value.substring(1)));
        }
        int colon = value.indexOf(':');
        if (colon >= 0) {
            long from = id(value.substring(0, colon));
            long to = id(value.substring(colon + 1));
            if (from > to) {
                throw invalid("jobInstanceId", value, "the start of the range is after its end");
            }
            return new InstanceIdFilter.Between(from, to);
        }
        String[] ids = value.split(",", -1);
        if (ids.length > MAX_LISTED_IDS) {
            throw Refusal.invalidParameter("jobInstanceId", "The jobInstanceId list has " + ids.length + " ids: give "
                    + "at most " + MAX_LISTED_IDS + ", or a range a:b.");
        }
        return new InstanceIdFilter.AnyOf(Arrays.stream(ids).map(JobInstanceSearchParser::id).toList());
    }

    private static long id(String text) {
        if (!ASCII_ID.matcher(text).matches()) {
            throw Refusal.invalidParameter("jobInstanceId", "The jobInstanceId value " + text
                    + " is not valid: instance ids are non-negative integers written with the digits 0-9.");
        }
        return Long.parseLong(text);
    }

    /**
     * {@code yyyy-MM-dd} is that whole day; {@code d1:d2} the days from d1 to d2 inclusive; {@code >Nd} everything
     * from the start of the day N days ago; {@code <Nd} everything until the end of the day N days ago. Days are
     * days of the server's time zone.
     */
    TimeRange timeRange(String parameter, String value) {
        ZoneId zone = clock.getZone();
        Matcher daysAgo = DAYS_AGO.matcher(value);
        if (daysAgo.matches()) {
            LocalDate day = LocalDate.now(clock).minusDays(Long.parseLong(daysAgo.group(2)));
            return ">".equals(daysAgo.group(1))
                    ? new TimeRange(Optional.of(startOf(day, zone)), Optional.empty())
                    : new TimeRange(Optional.empty(), Optional.of(startOf(day.plusDays(1), zone)));
        }
        int colon = value.indexOf(':');
        LocalDate first = day(parameter, colon < 0 ? value : value.substring(0, colon));
        LocalDate last = colon < 0 ? first : day(parameter, value.substring(colon + 1));
        if (last.isBefore(first)) {
            throw invalid(parameter, value, "the first day of the range is after the last");
        }
        return new TimeRange(Optional.of(startOf(first, zone)), Optional.of(startOf(last.plusDays(1), zone)));
    }

    private static LocalDate day(String parameter, String text) {
        try {
            return LocalDate.parse(text, DAY);
        } catch (DateTimeParseException e) {
            throw invalid(parameter, text, "use yyyy-MM-dd, yyyy-MM-dd:yyyy-MM-dd, >Nd or <Nd");
        }
    }

    private static Instant startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    private static Set<InstanceState> states(String value) {
        Set<InstanceState> states = EnumSet.noneOf(InstanceState.class);
        for (String item : value.split(",", -1)) {
            try {
                states.add(InstanceState.valueOf(item.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw Refusal.invalidParameter("instanceState", "An invalid instanceState parameter was used: "
                        + item + ". Valid instanceState parameters are: " + Arrays.stream(InstanceState.values())
                        .map(Enum::name).collect(Collectors.joining(", ")));
            }
        }
        return states;
    }

    private static List<String> patterns(Map<String, List<String>> query, String name, boolean repeatable) {
        List<String> values = query.getOrDefault(name, List.of());
        List<String> used = repeatable ? values : values.stream().limit(1).toList();
        return used.stream().map(value -> nonEmpty(name, value)).toList();
    }

    private static List<SortKey> sort(Optional<String> value, List<String> unrecognized) {
        List<SortKey> keys = new ArrayList<>();
        value.ifPresent(list -> {
            for (String item : list.split(",", -1)) {
                boolean descending = item.startsWith("-");
                Optional<SortKey.Field> field = SortKey.Field.byQueryName(descending ? item.substring(1) : item);
                if (field.isPresent()) {
                    keys.add(new SortKey(field.get(), descending));
                } else {
                    unrecognized.add("sort=" + item);
                }
            }
        });
        return keys;
    }

    private static String jobParameterName(String parameter) {
        String name = parameter.substring(JOB_PARAMETER_PREFIX.length());
        if (name.isEmpty()) {
            throw Refusal.invalidParameter(parameter, "A jobParameter filter needs a parameter name: "
                    + "jobParameter.<name>=<value>.");
        }
        return name;
    }

    private static String nonEmpty(String parameter, String value) {
        if (value == null || value.isEmpty()) {
            throw invalid(parameter, "", "the value must not be empty");
        }
        return value;
    }

    private static Optional<String> first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static Refusal invalid(String parameter, String value, String why) {
        return Refusal.invalidParameter(parameter, "The " + parameter + " value " + value + " is not valid: " + why
                + ".");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).collect(Collectors.toUnmodifiableSet());
    }
}
