package io.switchboard.platform.plugin;

/** Turns exceptions into one-line plain descriptions for reports (no stack traces for operators). */
final class Failures {

    private Failures() {
    }

    /** @return "Type: message" of the exception and, when different, of its root cause */
    static String describe(Throwable error) {
        String text = line(error);
        String root = rootCause(error);
        return text.equals(root) || text.endsWith(root) ? text : text + " (caused by " + root + ")";
    }

    /** @return "Type: message" of the innermost cause only */
    static String rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return line(root);
    }

    private static String line(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
