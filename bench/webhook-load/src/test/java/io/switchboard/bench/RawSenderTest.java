package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The raw client against a scripted server: each request gets the next scripted answer, byte for byte. */
class RawSenderTest {

    /** Closes the connection instead of answering. */
    private static final String HANG_UP = "<hang up>";
    /** Answers nothing (for the timeout). */
    private static final String SILENCE = "<silence>";

    private ServerSocket server;
    private final BlockingQueue<String> script = new LinkedBlockingQueue<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private RawSender sender;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    connections.incrementAndGet();
                    Thread t = new Thread(() -> serve(s));
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        accept.setDaemon(true);
        accept.start();
        sender = new RawSender(1_000);
    }

    @AfterEach
    void stop() throws IOException {
        sender.close();
        server.close();
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                int length = 0;
                for (String line : head.split("\r\n")) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                requests.add(head + body);
                String answer = script.take();
                if (answer.equals(HANG_UP)) {
                    return;
                }
                if (answer.equals(SILENCE)) {
                    Thread.sleep(5_000);
                    return;
                }
                out.write(answer.getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (answer.contains("Connection: close") || !answer.contains("Content-Length")
                        && !answer.contains("chunked") && !answer.startsWith("HTTP/1.1 204")) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // connection over
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private Payloads.Request post(String form) {
        return new Payloads.Request(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/hook?token=t"), form);
    }

    private static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    @Test
    void keepsOneConnectionAliveAcrossRequests() throws Exception {
        script.add(ok("{\"success\": true}"));
        script.add("HTTP/1.1 100 Continue\r\n\r\n" + ok("{}"));
        script.add("HTTP/1.1 204 No Content\r\n\r\n");
        script.add("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n6\r\n world\r\n0\r\nX-T: 1\r\n\r\n");

        assertThat(sender.send(post("a=1")).status()).isEqualTo(200);
        assertThat(sender.send(post("a=2")).bodyStart()).asString().isEqualTo("{}");
        assertThat(sender.send(post("a=3")).status()).isEqualTo(204);
        Sender.Answer chunked = sender.send(post("a=4"));
        assertThat(chunked.status()).isEqualTo(200);
        assertThat(new String(chunked.bodyStart(), StandardCharsets.UTF_8)).isEqualTo("hello world");

        assertThat(connections).hasValue(1);
        assertThat(requests).hasSize(4);
        assertThat(requests.get(0)).startsWith("POST /hook?token=t HTTP/1.1\r\nHost: 127.0.0.1:" + server.getLocalPort())
                .contains("Content-Length: 3\r\n").endsWith("\r\n\r\na=1");
    }

    @Test
    void reconnectsAfterConnectionCloseAndReadsUntilEndWithoutLength() throws Exception {
        script.add("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
        script.add("HTTP/1.0 503 Service Unavailable\r\n\r\nbusy, try later");
        script.add(ok("{}"));

        assertThat(sender.send(post("a=1")).status()).isEqualTo(200);
        Sender.Answer busy = sender.send(post("a=2"));
        assertThat(busy.status()).isEqualTo(503);
        assertThat(new String(busy.bodyStart(), StandardCharsets.UTF_8)).isEqualTo("busy, try later");
        assertThat(sender.send(post("a=3")).status()).isEqualTo(200);
        assertThat(connections).hasValue(3);
    }

    @Test
    void resendsOnceWhenAnIdleConnectionWasClosed() throws Exception {
        script.add(ok("{}"));
        script.add(HANG_UP); // the server dropped the kept-alive connection
        script.add(ok("{}"));
        assertThat(sender.send(post("a=1")).status()).isEqualTo(200);
        assertThat(sender.send(post("a=2")).status()).isEqualTo(200);
        assertThat(requests).hasSize(3).allMatch(r -> r.startsWith("POST"));
        assertThat(requests.get(2)).endsWith("a=2");
        assertThat(connections).hasValue(2);

        script.add(HANG_UP);
        script.add(HANG_UP); // twice in a row: an error, not an endless retry
        assertThatThrownBy(() -> sender.send(post("a=3"))).isInstanceOf(IOException.class)
                .hasMessageContaining("closed before an answer");
    }

    @Test
    void failsOnAFreshConnectionAndOnTimeout() throws Exception {
        script.add(HANG_UP);
        assertThatThrownBy(() -> sender.send(post("a=1"))).isInstanceOf(IOException.class);
        assertThat(requests).hasSize(1); // a fresh connection is not retried

        script.add(SILENCE);
        assertThatThrownBy(() -> sender.send(post("a=2"))).isInstanceOf(SocketTimeoutException.class);

        script.add("garbage\r\n\r\n");
        assertThatThrownBy(() -> sender.send(post("a=3"))).hasMessageContaining("not an HTTP answer");
    }

    @Test
    void sendsTheRequestsContentType() {
        URI url = URI.create("http://127.0.0.1:1/hook");
        String form = new String(RawSender.encode(new Payloads.Request(url, "a=1")), StandardCharsets.ISO_8859_1);
        String json = new String(RawSender.encode(Payloads.Request.json(url, "{\"a\":1}")),
                StandardCharsets.ISO_8859_1);
        assertThat(form).contains("Content-Type: " + Payloads.FORM_TYPE + "\r\n");
        assertThat(json).contains("Content-Type: application/json\r\n").endsWith("\r\n\r\n{\"a\":1}");
    }
}
