package io.switchboard.platform.ui;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How the admin UI refuses a page: nobody signed in goes to the sign-in page (and back here afterwards); a signed-in
 * person without the role gets 403. Never the page, never a 500.
 */
final class AccessRefusal {

    private static final Logger LOG = Logger.getLogger(AccessRefusal.class.getName());

    private AccessRefusal() {
    }

    static void refuse(FacesContext context, boolean signedIn, String viewId) {
        ExternalContext external = context.getExternalContext();
        try {
            if (signedIn) {
                external.responseSendError(403, "You may not open this page");
            } else {
                external.redirect(external.getRequestContextPath() + "/login.xhtml?next="
                        + URLEncoder.encode(viewId, StandardCharsets.UTF_8));
            }
        } catch (IOException | IllegalStateException e) {
            // The answer was already under way: it stops here, without the page's data.
            LOG.log(Level.FINE, "Refusal of " + viewId + " could not be sent", e);
        }
        context.responseComplete();
    }
}
