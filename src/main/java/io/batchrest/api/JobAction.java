package io.batchrest.api;

import io.batchrest.model.Refusal;

import java.util.Locale;
import java.util.Map;

/** The {@code action} of a PUT on an instance or execution (docs/contract.md §1), and the body of a restart. */
enum JobAction {
    STOP, RESTART;

    static JobAction parse(String action) {
        if (action != null) {
            for (JobAction candidate : values()) {
                if (candidate.name().equals(action.toUpperCase(Locale.ROOT))) {
                    return candidate;
                }
            }
        }
        throw Refusal.invalidParameter("action", "only action=stop and action=restart are supported");
    }

    /** The job parameters of a restart body {@code {"jobParameters":{…}}}; an empty body has none. */
    static Map<String, String> restartParameters(byte[] body) {
        if (body == null || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return Map.of();
        }
        return JsonBody.parse(body, "request body").stringMap("jobParameters");
    }
}
