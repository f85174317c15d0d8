package io.switchboard.platform.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds real PF4J plugin jars during a test: compiles Java sources against the test class path (SPI + PF4J) with
 * PF4J's annotation processor, exactly like a plugin build, and writes the manifest descriptor.
 */
public final class TestPluginJars {

    private final Path workDir;

    public TestPluginJars(Path workDir) {
        this.workDir = workDir;
    }

    /** A telephony connector with the given id; the smallest complete connector. */
    public static String telephonySource(String className, String connectorId, String kind) {
        return """
                package test.plugins;
                import io.switchboard.spi.*;
                import io.switchboard.spi.config.*;
                import io.switchboard.spi.inbound.InboundRequest;
                import io.switchboard.spi.telephony.*;
                import java.util.*;
                @org.pf4j.Extension
                public class %1$s implements TelephonyConnector {
                    public ConnectorDescriptor descriptor() {
                        return new ConnectorDescriptor("%2$s", ConnectorKind.%3$s, "Test %2$s", "for tests",
                                Set.of(), ConfigSchema.of(ConfigField.secret("token", "Token").asRequired()));
                    }
                    public CheckResult check(ConnectorContext c) { return CheckResult.ok("fine"); }
                    public void verify(InboundRequest r, ConnectorContext c) { }
                    public ParsedEvents<CallEvent> parse(InboundRequest r, ConnectorContext c) {
                        return ParsedEvents.of(List.of());
                    }
                }
                """.formatted(className, connectorId, kind);
    }

    /**
     * Builds a plugin jar.
     *
     * @param fileName    jar file name
     * @param target      directory to write it to
     * @param pluginId    {@code Plugin-Id}
     * @param requires    {@code Plugin-Requires}
     * @param pluginClass {@code Plugin-Class}, or {@code null} for PF4J's default
     * @param sources     simple class name → source (package {@code test.plugins})
     * @return the jar
     */
    public Path build(String fileName, Path target, String pluginId, String requires, String pluginClass,
                      Map<String, String> sources) {
        return build(fileName, target, pluginId, "1.0.0", requires, pluginClass, sources);
    }

    /** Builds a plugin jar of this {@code Plugin-Version}; otherwise as {@link #build(String, Path, String, String, String, Map)}. */
    public Path build(String fileName, Path target, String pluginId, String version, String requires,
                      String pluginClass, Map<String, String> sources) {
        try {
            Path src = Files.createTempDirectory(workDir, pluginId + "-src");
            Path classes = Files.createTempDirectory(workDir, pluginId + "-classes");
            List<String> files = new ArrayList<>();
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = src.resolve(source.getKey() + ".java");
                Files.writeString(file, source.getValue());
                files.add(file.toString());
            }
            if (!files.isEmpty()) {
                compile(classes, files);
            }
            Manifest manifest = new Manifest();
            Attributes attributes = manifest.getMainAttributes();
            attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
            attributes.putValue("Plugin-Id", pluginId);
            attributes.putValue("Plugin-Version", version);
            attributes.putValue("Plugin-Requires", requires);
            attributes.putValue("Plugin-Provider", "tests");
            if (pluginClass != null) {
                attributes.putValue("Plugin-Class", pluginClass);
            }
            Files.createDirectories(target);
            Path jar = target.resolve(fileName);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                 Stream<Path> walk = Files.walk(classes)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a file that is not a jar at all. */
    public static Path corrupt(Path target, String fileName) {
        try {
            Files.createDirectories(target);
            Path jar = target.resolve(fileName);
            try (OutputStream out = Files.newOutputStream(jar)) {
                out.write("PK\u0003\u0004 this is not really a zip file".getBytes());
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void compile(Path classes, List<String> files) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-classpath",
                System.getProperty("java.class.path"), "-processor",
                "org.pf4j.processor.ExtensionAnnotationProcessor", "-d", classes.toString()));
        args.addAll(files);
        int exit = compiler.run(null, null, null, args.toArray(String[]::new));
        if (exit != 0) {
            throw new IllegalStateException("test plugin did not compile: " + files);
        }
    }

    /**
     * A telephony connector whose webhooks take long to parse: {@code parse} sleeps for {@code seconds} in all and
     * ignores interrupts (it goes back to sleep), like a plugin stuck in a loop; {@code verify} answers at once.
     */
    public static String sleepySource(String className, String connectorId, int seconds) {
        return telephonySource(className, connectorId, "TELEPHONY").replace(
                "return ParsedEvents.of(List.of());",
                """
                long until = System.nanoTime() + %dL * 1_000_000_000L;
                        while (System.nanoTime() < until) {
                            try { Thread.sleep(200); } catch (InterruptedException ignored) { }
                        }
                        return ParsedEvents.of(List.of());""".formatted(seconds));
    }

    /** The standard set of test plugins: one good, and one for each way a plugin can be broken. */
    public static void buildStandardSet(Path workDir, Path pluginsDir) {
        TestPluginJars jars = new TestPluginJars(workDir);
        String spi = ">=1.0.0 & <2.0.0";
        jars.build("good-1.0.0.jar", pluginsDir, "good", spi, null,
                Map.of("GoodConnector", telephonySource("GoodConnector", "good-phone", "TELEPHONY")));
        jars.build("throwing-1.0.0.jar", pluginsDir, "throwing", spi, "test.plugins.ThrowingPlugin", Map.of(
                "ThrowingPlugin", """
                        package test.plugins;
                        public class ThrowingPlugin extends org.pf4j.Plugin {
                            @Override public void start() { throw new IllegalStateException("boom on start"); }
                        }
                        """,
                "ThrowingPluginConnector", telephonySource("ThrowingPluginConnector", "throwing-phone", "TELEPHONY")));
        jars.build("incompatible-1.0.0.jar", pluginsDir, "incompatible", ">=2.0.0", null,
                Map.of("FutureConnector", telephonySource("FutureConnector", "future-phone", "TELEPHONY")));
        jars.build("empty-1.0.0.jar", pluginsDir, "empty", spi, null, Map.of());
        jars.build("mismatch-1.0.0.jar", pluginsDir, "mismatch", spi, null,
                Map.of("MismatchConnector", telephonySource("MismatchConnector", "mismatch", "HELPDESK")));
        jars.build("broken-ctor-1.0.0.jar", pluginsDir, "broken-ctor", spi, null, Map.of("BrokenConnector",
                telephonySource("BrokenConnector", "broken", "TELEPHONY").replace(
                        "public CheckResult check",
                        "public BrokenConnector() { throw new IllegalStateException(\"no config\"); }\n"
                                + "    public CheckResult check")));
        corrupt(pluginsDir, "corrupt.jar");
    }
}
