package dev.ordersaga.bench;

import java.util.HashSet;
import java.util.Set;

/**
 * What a run's client knows about the orders its requests started, for the invariant check.
 *
 * @param accepted the order ids an answer said exist (201, 402, 409, 422, 504: any answer carrying an
 *     {@code order_id}, but a 503)
 * @param uncertain the order ids of 503 answers ("not accepted"): the broker refused or did not
 *     confirm the hand-over in time, so the order may exist or not
 * @param unanswered requests that ended without an order id: no answer (a connection error or a
 *     client timeout) or a 5xx without one; each may have started an order nobody heard of
 * @param repeatedAnswers answers that named an order id another answer had named already
 */
public record RunOrders(Set<String> accepted, Set<String> uncertain, long unanswered, long repeatedAnswers) {

    public RunOrders {
        accepted = Set.copyOf(accepted);
        uncertain = Set.copyOf(uncertain);
    }

    public static RunOrders none() {
        return new RunOrders(Set.of(), Set.of(), 0, 0);
    }

    /** Both runs' orders (a warm-up and the run after it, say). */
    public RunOrders plus(RunOrders other) {
        return new RunOrders(
                union(accepted, other.accepted),
                union(uncertain, other.uncertain),
                unanswered + other.unanswered,
                repeatedAnswers + other.repeatedAnswers);
    }

    /** With orders placed outside the load generator (a test's probes). */
    public RunOrders plusAccepted(Set<String> more) {
        return new RunOrders(union(accepted, more), uncertain, unanswered, repeatedAnswers);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
