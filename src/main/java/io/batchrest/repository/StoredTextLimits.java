package io.batchrest.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The longest texts Liberty's job repository can store where a submission puts text of the client's choosing. The
 * batch runtime writes the instance row before it writes the job parameters, so a value one of its columns cannot
 * hold would leave an instance behind without an execution; the service checks these limits first. They are read
 * from the database's metadata, so they are right for Derby and PostgreSQL alike (docs/api.md, "Limits").
 */
@ApplicationScoped
public class StoredTextLimits {

    /** A column that holds text from a submission. */
    public enum StoredText {
        JOB_PARAMETER_NAME(BatchTables.JobParameter.TABLE, BatchTables.JobParameter.NAME),
        JOB_PARAMETER_VALUE(BatchTables.JobParameter.TABLE, BatchTables.JobParameter.VALUE),
        JOB_NAME(BatchTables.JobInstance.TABLE, BatchTables.JobInstance.JOB_NAME),
        JOB_XML_NAME(BatchTables.JobInstance.TABLE, BatchTables.JobInstance.JOB_XML_NAME);

        private final String table;
        private final String column;

        StoredText(String table, String column) {
            this.table = table;
            this.column = column;
        }
    }

    @Inject
    BatchDatabase database;

    /** Sizes read so far; a column not created yet (a new repository) is read again on the next call. */
    private final Map<StoredText, Integer> sizes = new EnumMap<>(StoredText.class);

    /** The most characters {@code text} can have; empty when the repository's tables do not exist yet. */
    public synchronized OptionalInt maxLength(StoredText text) {
        Integer known = sizes.get(text);
        if (known != null) {
            return OptionalInt.of(known);
        }
        OptionalInt size = database.columnSize(text.table, text.column);
        size.ifPresent(value -> sizes.put(text, value));
        return size;
    }
}
