package io.switchboard.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code --client=raw}: a minimal blocking HTTP/1.1 client on one keep-alive socket per virtual user
 * ({@code TCP_NODELAY}, the request written in one piece). Plain http only. Reads answers with
 * {@code Content-Length}, chunked, or up to the end of the connection; closes after {@code Connection: close} (a
 * server's keep-alive request limit) and reconnects for the next request. A request that fails on a reused
 * connection before any byte of the answer arrived (the server closed it while idle) is sent once more on a new
 * connection, as browsers and HTTP libraries do; any other failure is the request's error.
 *
 * <p>Why: the JDK's HttpClient spends a few hundred microseconds of CPU per request, which on a 2-core box is CPU
 * taken from the server being measured; this one spends a fraction of that.
 */
final class RawSender implements Sender {

    private static final int BODY_SAMPLE = 512;

    private final int timeoutMillis;
    private final byte[] lineBuffer = new byte[8192];
    private Socket socket;
    private String connectedTo;
    private InputStream in;
    private OutputStream out;
    private boolean reused;
    private long answerBytes;

    RawSender(int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** @return the request as bytes on the wire */
    static byte[] encode(Payloads.Request request) {
        URI uri = request.uri();
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder head = new StringBuilder(256 + target.length());
        head.append(request.method()).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(uri.getPort() < 0 ? "" : ":" + uri.getPort())
                .append("\r\nUser-Agent: switchboard-webhook-load\r\nAccept: */*\r\n");
        byte[] body = request.form() == null ? new byte[0] : request.form().getBytes(StandardCharsets.UTF_8);
        if (request.form() != null) {
            head.append("Content-Type: ").append(request.contentType()).append("\r\nContent-Length: ")
                    .append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    @Override
    public Answer send(Payloads.Request request) throws IOException {
        byte[] bytes = encode(request);
        URI uri = request.uri();
        for (int attempt = 0; ; attempt++) {
            connect(uri);
            boolean wasReused = reused;
            answerBytes = 0;
            try {
                out.write(bytes);
                out.flush();
                reused = true;
                return readAnswer();
            } catch (IOException e) {
                close();
                if (wasReused && answerBytes == 0 && attempt == 0) {
                    continue; // stale keep-alive connection: once more on a new one
                }
                throw e;
            }
        }
    }

    private void connect(URI uri) throws IOException {
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String authority = uri.getHost() + ":" + port;
        if (socket != null && authority.equals(connectedTo)) {
            return;
        }
        close();
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(uri.getHost(), port), 5_000);
            s.setSoTimeout(timeoutMillis);
            in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
            out = s.getOutputStream();
        } catch (IOException e) {
            s.close();
            throw e;
        }
        socket = s;
        connectedTo = authority;
        reused = false;
    }

    private Answer readAnswer() throws IOException {
        String statusLine;
        int status;
        String version;
        boolean close;
        long length;
        boolean chunked;
        do { // skip interim 1xx answers
            statusLine = readLine();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP answer: " + abbreviate(statusLine));
            }
            version = parts[0];
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP status line: " + abbreviate(statusLine));
            }
            close = version.equals("HTTP/1.0");
            length = -1;
            chunked = false;
            for (String line = readLine(); !line.isEmpty(); line = readLine()) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.endsWith("chunked");
                    case "connection" -> close = value.contains("close") || close && !value.contains("keep-alive");
                    default -> { }
                }
            }
        } while (status >= 100 && status < 200);

        Sample body = new Sample();
        if (status == 204 || status == 304) {
            // no body
        } else if (chunked) {
            for (long size = chunkSize(readLine()); size > 0; size = chunkSize(readLine())) {
                body.read(in, size);
                if (!readLine().isEmpty()) {
                    throw new IOException("malformed chunked answer");
                }
            }
            for (String trailer = readLine(); !trailer.isEmpty(); trailer = readLine()) {
                // trailers ignored
            }
        } else if (length >= 0) {
            body.read(in, length);
        } else {
            body.read(in, Long.MAX_VALUE); // until the server closes
            close = true;
        }
        if (close) {
            close();
        }
        return new Answer(status, body.bytes());
    }

    private static long chunkSize(String line) throws IOException {
        int semi = line.indexOf(';');
        try {
            return Long.parseLong((semi < 0 ? line : line.substring(0, semi)).trim(), 16);
        } catch (NumberFormatException e) {
            throw new IOException("malformed chunk size: " + abbreviate(line));
        }
    }

    /** @return one line of the answer's head, without its CRLF */
    private String readLine() throws IOException {
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException(answerBytes == 0 ? "connection closed before an answer"
                        : "connection closed in the middle of an answer");
            }
            answerBytes++;
            if (b == '\n') {
                if (n > 0 && lineBuffer[n - 1] == '\r') {
                    n--;
                }
                return new String(lineBuffer, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (n == lineBuffer.length) {
                throw new IOException("answer line longer than " + lineBuffer.length + " bytes");
            }
            lineBuffer[n++] = (byte) b;
        }
    }

    /** The first {@value #BODY_SAMPLE} bytes of a body; the rest is read and dropped. */
    private final class Sample {
        private final byte[] start = new byte[BODY_SAMPLE];
        private int kept;
        private final byte[] skip = new byte[8192];

        void read(InputStream from, long length) throws IOException {
            long left = length;
            while (left > 0) {
                int r;
                if (kept < start.length) {
                    r = from.read(start, kept, (int) Math.min(start.length - kept, left));
                    if (r > 0) {
                        kept += r;
                    }
                } else {
                    r = from.read(skip, 0, (int) Math.min(skip.length, left));
                }
                if (r < 0) {
                    if (length == Long.MAX_VALUE) {
                        return;
                    }
                    throw new EOFException("connection closed in the middle of an answer's body");
                }
                answerBytes += r;
                left -= r;
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(start, kept);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        connectedTo = null;
        in = null;
        out = null;
        reused = false;
    }
}
