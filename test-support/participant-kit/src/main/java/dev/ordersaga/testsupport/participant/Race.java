package dev.ordersaga.testsupport.participant;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs tasks released at the same instant, to race deliveries of one order against the real store. */
public final class Race {

    /** One racer; {@code index} tells it apart from the others. */
    public interface Task<T> {
        T run(int index) throws Exception;
    }

    private Race() {}

    /** Runs {@code n} tasks released together and returns their results in index order. */
    public static <T> List<T> of(int n, Task<? extends T> task) throws Exception {
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<T> call = () -> {
                    ready.countDown();
                    go.await();
                    return task.run(index);
                };
                futures.add(threads.submit(call));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
