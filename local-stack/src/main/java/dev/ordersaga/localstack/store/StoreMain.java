package dev.ordersaga.localstack.store;

import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The stack's MongoDB-wire-compatible store: mongo-java-server with the H2 (MVStore) file backend,
 * one server for every {@code ecommerce_*} database, data in one file that survives restarts. Runs
 * in its own JVM: {@code StoreMain <host> <port> <file>}.
 */
public final class StoreMain {

    private StoreMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: StoreMain <host> <port> <data file>");
            System.exit(2);
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        Path file = Path.of(args[2]).toAbsolutePath();
        Files.createDirectories(file.getParent());

        StoreBackend backend = new StoreBackend(file.toString());
        MongoServer server = new MongoServer(backend);
        server.bind(host, port); // returns void: the address is read afterwards
        System.out.println("store ready on " + server.getLocalAddress() + ", data in " + file);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            // close connections first, then the backend, so the MVStore file is written cleanly
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
