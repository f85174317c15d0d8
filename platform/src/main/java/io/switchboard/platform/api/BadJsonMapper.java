package io.switchboard.platform.api;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
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

    static Response badJson() {
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(400, "The body is not JSON of the shape this call takes", null)).build();
    }
}
