package io.switchboard.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit trail of sign-ins: one line per attempt on logger {@value #LOGGER} (java.util.logging, so it lands in
 * Payara's log and can be routed to its own file). A line holds the outcome, the normalised e-mail and the source
 * address; never the password.
 */
@ApplicationScoped
public class SignInAudit {

    /** Name of the audit logger. */
    public static final String LOGGER = "io.switchboard.audit";

    private static final Logger LOG = Logger.getLogger(LOGGER);

    /** What became of an attempt. */
    public enum Outcome {
        /** Right password, active account. */
        SIGNED_IN,
        /** Unknown e-mail, wrong password, or a disabled account or tenant (one outcome, as the caller is told). */
        FAILED,
        /** Refused unchecked: the account had too many failed attempts. */
        THROTTLED_ACCOUNT,
        /** Refused unchecked: the source address had too many failed attempts. */
        THROTTLED_SOURCE,
        /** Refused unchecked: every password check slot stayed busy. */
        BUSY
    }

    /** Records one attempt. */
    public void record(Outcome outcome, String email, String source) {
        LOG.log(outcome == Outcome.SIGNED_IN ? Level.INFO : Level.WARNING, "sign-in {0} email={1} source={2}",
                new Object[] {outcome, printable(SignInThrottle.accountKey(email)), printable(source)});
    }

    /** Typed input must not be able to forge or break log lines: control characters and spaces become '?'. */
    static String printable(String value) {
        if (value == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().forEach(c -> out.appendCodePoint(
                Character.isISOControl(c) || Character.isWhitespace(c) || c == '"' || c == '\\'
                        || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.LINE_SEPARATOR
                        || Character.getType(c) == Character.PARAGRAPH_SEPARATOR ? '?' : c));
        return out.append('"').toString();
    }
}
