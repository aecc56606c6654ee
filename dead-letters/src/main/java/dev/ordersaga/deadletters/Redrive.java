package dev.ordersaga.deadletters;

import java.util.List;

/**
 * What a re-drive did.
 *
 * @param sent the records published to their topic again
 * @param skipped the records asked for that were re-driven before (sent again only when asked to)
 * @param missing the references that name no record (wrong topic, or an offset past the end)
 */
public record Redrive(List<RecordRef> sent, List<RecordRef> skipped, List<RecordRef> missing) {

    public Redrive {
        sent = List.copyOf(sent);
        skipped = List.copyOf(skipped);
        missing = List.copyOf(missing);
    }

    public String summary() {
        StringBuilder text = new StringBuilder("re-drove " + sent.size() + (sent.size() == 1 ? " record" : " records"));
        if (!skipped.isEmpty()) {
            text.append(", ").append(skipped.size()).append(" already re-driven");
        }
        if (!missing.isEmpty()) {
            text.append(", ").append(missing.size()).append(" not found");
        }
        return text.toString();
    }
}
