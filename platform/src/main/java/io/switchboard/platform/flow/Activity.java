package io.switchboard.platform.flow;

/**
 * The tenant-visible record of what one event did: created entities (with links into the vendor's UI) and plain
 * notes (what was skipped and why, what was decided from contradicting fields).
 */
public interface Activity {

    /**
     * Something the event created or changed at a vendor.
     *
     * @param what e.g. "ticket", "client", "comment"
     * @param ref  the vendor's id
     * @param url  a link for the tenant, or {@code null}
     */
    void created(String what, String ref, String url);

    /** A plain-words note, e.g. "Skipped: scheme 'Sales' is not selected". */
    void note(String text);
}
