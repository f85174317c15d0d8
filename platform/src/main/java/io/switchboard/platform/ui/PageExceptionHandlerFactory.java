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
 * The two page failures that are the visitor's, not the platform's, end without a 500 or a stack trace (#23, #25);
 * everything else goes on to Faces' own handler. Registered in {@code faces-config.xml}.
 * <ul>
 *   <li>A refusal raised by a page bean or a service ({@link AccessDeniedException}) becomes the sign-in page or a
 *       403 ({@link AccessRefusal}).</li>
 *   <li>A form posted with a view state the server cannot restore (left open past its session, or stale, forged or
 *       mangled: anyone can post one) is sent to the same page with a GET, which shows itself again or sends the
 *       visitor to sign in. Logged as one line at FINE.</li>
 * </ul>
 */
public class PageExceptionHandlerFactory extends ExceptionHandlerFactory {

    private static final Logger LOG = Logger.getLogger(PageExceptionHandlerFactory.class.getName());

    public PageExceptionHandlerFactory(ExceptionHandlerFactory wrapped) {
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
                AccessDeniedException denied = deniedIn(queued.getException());
                FacesContext context = FacesContext.getCurrentInstance();
                if (denied != null) {
                    events.remove();
                    String viewId = context.getViewRoot() == null ? "/" : context.getViewRoot().getViewId();
                    AccessRefusal.refuse(context, denied.signedIn(), viewId);
                } else if (unrestorable(queued)) {
                    events.remove();
                    if (!context.getResponseComplete()) {
                        reload(context, queued.getException());
                    }
                }
            }
            getWrapped().handle();
        }

        private static AccessDeniedException deniedIn(Throwable thrown) {
            for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof AccessDeniedException denied) {
                    return denied;
                }
            }
            return null;
        }

        /**
         * The view of a postback could not be restored: expired, or a view state the server never issued (Mojarra
         * throws other exceptions than {@link ViewExpiredException} for some, e.g. {@code stateless}).
         */
        private static boolean unrestorable(ExceptionQueuedEventContext queued) {
            boolean expired = false;
            for (Throwable t = queued.getException(); t != null; t = t.getCause() == t ? null : t.getCause()) {
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
