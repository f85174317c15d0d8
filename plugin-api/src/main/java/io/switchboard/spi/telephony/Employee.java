package io.switchboard.spi.telephony;

/**
 * An employee as the PBX knows them. Any part may be {@code null}; flows match helpdesk agents by extension first,
 * then by e-mail, then by full name.
 *
 * @param extension internal number
 * @param name      full name as configured in the PBX
 * @param email     e-mail, when the PBX knows it
 */
public record Employee(String extension, String name, String email) {
}
