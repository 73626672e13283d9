package io.batchrest.model;

import jakarta.batch.runtime.Metric;

import java.util.EnumMap;
import java.util.Map;

/** The eight Jakarta Batch step metrics, in the order the API lists them. */
public record StepMetrics(long read, long write, long commit, long rollback, long readSkip, long processSkip,
                          long filter, long writeSkip) {

    /** The metrics a running step's context reports; one it does not report counts 0. */
    public static StepMetrics of(Metric[] metrics) {
        Map<Metric.MetricType, Long> values = new EnumMap<>(Metric.MetricType.class);
        for (Metric metric : metrics == null ? new Metric[0] : metrics) {
            values.put(metric.getType(), metric.getValue());
        }
        return new StepMetrics(values.getOrDefault(Metric.MetricType.READ_COUNT, 0L),
                values.getOrDefault(Metric.MetricType.WRITE_COUNT, 0L),
                values.getOrDefault(Metric.MetricType.COMMIT_COUNT, 0L),
                values.getOrDefault(Metric.MetricType.ROLLBACK_COUNT, 0L),
                values.getOrDefault(Metric.MetricType.READ_SKIP_COUNT, 0L),
                values.getOrDefault(Metric.MetricType.PROCESS_SKIP_COUNT, 0L),
                values.getOrDefault(Metric.MetricType.FILTER_COUNT, 0L),
                values.getOrDefault(Metric.MetricType.WRITE_SKIP_COUNT, 0L));
    }
}
