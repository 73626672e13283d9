package io.batchrest.api.json;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/** Serialises {@link JsonRepresentation} bodies (success and problem+json alike). */
@Provider
@Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
public class JsonRepresentationWriter implements MessageBodyWriter<JsonRepresentation> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return JsonRepresentation.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(JsonRepresentation body, Class<?> type, Type genericType, Annotation[] annotations,
                        MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out)
            throws IOException {
        JsonOutput.write(body, out);
    }
}
