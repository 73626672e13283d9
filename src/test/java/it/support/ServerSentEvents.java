package it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A client of a server-sent event stream: reads the stream on a thread of its own and hands over each event, and each
 * comment, as it is complete.
 */
public final class ServerSentEvents implements AutoCloseable {

    /** An event ({@code name} and {@code data} set, {@code id} if it had one) or a comment ({@code comment} set). */
    public record Event(String id, String name, String data, String comment) {

        public JsonObject json() {
            return Json.createReader(new StringReader(data)).readObject();
        }

        public long numericId() {
            return Long.parseLong(id);
        }

        public boolean isComment() {
            return comment != null;
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> received = new LinkedBlockingQueue<>();

    private ServerSentEvents(HttpResponse<InputStream> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream; asserts nothing about the answer, which {@link #status()} tells. */
    public static ServerSentEvents open(HttpRequest.Builder request) {
        try {
            return new ServerSentEvents(BatchApi.client().send(request.header("Accept", "text/event-stream")
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException("Opening the event stream failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The next event or comment; fails after a minute without one. */
    public Event next() {
        try {
            Event event = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("No server-sent event within " + WAIT);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next event (not comment) that {@code wanted} selects, skipping others. */
    public Event nextEvent(Predicate<Event> wanted) {
        while (true) {
            Event event = next();
            if (!event.isComment() && wanted.test(event)) {
                return event;
            }
        }
    }

    /** The events (not comments) up to and including the first that {@code last} selects. */
    public List<Event> eventsUntil(Predicate<Event> last) {
        List<Event> events = new ArrayList<>();
        while (true) {
            Event event = next();
            if (!event.isComment()) {
                events.add(event);
                if (last.test(event)) {
                    return events;
                }
            }
        }
    }

    /** The events and comments that have arrived and not been taken yet. */
    public List<Event> drain() {
        List<Event> events = new ArrayList<>();
        received.drainTo(events);
        return events;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        received.add(new Event(id, name == null ? "message" : name, data.toString(), null));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    received.add(new Event(null, null, null, line.substring(1).strip()));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { }
                    }
                }
            }
        } catch (IOException e) {
            // closed by the test or by the server
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
