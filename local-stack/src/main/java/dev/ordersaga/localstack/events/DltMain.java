package dev.ordersaga.localstack.events;

import dev.ordersaga.deadletters.DeadLetter;
import dev.ordersaga.deadletters.DeadLetterTopic;
import dev.ordersaga.deadletters.DeadLetters;
import dev.ordersaga.deadletters.RecordRef;
import dev.ordersaga.events.Topics;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./stack dlt}: what the dead-letter topics hold, and re-driving them, with the code the
 * operator console uses ({@link DeadLetters}).
 *
 * <ul>
 *   <li>{@code list}: every record of every {@code <topic>.DLT}: when, type, order id, where it came
 *       from, the error the consumer gave up with, and whether it was re-driven; then each topic's
 *       count;
 *   <li>{@code redrive <topic>}: publishes the records of {@code <topic>.DLT} not re-driven yet to
 *       {@code <topic>} again, as they first came; running it twice does not send a record twice;
 *   <li>{@code redrive <topic> <topic.DLT/partition/offset>...}: only those records (again, if they were
 *       re-driven before).
 * </ul>
 *
 * Runs in a JVM of its own with the Kafka jars, like {@link EventsMain}.
 */
public final class DltMain {

    private DltMain() {}

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: DltMain <bootstrap> list | redrive <topic> [<topic.DLT/partition/offset>...]");
            System.exit(2);
        }
        try (DeadLetters deadLetters = DeadLetters.connect(args[0])) {
            switch (args[1]) {
                case "list" -> list(deadLetters);
                case "redrive" -> {
                    if (args.length < 3 || !Topics.ALL.contains(args[2])) {
                        System.err.println("redrive needs one of the saga topics: " + String.join(", ", Topics.ALL));
                        System.exit(2);
                    }
                    String topic = args[2];
                    String summary = args.length == 3
                            ? deadLetters.redriveAll(topic).summary()
                            : deadLetters
                                    .redrive(
                                            Arrays.stream(args, 3, args.length)
                                                    .map(RecordRef::parse)
                                                    .toList(),
                                            true)
                                    .summary();
                    System.out.println(summary + " from " + Topics.deadLetter(topic) + " to " + topic);
                }
                default -> {
                    System.err.println("unknown action " + args[1] + " (list, redrive)");
                    System.exit(2);
                }
            }
        }
    }

    private static void list(DeadLetters deadLetters) {
        List<DeadLetter> records = deadLetters.records();
        records.forEach(record -> System.out.println(record.ref() + "  " + record.line()));
        List<DeadLetterTopic> held =
                deadLetters.topics().stream().filter(t -> t.total() > 0).toList();
        if (held.isEmpty()) {
            System.out.println("every dead-letter topic is empty");
        }
        held.forEach(t -> System.out.println(t.topic() + ": " + t.total() + (t.total() == 1 ? " record" : " records")
                + ", " + t.waiting() + " waiting for a re-drive"));
    }
}
