package io.switchboard.platform.ui;

import io.switchboard.platform.security.AccessDeniedException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.util.Iterator;

/**
 * A refusal raised by a page bean or a service ({@link AccessDeniedException}) becomes the sign-in page or a 403
 * ({@link AccessRefusal}), not the error page's 500. Other exceptions go on to Faces' own handler. Registered in
 * {@code faces-config.xml}.
 */
public class AccessDeniedHandlerFactory extends ExceptionHandlerFactory {

    public AccessDeniedHandlerFactory(ExceptionHandlerFactory wrapped) {
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
                AccessDeniedException denied = deniedIn(events.next().getContext().getException());
                if (denied != null) {
                    events.remove();
                    FacesContext context = FacesContext.getCurrentInstance();
                    String viewId = context.getViewRoot() == null ? "/" : context.getViewRoot().getViewId();
                    AccessRefusal.refuse(context, denied.signedIn(), viewId);
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
    }
}
