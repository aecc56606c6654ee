package dev.ordersaga.localstack.store;

import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The stack's MongoDB-wire-compatible store ({@link StoreBackend}): one server for every {@code ecommerce_*}
 * database, data in one directory (journal and snapshots) that survives restarts and kills. Runs in its own JVM:
 * {@code StoreMain <host> <port> <directory>}; settings as system properties ({@link StoreBackend.Settings},
 * {@code ordersaga.store.threads}).
 */
public final class StoreMain {

    private StoreMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: StoreMain <host> <port> <data directory>");
            System.exit(2);
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]).toAbsolutePath();
        Files.createDirectories(dir);

        StoreBackend backend = new StoreBackend(dir);
        MongoServer server = new MongoServer(backend);
        // a write holds its connection's thread until its group is in the journal: enough threads that the writes of
        // many connections can wait together (and share one commit) rather than queue behind each other
        server.bind(new InetSocketAddress(host, port), 1, Integer.getInteger("ordersaga.store.threads", 64));
        System.out.println("store ready on " + server.getLocalAddress() + ", data in " + dir);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            // close connections first, then the backend, so the journal ends with a whole record
                            server.shutdown();
                            try {
                                backend.close();
                            } catch (RuntimeException alreadyClosed) {
                                // the server may have closed its backend already
                            }
                            System.out.println("store stopped");
                            stopped.countDown();
                        },
                        "store-shutdown"));
        stopped.await();
    }
}
