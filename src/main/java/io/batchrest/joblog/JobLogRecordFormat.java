package io.batchrest.joblog;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * The line format of a job log, Liberty's: {@code [MM/dd/yy, HH:mm:ss:SSS z] <logger padded to 62> <message>},
 * then the stack trace of a thrown exception, if any.
 * <p>
 * Job logging runs on the job's own thread for every record it logs, so this is the hot path of the feature: one
 * instance per work unit, used under the unit's lock, encodes a record straight into the unit's byte buffer and keeps
 * the encoded time and logger column of the last record, which a job logging in a loop repeats for many records
 * (formatting the time is otherwise most of the cost of a line).
 */
final class JobLogRecordFormat {

    /** The logger name shown on the lines this product writes itself (banners). */
    static final String BANNER_LOGGER = "io.batchrest.joblog";

    private static final int LOGGER_WIDTH = 62;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM/dd/yy, HH:mm:ss:SSS z");
    private static final byte[] NEW_LINE = {'\n'};

    private static final Formatter MESSAGES = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return formatMessage(record);
        }
    };

    private long timeMillis = Long.MIN_VALUE;
    /** {@code [<time>] } of the last record. */
    private byte[] timeColumn;
    private String loggerName;
    /** The last record's logger name padded to its column, with the space before the message. */
    private byte[] loggerColumn;

    /** Appends the line(s) of one record to {@code out}. */
    void encode(LogRecord record, LineBuffer out) {
        boolean plain = record.getParameters() == null && record.getResourceBundle() == null;
        String message = plain ? String.valueOf(record.getMessage()) : MESSAGES.format(record);
        out.append(timeColumn(record.getMillis()));
        out.append(loggerColumn(record.getLoggerName() == null ? "" : record.getLoggerName()));
        out.append(message.getBytes(StandardCharsets.UTF_8));
        out.append(NEW_LINE);
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            out.append(trace.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** One record as the text {@link #encode} puts into a part file. */
    static String format(LogRecord record) {
        LineBuffer line = new LineBuffer(256);
        new JobLogRecordFormat().encode(record, line);
        return line.toString();
    }

    /** The server's default zone is looked up again for every new millisecond, not for every record. */
    private byte[] timeColumn(long millis) {
        if (millis != timeMillis) {
            timeColumn = ("[" + TIME.format(Instant.ofEpochMilli(millis).atZone(ZoneId.systemDefault())) + "] ")
                    .getBytes(StandardCharsets.UTF_8);
            timeMillis = millis;
        }
        return timeColumn;
    }

    private byte[] loggerColumn(String name) {
        if (!name.equals(loggerName)) {
            String padding = name.length() < LOGGER_WIDTH ? " ".repeat(LOGGER_WIDTH - name.length()) : "";
            loggerColumn = (name + padding + " ").getBytes(StandardCharsets.UTF_8);
            loggerName = name;
        }
        return loggerColumn;
    }
}
