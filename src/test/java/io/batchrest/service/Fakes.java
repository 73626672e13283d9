package io.batchrest.service;

import io.batchrest.UnitTestConfig;
import io.batchrest.cluster.PeerClient;
import io.batchrest.cluster.PeerUnreachableException;
import io.batchrest.cluster.RemoteJobLogs;
import io.batchrest.cluster.ServerIdentity;
import io.batchrest.events.JobEventFeed;
import io.batchrest.events.JobEvents;
import io.batchrest.model.JobChange;
import io.batchrest.metrics.BatchMetrics;
import io.batchrest.joblog.JobLogFiles;
import io.batchrest.joblog.LogSection;
import io.batchrest.model.InstanceCount;
import io.batchrest.model.InstanceState;
import io.batchrest.model.JobExecutionRecord;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.model.PurgeTaskRecord;
import io.batchrest.model.PurgeTaskState;
import io.batchrest.model.Refusal;
import io.batchrest.model.StepExecutionRecord;
import io.batchrest.model.StepMetrics;
import io.batchrest.query.GroupKey;
import io.batchrest.query.JobInstanceSearch;
import io.batchrest.repository.IdempotencyKeyStore;
import io.batchrest.repository.JobExecutionRepository;
import io.batchrest.repository.JobInstancePurge;
import io.batchrest.repository.JobInstanceRepository;
import io.batchrest.repository.PurgeTaskStore;
import io.batchrest.repository.SearchPage;
import io.batchrest.repository.StepExecutionRepository;
import io.batchrest.repository.StoredTextLimits;
import io.batchrest.repository.Totals;
import io.batchrest.runtime.ApplicationIdentity;
import io.batchrest.runtime.JobOperatorGateway;
import io.batchrest.runtime.JslDocument;
import io.batchrest.security.CallerScope;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * In-memory stand-ins for the layers below the services: one fake per collaborator, sharing one small job
 * repository (instances and executions), wired into the real services. {@link JobLookup} and {@link StorableValues}
 * are the real ones over the fakes, so their messages are the product's. Each fake records the calls the services
 * make, so a test can assert what reached the runtime, the repository and the job logs, and what did not.
 */
final class Fakes {

    static final CallerScope ADMIN = new CallerScope("admin", true, false, false);
    static final CallerScope SUBMITTER = new CallerScope("submitter1", false, true, false);
    static final CallerScope OTHER_SUBMITTER = new CallerScope("submitter2", false, true, false);
    static final CallerScope MONITOR = new CallerScope("monitor", false, false, true);
    static final CallerScope NOBODY = new CallerScope("nobody", false, false, false);

    /** The server the services run on; executions recorded with another server id run elsewhere. */
    static final String THIS_SERVER = "server-1";
    static final String THIS_REST_URL = "https://server-1:9443/ibm/api/batch";

    /** The application and module this server serves ({@link ApplicationIdentity}). */
    static final String APPLICATION = "batch-rest";

    private static final Instant CREATED = Instant.parse("2024-05-01T10:00:00Z");
    /** The clock of the services that read one. */
    static final Instant NOW = Instant.parse("2024-05-02T10:00:00Z");

    static {
        // The repositories read optional settings as they are constructed; the services' tests set none.
        UnitTestConfig.install(Map.of());
    }

    private final Map<Long, JobInstanceRecord> instanceRows = new LinkedHashMap<>();
    private final Map<Long, JobExecutionRecord> executionRows = new LinkedHashMap<>();
    private final Map<Long, StepExecutionRecord> stepRows = new LinkedHashMap<>();

    final Instances instances = new Instances();
    final Executions executions = new Executions();
    final Steps steps = new Steps();
    final Gateway gateway = new Gateway();
    final Peers peers = new Peers();
    final Limits limits = new Limits();
    final Purge purge = new Purge();
    final JobLogs jobLogs = new JobLogs();
    final Metrics metrics = new Metrics();
    /** The changes the services report, in order. */
    final List<JobChange> reportedChanges = new ArrayList<>();
    final JobEvents events = new JobEvents(new JobEventFeed() {
        @Override
        public void record(JobChange change) {
            reportedChanges.add(change);
        }
    });
    final ApplicationIdentity application = servedApplication();
    final PurgeTaskTables purgeTasks = new PurgeTaskTables();
    final Background background = new Background();
    /** What happened to job log files, here and on other servers, in order. */
    final List<String> logDeletions = new ArrayList<>();
    final LogFiles logFiles = new LogFiles();
    final RemoteLogs remoteLogs = new RemoteLogs();
    final LogWriters logWriters = new LogWriters();
    final Keys keys = new Keys();

    // ---- the services under test, wired to the fakes

    JobLookup lookup() {
        JobLookup lookup = new JobLookup();
        lookup.instances = instances;
        lookup.executions = executions;
        lookup.steps = steps;
        return lookup;
    }

    JobReadService reads() {
        JobReadService reads = new JobReadService();
        reads.lookup = lookup();
        reads.instances = instances;
        return reads;
    }

    JobStatusService statuses() {
        JobStatusService statuses = new JobStatusService();
        statuses.reads = reads();
        statuses.lookup = lookup();
        statuses.instances = instances;
        return statuses;
    }

    /** The real job log service (not {@link JobLogs}, the purge's stand-in for it). */
    JobLogService jobLogService() {
        JobLogService service = new JobLogService();
        service.reads = reads();
        service.lookup = lookup();
        service.files = logFiles;
        service.executions = executions;
        service.identity = new ThisServer();
        service.remoteLogs = remoteLogs;
        service.peers = peers;
        service.jobLogs = logWriters;
        return service;
    }

    IdempotentSubmissions idempotentSubmissions() {
        IdempotentSubmissions service = new IdempotentSubmissions();
        service.submissions = submissions();
        service.keys = keys;
        service.lookup = lookup();
        return service;
    }

    StorableValues storable() {
        StorableValues storable = new StorableValues();
        storable.limits = limits;
        return storable;
    }

    JobControlService control() {
        JobControlService control = new JobControlService();
        control.lookup = lookup();
        control.storable = storable();
        control.instances = instances;
        control.gateway = gateway;
        control.peers = peers;
        return control;
    }

    PurgeService purgeService() {
        PurgeService service = new PurgeService();
        service.lookup = lookup();
        service.instances = instances;
        service.purge = purge;
        service.jobLogs = jobLogs;
        service.metrics = metrics;
        service.events = events;
        return service;
    }

    PurgeTasks purgeTasks() {
        PurgeTasks tasks = new PurgeTasks();
        tasks.purges = purgeService();
        tasks.instances = instances;
        tasks.store = purgeTasks;
        tasks.identity = new ThisServer();
        tasks.executor = background.executor();
        tasks.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return tasks;
    }

    JobSubmissionService submissions() {
        JobSubmissionService service = new JobSubmissionService();
        service.application = application;
        service.gateway = gateway;
        service.lookup = lookup();
        service.storable = storable();
        service.metrics = metrics;
        service.events = events;
        return service;
    }

    // ---- the repository's contents

    /** An instance of job chunkCopy without executions yet. */
    JobInstanceRecord addInstance(long instanceId, String submitter, InstanceState state) {
        return put(new JobInstanceRecord(instanceId, "chunkCopy", APPLICATION, submitter, batchStatusOf(state),
                "chunkCopy", state, null, CREATED, CREATED, 0));
    }

    /** Every instance of the repository, lowest id first. */
    List<JobInstanceRecord> allInstances() {
        return instanceRows.values().stream()
                .sorted(java.util.Comparator.comparingLong(JobInstanceRecord::instanceId)).toList();
    }

    JobInstanceRecord put(JobInstanceRecord instance) {
        instanceRows.put(instance.instanceId(), instance);
        return instance;
    }

    /** A new most recent execution of an instance, run on this server. */
    JobExecutionRecord addExecution(long executionId, long instanceId, BatchStatus status,
                                    Map<String, String> parameters) {
        return addExecution(executionId, instanceId, status, parameters, THIS_SERVER, THIS_REST_URL);
    }

    JobExecutionRecord addExecution(long executionId, long instanceId, BatchStatus status,
                                    Map<String, String> parameters, String serverId, String restUrl) {
        JobInstanceRecord instance = instanceRows.get(instanceId);
        int sequenceNumber = instance.executionCount() + 1;
        put(new JobInstanceRecord(instanceId, instance.jobName(), instance.appName(), instance.submitter(),
                instance.batchStatus(), instance.jobXmlName(), instance.instanceState(), instance.exitStatus(),
                instance.createTime(), instance.lastUpdatedTime(), sequenceNumber));
        JobExecutionRecord execution = new JobExecutionRecord(executionId, instanceId, sequenceNumber,
                instance.jobName(), instance.submitter(), status, null, CREATED, null, CREATED, CREATED,
                new TreeMap<>(parameters), restUrl, serverId, null, List.of());
        executionRows.put(executionId, execution);
        return execution;
    }

    /** Records the log directory the execution's server wrote its log to (LOGPATH). */
    JobExecutionRecord setLogPath(long executionId, String logPath) {
        JobExecutionRecord e = executionRows.get(executionId);
        JobExecutionRecord changed = new JobExecutionRecord(e.executionId(), e.instanceId(), e.sequenceNumber(),
                e.jobName(), e.submitter(), e.batchStatus(), e.exitStatus(), e.createTime(), e.endTime(),
                e.lastUpdatedTime(), e.startTime(), e.jobParameters(), e.restUrl(), e.serverId(), logPath, e.steps());
        executionRows.put(executionId, changed);
        return changed;
    }

    /** Ends an execution with an exit status at {@code endTime}. */
    JobExecutionRecord endExecution(long executionId, BatchStatus status, String exitStatus, Instant endTime) {
        JobExecutionRecord e = executionRows.get(executionId);
        JobExecutionRecord ended = new JobExecutionRecord(e.executionId(), e.instanceId(), e.sequenceNumber(),
                e.jobName(), e.submitter(), status, exitStatus, e.createTime(), endTime, endTime, e.startTime(),
                e.jobParameters(), e.restUrl(), e.serverId(), e.logPath(), e.steps());
        executionRows.put(executionId, ended);
        return ended;
    }

    /** A top-level step that ran in an execution, listed in the execution's steps as the repository does. */
    StepExecutionRecord addStep(long stepExecutionId, long executionId, String stepName, BatchStatus status,
                                StepMetrics metrics) {
        JobExecutionRecord e = executionRows.get(executionId);
        StepExecutionRecord step = new StepExecutionRecord(stepExecutionId, stepName, executionId, e.instanceId(),
                e.submitter(), status, CREATED, null, null, metrics, List.of());
        stepRows.put(stepExecutionId, step);
        List<JobExecutionRecord.StepSummary> steps = new ArrayList<>(e.steps());
        steps.add(new JobExecutionRecord.StepSummary(stepExecutionId, stepName, status, null));
        executionRows.put(executionId, new JobExecutionRecord(e.executionId(), e.instanceId(), e.sequenceNumber(),
                e.jobName(), e.submitter(), e.batchStatus(), e.exitStatus(), e.createTime(), e.endTime(),
                e.lastUpdatedTime(), e.startTime(), e.jobParameters(), e.restUrl(), e.serverId(), e.logPath(),
                List.copyOf(steps)));
        return step;
    }

    static StepMetrics metrics(long read, long write, long filter, long readSkip, long processSkip, long writeSkip) {
        return new StepMetrics(read, write, 0, 0, readSkip, processSkip, filter, writeSkip);
    }

    private void setStatus(long executionId, BatchStatus status) {
        JobExecutionRecord e = executionRows.get(executionId);
        executionRows.put(executionId, new JobExecutionRecord(e.executionId(), e.instanceId(), e.sequenceNumber(),
                e.jobName(), e.submitter(), status, e.exitStatus(), e.createTime(), e.endTime(),
                e.lastUpdatedTime(), e.startTime(), e.jobParameters(), e.restUrl(), e.serverId(), e.logPath(),
                e.steps()));
    }

    private void setState(long instanceId, InstanceState state) {
        JobInstanceRecord i = instanceRows.get(instanceId);
        put(new JobInstanceRecord(i.instanceId(), i.jobName(), i.appName(), i.submitter(), batchStatusOf(state),
                i.jobXmlName(), state, i.exitStatus(), i.createTime(), i.lastUpdatedTime(), i.executionCount()));
    }

    private static BatchStatus batchStatusOf(InstanceState state) {
        return switch (state) {
            case SUBMITTED, JMS_QUEUED, JMS_CONSUMED -> BatchStatus.STARTING;
            case DISPATCHED -> BatchStatus.STARTED;
            case FAILED -> BatchStatus.FAILED;
            case STOPPED -> BatchStatus.STOPPED;
            case COMPLETED -> BatchStatus.COMPLETED;
            case ABANDONED -> BatchStatus.ABANDONED;
        };
    }

    static Map<String, String> asMap(Properties properties) {
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }

    // ---- the fakes

    /** The instance table; a search answers every instance (of the owner, if restricted) in the order added. */
    final class Instances extends JobInstanceRepository {

        final List<Long> markStoppedCalls = new ArrayList<>();
        final List<Optional<String>> searchedOwners = new ArrayList<>();
        /** An execution gets recorded between the service's look and its update: the update finds none to mark. */
        boolean executionArrivesBeforeMarking;

        @Override
        public Optional<JobInstanceRecord> findById(long instanceId) {
            return Optional.ofNullable(instanceRows.get(instanceId));
        }

        @Override
        public Optional<JobInstanceRecord> findByExecution(long executionId) {
            return Optional.ofNullable(executionRows.get(executionId))
                    .map(execution -> instanceRows.get(execution.instanceId()));
        }

        @Override
        public boolean markStoppedWithoutExecution(long instanceId) {
            markStoppedCalls.add(instanceId);
            JobInstanceRecord instance = instanceRows.get(instanceId);
            if (instance == null || instance.executionCount() > 0 || executionArrivesBeforeMarking) {
                return false;
            }
            setState(instanceId, InstanceState.STOPPED);
            return true;
        }

        /** The JSL each instance was started with; an instance without one has none stored. */
        final Map<Long, byte[]> jobXmls = new HashMap<>();
        final List<Totals> searchedTotals = new ArrayList<>();
        final List<Optional<String>> countedOwners = new ArrayList<>();

        @Override
        public Optional<byte[]> jobXml(long instanceId) {
            return Optional.ofNullable(jobXmls.get(instanceId));
        }

        /** One group per job name of the instances (of the owner, if restricted), whatever is asked to group by. */
        @Override
        public List<InstanceCount> countGrouped(JobInstanceSearch filters, List<GroupKey> groupBy,
                                                Optional<String> ownerOnly) {
            countedOwners.add(ownerOnly);
            Map<String, Long> counts = new TreeMap<>();
            instanceRows.values().stream().filter(instance -> ownerOnly.map(instance.submitter()::equals).orElse(true))
                    .forEach(instance -> counts.merge(instance.jobName(), 1L, Long::sum));
            return counts.entrySet().stream()
                    .map(count -> new InstanceCount(null, null, null, count.getKey(), count.getValue())).toList();
        }

        @Override
        public SearchPage search(JobInstanceSearch search, Optional<String> ownerOnly, Totals totals) {
            searchedOwners.add(ownerOnly);
            searchedTotals.add(totals);
            List<JobInstanceRecord> matches = instanceRows.values().stream()
                    .filter(instance -> ownerOnly.map(instance.submitter()::equals).orElse(true)).toList();
            return new SearchPage(matches, false, matches.size(), true, Optional.empty());
        }
    }

    /** The execution table: an instance's executions most recent first, as the real query orders them. */
    final class Executions extends JobExecutionRepository {

        @Override
        public Optional<JobExecutionRecord> findById(long executionId) {
            return Optional.ofNullable(executionRows.get(executionId));
        }

        @Override
        public List<JobExecutionRecord> findByInstance(long instanceId) {
            return executionRows.values().stream().filter(execution -> execution.instanceId() == instanceId)
                    .sorted(Comparator.comparingInt(JobExecutionRecord::sequenceNumber).reversed()).toList();
        }

        @Override
        public Optional<JobExecutionRecord> findByInstanceAndNumber(long instanceId, int sequenceNumber) {
            return findByInstance(instanceId).stream()
                    .filter(execution -> execution.sequenceNumber() == sequenceNumber).findFirst();
        }

        /** The executions that recorded a log directory, in the order recorded. */
        @Override
        public List<LogLocation> logLocationsOf(long instanceId) {
            return executionRows.values().stream()
                    .filter(execution -> execution.instanceId() == instanceId && execution.logPath() != null)
                    .map(execution -> new LogLocation(execution.logPath(), execution.restUrl(), execution.serverId()))
                    .toList();
        }
    }

    /** The top-level step executions, in the order they ran. */
    final class Steps extends StepExecutionRepository {

        @Override
        public Optional<StepExecutionRecord> findById(long stepExecutionId) {
            return Optional.ofNullable(stepRows.get(stepExecutionId));
        }

        @Override
        public List<StepExecutionRecord> findByExecution(long executionId) {
            return stepRows.values().stream().filter(step -> step.executionId() == executionId).toList();
        }

        @Override
        public Optional<StepExecutionRecord> findByExecutionAndName(long executionId, String stepName) {
            return findByExecution(executionId).stream().filter(step -> step.stepName().equals(stepName)).findFirst();
        }
    }

    /** The batch runtime: records what it is asked to do; a stop marks the execution STOPPING. */
    final class Gateway extends JobOperatorGateway {

        record Restart(long executionId, long instanceId, Map<String, String> parameters) {
        }

        record Start(String job, Map<String, String> parameters) {
        }

        final List<Long> stops = new ArrayList<>();
        final List<Restart> restarts = new ArrayList<>();
        final List<Start> packagedStarts = new ArrayList<>();
        final List<Start> inlineStarts = new ArrayList<>();
        /** What the runtime answers a stop with instead of stopping, if set. */
        Refusal stopRefusal;
        /** The execution a start creates: the test records it (and its instance) beforehand. */
        long startedExecutionId;
        /** The execution a restart creates (as a new STARTING execution of the instance). */
        long restartedExecutionId = 1000;

        @Override
        public void stop(long executionId) {
            stops.add(executionId);
            if (stopRefusal != null) {
                throw stopRefusal;
            }
            setStatus(executionId, BatchStatus.STOPPING);
        }

        @Override
        public long restart(long executionId, long instanceId, Properties parameters) {
            restarts.add(new Restart(executionId, instanceId, asMap(parameters)));
            addExecution(restartedExecutionId, instanceId, BatchStatus.STARTING, asMap(parameters));
            return restartedExecutionId;
        }

        /** The fake repository's tables exist from the start. */
        @Override
        public void prepareNewRepository() {
        }

        @Override
        public long startPackaged(String jobXmlName, Properties parameters) {
            packagedStarts.add(new Start(jobXmlName, asMap(parameters)));
            return startedExecutionId;
        }

        @Override
        public long startInline(JslDocument jsl, Properties parameters) {
            inlineStarts.add(new Start(jsl.jobId(), asMap(parameters)));
            return startedExecutionId;
        }

        boolean calledAtAll() {
            return !stops.isEmpty() || !restarts.isEmpty() || !packagedStarts.isEmpty() || !inlineStarts.isEmpty();
        }
    }

    /**
     * The other servers, with the real rule of where a request is answered: an execution recorded by another server is
     * answered there, unless the request was forwarded here by another server.
     */
    static final class Peers extends PeerClient {

        /** Whether the request being served was forwarded by another server of the cluster. */
        boolean forwardedRequest;

        Peers() {
            set(this, "identity", new ThisServer());
        }

        @Override
        public boolean isForwardedRequest() {
            return forwardedRequest;
        }
    }

    /** The job log files on this server's disk: the directories a test registers, with their parts. */
    final class LogFiles extends JobLogFiles {

        /** Directory → the parts in it; a LOGPATH of none of these names no directory of this server. */
        final Map<Path, List<String>> directories = new HashMap<>();
        /** What the deletion of directories fails with, if set. */
        IOException deletionFailure;

        @Override
        public Optional<Path> directory(String logPath) {
            return Optional.ofNullable(logPath).map(Path::of).filter(directories::containsKey);
        }

        @Override
        public List<String> parts(Path directory) {
            return directories.get(directory);
        }

        @Override
        public void deleteExecutionDirectories(List<Path> executionDirectories) throws IOException {
            logDeletions.add("here " + executionDirectories);
            if (deletionFailure != null) {
                throw deletionFailure;
            }
        }
    }

    /** The job logs of other servers, listed and deleted through their API. */
    final class RemoteLogs extends RemoteJobLogs {

        /** Execution id → the parts its server lists. */
        final Map<Long, List<String>> parts = new HashMap<>();
        /** Execution id → what reads its parts from its server. */
        final Map<Long, LogSection.PartSource> sources = new HashMap<>();
        /** REST root → why that server cannot be reached. */
        final Map<String, PeerUnreachableException> unreachable = new HashMap<>();

        @Override
        public List<String> parts(JobExecutionRecord execution) {
            return parts.get(execution.executionId());
        }

        @Override
        public LogSection.PartSource source(JobExecutionRecord execution) {
            return sources.get(execution.executionId());
        }

        @Override
        public void deleteInstanceLogs(String restUrl, long instanceId) {
            logDeletions.add("at " + restUrl + " of instance " + instanceId);
            PeerUnreachableException failure = unreachable.get(restUrl);
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** The job log writer of this server: the executions whose log it is writing now. */
    static final class LogWriters extends io.batchrest.joblog.JobLogs {

        final java.util.Set<Long> open = new java.util.HashSet<>();

        @Override
        public boolean isOpen(long executionId) {
            return open.contains(executionId);
        }
    }

    /**
     * The table of idempotency keys, with the store's semantics: a key is claimed once per user until it is released
     * or expires. Records every call, in order.
     */
    static final class Keys extends IdempotencyKeyStore {

        record UserKey(String user, String key) {
        }

        final Map<UserKey, Claim> claims = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();
        /** Runs after each find: what another request does meanwhile (completes or releases the key). */
        Runnable afterFind = () -> { };

        @Override
        public boolean claim(String user, String key, String requestHash, Instant now) {
            calls.add("claim " + user + " " + key);
            return claims.putIfAbsent(new UserKey(user, key), new Claim(requestHash, Optional.empty(), now)) == null;
        }

        @Override
        public Optional<Claim> find(String user, String key) {
            calls.add("find " + user + " " + key);
            Optional<Claim> found = Optional.ofNullable(claims.get(new UserKey(user, key)));
            afterFind.run();
            return found;
        }

        @Override
        public void complete(String user, String key, long instanceId) {
            calls.add("complete " + user + " " + key + " " + instanceId);
            claims.computeIfPresent(new UserKey(user, key),
                    (k, claim) -> new Claim(claim.requestHash(), Optional.of(instanceId), claim.created()));
        }

        @Override
        public void release(String user, String key) {
            calls.add("release " + user + " " + key);
            claims.remove(new UserKey(user, key));
        }

        @Override
        public void expirePending(String user, String key, Instant olderThan) {
            calls.add("expirePending " + user + " " + key);
            claims.computeIfPresent(new UserKey(user, key), (k, claim) ->
                    claim.instanceId().isEmpty() && claim.created().isBefore(olderThan) ? null : claim);
        }

        @Override
        public void expire(String user, String key, Instant olderThan) {
            calls.add("expire " + user + " " + key);
            claims.computeIfPresent(new UserKey(user, key), (k, claim) ->
                    claim.created().isBefore(olderThan) ? null : claim);
        }
    }

    /** The repository's column sizes; a column without a size set here has no known limit. */
    static final class Limits extends StoredTextLimits {

        final Map<StoredText, Integer> sizes = new EnumMap<>(StoredText.class);

        @Override
        public synchronized OptionalInt maxLength(StoredText text) {
            Integer size = sizes.get(text);
            return size == null ? OptionalInt.empty() : OptionalInt.of(size);
        }
    }

    /** The delete of an instance's rows: PURGED (and gone) unless an outcome or a failure is set for it. */
    final class Purge extends JobInstancePurge {

        final List<Long> calls = new ArrayList<>();
        /** The instances of each call of purgeAll, one transaction each. */
        final List<List<Long>> transactions = new ArrayList<>();
        final Map<Long, Outcome> outcomes = new HashMap<>();
        final Map<Long, RuntimeException> failures = new HashMap<>();

        /** One transaction: a failure of any instance rolls them all back, before any is gone. */
        @Override
        public Map<Long, Outcome> purgeAll(List<Long> instanceIds) {
            transactions.add(List.copyOf(instanceIds));
            instanceIds.stream().map(failures::get).filter(java.util.Objects::nonNull).findFirst().ifPresent(failure -> {
                throw failure;
            });
            Map<Long, Outcome> result = new java.util.LinkedHashMap<>();
            instanceIds.forEach(instanceId -> result.put(instanceId, purge(instanceId)));
            return result;
        }

        @Override
        public Outcome purge(long instanceId) {
            calls.add(instanceId);
            RuntimeException failure = failures.get(instanceId);
            if (failure != null) {
                throw failure;
            }
            Outcome outcome = outcomes.getOrDefault(instanceId, Outcome.PURGED);
            if (outcome == Outcome.PURGED) {
                instanceRows.remove(instanceId);
                executionRows.values().removeIf(execution -> execution.instanceId() == instanceId);
            }
            return outcome;
        }
    }

    /** The deletion of an instance's job log files, here and on other servers. */
    static final class JobLogs extends JobLogService {

        final List<Long> deletions = new ArrayList<>();
        /** An IOException (files that would not go) or a PeerUnreachableException, per instance. */
        final Map<Long, Exception> failures = new HashMap<>();

        /** How many more times the deletion of an instance's files fails, as a passing fault, before it works. */
        final Map<Long, Integer> passingFaults = new HashMap<>();

        @Override
        void deleteFiles(long instanceId) throws IOException {
            deletions.add(instanceId);
            if (passingFaults.getOrDefault(instanceId, 0) > 0) {
                passingFaults.merge(instanceId, -1, Integer::sum);
                throw new IllegalStateException("a passing fault");
            }
            Exception failure = failures.get(instanceId);
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
        }
    }

    /** This server's identity, without the server variables a server would read. */
    static final class ThisServer extends ServerIdentity {

        @Override
        public String serverId() {
            return THIS_SERVER;
        }

        @Override
        public String restUrl() {
            return THIS_REST_URL;
        }
    }

    /**
     * The tables of the purge tasks, in memory, with the store's semantics: a result is recorded (and counted) only
     * for an instance that has none, and only a RUNNING task ends.
     */
    static final class PurgeTaskTables extends PurgeTaskStore {

        final Map<String, PurgeTaskRecord> tasks = new LinkedHashMap<>();
        final Map<String, List<Item>> items = new HashMap<>();
        /** What happens from outside (a cancel, a stop) once this many results have been recorded; 0: nothing. */
        int afterResults;
        Consumer<String> then = taskId -> { };
        private int recorded;

        @Override
        public void create(PurgeTaskRecord task, List<Long> instanceIds) {
            tasks.put(task.taskId(), new PurgeTaskRecord(task.taskId(), task.submitter(), task.serverId(),
                    task.state(), task.search(), task.jobStoreOnly(), instanceIds.size(), 0, 0, "",
                    task.createTime(), task.lastUpdatedTime(), task.endTime()));
            List<Item> rows = new ArrayList<>();
            for (int position = 0; position < instanceIds.size(); position++) {
                rows.add(new Item(position, instanceIds.get(position), PENDING, "", ""));
            }
            items.put(task.taskId(), rows);
        }

        @Override
        public Optional<PurgeTaskRecord> find(String taskId) {
            return Optional.ofNullable(tasks.get(taskId));
        }

        @Override
        public Optional<PurgeTaskState> state(String taskId) {
            return find(taskId).map(PurgeTaskRecord::state);
        }

        @Override
        public List<PurgeTaskRecord> list(Optional<String> submitter, long offset, int limit) {
            return tasks.values().stream().filter(task -> submitter.map(task.submitter()::equals).orElse(true))
                    .sorted(Comparator.comparing(PurgeTaskRecord::createTime)
                            .thenComparing(PurgeTaskRecord::taskId).reversed())
                    .skip(offset).limit(limit).toList();
        }

        @Override
        public long count(Optional<String> submitter) {
            return list(submitter, 0, Integer.MAX_VALUE).size();
        }

        @Override
        public List<Item> items(String taskId, long offset, int limit) {
            return items.getOrDefault(taskId, List.of()).stream().skip(offset).limit(limit).toList();
        }

        @Override
        public List<Item> pending(String taskId, int after, int limit) {
            return items.getOrDefault(taskId, List.of()).stream()
                    .filter(item -> item.position() > after && item.purgeStatus().equals(PENDING)).limit(limit)
                    .toList();
        }

        @Override
        public void record(String taskId, int position, String purgeStatus, String message, String redirectUrl,
                           boolean purged, Instant now) {
            Item item = items.get(taskId).get(position);
            if (item.purgeStatus().equals(PENDING)) {
                items.get(taskId).set(position, new Item(position, item.instanceId(), purgeStatus, message,
                        redirectUrl));
                PurgeTaskRecord t = tasks.get(taskId);
                tasks.put(taskId, new PurgeTaskRecord(t.taskId(), t.submitter(), t.serverId(), t.state(), t.search(),
                        t.jobStoreOnly(), t.matched(), t.purged() + (purged ? 1 : 0), t.failed() + (purged ? 0 : 1),
                        t.message(), t.createTime(), now, t.endTime()));
            }
            if (++recorded == afterResults) {
                then.accept(taskId);
            }
        }

        @Override
        public boolean end(String taskId, PurgeTaskState state, String message, Instant now) {
            PurgeTaskRecord t = tasks.get(taskId);
            if (t == null || t.state() != PurgeTaskState.RUNNING) {
                return false;
            }
            tasks.put(taskId, new PurgeTaskRecord(t.taskId(), t.submitter(), t.serverId(), state, t.search(),
                    t.jobStoreOnly(), t.matched(), t.purged(), t.failed(), message, t.createTime(), now, now));
            return true;
        }

        @Override
        public List<String> runningOn(String serverId, Instant createdBefore) {
            return tasks.values().stream().filter(task -> task.state() == PurgeTaskState.RUNNING
                    && task.serverId().equals(serverId) && task.createTime().isBefore(createdBefore))
                    .map(PurgeTaskRecord::taskId).toList();
        }
    }

    /** The managed executor: holds what the services hand it until the test runs it. */
    static final class Background {

        final List<Runnable> queued = new ArrayList<>();

        ManagedExecutorService executor() {
            return (ManagedExecutorService) Proxy.newProxyInstance(ManagedExecutorService.class.getClassLoader(),
                    new Class<?>[] {ManagedExecutorService.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "execute" -> queued.add((Runnable) args[0]);
                        case "toString" -> "test executor";
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException("ManagedExecutorService."
                                + method.getName());
                    });
        }

        /** Runs what was handed over, and what that hands over in turn, in order. */
        void runAll() {
            while (!queued.isEmpty()) {
                queued.remove(0).run();
            }
        }
    }

    static final class Metrics extends BatchMetrics {

        final List<Boolean> purges = new ArrayList<>();
        final List<String> submittedJobs = new ArrayList<>();
        final List<Boolean> retentionPurges = new ArrayList<>();

        @Override
        public void retentionPurge(boolean purged) {
            retentionPurges.add(purged);
        }

        @Override
        public void instancePurged(boolean jobStoreOnly) {
            purges.add(jobStoreOnly);
        }

        @Override
        public void jobSubmitted(String jobName) {
            submittedJobs.add(jobName);
        }
    }

    /**
     * The real {@link ApplicationIdentity} with the names the server would inject ({@code java:app/AppName},
     * {@code java:module/ModuleName}), so its refusals are the product's.
     */
    private static ApplicationIdentity servedApplication() {
        ApplicationIdentity application = new ApplicationIdentity();
        set(application, "applicationName", APPLICATION);
        set(application, "moduleName", APPLICATION);
        return application;
    }

    private static void set(Object target, String field, Object value) {
        try {
            Field declared = declaredField(target.getClass(), field);
            declared.setAccessible(true);
            declared.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("Cannot set " + field + " of " + target.getClass().getName(), e);
        }
    }

    /** A field of a class or of one of its superclasses. */
    private static Field declaredField(Class<?> type, String field) throws NoSuchFieldException {
        try {
            return type.getDeclaredField(field);
        } catch (NoSuchFieldException notHere) {
            if (type.getSuperclass() == null) {
                throw notHere;
            }
            return declaredField(type.getSuperclass(), field);
        }
    }

    /** Asserts that {@code call} is refused with exactly this kind and message. */
    static Refusal assertRefused(Refusal.Kind kind, String message, Executable call) {
        Refusal refusal = assertThrows(Refusal.class, call);
        assertEquals(kind, refusal.kind(), refusal::getMessage);
        assertEquals(message, refusal.getMessage());
        return refusal;
    }

    /** Job parameters in a stable order, for readable failures. */
    static SortedMap<String, String> parameters(String... namesAndValues) {
        SortedMap<String, String> parameters = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return parameters;
    }
}
