package io.batchrest.model;

import java.util.List;

/**
 * A request that the product refuses, as a domain outcome: what kind of refusal, the message the caller reads, and
 * the parameters at fault. Any layer may refuse; only the API turns a kind into an HTTP status and a problem body
 * (docs/api.md, "Status codes"). The factory methods are the only way to make one.
 */
public final class Refusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the request cannot be done. */
    public enum Kind {
        /** The request itself is wrong: a malformed value, a missing field, JSL that is not valid. */
        INVALID,
        /** The caller may not do this. */
        FORBIDDEN,
        /** An id or name that names nothing. */
        NOT_FOUND,
        /** The state of the job does not allow it (stop a finished execution, purge a running instance). */
        CONFLICT,
        /** The job repository cannot answer right now; the same request may succeed shortly. */
        UNAVAILABLE,
        /** The server failed in a way the caller may read about (job log files that could not be deleted). */
        FAULT
    }

    /** A query, path or body parameter that was rejected, and why. */
    public record InvalidParameter(String name, String reason) {
    }

    private final Kind kind;
    private final transient List<InvalidParameter> invalidParameters;

    private Refusal(Kind kind, String detail, List<InvalidParameter> invalidParameters) {
        super(detail, null, false, false);
        this.kind = kind;
        this.invalidParameters = List.copyOf(invalidParameters);
    }

    public static Refusal invalid(String detail) {
        return new Refusal(Kind.INVALID, detail, List.of());
    }

    /** An invalid request whose fault lies in one parameter: the detail names it, and it is listed. */
    public static Refusal invalidParameter(String name, String reason) {
        return new Refusal(Kind.INVALID, reason, List.of(new InvalidParameter(name, reason)));
    }

    public static Refusal forbidden(String detail) {
        return new Refusal(Kind.FORBIDDEN, detail, List.of());
    }

    public static Refusal notFound(String detail) {
        return new Refusal(Kind.NOT_FOUND, detail, List.of());
    }

    public static Refusal conflict(String detail) {
        return new Refusal(Kind.CONFLICT, detail, List.of());
    }

    public static Refusal unavailable(String detail) {
        return new Refusal(Kind.UNAVAILABLE, detail, List.of());
    }

    public static Refusal fault(String detail) {
        return new Refusal(Kind.FAULT, detail, List.of());
    }

    public Kind kind() {
        return kind;
    }

    public List<InvalidParameter> invalidParameters() {
        return invalidParameters;
    }
}
