package io.switchboard.platform.api;

import io.switchboard.platform.plugin.PluginRefusedException;
import io.switchboard.platform.problem.InvalidInputException;
import io.switchboard.platform.problem.NotFoundException;
import io.switchboard.platform.security.AccessDeniedException;
import io.switchboard.platform.security.TooManySignInAttemptsException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The platform's own refusals as JSON: invalid input 400 with every field's problem, not found 404, no caller 401,
 * a caller without the role 403, too many sign-in attempts 429, a refused plugin change with the status it names.
 */
public final class ProblemMappers {

    private ProblemMappers() {
    }

    /** 400 with the first field and all problems. */
    @Provider
    public static class InvalidInput implements ExceptionMapper<InvalidInputException> {
        @Override
        public Response toResponse(InvalidInputException e) {
            String field = e.problems().isEmpty() ? null : e.problems().get(0).field();
            return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError(400, e.getMessage(), field, e.problems())).build();
        }
    }

    /** 404: also what another tenant's resource looks like. */
    @Provider
    public static class NotFound implements ExceptionMapper<NotFoundException> {
        @Override
        public Response toResponse(NotFoundException e) {
            return Response.status(404).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError(404, e.getMessage(), null)).build();
        }
    }

    /** 401 without a signed-in caller (the API takes bearer tokens only), 403 for a caller without the role. */
    @Provider
    public static class AccessDenied implements ExceptionMapper<AccessDeniedException> {
        @Override
        public Response toResponse(AccessDeniedException e) {
            if (!e.signedIn()) {
                return Response.status(401).header("WWW-Authenticate", "Bearer").type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(new ApiError(401, "Send an API token: Authorization: Bearer <token>", null)).build();
            }
            return Response.status(403).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError(403, e.getMessage(), null)).build();
        }
    }

    /** 429 with {@code Retry-After} in seconds: the sign-in was refused before its password was checked. */
    @Provider
    public static class TooManySignInAttempts implements ExceptionMapper<TooManySignInAttemptsException> {
        @Override
        public Response toResponse(TooManySignInAttemptsException e) {
            return Response.status(429).header("Retry-After", e.retryAfterSeconds())
                    .type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(429, e.getMessage(), null)).build();
        }
    }

    /** A refused plugin upload or change: 422 bad jar, 409 conflict, 413 too large, 404 unknown plugin. */
    @Provider
    public static class PluginRefused implements ExceptionMapper<PluginRefusedException> {
        @Override
        public Response toResponse(PluginRefusedException e) {
            return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError(e.status(), e.getMessage(), null)).build();
        }
    }
}
