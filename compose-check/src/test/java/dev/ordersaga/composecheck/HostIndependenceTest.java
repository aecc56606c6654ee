package dev.ordersaga.composecheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.composecheck.ComposeFile.Container;
import dev.ordersaga.composecheck.ComposeFile.Mount;
import dev.ordersaga.composecheck.ComposeFile.PortMapping;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What makes the stack start on any Docker host the first time, for every container the file has
 * now or gets later: addresses Docker cannot hand to another container first, no subnet that may
 * collide with one the host has, nothing but the gateway reachable from other machines, files that
 * an SELinux host lets the containers read, and a MongoDB that runs on current kernels.
 */
class HostIndependenceTest {

    /**
     * Addresses Docker gives containers of a compose network without a fixed subnet: the default
     * bridge 172.17.0.0/16, then user networks from 172.18.0.0/16 to 172.31.0.0/16 and 192.168.0.0/16
     * in /20s (dockerd's default-address-pools), and the 10.0.0.0/8 pools hosts often configure.
     */
    static final List<String> DOCKER_POOL_ADDRESSES = List.of(
            "172.17.0.2",
            "172.18.0.2",
            "172.20.5.17",
            "172.31.255.254",
            "192.168.0.2",
            "192.168.255.254",
            "10.0.0.2",
            "10.255.255.254");

    /** Addresses that are no container's on a compose network: public, link-local, carrier-grade NAT. */
    static final List<String> FOREIGN_ADDRESSES = List.of(
            "8.8.8.8", "1.1.1.1", "172.15.255.1", "172.32.0.1", "192.169.0.1", "11.0.0.1", "169.254.1.1", "100.64.0.1");

    /** The mongo image's variable that hands restartable sequences to glibc (SERVER-121912). */
    static final Map<String, String> KERNEL_INDEPENDENT_TCMALLOC = Map.of("GLIBC_TUNABLES", "glibc.pthread.rseq=1");

    private final Stack stack = Stack.load();

    @Test
    void no_static_address_lies_in_the_range_docker_hands_out_as_containers_start() {
        List<String> problems = staticAddressProblems(stack.compose);
        assertThat(problems)
                .withFailMessage(
                        "a container's fixed address must lie in its network's subnet and outside the"
                                + " network's ip_range (Docker gives addresses from that range, in start"
                                + " order, to the containers that start first):%n  %s",
                        String.join("\n  ", problems))
                .isEmpty();
    }

    @Test
    void no_network_fixes_a_subnet_that_may_collide_with_one_the_host_has() {
        List<String> fixed = new ArrayList<>();
        networks(stack.compose)
                .forEach((name, network) -> ipamConfigs(network).stream()
                        .filter(config -> config.containsKey("subnet"))
                        .forEach(config -> fixed.add(name + ": subnet " + config.get("subnet"))));
        assertThat(fixed)
                .withFailMessage(
                        "let Docker pick a free subnet from its address pools; a fixed one fails on a host"
                                + " whose networks already use that range: %s",
                        fixed)
                .isEmpty();
    }

    @Test
    void every_published_port_but_the_gateways_is_bound_to_loopback() {
        List<String> open = stack.compose.containers().stream()
                .filter(c -> !c.name().equals("gateway"))
                .flatMap(c -> c.ports().stream()
                        .filter(p -> !p.hostIp().equals("127.0.0.1"))
                        .map(p -> c.name() + ": " + describe(p)))
                .toList();
        assertThat(open)
                .withFailMessage(
                        "only the gateway serves other machines; publish everything else as"
                                + " \"127.0.0.1:<port>:<port>\": %s",
                        open)
                .isEmpty();
    }

    @Test
    void every_bind_mount_is_relabelled_for_containers_on_selinux_hosts() {
        List<String> unlabelled = stack.compose.containers().stream()
                .flatMap(c -> c.volumes().stream()
                        .filter(Mount::bind)
                        .filter(m -> !m.selinuxLabelled())
                        .map(m -> c.name() + ": " + m.source() + ":" + m.target()))
                .toList();
        assertThat(unlabelled)
                .withFailMessage(
                        "an SELinux-enforcing host (Fedora, RHEL) refuses containers a host file without"
                                + " a container label: add the z option (\"./file:/path:ro,z\"): %s",
                        unlabelled)
                .isEmpty();
    }

    @Test
    void a_trusted_proxy_list_covers_every_address_docker_may_give_and_only_such_addresses() {
        List<Container> trusting = stack.compose.containers().stream()
                .filter(c -> c.environment().containsKey("AUTH_TRUSTED_PROXIES"))
                .toList();
        assertThat(trusting).extracting(Container::name).contains("auth-service");
        for (Container container : trusting) {
            Pattern trusted = Pattern.compile(container.environment().get("AUTH_TRUSTED_PROXIES"));
            assertThat(DOCKER_POOL_ADDRESSES.stream()
                            .filter(a -> !trusted.matcher(a).matches()))
                    .as("%s: AUTH_TRUSTED_PROXIES must trust the gateway wherever Docker puts it", container.name())
                    .isEmpty();
            assertThat(FOREIGN_ADDRESSES.stream().filter(a -> trusted.matcher(a).matches()))
                    .as("%s: AUTH_TRUSTED_PROXIES trusts addresses no container has", container.name())
                    .isEmpty();
            assertThat(container.ports())
                    .as(
                            "%s trusts X-Forwarded-For from every container of the network: only they may reach"
                                    + " it, so it publishes no port",
                            container.name())
                    .isEmpty();
            assertThat(container.networkMode()).as(container.name()).isEmpty();
        }
    }

    @Test
    void every_mongod_runs_in_the_kernel_independent_tcmalloc_mode_of_one_pinned_image() {
        List<Container> mongos = stack.compose.containers().stream()
                .filter(c -> c.image()
                        .map(Stack::repository)
                        .filter(Stack.MONGO_IMAGE::equals)
                        .isPresent())
                .toList();
        assertThat(mongos).as("containers of the mongo image").isNotEmpty();
        assertThat(mongos.stream().map(c -> c.image().orElseThrow()).collect(Collectors.toSet()))
                .as("one MongoDB version for the server and its tools")
                .hasSize(1);
        List<Container> mongods =
                mongos.stream().filter(c -> c.entrypoint().isEmpty()).toList();
        assertThat(mongods).as("containers running the image's mongod").isNotEmpty();
        for (Container mongod : mongods) {
            assertThat(mongod.environment())
                    .as(
                            "%s: mongod 8.x crashes (or refuses to start) on Linux 6.19 to 7.0.13 unless glibc"
                                    + " keeps restartable sequences (SERVER-121912)",
                            mongod.name())
                    .containsAllEntriesOf(KERNEL_INDEPENDENT_TCMALLOC);
        }
    }

    /** Every fixed address that Docker could give to another container first, or that is outside its subnet. */
    static List<String> staticAddressProblems(ComposeFile compose) {
        Map<String, Map<String, Object>> networks = networks(compose);
        List<String> problems = new ArrayList<>();
        for (Container container : compose.containers()) {
            Object attached = container.body().get("networks");
            if (!(attached instanceof Map<?, ?> byName)) {
                continue;
            }
            byName.forEach((network, settings) -> {
                Map<String, Object> attachment = ComposeFile.asMap(settings);
                for (String key : List.of("ipv4_address", "ipv6_address")) {
                    String address = ComposeFile.scalar(attachment.get(key));
                    if (address == null) {
                        continue;
                    }
                    String where = container.name() + " " + key + " " + address + " on " + network;
                    Optional<Map<String, Object>> config =
                            ipamConfigs(networks.getOrDefault(String.valueOf(network), Map.of())).stream()
                                    .filter(c -> c.containsKey("subnet"))
                                    .filter(c -> Cidr.parse(ComposeFile.scalar(c.get("subnet")))
                                            .contains(address))
                                    .findFirst();
                    if (config.isEmpty()) {
                        problems.add(where + ": no subnet of that network contains it");
                    } else if (!config.get().containsKey("ip_range")) {
                        problems.add(where + ": the subnet has no ip_range, so Docker may give it away");
                    } else if (Cidr.parse(ComposeFile.scalar(config.get().get("ip_range")))
                            .contains(address)) {
                        problems.add(where + ": inside ip_range " + config.get().get("ip_range"));
                    }
                }
            });
        }
        return problems;
    }

    private static Map<String, Map<String, Object>> networks(ComposeFile compose) {
        Map<String, Object> declared = ComposeFile.asMap(compose.topLevel("networks"));
        return declared.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> ComposeFile.asMap(e.getValue())));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> ipamConfigs(Map<String, Object> network) {
        Object configs = ComposeFile.asMap(network.get("ipam")).get("config");
        return configs instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    private static String describe(PortMapping port) {
        return (port.hostIp().isEmpty() ? "" : port.hostIp() + ":") + port.published() + ":" + port.target();
    }

    /** An IPv4 or IPv6 prefix such as {@code 172.28.0.0/24}. */
    record Cidr(BigInteger network, int bits, int length) {

        static Cidr parse(String cidr) {
            String[] parts = cidr.split("/");
            byte[] address = bytes(parts[0]);
            int length = parts.length > 1 ? Integer.parseInt(parts[1]) : address.length * 8;
            return new Cidr(new BigInteger(1, address), address.length * 8, length);
        }

        boolean contains(String address) {
            byte[] candidate = bytes(address);
            if (candidate.length * 8 != bits) {
                return false;
            }
            int host = bits - length;
            return new BigInteger(1, candidate).shiftRight(host).equals(network.shiftRight(host));
        }

        private static byte[] bytes(String literal) {
            if (!literal.matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("not an IP address literal: " + literal);
            }
            try {
                return InetAddress.getByName(literal).getAddress(); // a literal: no name lookup
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: " + literal, e);
            }
        }
    }
}
