package io.switchboard.spi.config;

import java.util.Objects;

/**
 * A variable a template field may use, listed beside the field so the tenant knows what is available.
 *
 * @param name        the name inside the braces, e.g. {@code client_phone} for {@code {{client_phone}}}
 * @param description what it stands for
 * @param example     an example value, shown as a hint
 */
public record TemplateVariable(String name, String description, String example) {

    public TemplateVariable {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        example = example == null ? "" : example;
    }
}
