package dev.ordersaga.support.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.apache.coyote.ContinueResponseTiming;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * How Tomcat treats request bodies the application refuses ({@link RequestBodyLimitFilter}).
 *
 * <ul>
 *   <li>{@code 100 Continue} only once the application reads the body ({@code
 *       continueResponseTiming="onRead"}; Tomcat's default answers it before any filter runs, so a
 *       client that asked first was told to send 60 MB that were then refused). Spring Boot has no
 *       {@code server.tomcat.*} property for it.
 *   <li>A way to close a connection without Tomcat reading the rest of the body first, for {@link
 *       RefusedBodyDiscard} when a sender is past its bounds: Tomcat would otherwise swallow up to
 *       {@code max-swallow-size} more, at the sender's pace.
 * </ul>
 */
final class TomcatBodyHandling implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setContinueResponseTiming(ContinueResponseTiming.ON_REQUEST_BODY_READ.toString());
            }
        });
        factory.addContextValves(new CloseWithoutReadingValve());
    }

    /** Hands each request the hook {@link RefusedBodyDiscard#CLOSE_WITHOUT_READING}. */
    static final class CloseWithoutReadingValve extends ValveBase {

        CloseWithoutReadingValve() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            // Tomcat's own signal for an aborted upload: no more reading, close after the response.
            request.setAttribute(RefusedBodyDiscard.CLOSE_WITHOUT_READING, (Runnable)
                    () -> request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null));
            getNext().invoke(request, response);
        }
    }
}
