package dev.ordersaga.support.kafka;

import dev.ordersaga.events.EventHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.listener.RecordInterceptor;

/** Reads the saga headers of each consumed record into {@link SagaContext} (and the log context). */
public class SagaRecordInterceptor implements RecordInterceptor<Object, Object> {

    @Override
    public ConsumerRecord<Object, Object> intercept(
            ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        SagaContext.enter(
                TraceParent.parseOrNew(header(record, EventHeaders.TRACEPARENT)),
                record.key() == null ? null : record.key().toString(),
                header(record, EventHeaders.CORRELATION_ID),
                header(record, EventHeaders.TYPE));
        return record;
    }

    @Override
    public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        SagaContext.leave();
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
