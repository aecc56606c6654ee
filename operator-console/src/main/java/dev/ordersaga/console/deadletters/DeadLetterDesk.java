package dev.ordersaga.console.deadletters;

import dev.ordersaga.deadletters.DeadLetters;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Service;

/**
 * The dead-letter topics through the code {@code ./stack dlt} uses ({@link DeadLetters}), with the
 * broker settings (address, security) of this service. A short-lived client per request: the pages
 * are read rarely, and a client holds a consumer that is not thread-safe.
 */
@Service
public class DeadLetterDesk {

    private final Map<String, Object> clientProperties;

    public DeadLetterDesk(KafkaProperties kafka) {
        this.clientProperties = kafka.buildAdminProperties();
    }

    public <T> T with(Function<DeadLetters, T> work) {
        try (DeadLetters deadLetters = new DeadLetters(clientProperties)) {
            return work.apply(deadLetters);
        }
    }
}
