package io.batchrest.api.openapi;

/** Media types, schema names and texts that the OpenAPI annotations of the resources share. */
public final class ApiDocs {

    public static final String JSON = "application/json";
    public static final String PROBLEM = "application/problem+json";
    public static final String TEXT = "text/plain";
    public static final String XML = "application/xml";
    public static final String ZIP = "application/zip";
    public static final String MULTIPART = "multipart/form-data";

    /** The name of the HTTP Basic security scheme. */
    public static final String BASIC = "basicAuth";

    /** Names of the shared responses under {@code components/responses}. */
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String FORBIDDEN = "Forbidden";
    public static final String SERVER_ERROR = "ServerError";
    public static final String UNAVAILABLE = "Unavailable";
    public static final String BAD_INSTANCE_ID_RESPONSE = "BadInstanceId";
    public static final String BAD_EXECUTION_ID_RESPONSE = "BadExecutionId";
    public static final String NOT_FOUND_INSTANCE_RESPONSE = "NoSuchInstance";
    public static final String NOT_FOUND_EXECUTION_RESPONSE = "NoSuchExecution";

    public static final String DATE = "A date of the API: yyyy/MM/dd HH:mm:ss.SSS Z in the server's time zone; "
            + "\"\" when there is none (never null).";
    public static final String DATE_EXAMPLE = "2026/11/21 12:53:28.362 +0000";

    public static final String INSTANCE_ID = "The job instance id, an integer written with the digits 0-9; anything "
            + "else is a 400 naming the id.";
    public static final String EXECUTION_ID = "The job execution id, an integer written with the digits 0-9; "
            + "anything else is a 400 naming the id.";
    public static final String STEP_EXECUTION_ID = "The step execution id, an integer written with the digits 0-9; "
            + "anything else is a 400 naming the id.";
    public static final String SEQUENCE_NUMBER = "The 0-based sequence number of the execution within its instance "
            + "(0 = the first execution, 1 = the first restart, ...).";
    public static final String ALIAS = "jobexecutions, or Liberty's alias jobexecnum: both address an execution by "
            + "its sequence number.";
    public static final String STEP_NAME = "The step name (the id of the step in the JSL), matched literally.";
    public static final String ACTION = "stop or restart (case-insensitive); anything else, or none, is a 400 "
            + "\"only action=stop and action=restart are supported\".";
    public static final String REUSE = "With action=restart: true = the new execution starts with the parameters of "
            + "the previous execution, overridden key by key by the body's jobParameters; false (default) = only the "
            + "body's. Anything but true/false is a 400.";
    public static final String PURGE_JOB_STORE_ONLY = "true = delete only the repository rows and keep the job log "
            + "files; false (default) = delete the log files first. Anything but true/false is a 400.";
    public static final String LOG_TYPE = "Absent: a JSON array of links to the logs. text: every log file as "
            + "text/plain, each between 'Begin file' and 'End file' lines. zip: the files as application/zip. "
            + "Anything else is a 400.";
    public static final String LOG_FOLLOW = "true (with type=text only): the text form as the execution writes it, "
            + "ending when the execution ends; the bytes are those of type=text once the execution has ended. "
            + "Anything but true/false is a 400.";
    public static final String LOG_OFFSET = "The first byte to send of a text answer (type=text, with or without "
            + "follow=true, or a part's raw bytes), counted from 0 in the whole answer: a client that received n bytes "
            + "resumes with offset=n and loses and repeats nothing. Negative, not a number, with a zip or the links, "
            + "or past the end of the log as it is now: a 400.";

    public static final String NOT_FOUND_INSTANCE = "No job instance has this id.";
    public static final String NOT_FOUND_EXECUTION = "No job execution has this id.";
    public static final String BAD_INSTANCE_ID = "The job instance id is not an integer written with the digits 0-9 "
            + "(\"The job instance id (x) must be a Long integer\").";
    public static final String BAD_EXECUTION_ID = "The job execution id is not an integer written with the digits "
            + "0-9 (\"The job execution id (x) must be a Long integer\").";

    public static final String LINKS = "RFC 8288 links to the next and previous pages (rel=\"next\", rel=\"prev\"); "
            + "absent on a single page. next is present exactly when a match follows the page, and carries a cursor "
            + "(after=) for a search sorted by one key.";
    public static final String TOTAL = "The number of matches before paging, where it was counted: up to 1,000 "
            + "matches (docs/api.md, Totals), or every match with count=exact.";
    public static final String TOTAL_LOWER_BOUND = "Instead of X-Total-Count where the total was not counted: at "
            + "least this many instances match. A count above the limit may be one made up to a second before (the "
            + "server variable batchrest.search.largeCountMillis); count=exact always counts.";

    private ApiDocs() {
    }
}
