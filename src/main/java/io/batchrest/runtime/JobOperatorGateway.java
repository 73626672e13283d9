package io.batchrest.runtime;

import io.batchrest.model.Refusal;
import io.batchrest.model.RefusalMessages;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.JobSecurityException;
import jakarta.batch.operations.JobStartException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import io.batchrest.repository.RepositoryException;
import io.batchrest.repository.RepositoryIndexes;
import io.batchrest.repository.StoredTextLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.xml.sax.SAXException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The product's only door to the server's Jakarta Batch runtime. Calls run as the authenticated caller, so the
 * runtime's own batch security applies as well; its exceptions become the API's statuses here.
 */
@ApplicationScoped
public class JobOperatorGateway {

    private static final Logger LOG = Logger.getLogger(JobOperatorGateway.class.getName());

    @Inject
    RepositoryIndexes indexes;

    @Inject
    StoredTextLimits limits;

    private volatile JobOperator operator;

    /** The one loader that serves in-memory JSL to the runtime (created on the first submission's thread). */
    private volatile JslClassLoader jslLoader;

    /**
     * Packaged JSL with this product's listeners added, by job XML name; empty where the JSL could not be prepared
     * (the runtime then reads the packaged file itself). The application's JSL files do not change while it is
     * deployed, and reading and rewriting them was a good part of a submission's CPU.
     */
    private final Map<String, Optional<byte[]>> prepared = new ConcurrentHashMap<>();

    /**
     * On a new database, before the first job: the runtime creates its tables when it is first called, which would
     * otherwise be the first job's start. Asking it for the job names (as the caller, for batch security) creates
     * them; the search indexes and the limits of stored texts follow before any job runs, and concurrent first
     * submissions wait for them (docs/api.md, "Schema changes and running jobs"). Once the tables exist, this costs
     * one read of a flag.
     */
    public void prepareNewRepository() {
        if (!indexes.batchTablesMissing()) {
            return;
        }
        synchronized (preparing) {
            if (indexes.batchTablesMissing()) {
                listJobNames();
                indexes.ensure();
                limits.readAll();
            }
        }
    }

    private final Object preparing = new Object();

    /** Makes the runtime read its tables, which creates them on a new database; a refusal changes nothing. */
    private void listJobNames() {
        try {
            operator().getJobNames();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "The batch runtime did not list its job names", e);
        }
    }

    /** Starts packaged JSL, which must exist in this application, with this product's listeners added. */
    public long startPackaged(String jobXmlName, Properties parameters) {
        JobXmlName.requirePackagedName(jobXmlName);
        Optional<byte[]> withListeners = prepared.get(jobXmlName);
        if (withListeners == null) {
            withListeners = prepare(jobXmlName);
            prepared.put(jobXmlName, withListeners);
        }
        if (withListeners.isEmpty()) {
            return start(jobXmlName, () -> operator().start(jobXmlName, parameters));
        }
        return startFromMemory(jobXmlName, jobXmlName, withListeners.get(), true, parameters);
    }

    private static Optional<byte[]> prepare(String jobXmlName) {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        byte[] packaged;
        try (InputStream in = application.getResourceAsStream(JobXmlName.resourcePath(jobXmlName))) {
            if (in == null) {
                throw Refusal.invalidParameter("jobXMLName", "The jobXMLName " + jobXmlName
                        + " does not name a job of this application: there is no "
                        + JobXmlName.resourcePath(jobXmlName) + ".");
            }
            packaged = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("The JSL " + jobXmlName + " cannot be read", e);
        }
        try {
            return Optional.of(JslListeners.addTo(packaged));
        } catch (IOException | SAXException e) {
            // The runtime will judge this JSL itself; it just runs without this product's listeners.
            LOG.log(Level.WARNING, "The JSL " + jobXmlName + " could not be prepared for this product's listeners", e);
            return Optional.empty();
        }
    }

    /** Starts inline JSL under a generated name, with this product's listeners added. */
    public long startInline(JslDocument jsl, Properties parameters) {
        byte[] withListeners;
        try {
            withListeners = JslListeners.addTo(jsl.bytes());
        } catch (IOException | SAXException e) {
            throw Refusal.invalidParameter("jobXML", "The jobXML could not be read as JSL.");
        }
        return startFromMemory(jsl.jobId(), JobXmlName.INLINE_PREFIX + UUID.randomUUID(), withListeners, false,
                parameters);
    }

    /**
     * JSL served from memory under {@code name} while {@code start()} reads it (synchronously); packaged JSL
     * ({@code keep}) stays served for later submissions.
     */
    private long startFromMemory(String job, String name, byte[] jsl, boolean keep, Properties parameters) {
        JslClassLoader loader = jslLoader();
        return start(job, () -> loader.runWithJsl(name, jsl, keep, () -> operator().start(name, parameters)));
    }

    private JslClassLoader jslLoader() {
        JslClassLoader current = jslLoader;
        if (current == null) {
            synchronized (this) {
                if (jslLoader == null) {
                    jslLoader = new JslClassLoader(Thread.currentThread().getContextClassLoader());
                }
                current = jslLoader;
            }
        }
        return current;
    }

    public void stop(long executionId) {
        try {
            operator().stop(executionId);
        } catch (JobExecutionNotRunningException e) {
            throw Refusal.conflict(RefusalMessages.executionNotRunning(executionId));
        } catch (NoSuchJobExecutionException e) {
            throw Refusal.notFound(RefusalMessages.noSuchExecution(executionId));
        } catch (JobSecurityException e) {
            throw Refusal.forbidden(e.getMessage());
        }
    }

    /** Restarts from {@code executionId}; returns the new execution's id. */
    public long restart(long executionId, long instanceId, Properties parameters) {
        try {
            return operator().restart(executionId, parameters);
        } catch (JobExecutionAlreadyCompleteException e) {
            throw Refusal.conflict(RefusalMessages.alreadyComplete(executionId, instanceId));
        } catch (JobExecutionNotMostRecentException e) {
            throw Refusal.invalid(RefusalMessages.notMostRecent(executionId, instanceId));
        } catch (JobRestartException e) {
            LOG.log(Level.FINE, "Restart of job instance " + instanceId + " refused", e);
            throw Refusal.conflict(RefusalMessages.notRestartable(instanceId));
        } catch (NoSuchJobExecutionException e) {
            throw Refusal.notFound(RefusalMessages.noSuchExecution(executionId));
        } catch (JobSecurityException e) {
            throw Refusal.forbidden(e.getMessage());
        }
    }

    private static long start(String job, LongSupplier start) {
        try {
            return start.getAsLong();
        } catch (JobSecurityException e) {
            throw Refusal.forbidden(e.getMessage());
        } catch (JobStartException e) {
            if (RepositoryException.isTransient(e)) {
                LOG.log(Level.WARNING, "The job repository refused to record job " + job + " for now", e);
                throw Refusal.unavailable("The job " + job + " was not started: the job repository is busy "
                        + "or cannot be reached right now. Repeat the request in a few seconds.");
            }
            // Liberty rejects JSL it cannot parse or resolve here; its message may name internal classes.
            LOG.log(Level.INFO, "The batch runtime refused to start job " + job, e);
            throw Refusal.invalid("The batch runtime could not start the job " + job
                    + ": check that its JSL is valid Jakarta Batch JSL.");
        }
    }

    private JobOperator operator() {
        JobOperator current = operator;
        if (current == null) {
            current = BatchRuntime.getJobOperator();
            operator = current;
        }
        return current;
    }
}
