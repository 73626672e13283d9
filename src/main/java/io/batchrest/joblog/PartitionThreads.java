package io.batchrest.joblog;

import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.inject.spi.CDI;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells which step execution the current batch thread runs. Jakarta Batch gives partition threads no listener
 * callback and no API for their partition, so this asks the runtime's step context: Liberty's
 * {@code StepContextImpl} wraps the thread's own step execution, whose internal id is the partition's row in
 * STEPTHREADEXECUTION (the top-level step's id for a thread that is not a partition). Liberty leaves a finished
 * partition's context on its pool thread, so only a step that is still running counts. If the runtime's classes
 * ever change shape, the partition is "unknown" and its records go to the execution's top-level log.
 */
final class PartitionThreads {

    /** The step of an execution the current thread runs; {@code partitionStepExecutionId} if it is a partition. */
    record BatchThread(long executionId, String stepName, Optional<Long> partitionStepExecutionId) {
    }

    private static final Logger LOG = Logger.getLogger(PartitionThreads.class.getName());

    private volatile boolean unsupported;

    /** The running step of the current thread, if it runs one. */
    Optional<BatchThread> current() {
        StepContext step;
        JobContext job;
        try {
            step = CDI.current().select(StepContext.class).get();
            job = CDI.current().select(JobContext.class).get();
        } catch (RuntimeException noBatchContext) {
            return Optional.empty();
        }
        if (step == null || job == null
                || (step.getBatchStatus() != BatchStatus.STARTED && step.getBatchStatus() != BatchStatus.STARTING)) {
            return Optional.empty();
        }
        Optional<Long> own = unsupported ? Optional.empty() : ownStepExecutionId(step);
        return Optional.of(new BatchThread(job.getExecutionId(), step.getStepName(),
                own.filter(id -> id != step.getStepExecutionId())));
    }

    private Optional<Long> ownStepExecutionId(StepContext step) {
        try {
            Object execution = DELEGATE.get(step.getClass()).orElseThrow(
                    () -> new NoSuchFieldException(step.getClass().getName() + ".delegate")).get(step);
            if (execution == null) {
                return Optional.empty();
            }
            Object id = INTERNAL_ID.get(execution.getClass()).orElseThrow(() -> new NoSuchMethodException(
                    execution.getClass().getName() + ".getInternalStepThreadExecutionId")).invoke(execution);
            return id instanceof Long value ? Optional.of(value) : Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            unsupported = true;
            LOG.log(Level.WARNING, "The partition of a batch thread cannot be determined on this runtime; records of "
                    + "partition threads go to their execution's top-level job log", e);
            return Optional.empty();
        }
    }

    /** The runtime's step context wraps its step execution in this field (declared here or in a superclass). */
    private static final ClassValue<Optional<Field>> DELEGATE = new ClassValue<>() {
        @Override
        protected Optional<Field> computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                try {
                    Field field = c.getDeclaredField("delegate");
                    field.setAccessible(true);
                    return Optional.of(field);
                } catch (NoSuchFieldException next) {
                    // look in the superclass
                } catch (RuntimeException inaccessible) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        }
    };

    /** The step execution's id of its own STEPTHREADEXECUTION row. */
    private static final ClassValue<Optional<Method>> INTERNAL_ID = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            try {
                Method method = type.getMethod("getInternalStepThreadExecutionId");
                method.setAccessible(true);
                return Optional.of(method);
            } catch (NoSuchMethodException | RuntimeException missing) {
                return Optional.empty();
            }
        }
    };
}
