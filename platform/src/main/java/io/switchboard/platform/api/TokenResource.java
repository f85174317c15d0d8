package io.switchboard.platform.api;

import io.switchboard.platform.security.Account;
import io.switchboard.platform.security.ApiTokens;
import io.switchboard.platform.security.ClientAddress;
import io.switchboard.platform.security.SignIn;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/**
 * API tokens. {@code POST /api/v1/tokens} with e-mail and password is the one call that needs no token: it issues
 * one (shown once), within the sign-in limits (429 with {@code Retry-After} beyond them). Listing and revoking concern
 * the caller's own tokens.
 */
@Path("tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    /** Credentials exchanged for a token. */
    public record TokenRequest(String email, String password, String name) {
        @Override
        public String toString() {
            return "TokenRequest[" + email + "]";
        }
    }

    /** A token as listed (never its value). */
    public record TokenView(long id, String name, String prefix, Instant createdAt) {
    }

    /** A token just issued: the only answer that carries its value. */
    public record IssuedToken(long id, String name, String token) {
    }

    @Inject
    private SignIn signIn;
    @Inject
    private ApiTokens tokens;
    @Inject
    private ClientAddress clientAddress;
    @Context
    private HttpServletRequest http;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issue(TokenRequest request) {
        if (request == null) {
            throw new jakarta.ws.rs.BadRequestException("Send {\"email\": …, \"password\": …, \"name\": …}");
        }
        // Over a limit: TooManySignInAttemptsException, answered 429 with Retry-After (ProblemMappers).
        Account account = signIn.verify(request.email(), request.password(), clientAddress.of(http))
                .orElseThrow(() -> new NotAuthorizedException("Wrong e-mail or password, or the account is disabled",
                        "Bearer"));
        ApiTokens.Issued issued = tokens.issue(account, request.name());
        return Response.status(201)
                .entity(new IssuedToken(issued.token().id(), issued.token().name(), issued.value())).build();
    }

    @GET
    public List<TokenView> mine() {
        return tokens.mine().stream()
                .map(t -> new TokenView(t.id(), t.name(), t.prefix(), t.createdAt())).toList();
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") long id) {
        if (!tokens.revokeMine(id)) {
            throw new io.switchboard.platform.problem.NotFoundException("No token " + id);
        }
        return Response.noContent().build();
    }
}
