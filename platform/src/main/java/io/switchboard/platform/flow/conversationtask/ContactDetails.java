package io.switchboard.platform.flow.conversationtask;

import io.switchboard.platform.flow.Activity;
import io.switchboard.platform.flow.FlowLinks;
import io.switchboard.spi.channel.Contact;
import io.switchboard.spi.helpdesk.ClientDraft;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * CP6: what a client tells about themself (name, e-mail, phone) is kept until their next message, and then written
 * to the contact — or, when another contact already has that e-mail (the same client on another device), the
 * conversation joins that contact and its active task, so one client is one contact and one thread.
 */
final class ContactDetails {

    static final String LINK_PENDING = "contact-pending";
    private static final String APPLIED = "applied";
    private static final char SEPARATOR = '\u001f';

    private final TaskThread thread;
    private final FlowLinks links;
    private final Activity activity;

    ContactDetails(TaskThread thread, FlowLinks links, Activity activity) {
        this.thread = thread;
        this.links = links;
        this.activity = activity;
    }

    /** Keeps the details for the client's next message. */
    void remember(String conversationId, Contact contact) {
        if (contact == null || (blank(contact.name()) && blank(contact.email()) && blank(contact.phone()))) {
            activity.note("Conversation " + conversationId + ": the client's details were empty; nothing to update.");
            return;
        }
        String value = part(contact.name()) + SEPARATOR + part(contact.email()) + SEPARATOR + part(contact.phone());
        links.record(LINK_PENDING, conversationId, value.length() > 190 ? value.substring(0, 190) : value);
        activity.note("The client of conversation " + conversationId + " introduced themself"
                + (blank(contact.email()) ? "" : " (" + contact.email().trim() + ")")
                + "; the contact is updated with their next message.");
    }

    /** Applies details kept for this conversation, once. */
    void applyPending(String conversationId) {
        Optional<String> pending = links.find(LINK_PENDING, conversationId).filter(p -> !APPLIED.equals(p));
        if (pending.isEmpty()) {
            return;
        }
        String[] parts = (pending.get() + SEPARATOR + SEPARATOR).split(String.valueOf(SEPARATOR), -1);
        String name = empty(parts[0]);
        String email = empty(parts[1]);
        String phone = empty(parts[2]);
        Optional<String> current = links.find(TaskThread.LINK_CONVERSATION_CONTACT, conversationId);
        if (email != null) {
            Optional<String> other = thread.contactWithEmail(email);
            if (other.isPresent() && !other.equals(current)) {
                join(conversationId, other.get(), email);
                links.record(LINK_PENDING, conversationId, APPLIED);
                return;
            }
        }
        if (current.isPresent()) {
            String contactId = current.get();
            thread.tasks().call((t, ctx) -> {
                t.updateClient(contactId, new ClientDraft(name, email == null ? List.of() : List.of(email),
                        phone == null ? List.of() : List.of(phone), null, Map.of(), null), ctx);
                return null;
            });
            if (email != null) {
                links.record(TaskThread.LINK_CLIENT, email.toLowerCase(Locale.ROOT), contactId);
            }
            activity.note("Contact " + contactId + " updated with what the client told: "
                    + String.join(", ", java.util.stream.Stream.of(name, email, phone)
                    .filter(java.util.Objects::nonNull).toList()) + ".");
        }
        links.record(LINK_PENDING, conversationId, APPLIED);
    }

    private void join(String conversationId, String contactId, String email) {
        links.record(TaskThread.LINK_CONVERSATION_CONTACT, conversationId, contactId);
        Optional<String> task = thread.activeTaskOf(contactId);
        if (task.isPresent()) {
            links.record(TaskThread.LINK_CONVERSATION_TASK, conversationId, task.get());
            links.record(TaskThread.LINK_TASK_CONVERSATION, task.get(), conversationId);
            activity.note("E-mail " + email + " is contact " + contactId + "'s: conversation " + conversationId
                    + " joins its task " + task.get() + " (the same client on another device).");
        } else {
            activity.note("E-mail " + email + " is contact " + contactId + "'s: conversation " + conversationId
                    + " is now theirs; its task stays, as the contact has no other active task.");
        }
    }

    private static String part(String s) {
        return s == null ? "" : s.trim().replace(SEPARATOR, ' ');
    }

    private static String empty(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
