package io.batchrest.health;

import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.Optional;

/** The one shape of every check's answer: UP, or DOWN with its cause. */
final class Checks {

    private Checks() {
    }

    static HealthCheckResponse response(String name, Optional<String> problem) {
        return problem.map(cause -> HealthCheckResponse.named(name).down().withData("cause", cause).build())
                .orElseGet(() -> HealthCheckResponse.named(name).up().build());
    }
}
