package io.batchrest.service;

import io.batchrest.events.JobEvents;
import io.batchrest.metrics.BatchMetrics;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.runtime.ApplicationIdentity;
import io.batchrest.runtime.JobOperatorGateway;
import io.batchrest.security.CallerScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Properties;

/** Starts jobs. Every check that can refuse a submission runs before the batch runtime records anything. */
@ApplicationScoped
public class JobSubmissionService {

    @Inject
    ApplicationIdentity application;

    @Inject
    JobOperatorGateway gateway;

    @Inject
    JobLookup lookup;

    @Inject
    StorableValues storable;

    @Inject
    BatchMetrics metrics;

    @Inject
    JobEvents events;

    public JobInstanceRecord submit(JobSubmission submission, CallerScope caller) {
        caller.requireSubmit();
        application.requireServed(submission.applicationName(), submission.moduleName(), submission.componentName());
        // On a new database the repository's tables exist from here on, so that the limits below are known.
        gateway.prepareNewRepository();
        storable.requireStorable(submission.jobParameters());
        submission.inlineJsl().ifPresent(jsl -> storable.requireStorableJobName(jsl.jobId()));
        Properties parameters = properties(submission.jobParameters());
        long executionId = submission.inlineJsl().isPresent()
                ? gateway.startInline(submission.inlineJsl().get(), parameters)
                : gateway.startPackaged(submission.jobXmlName(), parameters);
        JobInstanceRecord instance = lookup.instanceOfExecution(executionId);
        // The runtime names the instance from the JSL as it starts it; should the row not say yet, the JSL's name.
        metrics.jobSubmitted(instance.jobName() != null ? instance.jobName() : instance.jobXmlName());
        events.submitted(instance);
        return instance;
    }

    static Properties properties(Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }
}
