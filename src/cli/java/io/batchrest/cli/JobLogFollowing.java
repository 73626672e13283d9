package io.batchrest.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * {@code --follow}: copies a job log's text form while the job writes it, until the execution ends. A connection
 * that breaks meanwhile is opened again at the byte position received so far ({@code offset}, README "Following a
 * job log"), so the copy neither loses nor repeats a byte.
 */
final class JobLogFollowing {

    /** Attempts in a row that may fail before the copy gives up. */
    private static final int ATTEMPTS = 5;
    private static final long PAUSE_MILLIS = 1000;

    private final BatchRestClient client;

    JobLogFollowing(BatchRestClient client) {
        this.client = client;
    }

    /** The log of {@code resource} ({@code jobinstances/<i>} or {@code jobexecutions/<e>}) to {@code out}. */
    void copy(String resource, OutputStream out) {
        long received = 0;
        int failed = 0;
        byte[] buffer = new byte[8192];
        while (true) {
            try (InputStream log = client.followJobLog(resource, received).body()) {
                int read;
                while ((read = log.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                    received += read;
                    failed = 0;
                }
                return;
            } catch (IOException | CliException broken) {
                if (broken instanceof CliException refused && !isConnectionFailure(refused) || ++failed >= ATTEMPTS) {
                    throw broken instanceof CliException cli ? cli : new CliException(ExitCodes.ERROR,
                            "Following the job log failed: " + broken, broken);
                }
                pause();
            }
        }
    }

    /** A request that never reached the server, as opposed to an answer such as 400 or 404. */
    private static boolean isConnectionFailure(CliException failure) {
        return failure.getCause() instanceof IOException;
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.ERROR, "Interrupted while following the job log", e);
        }
    }
}
