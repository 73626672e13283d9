package io.batchrest.api.view;

import io.batchrest.api.ApiLinks;
import io.batchrest.api.json.JsonOutput;
import io.batchrest.api.json.JsonRepresentation;
import io.batchrest.model.InstanceState;
import io.batchrest.model.JobInstanceRecord;
import io.batchrest.model.StepExecutionRecord;
import io.batchrest.model.StepMetrics;
import jakarta.batch.runtime.BatchStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The views render byte for byte what Liberty's API sends (reference captures 11 and 15): field order, 4-space
 * indentation, {@code "key": value}, empty arrays over two lines, no trailing newline.
 */
class LibertyJsonLayoutTest {

    private static final ApiLinks LINKS = ApiLinks.of("https://localhost:9444/ibm/api/batch/jobinstances/1",
            "/ibm/api/batch", null);

    private TimeZone previous;

    @BeforeEach
    void serverInUtc() {
        previous = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    }

    @AfterEach
    void restoreTimeZone() {
        TimeZone.setDefault(previous);
    }

    @Test
    void aJobInstanceIsRenderedExactlyLikeLibertysCapture() {
        JobInstanceRecord instance = new JobInstanceRecord(1, "batchletJob", "batchprobe#batchprobe.war", "admin",
                BatchStatus.COMPLETED, "batchletJob", InstanceState.COMPLETED, "COMPLETED",
                Instant.parse("2026-11-21T12:53:28.362Z"), Instant.parse("2026-11-21T12:53:29.167Z"), 1);

        assertEquals("""
                {
                    "jobName": "batchletJob",
                    "instanceId": 1,
                    "appName": "batchprobe#batchprobe.war",
                    "submitter": "admin",
                    "batchStatus": "COMPLETED",
                    "jobXMLName": "batchletJob",
                    "instanceState": "COMPLETED",
                    "lastUpdatedTime": "2026/11/21 12:53:29.167 +0000",
                    "_links": [
                        {
                            "rel": "self",
                            "href": "https://localhost:9444/ibm/api/batch/jobinstances/1"
                        },
                        {
                            "rel": "job logs",
                            "href": "https://localhost:9444/ibm/api/batch/jobinstances/1/joblogs"
                        },
                        {
                            "rel": "job execution",
                            "href": "https://localhost:9444/ibm/api/batch/jobinstances/1/jobexecutions/0"
                        }
                    ]
                }""", render(new JobInstanceView(instance, LINKS, true)));
    }

    @Test
    void stepExecutionsAreRenderedExactlyLikeLibertysCapture() {
        StepExecutionRecord step = new StepExecutionRecord(2, "chunkStep", 2, 2, "admin", BatchStatus.COMPLETED,
                Instant.parse("2026-11-21T12:53:35.405Z"), Instant.parse("2026-11-21T12:53:35.539Z"), "COMPLETED",
                new StepMetrics(25, 20, 3, 0, 0, 0, 5, 0), List.of());

        assertEquals("""
                [
                    {
                        "stepExecutionId": 2,
                        "stepName": "chunkStep",
                        "executionId": 2,
                        "instanceId": 2,
                        "batchStatus": "COMPLETED",
                        "startTime": "2026/11/21 12:53:35.405 +0000",
                        "endTime": "2026/11/21 12:53:35.539 +0000",
                        "exitStatus": "COMPLETED",
                        "metrics": {
                            "READ_COUNT": "25",
                            "WRITE_COUNT": "20",
                            "COMMIT_COUNT": "3",
                            "ROLLBACK_COUNT": "0",
                            "READ_SKIP_COUNT": "0",
                            "PROCESS_SKIP_COUNT": "0",
                            "FILTER_COUNT": "5",
                            "WRITE_SKIP_COUNT": "0"
                        },
                        "partitions": [
                        ]
                    },
                    {
                        "_links": [
                            {
                                "rel": "job execution",
                                "href": "https://localhost:9444/ibm/api/batch/jobexecutions/2"
                            },
                            {
                                "rel": "job instance",
                                "href": "https://localhost:9444/ibm/api/batch/jobinstances/2"
                            }
                        ]
                    }
                ]""", render(new StepExecutionsView(List.of(step), LINKS)));
    }

    @Test
    void missingStringsAndDatesAreEmptyStringsNeverNull() {
        JobInstanceRecord failedBeforeStart = new JobInstanceRecord(9, null, "batch-rest#batch-rest.war", "admin",
                BatchStatus.FAILED, "batchrest-inline-0b7f", InstanceState.FAILED, null, Instant.EPOCH, null, 0);

        String json = render(new JobInstanceView(failedBeforeStart, LINKS, true));

        assertEquals(true, json.contains("\"jobName\": \"\","));
        assertEquals(true, json.contains("\"jobXMLName\": \"\","));
        assertEquals(true, json.contains("\"lastUpdatedTime\": \"\","));
        assertEquals(false, json.contains("null"));
    }

    @Test
    void linksKeepTheVersionOfTheRequest() {
        ApiLinks v3 = ApiLinks.of("https://h:1/ibm/api/batch/v3/jobinstances/4", "/ibm/api/batch", null);
        JobInstanceRecord instance = new JobInstanceRecord(4, "j", "a#a.war", "u", BatchStatus.COMPLETED, "j",
                InstanceState.COMPLETED, "COMPLETED", Instant.EPOCH, Instant.EPOCH, 2);

        String json = render(new JobInstanceView(instance, v3, true));

        assertEquals(true, json.contains("\"href\": \"https://h:1/ibm/api/batch/v3/jobinstances/4/jobexecutions/1\""));
        assertEquals(true, json.indexOf("jobexecutions/1") < json.indexOf("jobexecutions/0"));
    }

    static String render(JsonRepresentation view) {
        return JsonOutput.pretty(view);
    }
}
