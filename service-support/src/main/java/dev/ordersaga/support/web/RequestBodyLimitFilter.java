package dev.ordersaga.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies before anything reads them. A declared Content-Length above the cap is
 * answered 413 at once, without handing a byte to the application (and before the security chain,
 * so it costs an unauthenticated sender nothing). A body without a length (chunked) is counted as
 * it is read and cut off at the cap. Either way the rest of the body is then read and dropped,
 * bounded in bytes and time ({@link RefusedBodyDiscard}), so that a client that writes its whole
 * body before it reads gets the 413, not a connection reset; with {@code Expect: 100-continue} the
 * client gets the 413 instead of the go-ahead and sends nothing. Without the cap, one 60 MB JSON
 * body to the gateway was parsed into a tree and ended the process with an OutOfMemoryError.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    public static final String CODE = "PAYLOAD_TOO_LARGE";

    private final long maxBytes;
    private final WebLimits.Discard discard;

    public RequestBodyLimitFilter(WebLimits limits) {
        this.maxBytes = limits.maxBodySize().toBytes();
        this.discard = limits.discard();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            refuse(request, response);
            RefusedBodyDiscard.start(request, response, discard, expectsContinue(request));
            return;
        }
        LimitedRequest limited = new LimitedRequest(request, maxBytes);
        try {
            chain.doFilter(limited, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!PayloadTooLargeException.causes(e) || response.isCommitted()) {
                throw e;
            }
            response.reset();
            refuse(request, response);
            RefusedBodyDiscard.start(request, response, discard, false);
            return;
        }
        if (limited.exceeded()) {
            if (!response.isCommitted()) {
                // Whatever read the body turned the cut-off into its own error; the client should
                // learn the real reason.
                response.reset();
                refuse(request, response);
            }
            RefusedBodyDiscard.start(request, response, discard, false);
        } else if (request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null && !request.isAsyncStarted()) {
            // A chunked body answered before it was read to its end (a 401 before the token was
            // checked against it, a 400 at its first bad byte): its length is unknown, and Tomcat
            // would swallow 2 MB of it and then reset the connection.
            RefusedBodyDiscard.start(request, response, discard, false);
        }
    }

    /** Nothing was read, so the client that asked for a go-ahead has not had one and sends nothing. */
    private static boolean expectsContinue(HttpServletRequest request) {
        return "100-continue".equalsIgnoreCase(request.getHeader("Expect"));
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close");
        Problems.write(
                response,
                Problems.of(
                        HttpStatus.CONTENT_TOO_LARGE,
                        CODE,
                        "The request body is larger than " + maxBytes + " bytes.",
                        request.getRequestURI()));
    }

    /** Hands out a stream that counts what the application reads and stops at the cap. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long maxBytes;
        private LimitedStream stream;

        LimitedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), maxBytes);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        boolean exceeded() {
            return stream != null && stream.exceeded;
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long maxBytes;
        private long read;
        private boolean exceeded;

        LimitedStream(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws PayloadTooLargeException {
            read += n;
            if (read > maxBytes) {
                exceeded = true;
                throw new PayloadTooLargeException(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
