package io.switchboard.platform.problem;

/**
 * The thing asked for does not exist for this caller. Also what another tenant's thing looks like: its existence is
 * never confirmed (404, not 403).
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message, null, false, false);
    }
}
