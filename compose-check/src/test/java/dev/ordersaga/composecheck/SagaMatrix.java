package dev.ordersaga.composecheck;

import dev.ordersaga.composecheck.KafkaSetupScript.Acl;
import dev.ordersaga.configreaders.Repo;
import dev.ordersaga.configreaders.ServiceConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Who produces and who consumes which topic, read from the code (no module built): the topic names of
 * events-schema's {@code Topics}, the topic of each event type ({@code Topics.topicOf}: sealed interface
 * per producer), the events a service constructs ({@code new PaymentCompleted(}), the topics of its
 * {@code @KafkaListener}s and of the containers it creates itself ({@code createContainer(Topics.X)}),
 * and its consumer group ({@code spring.kafka.consumer.group-id}, or a {@code groupId = "prefix-" + ...}
 * made per instance).
 */
final class SagaMatrix {

    private static final String EVENTS = "events-schema/src/main/java/dev/ordersaga/events/";
    private static final Pattern CONSTANT = Pattern.compile("static final String (\\w+) = \"([^\"]+)\";");
    private static final Pattern PERMITS =
            Pattern.compile("sealed interface (\\w+)[^{]*?permits([^{]+)\\{", Pattern.DOTALL);
    private static final Pattern TOPIC_OF = Pattern.compile("case (\\w+) \\w+ -> (\\w+);");
    private static final Pattern LISTENER = Pattern.compile("@KafkaListener\\(([^)]*)\\)", Pattern.DOTALL);
    private static final Pattern CREATE_CONTAINER = Pattern.compile("createContainer\\(([^)]*)\\)");
    private static final Pattern TOPIC_REFERENCE = Pattern.compile("Topics\\.([A-Z][A-Z0-9_]*)");
    private static final Pattern NEW_EVENT = Pattern.compile("new ([A-Z]\\w*)\\(");
    private static final Pattern GROUP_PREFIX = Pattern.compile("groupId\\s*=\\s*\"([^\"]+)\"\\s*\\+");

    /** What one service does on the broker. */
    record Service(
            String module,
            Set<String> produces,
            Set<String> listensTo,
            Set<String> readsWithOwnContainer,
            Optional<String> group,
            Optional<String> groupPrefix) {

        Set<String> consumes() {
            Set<String> all = new TreeSet<>(listensTo);
            all.addAll(readsWithOwnContainer);
            return all;
        }

        /**
         * The ACLs this service needs: WRITE on what it produces and on the DLT of every topic its
         * {@code @KafkaListener}s read (the saga error handler dead-letters there), READ on what it consumes
         * and on its consumer group.
         */
        Set<Acl> requiredAcls() {
            String principal = "User:" + module;
            Set<Acl> acls = new LinkedHashSet<>();
            produces.forEach(t -> acls.add(Acl.literal(principal, "WRITE", "topic", t)));
            listensTo.forEach(t -> acls.add(Acl.literal(principal, "WRITE", "topic", t + ".DLT")));
            consumes().forEach(t -> acls.add(Acl.literal(principal, "READ", "topic", t)));
            group.ifPresent(g -> acls.add(Acl.literal(principal, "READ", "group", g)));
            groupPrefix.ifPresent(p -> acls.add(new Acl(principal, "READ", "group", "prefixed", p)));
            return acls;
        }
    }

    private final Map<String, String> topicNames = new LinkedHashMap<>();
    private final List<String> allTopics;
    private final Map<String, String> topicOfEvent = new LinkedHashMap<>();

    SagaMatrix() {
        String topics = Repo.read(EVENTS + "Topics.java");
        Matcher constant = CONSTANT.matcher(topics);
        while (constant.find()) {
            topicNames.put(constant.group(1), constant.group(2));
        }
        Matcher all =
                Pattern.compile("ALL = List\\.of\\(([^)]*)\\)", Pattern.DOTALL).matcher(topics);
        if (!all.find()) {
            throw new AssertionError(EVENTS + "Topics.java: no `ALL = List.of(...)`");
        }
        allTopics = Stream.of(all.group(1).split(","))
                .map(String::strip)
                .map(name -> {
                    String topic = topicNames.get(name);
                    if (topic == null) {
                        throw new AssertionError(EVENTS + "Topics.java: Topics.ALL names " + name + ", not a constant");
                    }
                    return topic;
                })
                .toList();
        Map<String, String> interfaceTopic = new LinkedHashMap<>();
        Matcher topicOf = TOPIC_OF.matcher(topics);
        while (topicOf.find()) {
            interfaceTopic.put(topicOf.group(1), topicNames.get(topicOf.group(2)));
        }
        for (Path file : javaFiles(Repo.path(EVENTS))) {
            Matcher permits = PERMITS.matcher(Repo.read(file));
            while (permits.find()) {
                String topic = interfaceTopic.get(permits.group(1));
                if (topic != null) {
                    for (String record : permits.group(2).split(",")) {
                        topicOfEvent.put(record.strip(), topic);
                    }
                }
            }
        }
        if (topicOfEvent.isEmpty()) {
            throw new AssertionError("no event type found in " + EVENTS + " (sealed interfaces + Topics.topicOf)");
        }
    }

    /** Every saga topic ({@code Topics.ALL}), without the dead-letter topics. */
    List<String> topics() {
        return allTopics;
    }

    Map<String, String> topicOfEvent() {
        return topicOfEvent;
    }

    Service service(String module) {
        Set<String> produces = new TreeSet<>();
        Set<String> listensTo = new TreeSet<>();
        Set<String> ownContainers = new TreeSet<>();
        Optional<String> groupPrefix = Optional.empty();
        for (Path file : javaFiles(Repo.path(module + "/src/main/java"))) {
            String source = Repo.read(file);
            Matcher created = NEW_EVENT.matcher(source);
            while (created.find()) {
                String topic = topicOfEvent.get(created.group(1));
                if (topic != null) {
                    produces.add(topic);
                }
            }
            Matcher listener = LISTENER.matcher(source);
            while (listener.find()) {
                listensTo.addAll(topicReferences(listener.group(1)));
            }
            Matcher container = CREATE_CONTAINER.matcher(source);
            while (container.find()) {
                ownContainers.addAll(topicReferences(container.group(1)));
            }
            Matcher prefix = GROUP_PREFIX.matcher(source);
            if (prefix.find()) {
                groupPrefix = Optional.of(prefix.group(1));
            }
        }
        Optional<String> group = listensTo.isEmpty()
                ? Optional.empty()
                : ServiceConfig.of(module).propertyDefault("spring.kafka.consumer.group-id");
        return new Service(module, produces, listensTo, ownContainers, group, groupPrefix);
    }

    private Set<String> topicReferences(String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher reference = TOPIC_REFERENCE.matcher(text);
        while (reference.find()) {
            String name = topicNames.get(reference.group(1));
            if (name == null) {
                throw new AssertionError("Topics." + reference.group(1) + " is not a topic constant of " + EVENTS);
            }
            found.add(name);
        }
        return found;
    }

    private static List<Path> javaFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
