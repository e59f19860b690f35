package dev.fakeecr.internal.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An ECR-shaped POST over a plain socket, for bodies no HTTP client would buffer: the body is generated
 * while it is sent (never held in memory) and the answer is read while the body is still going out, as a
 * server may answer (and close) before reading it all.
 */
public final class RawPost {
    /**
     * An answer read off a socket.
     *
     * @param head the status line and headers as sent
     * @param status the status, or -1 if the head is not an HTTP/1.1 answer
     * @param headers the headers, by lower-cased name
     * @param body the body
     */
    public record Answer(String head, int status, Map<String, String> headers, String body) {}

    private RawPost() {}

    /**
     * Sends {@code bodyBytes} bytes of a never-ending JSON string; with {@code chunked} the length is not
     * declared. {@code declaredBytes} may differ from what is sent, to refuse on the header alone.
     */
    static Answer send(URI endpoint, long declaredBytes, long bodyBytes, boolean chunked) throws Exception {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST / HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort() + "\r\n"
                    + "Content-Type: application/x-amz-json-1.1\r\n"
                    + "X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.PutImage\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + declaredBytes + "\r\n")
                    + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread writer = new Thread(() -> writeBody(out, bodyBytes, chunked), "raw-post-body");
            writer.setDaemon(true);
            writer.start();
            Answer answer = read(socket.getInputStream());
            writer.join(60_000);
            return answer;
        }
    }

    private static void writeBody(OutputStream out, long bodyBytes, boolean chunked) {
        byte[] piece = new byte[64 * 1024];
        Arrays.fill(piece, (byte) 'x');
        byte[] start = "{\"repositoryName\":\"app\",\"imageManifest\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, piece, 0, start.length);
        try {
            for (long sent = 0; sent < bodyBytes; ) {
                int n = (int) Math.min(piece.length, bodyBytes - sent);
                if (chunked) {
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(piece, 0, n);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                Arrays.fill(piece, 0, start.length, (byte) 'x');
                sent += n;
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException expected) {
            // The server answered and closed the connection before taking the whole body.
        }
    }

    /** Reads one answer: a chunked body, a declared one, or whatever comes until the server closes. */
    public static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int last4 = 0;
        int b;
        while ((b = in.read()) != -1) {
            headBytes.write(b);
            last4 = (last4 << 8) | b;
            if (last4 == 0x0D0A0D0A) {
                break;
            }
        }
        String head = headBytes.toString(StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            int size;
            while ((size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) > 0) {
                chunks.write(in.readNBytes(size));
                line(in);
            }
            line(in);
            body = chunks.toByteArray();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        int status = lines[0].startsWith("HTTP/1.1 ") ? Integer.parseInt(lines[0].substring(9, 12)) : -1;
        return new Answer(head, status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
