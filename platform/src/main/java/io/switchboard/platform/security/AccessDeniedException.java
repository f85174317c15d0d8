package io.switchboard.platform.security;

/**
 * The caller may not do this: nobody is signed in ({@link #signedIn()} false), or the caller's role does not allow
 * it. Thrown by {@link CallerAccess}; the API answers 401 or 403, the admin UI sends the visitor to the sign-in page
 * or answers 403. Nothing has been read or written when it is thrown.
 */
public class AccessDeniedException extends RuntimeException {

    private final boolean signedIn;

    public AccessDeniedException(boolean signedIn, String message) {
        super(message, null, false, false);
        this.signedIn = signedIn;
    }

    /** @return false when nobody is signed in (sign in first), true when the signed-in caller lacks the role */
    public boolean signedIn() {
        return signedIn;
    }
}
