package io.batchrest.joblog;

import java.nio.file.Path;
import java.util.List;

/**
 * The log files of one execution as a response shows them: {@code prefix} + relative path is each file's name
 * in text banners and zip entries ({@code execution.7/} or {@code instance.5/execution.7/}).
 */
public record LogSection(String prefix, Path directory, List<String> parts) {
}
