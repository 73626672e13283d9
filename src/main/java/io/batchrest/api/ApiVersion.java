package io.batchrest.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Locale;

/**
 * The version segment of a request path (docs/contract.md §1): every resource is reachable unversioned and under
 * {@code v1/}..{@code v4/}, and links in a response keep the segment of the request.
 */
public enum ApiVersion {
    NONE(""), V1("v1/"), V2("v2/"), V3("v3/"), V4("v4/");

    private static final Pattern LEADING_VERSION = Pattern.compile("^/?(v[1-4])(/|$)");

    private final String segment;

    ApiVersion(String segment) {
        this.segment = segment;
    }

    /** The version of a path relative to the API root, e.g. {@code v2/jobinstances}. */
    public static ApiVersion of(String relativePath) {
        Matcher matcher = LEADING_VERSION.matcher(relativePath);
        return matcher.find() ? valueOf(matcher.group(1).toUpperCase(Locale.ROOT)) : NONE;
    }

    /** The path without its version segment. */
    public static String strip(String relativePath) {
        return LEADING_VERSION.matcher(relativePath).replaceFirst("");
    }

    /** {@code ""} or e.g. {@code v2/}. */
    public String segment() {
        return segment;
    }

    /** 0 for unversioned, else the number of the version. */
    public int number() {
        return ordinal();
    }

    /** v2 and later search and bulk-purge the job instance collection (docs/contract.md §6, §7); v1 only pages. */
    public boolean searches() {
        return this == V2 || this == V3 || this == V4;
    }

    /** v4 alone answers aggregates, {@code jobinstances/stats} (docs/api.md, "Aggregates"). */
    public boolean aggregates() {
        return this == V4;
    }
}
