package io.switchboard.platform.flow;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Renders the tenants' templates of every flow type with JMustache: {@code {{variable}}} placeholders, as the SPI's TEMPLATE
 * fields declare them. Output is plain text (no HTML escaping: the helpdesk connector escapes what it sends).
 *
 * <p>Never throws for a template: an unknown variable renders empty (the platform's form already refuses
 * undeclared ones, but options saved earlier or through another path may still hold them), and a template
 * JMustache cannot compile or run (e.g. a {@code {{>partial}}}) is replaced by the field's default, with a note.
 * Stateless and thread-safe (JMustache compilers and templates are immutable).
 */
public final class FlowTemplates {

    private static final Mustache.Compiler COMPILER = Mustache.compiler()
            .escapeHTML(false)
            .defaultValue("")
            .emptyStringIsFalse(true)
            .zeroIsFalse(false);

    private FlowTemplates() {
    }

    /**
     * @param what         the field, for the note ("ticket subject")
     * @param template     the tenant's template
     * @param fallback     the default template, used when {@code template} fails
     * @param variables    variable name → value
     * @param note         where to write a note about a failed template
     * @return the rendered text, whitespace collapsed to single spaces and trimmed
     */
    public static String render(String what, String template, String fallback, Map<String, String> variables,
                         Consumer<String> note) {
        try {
            return tidy(run(template, variables));
        } catch (RuntimeException e) {
            note.accept("The " + what + " template could not be used (" + reason(e) + "); the default '" + fallback
                    + "' was used instead.");
            return tidy(run(fallback, variables));
        }
    }

    private static String run(String template, Map<String, String> variables) {
        Template compiled = COMPILER.compile(template);
        return compiled.execute(variables);
    }

    /**
     * Like {@link #render} for a text of several lines (a task's description): line breaks are kept, spaces within a
     * line collapsed, lines left empty by missing variables dropped.
     */
    public static String renderText(String what, String template, String fallback, Map<String, String> variables,
                                    Consumer<String> note) {
        String text;
        try {
            text = run(template, variables);
        } catch (RuntimeException e) {
            note.accept("The " + what + " template could not be used (" + reason(e) + "); the default was used "
                    + "instead.");
            text = run(fallback, variables);
        }
        return text.lines().map(line -> line.replaceAll("[ \\t\\x0B\\f\\r]+", " ").strip())
                .filter(line -> !line.isEmpty() && !line.matches("[^:]{1,40}:"))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private static String tidy(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static String reason(RuntimeException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.length() > 120 ? message.substring(0, 120) + "…" : message;
    }
}
