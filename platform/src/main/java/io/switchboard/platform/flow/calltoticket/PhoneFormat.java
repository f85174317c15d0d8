package io.switchboard.platform.flow.calltoticket;

import io.switchboard.spi.config.Choice;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How phone numbers are written into clients and tickets. Examples for a Moscow mobile number. */
enum PhoneFormat {
    /** {@code +79161234567}: ITU E.164, the form most systems match on. */
    E164("e164", "E.164 (+79161234567)"),
    /** {@code +7 916 123-45-67}: international, grouped as the country writes it. */
    INTERNATIONAL("international", "International (+7 916 123-45-67)"),
    /** {@code 8 (916) 123-45-67}: as dialled inside the country, with the national prefix. */
    NATIONAL("national", "National (8 (916) 123-45-67)"),
    /** {@code 79161234567}: country code and number, digits only. */
    DIGITS("digits", "Digits only (79161234567)");

    final String value;
    final String label;

    PhoneFormat(String value, String label) {
        this.value = value;
        this.label = label;
    }

    static List<Choice> choices() {
        return Arrays.stream(values()).map(f -> Choice.of(f.value, f.label)).toList();
    }

    /** @return the format stored as {@code value}; {@code null} when it is none of them */
    static PhoneFormat ofOrNull(String value) {
        if (value == null) {
            return null;
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.value.equals(wanted)).findFirst().orElse(null);
    }
}
