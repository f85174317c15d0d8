package io.switchboard.spi.config;

import java.util.Objects;

/**
 * One option of a choice field.
 *
 * @param value what is stored (a vendor id, an enum name)
 * @param label what the tenant sees
 */
public record Choice(String value, String label) {

    public Choice {
        Objects.requireNonNull(value, "value");
        label = label == null ? value : label;
    }

    /** @return a choice storing {@code value} and showing {@code label} */
    public static Choice of(String value, String label) {
        return new Choice(value, label);
    }
}
