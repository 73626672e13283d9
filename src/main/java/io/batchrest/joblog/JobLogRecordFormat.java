package io.batchrest.joblog;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * The line format of a job log, Liberty's: {@code [MM/dd/yy, HH:mm:ss:SSS z] <logger padded to 62> <message>},
 * then the stack trace of a thrown exception, if any.
 */
public final class JobLogRecordFormat {

    /** The logger name shown on the lines this product writes itself (banners). */
    public static final String BANNER_LOGGER = "io.batchrest.joblog";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM/dd/yy, HH:mm:ss:SSS z");

    private static final Formatter MESSAGES = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return formatMessage(record);
        }
    };

    private JobLogRecordFormat() {
    }

    public static String format(LogRecord record) {
        String line = line(record.getInstant(), record.getLoggerName(), MESSAGES.format(record));
        if (record.getThrown() == null) {
            return line;
        }
        StringWriter trace = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(trace));
        return line + trace;
    }

    /** One line ending with a newline; a multi-line message keeps its own line breaks. */
    public static String line(Instant time, String loggerName, String message) {
        StringBuilder line = new StringBuilder(96 + message.length());
        line.append('[').append(TIME.format(time.atZone(ZoneId.systemDefault()))).append("] ");
        String name = loggerName == null ? "" : loggerName;
        line.append(name);
        for (int pad = name.length(); pad < 62; pad++) {
            line.append(' ');
        }
        return line.append(' ').append(message).append('\n').toString();
    }
}
