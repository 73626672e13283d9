package io.batchrest.api.problem;

import java.util.List;

/**
 * A request the API refuses, with the status and the message the caller sees. Thrown by services and
 * resources, rendered by {@link ApiExceptionMapper}; the factory methods are the only way to make one, so every
 * refusal carries one of the statuses of SPEC §0/§5.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final transient List<Problem.InvalidParam> invalidParams;

    private ApiException(int status, String detail, List<Problem.InvalidParam> invalidParams) {
        super(detail, null, false, false);
        this.status = status;
        this.invalidParams = List.copyOf(invalidParams);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, detail, List.of());
    }

    /** 400 for one parameter; the detail names it, and {@code invalidParams} lists it. */
    public static ApiException badParameter(String name, String reason) {
        return new ApiException(400, reason, List.of(new Problem.InvalidParam(name, reason)));
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, detail, List.of());
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, detail, List.of());
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, detail, List.of());
    }

    /** 503: the job repository cannot answer right now; the same request may succeed shortly (Retry-After). */
    public static ApiException unavailable(String detail) {
        return new ApiException(503, detail, List.of());
    }

    /** 500 for a fault the caller can read about, e.g. job log files that could not be deleted. */
    public static ApiException serverFault(String detail) {
        return new ApiException(500, detail, List.of());
    }

    public int status() {
        return status;
    }

    public List<Problem.InvalidParam> invalidParams() {
        return invalidParams;
    }
}
