package io.switchboard.launcher;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

/**
 * Stands in for {@code payara-micro.jar} in {@link LauncherLifecycleTest}: the launcher starts it exactly as it starts
 * Payara Micro. It records its environment and arguments in its working directory (the data folder) and behaves as
 * {@code -Dfake.mode} says: {@code exit0} fails at once with 0 (as Payara does when its port is taken), {@code up}
 * serves {@code /health} UP until stopped, {@code up-then-exit3} serves it for a second and exits with 3,
 * {@code never-up} never answers.
 */
public final class FakePayara {

    private FakePayara() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Files.writeString(Path.of("fake-pid.txt"), String.valueOf(ProcessHandle.current().pid()));
        Files.writeString(Path.of("fake-environment.txt"), new TreeMap<>(System.getenv()).toString());
        Files.writeString(Path.of("fake-arguments.txt"), String.join(" ", List.of(args)));
        String mode = System.getProperty("fake.mode", "up");
        if (mode.equals("exit0")) {
            System.exit(0);
        }
        if (mode.equals("never-up")) {
            Thread.sleep(Long.MAX_VALUE);
        }
        int port = Integer.parseInt(args[List.of(args).indexOf("--port") + 1]);
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/health", exchange -> {
            byte[] body = "{\"status\":\"UP\",\"checks\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        if (mode.equals("up-then-exit3")) {
            Thread.sleep(1500);
            System.exit(3);
        }
    }
}
