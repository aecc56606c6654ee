package dev.ordersaga.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.testsupport.RawHttp;
import dev.ordersaga.testsupport.SagaServiceTest;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The discarding of a refused body is bounded: a sender that stalls is let go at the discard time
 * (not at Tomcat's connection timeout, set far above it here), and one that sends more than the
 * discard bytes is cut off.
 */
@SagaServiceTest
@TestPropertySource(
        properties = {
            "saga.web.discard.max-time=1s",
            "saga.web.discard.max-bytes=1MB",
            "server.tomcat.connection-timeout=120s"
        })
class RefusedBodyBoundsTest {

    @LocalServerPort
    int port;

    @Test
    void a_sender_that_stalls_mid_body_gets_the_413_and_is_let_go_at_the_discard_time() throws Exception {
        // RawHttp waits 60 s at most for the server to close: Tomcat alone would keep reading
        // until its 120 s connection timeout.
        String answer = RawHttp.postPartOfTheBodyThenRead(port, "/test/things", 60L << 20, 1000);

        assertThat(answer).startsWith("HTTP/1.1 413").contains("PAYLOAD_TOO_LARGE");
    }

    @Test
    void a_sender_past_the_discard_bytes_is_cut_off_not_read_to_the_end() {
        assertThatThrownBy(() -> RawHttp.postWholeBodyThenRead(port, "/test/things", 60L << 20))
                .isInstanceOf(IOException.class);
    }
}
