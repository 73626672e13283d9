package io.batchrest.api;

import io.batchrest.model.Refusal;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a multipart body that JAX-RS's multipart reader would misread: without a {@code boundary} parameter (it
 * fails with a server fault) or without its closing delimiter (it takes a cut-off body as complete, and a job
 * would start from half a form). Runs before the reader, on the body that {@link RequestBodyFilter} bounds.
 */
@Provider
public class MultipartFormCheck implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type == null || !type.getType().equalsIgnoreCase("multipart")) {
            return context.proceed();
        }
        String boundary = type.getParameters().get("boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw Refusal.invalid("The Content-Type " + type.getType() + "/" + type.getSubtype()
                    + " has no boundary parameter: a multipart body needs one (multipart/form-data; boundary=...).");
        }
        byte[] body = context.getInputStream().readAllBytes();
        if (!hasClosingDelimiter(new String(body, StandardCharsets.ISO_8859_1), boundary)) {
            throw Refusal.invalid("The multipart body does not end with its closing delimiter --" + boundary
                    + "--: it is incomplete.");
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    /** RFC 2046: the close delimiter is {@code --boundary--} at the start of a line, followed only by the epilogue. */
    static boolean hasClosingDelimiter(String body, String boundary) {
        String close = "--" + boundary + "--";
        int at = body.lastIndexOf(close);
        return at == 0 || at > 0 && body.charAt(at - 1) == '\n';
    }
}
