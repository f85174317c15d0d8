package io.switchboard.platform.ui;

import io.switchboard.platform.security.AccessRules;
import io.switchboard.platform.security.CallerAccess;
import io.switchboard.platform.security.SwitchboardPrincipal;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The admin UI's second gate: decides by the view Faces actually restores, and is about to render, whether the
 * caller may see it, with the same table as the authentication mechanism ({@link AccessRules}). The first gate
 * decides by the request path; this one also covers a view reached any other way (a navigation that forwards, a
 * spelling of the path the first gate misjudged). Registered in {@code faces-config.xml}.
 */
public class ViewAccessCheck implements PhaseListener {

    private static final long serialVersionUID = 1L;

    @Inject
    private CallerAccess access;

    @Override
    public PhaseId getPhaseId() {
        return PhaseId.ANY_PHASE;
    }

    @Override
    public void afterPhase(PhaseEvent event) {
        if (event.getPhaseId() == PhaseId.RESTORE_VIEW) {
            check(event.getFacesContext());
        }
    }

    @Override
    public void beforePhase(PhaseEvent event) {
        if (event.getPhaseId() == PhaseId.RENDER_RESPONSE) {
            check(event.getFacesContext());
        }
    }

    private void check(FacesContext context) {
        if (context.getViewRoot() == null || context.getResponseComplete()) {
            return;
        }
        String viewId = context.getViewRoot().getViewId();
        AccessRules.Area area = AccessRules.areaOf(viewId, "GET");
        if (area.isPublic()) {
            return;
        }
        Optional<SwitchboardPrincipal> caller = access.caller();
        if (caller.isEmpty() || !area.allows(caller.get().role())) {
            AccessRefusal.refuse(context, caller.isPresent(), viewId);
        }
    }
}
