package io.batchrest.cluster;

import io.batchrest.joblog.LogSection;
import io.batchrest.model.JobExecutionRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Job logs that live on the server that ran an execution, read and deleted through that server's own API: its
 * listing ({@code jobexecutions/{e}/joblogs}), its parts ({@code ?part=…&type=text}) and its delete
 * ({@code DELETE jobinstances/{i}/joblogs}, which a forwarded request applies to that server's files only).
 */
@ApplicationScoped
public class RemoteJobLogs {

    private static final String PART_LINK = "joblog part text";

    @Inject
    PeerClient peers;

    /** The part files the execution's server lists for it, in its order. */
    public List<String> parts(JobExecutionRecord execution) {
        HttpResponse<InputStream> answer = peers.send("GET", logsUrl(execution));
        try (InputStream body = answer.body()) {
            if (answer.statusCode() != 200) {
                throw new PeerUnreachableException(restRoot(execution), answer.statusCode());
            }
            List<String> parts = new ArrayList<>();
            try (JsonReader reader = Json.createReader(body)) {
                for (JsonValue link : reader.readArray()) {
                    JsonObject object = link.asJsonObject();
                    if (PART_LINK.equals(object.getString("rel", ""))) {
                        parts.add(partOf(object.getString("href")));
                    }
                }
            }
            return parts;
        } catch (IOException | JsonException | ClassCastException | IllegalArgumentException e) {
            throw new PeerUnreachableException(restRoot(execution), e);
        }
    }

    /** Reads the listed parts from the execution's server. */
    public LogSection.PartSource source(JobExecutionRecord execution) {
        return part -> {
            HttpResponse<InputStream> answer = peers.send("GET", logsUrl(execution) + "?part="
                    + URLEncoder.encode(part, StandardCharsets.UTF_8) + "&type=text");
            if (answer.statusCode() != 200) {
                answer.body().close();
                throw new IOException("The server at " + restRoot(execution) + " answered with HTTP status "
                        + answer.statusCode() + " for job log part " + part + " of job execution "
                        + execution.executionId() + ".");
            }
            return answer.body();
        };
    }

    /** Deletes the instance's log files on the server at {@code restUrl}; those of other servers stay. */
    public void deleteInstanceLogs(String restUrl, long instanceId) {
        String root = PeerClient.restRoot(restUrl);
        HttpResponse<InputStream> answer;
        try {
            answer = peers.send("DELETE", root + "jobinstances/" + instanceId + "/joblogs");
        } catch (PeerUnreachableException unreachable) {
            throw new PeerUnreachableException(root, unreachable.getCause()); // named by its REST root
        }
        try (InputStream body = answer.body()) {
            body.transferTo(java.io.OutputStream.nullOutputStream()); // lets the connection be reused
        } catch (IOException e) {
            throw new PeerUnreachableException(root, e);
        }
        if (answer.statusCode() / 100 != 2) {
            throw new PeerUnreachableException(root, answer.statusCode());
        }
    }

    private static String logsUrl(JobExecutionRecord execution) {
        return restRoot(execution) + "jobexecutions/" + execution.executionId() + "/joblogs";
    }

    private static String restRoot(JobExecutionRecord execution) {
        return PeerClient.restRoot(execution.restUrl());
    }

    /** The {@code part} query parameter of a part link. */
    private static String partOf(String href) {
        String query = URI.create(href).getRawQuery();
        for (String parameter : query == null ? new String[0] : query.split("&")) {
            if (parameter.startsWith("part=")) {
                return URLDecoder.decode(parameter.substring("part=".length()), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalArgumentException("A job log part link without a part: " + href);
    }
}
