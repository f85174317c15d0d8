package io.switchboard.platform.api;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that is not JSON, or not of the shape the call takes: 400, never a 500. */
public final class BadJsonMapper {

    private BadJsonMapper() {
    }

    /** JSON-B could not bind the body. */
    @Provider
    public static class Binding implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return badJson();
        }
    }

    /** JSON-P could not parse the body. */
    @Provider
    public static class Parsing implements ExceptionMapper<JsonException> {
        @Override
        public Response toResponse(JsonException e) {
            return badJson();
        }
    }

    /**
     * JAX-RS could not read the body into the call's type: JSON-B's errors ({@code []} or {@code 42} for an object, a
     * list for a text field) reach us wrapped in a {@link ProcessingException}, which was a 500 with a logged stack
     * (#25). Any other processing failure is still unexpected.
     */
    @Provider
    public static class Reading implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof JsonbException || t instanceof JsonException) {
                    return badJson();
                }
            }
            return UnexpectedErrorMapper.unexpected(e);
        }
    }

    static Response badJson() {
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(400, "The body is not JSON of the shape this call takes", null)).build();
    }
}
