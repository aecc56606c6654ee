package dev.ordersaga.support.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lingering close of a refused request: once the 413 is sent (or any answer to a chunked body
 * that was not read to its end), the rest of the body is read and dropped, and the connection
 * closes when the body has ended. Without it Tomcat reads at most its
 * {@code max-swallow-size} (2 MB) of the rest and closes with the remainder still arriving; the
 * kernel answers that data with a reset, and a client that writes its whole body before it reads
 * (Python's {@code http.client}, {@code urllib}) loses the 413 it had not read yet.
 *
 * <p>Non-blocking ({@link ReadListener}): no thread waits on the sender, the container calls back
 * when bytes arrive. Bounded by {@link WebLimits.Discard}: past its bytes or its time the
 * connection is closed without reading more (and without Tomcat's own swallow, through the hook
 * {@link TomcatBodyHandling} installs). Nothing read is kept.
 */
final class RefusedBodyDiscard implements ReadListener, AsyncListener {

    private static final Logger log = LoggerFactory.getLogger(RefusedBodyDiscard.class);

    /**
     * A request attribute holding a {@link Runnable} that makes the server close the connection
     * after the response without reading the rest of the request body. Set by the Tomcat valve;
     * without it, giving up leaves the rest to the server's own handling.
     */
    static final String CLOSE_WITHOUT_READING = RefusedBodyDiscard.class.getName() + ".closeWithoutReading";

    private final AsyncContext async;
    private final ServletInputStream in;
    private final long maxBytes;
    private final Runnable closeWithoutReading;
    private final byte[] buffer = new byte[8192];
    private final AtomicBoolean done = new AtomicBoolean();
    private long discarded;

    private RefusedBodyDiscard(AsyncContext async, ServletInputStream in, long maxBytes, Runnable closeWithoutReading) {
        this.async = async;
        this.in = in;
        this.maxBytes = maxBytes;
        this.closeWithoutReading = closeWithoutReading;
    }

    /**
     * Sends the answer already written to {@code response} and discards the rest of the body, if
     * any is left and the request can go asynchronous.
     *
     * @param waitingForGoAhead the client asked {@code Expect: 100-continue} and was never told to
     *     send its body (nothing was read): nothing is read then, and the server closes the
     *     connection after the answer
     */
    static void start(
            HttpServletRequest request,
            HttpServletResponse response,
            WebLimits.Discard limits,
            boolean waitingForGoAhead)
            throws IOException {
        if (waitingForGoAhead || !request.isAsyncSupported() || request.isAsyncStarted()) {
            return;
        }
        ServletInputStream in;
        try {
            in = request.getInputStream();
        } catch (IllegalStateException readerInUse) {
            return;
        }
        if (in.isFinished()) {
            return;
        }
        // The answer goes out now: a client that reads while it sends stops sending.
        response.flushBuffer();
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(limits.maxTime().toMillis());
        RefusedBodyDiscard discard = new RefusedBodyDiscard(
                async,
                in,
                limits.maxBytes().toBytes(),
                request.getAttribute(CLOSE_WITHOUT_READING) instanceof Runnable hook ? hook : () -> {});
        async.addListener(discard);
        in.setReadListener(discard);
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (!done.get() && in.isReady()) {
            int n = in.read(buffer);
            if (n < 0) {
                return; // onAllDataRead follows
            }
            discarded += n;
            if (discarded > maxBytes) {
                giveUp();
                return;
            }
        }
    }

    @Override
    public void onAllDataRead() {
        finish();
    }

    /** The client went away or sent something unreadable: nothing more to read. */
    @Override
    public void onError(Throwable t) {
        giveUp();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        giveUp();
    }

    @Override
    public void onError(AsyncEvent event) {
        giveUp();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        done.set(true);
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }

    private void giveUp() {
        if (!done.get()) {
            log.debug("closing the connection after discarding {} bytes of a refused body", discarded);
            closeWithoutReading.run();
        }
        finish();
    }

    private void finish() {
        if (done.compareAndSet(false, true)) {
            async.complete();
        }
    }
}
