package io.batchrest.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a request that the web container refused did wrong, in the API's words: found from the request itself, not
 * from the container's exception text (which names its own classes). Headers JAX-RS cannot read are refused before,
 * by {@link MediaTypeHeaderFilter}.
 */
record ContainerRefusal(int status, String detail) {

    /** Path characters Liberty's web container refuses before any filter or resource of the API runs. */
    private static final List<String[]> REFUSED_IN_PATHS = List.of(
            new String[] {"%2f", "an encoded '/' (%2F)"},
            new String[] {"%2e", "an encoded '.' (%2E)"},
            new String[] {"%5c", "an encoded '\\' (%5C)"},
            new String[] {"\\", "a '\\'"},
            new String[] {"%00", "an encoded NUL character (%00)"});

    static ContainerRefusal of(int status, Throwable fault, HttpServletRequest request) {
        String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        // Only a refusal of the container itself: a 404 of a servlet for such a path stays a 404.
        Optional<String> refusedCharacter = status == 400 || fault != null ? refusedCharacter(path) : Optional.empty();
        if (refusedCharacter.isPresent()) {
            return new ContainerRefusal(400, "The request path contains " + refusedCharacter.get()
                    + ", which the batch API does not accept in a path: ids are numbers and names are "
                    + "single path segments.");
        }
        if (status >= 500 || status < 400) {
            return new ContainerRefusal(500, "");
        }
        return new ContainerRefusal(status, switch (status) {
            case 400 -> "The request could not be read: its URL, headers or body are malformed.";
            case 404 -> "There is no resource at " + path + ".";
            case 405 -> "The method " + request.getMethod() + " is not allowed on " + path + ".";
            case 413 -> "The request is too large.";
            default -> "The request was refused (HTTP " + status + ").";
        });
    }

    static Optional<String> refusedCharacter(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return REFUSED_IN_PATHS.stream().filter(refused -> lower.contains(refused[0])).map(refused -> refused[1])
                .findFirst();
    }
}
