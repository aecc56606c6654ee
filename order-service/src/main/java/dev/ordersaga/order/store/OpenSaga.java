package dev.ordersaga.order.store;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An order whose saga is not finished: not decided yet, or decided but its outcome event not
 * yet acknowledged by the broker. The sweep looks only at these (a handful at any time), never at
 * the whole order history: mongo-java-server has no secondary indexes, and a full scan of every
 * order each second would cost every request latency as the history grows.
 *
 * @param orderId the order
 * @param deadline the order's saga deadline when it was opened
 * @param recheckAt when the sweep should look at it next
 * @param traceparent the trace of the order's saga, which the sweep's work continues (null if none)
 */
@Document("open_sagas")
public record OpenSaga(
        @Id String orderId, Instant deadline, @Indexed Instant recheckAt, String traceparent) {}
