package io.switchboard.spi.helpdesk;

/**
 * A custom field of the vendor account: a target of the tenant's field mapping, or found by its name.
 *
 * @param id   vendor id
 * @param name the name the tenant sees
 * @param type the vendor's field type, for display
 */
public record CustomFieldInfo(String id, String name, String type) {
}
