package io.switchboard.spi.helpdesk;

/**
 * An organization (company) in the helpdesk.
 *
 * @param id   vendor id
 * @param name name
 * @param url  link in the vendor's UI, or {@code null}
 */
public record Organization(String id, String name, String url) {
}
