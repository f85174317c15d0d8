package io.switchboard.platform.ui;

import io.switchboard.platform.problem.InvalidInputException;
import io.switchboard.spi.config.ValidationProblem;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/** Messages of a page: one per field (shown beside it), and general ones (shown at the top). */
public class Problems implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, String> byField = new HashMap<>();

    /** Shows every problem of a refusal: by field where a field is named, else at the top. */
    public void show(InvalidInputException e) {
        byField.clear();
        for (ValidationProblem problem : e.problems()) {
            if (problem.field() == null || problem.field().isBlank()) {
                error(problem.message());
            } else {
                byField.merge(problem.field(), problem.message(), (a, b) -> a + " " + b);
            }
        }
        if (!byField.isEmpty()) {
            error("Please correct the marked fields.");
        }
    }

    public void clear() {
        byField.clear();
    }

    /** @return messages by field key, for {@code #{page.problems.byField[key]}} */
    public Map<String, String> getByField() {
        return byField;
    }

    public static void error(String message) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    }

    /** Answers the page's request 404 with the message: what another tenant's id looks like too. */
    public static void notFound(String message) throws java.io.IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.getExternalContext().responseSendError(404, message);
        faces.responseComplete();
    }

    public static void info(String message) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
        faces.getExternalContext().getFlash().setKeepMessages(true);
    }
}
