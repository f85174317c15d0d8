package io.switchboard.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependencies between the platform's packages go one way (ADR 0007). Reads the sources: every reference to
 * {@code io.switchboard.platform.<package>.} outside comments (imports and fully qualified names) is a dependency of
 * the referring file's top-level package; {@code flow.calltoticket} counts as {@code flow}.
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/switchboard/platform");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.switchboard\\.platform\\.([a-z0-9_]+)\\.");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    private static Map<String, Set<String>> uses;

    @BeforeAll
    static void readSources() throws IOException {
        uses = new TreeMap<>();
        try (Stream<Path> packages = Files.list(SOURCES)) {
            for (Path dir : packages.filter(Files::isDirectory).toList()) {
                String name = dir.getFileName().toString();
                Set<String> used = new TreeSet<>();
                try (Stream<Path> files = Files.walk(dir)) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                        Matcher m = REFERENCE.matcher(COMMENT.matcher(read(f)).replaceAll(" "));
                        while (m.find()) {
                            if (!m.group(1).equals(name)) {
                                used.add(m.group(1));
                            }
                        }
                    });
                }
                uses.put(name, used);
            }
        }
        assertThat(uses).as("platform packages read from " + SOURCES.toAbsolutePath())
                .containsKeys("connection", "inbound", "persistence", "security", "flow", "pipeline");
    }

    @Test
    void noPackageCycles() {
        List<List<String>> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            // a path back to start through packages sorted after it, so that each cycle is reported once
            Deque<List<String>> paths = new ArrayDeque<>();
            paths.push(List.of(start));
            Set<String> seen = new TreeSet<>();
            while (!paths.isEmpty()) {
                List<String> path = paths.pop();
                for (String next : uses.getOrDefault(path.get(path.size() - 1), Set.of())) {
                    if (next.equals(start)) {
                        List<String> cycle = new ArrayList<>(path);
                        cycle.add(start);
                        cycles.add(cycle);
                    } else if (next.compareTo(start) > 0 && uses.containsKey(next) && seen.add(next)) {
                        List<String> longer = new ArrayList<>(path);
                        longer.add(next);
                        paths.push(longer);
                    }
                }
            }
        }
        assertThat(cycles).as("package cycles (ADR 0007), each as a path of package names; dependencies: " + uses)
                .isEmpty();
    }

    @Test
    void theDirectionsOfAdr0007() {
        forbidden("connection", "inbound", "flow", "pipeline", "ui", "api");
        forbidden("persistence", "security");
        forbidden("inbound", "flow", "pipeline", "ui", "api");
        forbidden("flow", "pipeline", "ui", "api");
        forbidden("plugin", "connection", "flow", "pipeline", "inbound", "ui", "api");
        for (String services : uses.keySet()) {
            if (!services.equals("ui") && !services.equals("api")) {
                forbidden(services, "ui", "api");
            }
        }
    }

    private static void forbidden(String from, String... to) {
        assertThat(uses.get(from)).as(from + " must not use " + String.join(", ", to) + " (ADR 0007)")
                .doesNotContainAnyElementsOf(List.of(to));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
