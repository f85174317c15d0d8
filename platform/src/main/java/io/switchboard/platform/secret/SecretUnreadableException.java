package io.switchboard.platform.secret;

/** A stored secret cannot be decrypted; the message says why in plain words and contains no key material. */
public class SecretUnreadableException extends RuntimeException {

    public SecretUnreadableException(String message) {
        super(message);
    }
}
