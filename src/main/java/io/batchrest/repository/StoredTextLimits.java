package io.batchrest.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The longest texts Liberty's job repository can store where a submission puts text of the client's choosing. The
 * batch runtime writes the instance row before it writes the job parameters, so a value one of its columns cannot
 * hold would leave an instance behind without an execution; the service checks these limits first. They are read
 * from the database's metadata, so they are right for Derby and PostgreSQL alike (docs/api.md, "Limits").
 */
@ApplicationScoped
public class StoredTextLimits {

    private static final Logger LOG = Logger.getLogger(StoredTextLimits.class.getName());

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

    /**
     * Reads the limits when the application starts, if the tables exist: reading them scans Derby's catalog of
     * columns, which a job's insert may need at the same moment (docs/api.md, "Schema changes and running jobs").
     */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        try {
            readAll();
        } catch (RepositoryException e) {
            LOG.log(Level.FINE, "The limits of stored texts are read on first use", e);
        }
    }

    /** Reads every limit not known yet; those of tables that do not exist yet stay unknown. */
    public synchronized void readAll() {
        for (StoredText text : StoredText.values()) {
            maxLength(text);
        }
    }

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
