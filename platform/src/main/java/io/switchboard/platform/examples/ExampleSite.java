package io.switchboard.platform.examples;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The example site's own state, as a real site keeps it in its database: how it reaches Switchboard (the path of the
 * website connection's inbound URL, the API key, the webhook signing secret — set on the example page) and each
 * customer thread's messages, the customer's own and those the webhooks brought. In memory: an example.
 */
@ApplicationScoped
public class ExampleSite {

    /** Only a path of this platform's own inbound URLs: the example never calls another host. */
    static final Pattern HOOK_PATH = Pattern.compile("/hooks/[A-Za-z0-9_-]{1,64}/[A-Za-z0-9_-]{1,128}");

    /** How the example reaches Switchboard. */
    public record Setup(String hookPath, String apiKey, String signingSecret) {
    }

    /** A message of a thread as the site shows it. */
    public record Message(String id, String author, String authorName, String text, Instant at) {
    }

    private final Object lock = new Object();
    private Setup setup;
    private final Map<String, List<Message>> threads = new LinkedHashMap<>();
    private final Set<String> seenWebhooks = new LinkedHashSet<>();

    /** @return the setup, if the example was set up */
    public Optional<Setup> setup() {
        synchronized (lock) {
            return Optional.ofNullable(setup);
        }
    }

    void configure(Setup newSetup) {
        synchronized (lock) {
            setup = newSetup;
        }
    }

    void add(String thread, Message message) {
        synchronized (lock) {
            threads.computeIfAbsent(thread, t -> new ArrayList<>()).add(message);
        }
    }

    /** @return true the first time a webhook id is seen: deliveries are at least once */
    boolean firstDelivery(String webhookId) {
        synchronized (lock) {
            if (seenWebhooks.size() > 10_000) {
                seenWebhooks.remove(seenWebhooks.iterator().next());
            }
            return seenWebhooks.add(webhookId);
        }
    }

    /** @return the thread's messages, oldest first */
    public List<Message> thread(String thread) {
        synchronized (lock) {
            return List.copyOf(threads.getOrDefault(thread, List.of()));
        }
    }

    boolean knows(String thread) {
        synchronized (lock) {
            return threads.containsKey(thread);
        }
    }
}
