package io.batchrest.api.problem;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.SeBootstrap;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.Variant;
import jakarta.ws.rs.ext.RuntimeDelegate;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * What the exception mappers need of the server, without one: the current request (a proxy that knows its URI and
 * body), and the JAX-RS runtime's response builder ({@link Responses}, a plain value holder; the tests have no
 * JAX-RS implementation on their class path).
 */
final class Fakes {

    private Fakes() {
    }

    /** A request for {@code uri} without a body. */
    static HttpServletRequest request(String uri) {
        return request(uri, null);
    }

    /** A request for {@code uri} whose body is read from {@code body} (chunked: no declared length). */
    static HttpServletRequest request(String uri, InputStream body) {
        return proxy(HttpServletRequest.class, (name, args) -> switch (name) {
            case "getRequestURI" -> uri;
            case "getMethod" -> "POST";
            case "getContentLengthLong" -> -1L;
            case "getContentLength" -> -1;
            case "getInputStream" -> servletStream(body);
            default -> throw new UnsupportedOperationException("HttpServletRequest." + name);
        });
    }

    /** A response that must not be touched. */
    static HttpServletResponse untouchedResponse() {
        return proxy(HttpServletResponse.class, (name, args) -> {
            throw new UnsupportedOperationException("HttpServletResponse." + name);
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "toString" -> "test " + type.getSimpleName();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> answer.answer(method.getName(), args);
                }));
    }

    private static ServletInputStream servletStream(InputStream body) {
        return new ServletInputStream() {
            @Override
            public int read() throws java.io.IOException {
                return body.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
                return body.read(buffer, offset, length);
            }

            @Override
            public boolean isFinished() {
                return false;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** Installs {@link Responses} as the JAX-RS runtime, once for the JVM (there is no other in the unit tests). */
    static synchronized void installResponses() {
        RuntimeDelegate.setInstance(new Responses());
    }

    /** Builds {@link Built} responses: status, entity and headers, nothing else. */
    static final class Responses extends RuntimeDelegate {

        @Override
        public Response.ResponseBuilder createResponseBuilder() {
            return new Builder();
        }

        @Override
        public UriBuilder createUriBuilder() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Variant.VariantListBuilder createVariantListBuilder() {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> T createEndpoint(Application application, Class<T> endpointType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> HeaderDelegate<T> createHeaderDelegate(Class<T> type) {
            throw new UnsupportedOperationException("HeaderDelegate of " + type.getName());
        }

        @Override
        public Link.Builder createLinkBuilder() {
            throw new UnsupportedOperationException();
        }

        @Override
        public SeBootstrap.Configuration.Builder createConfigurationBuilder() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<SeBootstrap.Instance> bootstrap(Application application,
                                                                SeBootstrap.Configuration configuration) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<SeBootstrap.Instance> bootstrap(Class<? extends Application> application,
                                                                SeBootstrap.Configuration configuration) {
            throw new UnsupportedOperationException();
        }

        @Override
        public EntityPart.Builder createEntityPartBuilder(String partName) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class Builder extends Response.ResponseBuilder {

        private int status = 200;
        private Object entity;
        private final MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();

        @Override
        public Response build() {
            return new Built(status, entity, new MultivaluedHashMap<>(headers));
        }

        @Override
        public Response.ResponseBuilder clone() {
            Builder copy = new Builder();
            copy.status = status;
            copy.entity = entity;
            copy.headers.putAll(headers);
            return copy;
        }

        @Override
        public Response.ResponseBuilder status(int code) {
            this.status = code;
            return this;
        }

        @Override
        public Response.ResponseBuilder status(int code, String reasonPhrase) {
            return status(code);
        }

        @Override
        public Response.ResponseBuilder entity(Object body) {
            this.entity = body;
            return this;
        }

        @Override
        public Response.ResponseBuilder entity(Object body, Annotation[] annotations) {
            return entity(body);
        }

        @Override
        public Response.ResponseBuilder header(String name, Object value) {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.add(name, value);
            }
            return this;
        }

        @Override
        public Response.ResponseBuilder type(String type) {
            headers.putSingle(HttpHeaders.CONTENT_TYPE, type);
            return this;
        }

        @Override
        public Response.ResponseBuilder type(MediaType type) {
            return type(type.getType() + "/" + type.getSubtype());
        }

        private static Response.ResponseBuilder unsupported() {
            throw new UnsupportedOperationException("not needed by the problem mappers");
        }

        @Override
        public Response.ResponseBuilder allow(String... methods) {
            return unsupported();
        }

        @Override
        public Response.ResponseBuilder allow(Set<String> methods) {
            return unsupported();
        }

        @Override
        public Response.ResponseBuilder cacheControl(CacheControl cacheControl) {
            return unsupported();
        }

        @Override
        public Response.ResponseBuilder encoding(String encoding) {
            return unsupported();
        }

        @Override
        public Response.ResponseBuilder replaceAll(MultivaluedMap<String, Object> all) {
            return unsupported();
        }

        @Override
        public Response.ResponseBuilder language(String language) {
            return unsupported();
        }

        @Override
        public Response.ResponseBuilder language(Locale language) {
            return unsupported();
        }

        @Override
        public Response.ResponseBuilder variant(Variant variant) {
            return unsupported();
        }

        @Override
        public Response.ResponseBuilder contentLocation(URI location) {
            return unsupported();
        }

        @Override
        public Response.ResponseBuilder cookie(NewCookie... cookies) {
            return unsupported();
        }

        @Override
        public Response.ResponseBuilder expires(Date expires) {
            return unsupported();
        }

        @Override
        public Response.ResponseBuilder lastModified(Date lastModified) {
            return unsupported();
        }

        @Override
        public Response.ResponseBuilder location(URI location) {
            return unsupported();
        }

        @Override
        public Response.ResponseBuilder tag(EntityTag tag) {
            return unsupported();
        }

        @Override
        public Response.ResponseBuilder tag(String tag) {
            return unsupported();
        }

        @Override
        public Response.ResponseBuilder variants(Variant... variants) {
            return unsupported();
        }

        @Override
        public Response.ResponseBuilder variants(List<Variant> variants) {
            return unsupported();
        }

        @Override
        public Response.ResponseBuilder links(Link... links) {
            return unsupported();
        }

        @Override
        public Response.ResponseBuilder link(URI uri, String rel) {
            return unsupported();
        }

        @Override
        public Response.ResponseBuilder link(String uri, String rel) {
            return unsupported();
        }
    }

    /** A built response: what a mapper answered, as the tests read it. */
    static final class Built extends Response {

        private final int status;
        private final Object entity;
        private final MultivaluedMap<String, Object> headers;

        Built(int status, Object entity, MultivaluedMap<String, Object> headers) {
            this.status = status;
            this.entity = entity;
            this.headers = headers;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public StatusType getStatusInfo() {
            return Status.fromStatusCode(status);
        }

        @Override
        public Object getEntity() {
            return entity;
        }

        @Override
        public boolean hasEntity() {
            return entity != null;
        }

        @Override
        public MultivaluedMap<String, Object> getMetadata() {
            return headers;
        }

        @Override
        public MultivaluedMap<String, String> getStringHeaders() {
            MultivaluedMap<String, String> strings = new MultivaluedHashMap<>();
            headers.forEach((name, values) -> values.forEach(value -> strings.add(name, String.valueOf(value))));
            return strings;
        }

        @Override
        public String getHeaderString(String name) {
            List<Object> values = headers.get(name);
            return values == null ? null : values.stream().map(String::valueOf).collect(Collectors.joining(","));
        }

        @Override
        public MediaType getMediaType() {
            String type = getHeaderString(HttpHeaders.CONTENT_TYPE);
            if (type == null) {
                return null;
            }
            String[] parts = type.split(";")[0].trim().split("/");
            return new MediaType(parts[0], parts[1]);
        }

        @Override
        public void close() {
        }

        private static <T> T unsupported() {
            throw new UnsupportedOperationException("not needed by the problem mappers");
        }

        @Override
        public <T> T readEntity(Class<T> type) {
            return unsupported();
        }

        @Override
        public <T> T readEntity(GenericType<T> type) {
            return unsupported();
        }

        @Override
        public <T> T readEntity(Class<T> type, Annotation[] annotations) {
            return unsupported();
        }

        @Override
        public <T> T readEntity(GenericType<T> type, Annotation[] annotations) {
            return unsupported();
        }

        @Override
        public boolean bufferEntity() {
            return unsupported();
        }

        @Override
        public Locale getLanguage() {
            return unsupported();
        }

        @Override
        public int getLength() {
            return unsupported();
        }

        @Override
        public Set<String> getAllowedMethods() {
            return unsupported();
        }

        @Override
        public Map<String, NewCookie> getCookies() {
            return unsupported();
        }

        @Override
        public EntityTag getEntityTag() {
            return unsupported();
        }

        @Override
        public Date getDate() {
            return unsupported();
        }

        @Override
        public Date getLastModified() {
            return unsupported();
        }

        @Override
        public URI getLocation() {
            return unsupported();
        }

        @Override
        public Set<Link> getLinks() {
            return unsupported();
        }

        @Override
        public boolean hasLink(String relation) {
            return unsupported();
        }

        @Override
        public Link getLink(String relation) {
            return unsupported();
        }

        @Override
        public Link.Builder getLinkBuilder(String relation) {
            return unsupported();
        }
    }
}
