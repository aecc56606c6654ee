import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives one batch against the peer (piomin/sample-spring-kafka-microservices) and measures it.
 * key=value args: bootstrap, topic, n, mode (generate|post), url, pids (name:pid,...), clk, idle (s), conc.
 * Counts records on the result topic whose status is CONFIRMED / ROLLBACK / REJECTED (distinct order ids),
 * samples utime+stime of the given pids just before the trigger, at the N-th result, and once the
 * payment and stock consumer groups have drained the topic.
 */
public class PeerBench {
    static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    static final Set<String> FINAL = Set.of("CONFIRMED", "ROLLBACK", "REJECTED");

    public static void main(String[] a) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (String s : a) { int i = s.indexOf('='); o.put(s.substring(0, i), s.substring(i + 1)); }
        String bootstrap = o.getOrDefault("bootstrap", "127.0.0.1:19092");
        String topic = o.getOrDefault("topic", "orders");
        int n = Integer.parseInt(o.getOrDefault("n", "10000"));
        String mode = o.getOrDefault("mode", n % 10000 == 0 ? "generate" : "post");
        String url = o.getOrDefault("url", "http://127.0.0.1:18080/orders");
        long clk = Long.parseLong(o.getOrDefault("clk", "100"));
        long idleMs = Long.parseLong(o.getOrDefault("idle", "60")) * 1000;
        int conc = Integer.parseInt(o.getOrDefault("conc", "8"));
        String label = o.getOrDefault("label", "batch");
        LinkedHashMap<String, Integer> pids = new LinkedHashMap<>();
        for (String p : o.getOrDefault("pids", "").split(",")) {
            if (p.isBlank()) continue;
            String[] kv = p.split(":");
            pids.put(kv[0], Integer.parseInt(kv[1]));
        }

        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        cp.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        try (KafkaConsumer<byte[], String> consumer = new KafkaConsumer<>(cp);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<TopicPartition> tps = new ArrayList<>();
            for (PartitionInfo pi : consumer.partitionsFor(topic, Duration.ofSeconds(30)))
                tps.add(new TopicPartition(topic, pi.partition()));
            consumer.assign(tps);
            consumer.seekToEnd(tps);
            for (TopicPartition tp : tps) consumer.position(tp);

            long[] cpu0 = cpu(pids);
            long t0 = System.nanoTime();
            AtomicInteger accepted = new AtomicInteger(), failed = new AtomicInteger();
            Thread trigger = new Thread(() -> trigger(mode, url, n, conc, accepted, failed), "trigger");
            trigger.setDaemon(true);
            trigger.start();

            Set<Long> done = new HashSet<>();
            Map<String, Integer> byStatus = new TreeMap<>();
            long finalRecords = 0, newRecords = 0;
            long first = -1, last = -1, lastProgress = System.nanoTime();
            long[] cpu1 = null;
            while (true) {
                for (ConsumerRecord<byte[], String> r : consumer.poll(Duration.ofMillis(100))) {
                    String v = r.value();
                    if (v == null) continue;
                    Matcher sm = STATUS.matcher(v);
                    if (!sm.find()) continue;
                    String st = sm.group(1);
                    if (st.equals("NEW")) { newRecords++; continue; }
                    if (!FINAL.contains(st)) continue;
                    Matcher im = ID.matcher(v);
                    long id = im.find() ? Long.parseLong(im.group(1)) : -1;
                    finalRecords++;
                    long now = System.nanoTime();
                    if (done.add(id)) {
                        byStatus.merge(st, 1, Integer::sum);
                        if (first < 0) first = now;
                        last = now;
                        lastProgress = now;
                    }
                }
                if (done.size() >= n) { cpu1 = cpu(pids); break; }
                if ((System.nanoTime() - lastProgress) / 1_000_000 > idleMs) { break; }
            }
            if (cpu1 == null) cpu1 = cpu(pids); // timed out: CPU up to now (incl. idle tail)
            long tEnd = System.nanoTime();

            // let payment/stock finish the compensation/confirm step for the final statuses
            long[] cpu2 = null; double drainS = -1;
            long dStart = System.nanoTime();
            while ((System.nanoTime() - dStart) < 60_000_000_000L) {
                if (lag(admin, tps, "payment") == 0 && lag(admin, tps, "stock") == 0) {
                    cpu2 = cpu(pids); drainS = (System.nanoTime() - t0) / 1e9; break;
                }
                Thread.sleep(200);
            }

            int finished = done.size();
            double wall = first < 0 ? 0 : (last - first) / 1e9;
            double trigToLast = last < 0 ? 0 : (last - t0) / 1e9;
            System.out.printf("== %s: mode=%s n=%d%n", label, mode, n);
            System.out.printf("requests accepted: %d (failed %d); NEW records seen on '%s': %d%n",
                    accepted.get(), failed.get(), topic, newRecords);
            System.out.printf("orders finished: %d / %d  %s  (final-status records incl. duplicates: %d)%s%n",
                    finished, n, byStatus, finalRecords, finished < n ? "  ** INCOMPLETE: no new result for " + idleMs / 1000 + " s" : "");
            System.out.printf("wall s first->last result: %.3f   (trigger->last: %.3f)%n", wall, trigToLast);
            System.out.printf("orders/s: %.1f   (over trigger->last: %.1f)%n",
                    wall > 0 ? (finished - 1) / wall : 0, trigToLast > 0 ? finished / trigToLast : 0);
            long tot = 0; StringBuilder per = new StringBuilder();
            int i = 0;
            for (String name : pids.keySet()) {
                long d = cpu1[i] - cpu0[i];
                tot += d;
                per.append(String.format(" %s=%.2f", name, d / (double) clk));
                i++;
            }
            double cpuS = tot / (double) clk;
            System.out.printf("CPU s (trigger->last result, broker+3 services): %.2f [%s ]%n", cpuS, per.toString().trim());
            System.out.printf("ms CPU per order: %.3f  (CPU / N=%d)%s%n", cpuS * 1000 / n, n,
                    finished < n ? String.format("; per finished order: %.3f", finished > 0 ? cpuS * 1000 / finished : 0) : "");
            if (cpu2 != null) {
                long tot2 = 0; for (int k = 0; k < cpu2.length; k++) tot2 += cpu2[k] - cpu0[k];
                System.out.printf("incl. payment/stock confirm step (drained at %.2f s): CPU s %.2f, ms/order %.3f%n",
                        drainS, tot2 / (double) clk, tot2 * 1000.0 / clk / n);
            } else {
                System.out.println("payment/stock groups did not drain '" + topic + "' within 60 s");
            }
            System.out.println("RESULT " + label + " finished=" + finished + " n=" + n);
            System.exit(finished >= n ? 0 : 3);
        }
    }

    static void trigger(String mode, String url, int n, int conc, AtomicInteger ok, AtomicInteger bad) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        try {
            if (mode.equals("generate")) {
                // the peer's endpoint sends exactly 10000 orders per call (@Async)
                for (int i = 0; i < n / 10000; i++) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/generate"))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) ok.addAndGet(10000); else bad.addAndGet(10000);
                }
            } else {
                Random rnd = new Random();
                Semaphore sem = new Semaphore(conc);
                CountDownLatch all = new CountDownLatch(n);
                for (int i = 0; i < n; i++) {
                    int x = rnd.nextInt(5) + 1;
                    String body = String.format(
                            "{\"customerId\":%d,\"productId\":%d,\"productCount\":%d,\"price\":%d,\"status\":\"NEW\"}",
                            rnd.nextInt(100) + 1, rnd.nextInt(100) + 1, x, 100 * x);
                    sem.acquire();
                    http.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.discarding())
                        .whenComplete((r, e) -> {
                            if (e == null && r.statusCode() == 200) ok.incrementAndGet(); else bad.incrementAndGet();
                            sem.release(); all.countDown();
                        });
                }
                all.await();
            }
        } catch (Exception e) {
            System.err.println("trigger failed: " + e);
        }
    }

    static long lag(Admin admin, List<TopicPartition> tps, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> req = new HashMap<>();
        for (TopicPartition tp : tps) req.put(tp, OffsetSpec.latest());
        var ends = admin.listOffsets(req).all().get(10, TimeUnit.SECONDS);
        long lag = 0;
        for (TopicPartition tp : tps) {
            OffsetAndMetadata c = committed.get(tp);
            lag += ends.get(tp).offset() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    static long[] cpu(Map<String, Integer> pids) {
        long[] r = new long[pids.size()];
        int i = 0;
        for (int pid : pids.values()) {
            try {
                String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                // fields after "pid (comm) ": state=0 ... utime=11, stime=12
                r[i] = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (Exception e) {
                r[i] = 0;
            }
            i++;
        }
        return r;
    }
}
