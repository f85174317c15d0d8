package io.switchboard.spi.helpdesk;

/**
 * An agent (employee) of the helpdesk.
 *
 * @param id     vendor id
 * @param name   full name (flows can match PBX employees by it)
 * @param email  e-mail (flows match chat agents by it)
 * @param active false for deactivated agents, who are never assigned
 */
public record Agent(String id, String name, String email, boolean active) {
}
