package io.batchrest.api;

import io.batchrest.model.Refusal;
import io.batchrest.runtime.JslDocument;
import io.batchrest.service.JobSubmission;

import java.util.Optional;

/** Turns a submit body (JSON, or the jobdata and jsl parts of a multipart form) into a {@link JobSubmission}. */
final class SubmitRequest {

    private SubmitRequest() {
    }

    /** {@code jslPart} is the multipart {@code jsl} part, which overrides a {@code jobXML} attribute. */
    static JobSubmission parse(byte[] jobData, Optional<String> jslPart) {
        JsonBody body = JsonBody.parse(jobData, jslPart.isPresent() ? "jobdata part" : "request body");
        String application = body.optionalString("applicationName");
        String module = body.optionalString("moduleName");
        String component = body.optionalString("componentName");
        String jobXmlName = body.optionalString("jobXMLName");
        String jobXml = body.optionalString("jobXML");
        var parameters = body.stringMap("jobParameters");
        if (isEmpty(application) && isEmpty(module)) {
            throw Refusal.invalidParameter("applicationName",
                    "Either attribute [applicationName] or [moduleName] must be provided.");
        }
        Optional<JslDocument> inline = jslPart.isPresent()
                ? Optional.of(JslDocument.parse(jslPart.get(), "jsl"))
                : isEmpty(jobXml) ? Optional.empty() : Optional.of(JslDocument.parse(jobXml, "jobXML"));
        if (inline.isEmpty() && isEmpty(jobXmlName)) {
            throw Refusal.invalidParameter("jobXMLName", "Either attribute [jobXMLName] or [jobXML] must be provided.");
        }
        return new JobSubmission(isEmpty(application) ? null : application, isEmpty(module) ? null : module,
                component, jobXmlName, parameters, inline);
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }
}
