package dev.ordersaga.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * HTTP/1.1 on a bare socket, for what ordinary test clients hide: a body written whole before a
 * byte of the answer is read (what Python's {@code http.client}, {@code urllib} and other blocking
 * clients do), or a request that waits for {@code 100 Continue} before sending its body. A server
 * that answers and closes while such a body is still arriving resets the connection: the write or
 * the read then fails with an {@link IOException}, which fails the test.
 */
public final class RawHttp {

    /** Long enough for any answer on a loaded machine; only there so that a broken server cannot hang a test. */
    private static final Duration READ_GUARD = Duration.ofSeconds(60);

    private static final int CHUNK = 64 * 1024;

    private RawHttp() {}

    /**
     * POSTs {@code bodyLength} bytes to {@code path}: the head, then the whole body, and only then
     * reads the answer until the server closes the connection.
     *
     * @param extraHeaders header lines without the line ends, e.g. {@code "Authorization: Bearer ..."}
     * @return everything the server sent, status line first
     */
    public static String postWholeBodyThenRead(int port, String path, long bodyLength, String... extraHeaders)
            throws IOException {
        try (Socket socket = connect(port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head(path, bodyLength, extraHeaders));
            byte[] chunk = new byte[CHUNK];
            Arrays.fill(chunk, (byte) 'x');
            for (long left = bodyLength; left > 0; left -= CHUNK) {
                out.write(chunk, 0, (int) Math.min(CHUNK, left));
            }
            out.flush();
            return readToTheEnd(socket);
        }
    }

    /**
     * POSTs about {@code bodyLength} bytes in chunks of 64 000 ({@code Transfer-Encoding: chunked},
     * no length announced): the whole body, then reads the answer until the server closes the
     * connection. The body is the start of a JSON object with an endless array of 1 000-byte
     * strings, so a server reads it as JSON until it stops at its size limit. (A body the server
     * never reads, e.g. one refused 401 before it is looked at, is answered as soon as it is
     * refused.)
     */
    public static String postWholeChunkedBodyThenRead(int port, String path, long bodyLength, String... extraHeaders)
            throws IOException {
        try (Socket socket = connect(port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head(path, -1, extraHeaders));
            byte[] piece = ("\"" + "x".repeat(997) + "\",").getBytes(StandardCharsets.US_ASCII);
            byte[] chunk = new byte[64 * piece.length];
            for (int i = 0; i < 64; i++) {
                System.arraycopy(piece, 0, chunk, i * piece.length, piece.length);
            }
            writeChunk(out, "{\"padding\":[".getBytes(StandardCharsets.US_ASCII));
            for (long left = bodyLength; left > 0; left -= chunk.length) {
                writeChunk(out, chunk);
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readToTheEnd(socket);
        }
    }

    private static void writeChunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * POSTs {@code body} with {@code Expect: 100-continue}: sends the head, waits for the server's
     * interim answer, sends the body only if it is {@code 100 Continue}, and reads until the server
     * closes the connection (send {@code Connection: close} among the headers).
     *
     * @return the interim answer followed by everything after it
     */
    public static String postExpectingContinueThenSend(int port, String path, byte[] body, String... extraHeaders)
            throws IOException {
        String[] headers = Arrays.copyOf(extraHeaders, extraHeaders.length + 1);
        headers[extraHeaders.length] = "Expect: 100-continue";
        try (Socket socket = connect(port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head(path, body.length, headers));
            out.flush();
            String interim = readHead(socket.getInputStream());
            if (interim.startsWith("HTTP/1.1 100")) {
                out.write(body);
                out.flush();
            }
            return interim + readToTheEnd(socket);
        }
    }

    /**
     * POSTs a request announcing {@code bodyLength} bytes with {@code Expect: 100-continue}, sends
     * no body, and reads what the server answers until it closes the connection. A server that
     * wants the body answers {@code 100 Continue} first.
     */
    public static String postExpectingContinue(int port, String path, long bodyLength, String... extraHeaders)
            throws IOException {
        String[] headers = Arrays.copyOf(extraHeaders, extraHeaders.length + 1);
        headers[extraHeaders.length] = "Expect: 100-continue";
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(head(path, bodyLength, headers));
            socket.getOutputStream().flush();
            return readToTheEnd(socket);
        }
    }

    /**
     * Sends the head and the first {@code sent} bytes of a body announced as {@code bodyLength}
     * bytes, then stops sending and reads what the server answers until it closes the connection:
     * a sender that stalls.
     */
    public static String postPartOfTheBodyThenRead(int port, String path, long bodyLength, int sent)
            throws IOException {
        try (Socket socket = connect(port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head(path, bodyLength));
            byte[] part = new byte[sent];
            Arrays.fill(part, (byte) 'x');
            out.write(part);
            out.flush();
            return readToTheEnd(socket);
        }
    }

    /**
     * Sends the head of a body announced as {@code bodyLength} bytes and then only {@code bodyStart},
     * and reads while it sends nothing more, as a client that reads while it sends (curl) does: until
     * the answer contains {@code until} or the server closes the connection.
     *
     * @return what the server sent by then, status line first
     */
    public static String postTheStartOfABodyReadingUntil(
            int port, String path, long bodyLength, String bodyStart, String until) throws IOException {
        try (Socket socket = connect(port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head(path, bodyLength));
            out.write(bodyStart.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[2048];
            while (!answer.toString().contains(until)) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            return answer.toString();
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) READ_GUARD.toMillis());
        return socket;
    }

    /** The request head; a body length of -1 announces a chunked body. */
    private static byte[] head(String path, long bodyLength, String... extraHeaders) {
        StringBuilder head = new StringBuilder("POST ")
                .append(path)
                .append(" HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n")
                .append(bodyLength < 0 ? "Transfer-Encoding: chunked" : "Content-Length: " + bodyLength)
                .append("\r\n");
        for (String header : extraHeaders) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The status line and headers of one answer, up to and with the empty line. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while (!head.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0) {
            head.append((char) b);
        }
        return head.toString();
    }

    private static String readToTheEnd(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
