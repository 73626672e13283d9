package io.batchrest.joblog;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
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

    private static final int LOGGER_WIDTH = 62;
    private static final String PADDING = " ".repeat(LOGGER_WIDTH);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM/dd/yy, HH:mm:ss:SSS z");

    private static final Formatter MESSAGES = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return formatMessage(record);
        }
    };

    private JobLogRecordFormat() {
    }

    private static String time(Instant time) {
        long millis = time.toEpochMilli();
        CachedTime cached = LAST_TIME.get();
        if (cached != null && cached.epochMilli() == millis) {
            return cached.text();
        }
        ZoneId zone = ZoneId.systemDefault();
        String text = TIME.format(time.atZone(zone));
        LAST_TIME.set(new CachedTime(millis, zone, text));
        return text;
    }

    /** Writes one record straight into {@code out}, without building the line first: the hot path of job logging. */
    static void write(LogRecord record, Writer out) throws IOException {
        boolean plain = record.getParameters() == null && record.getResourceBundle() == null;
        String message = plain ? String.valueOf(record.getMessage()) : MESSAGES.format(record);
        String name = record.getLoggerName() == null ? "" : record.getLoggerName();
        out.write('[');
        out.write(time(record.getInstant()));
        out.write("] ");
        out.write(name);
        if (name.length() < LOGGER_WIDTH) {
            out.write(PADDING, 0, LOGGER_WIDTH - name.length());
        }
        out.write(' ');
        out.write(message);
        out.write('\n');
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            out.write(trace.toString());
        }
    }

    /** One record as the text {@link #write} puts into a part file. */
    public static String format(LogRecord record) {
        StringWriter text = new StringWriter();
        try {
            write(record, text);
        } catch (IOException cannotHappen) {
            throw new java.io.UncheckedIOException(cannotHappen);
        }
        return text.toString();
    }

    /**
     * The formatted time of the last record of this thread. A job that logs in a loop writes many records within one
     * millisecond, and formatting the time (with a lookup of the default zone) is most of the cost of a line.
     */
    private static final ThreadLocal<CachedTime> LAST_TIME = new ThreadLocal<>();

    private record CachedTime(long epochMilli, ZoneId zone, String text) {
    }

}
