package io.batchrest.model;

/** The kinds of state change a job event reports, with the names the event stream gives them (docs/api.md, "Job events"). */
public enum JobEventType {
    SUBMITTED("submitted"),
    STARTED("started"),
    STEP_STARTED("stepStarted"),
    STEP_ENDED("stepEnded"),
    COMPLETED("completed"),
    FAILED("failed"),
    STOPPED("stopped"),
    PURGED("purged");

    private final String eventName;

    JobEventType(String eventName) {
        this.eventName = eventName;
    }

    public String eventName() {
        return eventName;
    }
}
