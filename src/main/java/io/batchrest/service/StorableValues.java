package io.batchrest.service;

import io.batchrest.model.Refusal;
import io.batchrest.repository.StoredTextLimits;
import io.batchrest.repository.StoredTextLimits.StoredText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Refuses, before the batch runtime records anything, a submission or restart with a text the job repository
 * cannot store: the runtime writes the instance row first and fails on the job parameters after it, which would
 * leave an instance behind in SUBMITTED without an execution (docs/api.md, "Limits").
 */
@ApplicationScoped
public class StorableValues {

    /** How much of a refused name the message quotes. */
    private static final int QUOTED = 40;

    @Inject
    StoredTextLimits limits;

    /** Job parameters (names and values) of a submission or restart. */
    public void requireStorable(Map<String, String> jobParameters) {
        jobParameters.forEach((name, value) -> {
            requireFits(StoredText.JOB_PARAMETER_NAME, name, "jobParameters", "The job parameter name "
                    + quoted(name));
            requireFits(StoredText.JOB_PARAMETER_VALUE, value, "jobParameters." + quoted(name),
                    "The value of job parameter " + quoted(name));
        });
    }

    /** The job name an inline JSL gives its instance (the id of its {@code job} element). */
    public void requireStorableJobName(String jobId) {
        requireFits(StoredText.JOB_NAME, jobId, "jobXML", "The job id " + quoted(jobId) + " of the jobXML");
    }

    private void requireFits(StoredText column, String text, String parameter, String subject) {
        OptionalInt max = limits.maxLength(column);
        if (max.isPresent() && text.length() > max.getAsInt()) {
            throw Refusal.invalidParameter(parameter, String.format(Locale.ROOT, "%s has %,d characters: the job "
                    + "repository stores at most %,d.", subject, text.length(), max.getAsInt()));
        }
    }

    private static String quoted(String name) {
        return name.length() <= QUOTED ? name : name.substring(0, QUOTED) + "...";
    }
}
