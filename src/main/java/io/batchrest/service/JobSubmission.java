package io.batchrest.service;

import io.batchrest.runtime.JslDocument;

import java.util.Map;
import java.util.Optional;

/** A validated submit request (docs/contract.md §4). Inline JSL, when present, overrides {@code jobXmlName}. */
public record JobSubmission(String applicationName, String moduleName, String componentName, String jobXmlName,
                            Map<String, String> jobParameters, Optional<JslDocument> inlineJsl) {
}
