package dev.ordersaga.bench;

import dev.ordersaga.seed.GatewayClient;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * What a run needs in the shop before it starts: its own products (one with plenty of stock, one
 * with none, for the out-of-stock share of the mix) and its own buyers, registered and logged in
 * once. Everything is named after the run id, so runs never share state.
 */
public final class BenchSetup {

    public record Fixture(
            List<GatewayClient.Session> buyers, String stockedProduct, String emptyProduct, String price, int stock) {}

    private BenchSetup() {}

    public static Fixture prepare(
            GatewayClient gateway, GatewayClient.Session admin, String runId, int buyers, int stock) {
        String stocked = objectId();
        String empty = objectId();
        String price = "9.99";
        gateway.createProduct(admin, stocked, "BENCH-" + runId + "-A", "Bench product " + runId, price, stock, true);
        gateway.createProduct(admin, empty, "BENCH-" + runId + "-Z", "Bench empty product " + runId, price, 0, true);
        List<GatewayClient.Session> sessions = new ArrayList<>(IntStream.range(0, buyers)
                .parallel()
                .mapToObj(i -> {
                    String username = "bench-" + runId + "-" + i;
                    String password = "bench-password-" + i;
                    gateway.createUser(admin, username, password, username + "@bench.example", "Bench Buyer " + i);
                    // each buyer logs in from a loopback address of its own (login is limited per address)
                    return new GatewayClient(gateway.baseUrl(), buyerAddress(i)).login(username, password);
                })
                .toList());
        return new Fixture(sessions, stocked, empty, price, stock);
    }

    /** 127.0.1.1, 127.0.1.2, ...: every address of 127.0.0.0/8 reaches the loopback interface. */
    static InetAddress buyerAddress(int buyer) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, (byte) (1 + buyer / 250), (byte) (1 + buyer % 250)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh 24-hex id in MongoDB ObjectId form. */
    public static String objectId() {
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
