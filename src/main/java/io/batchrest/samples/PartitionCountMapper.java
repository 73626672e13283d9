package io.batchrest.samples;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Properties;

/** Splits {@code partitionedBatchlet}'s step into {@code partitions} partitions numbered from 0. */
@Named("partitionCountMapper")
@Dependent
public class PartitionCountMapper implements PartitionMapper {

    @Inject
    @BatchProperty
    String partitions;

    @Override
    public PartitionPlan mapPartitions() {
        int count = SampleProperties.intValue("partitions", partitions, 3);
        Properties[] perPartition = new Properties[count];
        for (int number = 0; number < count; number++) {
            perPartition[number] = new Properties();
            perPartition[number].setProperty("partitionNumber", Integer.toString(number));
        }
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(count);
        plan.setThreads(count);
        plan.setPartitionProperties(perPartition);
        return plan;
    }
}
