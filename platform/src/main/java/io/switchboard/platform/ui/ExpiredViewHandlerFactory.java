package io.switchboard.platform.ui;

import io.switchboard.platform.security.AccessDeniedException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.faces.event.ExceptionQueuedEventContext;
import jakarta.faces.event.PhaseId;
import java.io.IOException;
import java.util.Iterator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A form posted with a view state the server cannot restore — left open past its session, or stale, forged or
 * mangled (anyone can post one, signed in or not) — is sent to the same page with a GET: that page shows itself
 * again, or sends the visitor to sign in. Before (#25) Faces answered 500 and logged a stack trace for every such
 * post. Only failures of the restore-view phase of a postback are taken; everything else goes on to the next
 * handler. Logged as one line at FINE: it is the client's mistake, and unauthenticated. Registered in
 * {@code faces-config.xml}, in front of {@link AccessDeniedHandlerFactory}.
 */
public class ExpiredViewHandlerFactory extends ExceptionHandlerFactory {

    private static final Logger LOG = Logger.getLogger(ExpiredViewHandlerFactory.class.getName());

    public ExpiredViewHandlerFactory(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new Handler(getWrapped().getExceptionHandler());
    }

    private static final class Handler extends ExceptionHandlerWrapper {

        Handler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() {
            Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
            while (events.hasNext()) {
                ExceptionQueuedEventContext queued = events.next().getContext();
                if (unrestorable(queued)) {
                    events.remove();
                    FacesContext context = FacesContext.getCurrentInstance();
                    if (!context.getResponseComplete()) {
                        reload(context, queued.getException());
                    }
                }
            }
            getWrapped().handle();
        }

        /**
         * The view of a postback could not be restored: expired, or a view state the server never issued (Mojarra
         * throws other exceptions than {@link ViewExpiredException} for some, e.g. {@code stateless}). A refusal
         * ({@link AccessDeniedException}) is left to {@link AccessDeniedHandlerFactory}.
         */
        private static boolean unrestorable(ExceptionQueuedEventContext queued) {
            boolean expired = false;
            for (Throwable t = queued.getException(); t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof AccessDeniedException) {
                    return false;
                }
                expired |= t instanceof ViewExpiredException;
            }
            FacesContext context = queued.getContext();
            return expired
                    || PhaseId.RESTORE_VIEW.equals(queued.getPhaseId()) && context != null && context.isPostback();
        }

        private static void reload(FacesContext context, Throwable thrown) {
            ExternalContext external = context.getExternalContext();
            String path = external.getRequestServletPath();
            if (path == null || !path.endsWith(".xhtml")) {
                path = "/login.xhtml";
            }
            LOG.fine(() -> "A form's view could not be restored (" + thrown.getClass().getSimpleName()
                    + "); sent back to it");
            try {
                external.redirect(external.getRequestContextPath() + path);
            } catch (IOException | IllegalStateException e) {
                // The answer was already under way: it ends here.
                LOG.log(Level.FINE, "Could not send the visitor back to " + path, e);
            }
            context.responseComplete();
        }
    }
}
