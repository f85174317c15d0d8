package io.switchboard.platform.api;

import io.switchboard.platform.security.PasswordChange;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The caller's own account: {@code PUT /api/v1/account/password} changes the password, proving the current one. */
@Path("account")
@RequestScoped
public class AccountResource {

    /** The current password and the new one. */
    public record PasswordRequest(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordRequest[…]";
        }
    }

    @Inject
    private PasswordChange passwords;

    @PUT
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(PasswordRequest request) {
        if (request == null) {
            throw new BadRequestException("Send {\"currentPassword\": …, \"newPassword\": …}");
        }
        passwords.change(request.currentPassword(), request.newPassword());
        return Response.noContent().build();
    }
}
