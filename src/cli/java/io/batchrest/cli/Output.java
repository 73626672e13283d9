package io.batchrest.cli;

import java.io.PrintStream;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where the client writes. Messages go to standard output with Liberty's timestamp prefix
 * ({@code [2026/11/21 12:53:28.362 +0000] CWWKY0101I: …}); errors and progress lines go to standard error.
 */
final class Output {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("'['yyyy/MM/dd HH:mm:ss.SSS Z']'");

    private final PrintStream out;
    private final PrintStream err;

    Output(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    /** A message line on standard output. */
    void info(String pattern, Object... inserts) {
        out.println(timestamp() + " " + Messages.format(pattern, inserts));
        out.flush();
    }

    /** A progress line on standard error. */
    void progress(String pattern, Object... inserts) {
        err.println(timestamp() + " " + Messages.format(pattern, inserts));
        err.flush();
    }

    static String timestamp() {
        return TIMESTAMP.format(ZonedDateTime.now());
    }
}
