package io.batchrest.api.view;

import jakarta.json.stream.JsonGenerator;

/** The {@code _links} entries of Liberty's representations: objects with {@code rel} then {@code href}. */
final class Links {

    private Links() {
    }

    static void write(JsonGenerator json, String rel, String href) {
        json.writeStartObject();
        json.write("rel", rel);
        json.write("href", href);
        json.writeEnd();
    }

    /** A stored REST root as the API shows it: with a trailing slash, or {@code ""} when none is recorded. */
    static String restUrl(String stored) {
        if (stored == null || stored.isEmpty()) {
            return "";
        }
        return stored.endsWith("/") ? stored : stored + "/";
    }
}
