package dev.ordersaga.configreaders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The repository's files as they are in the working tree (read live, nothing built needed). */
public final class Repo {

    private static final Path ROOT = findRoot();

    private Repo() {}

    /** The repository root: the directory whose pom.xml lists the config-readers module. */
    public static Path root() {
        return ROOT;
    }

    public static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    public static boolean exists(String relative) {
        return Files.exists(path(relative));
    }

    public static String read(String relative) {
        return read(path(relative));
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The root pom: the reactor's modules, its version and its properties. */
    public static RootPom rootPom() {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element project =
                    factory.newDocumentBuilder().parse(path("pom.xml").toFile()).getDocumentElement();
            List<String> modules = new ArrayList<>();
            Map<String, String> properties = new LinkedHashMap<>();
            String version = null;
            for (Element child : children(project)) {
                switch (child.getTagName()) {
                    case "modules" ->
                        children(child)
                                .forEach(m -> modules.add(m.getTextContent().trim()));
                    case "properties" ->
                        children(child)
                                .forEach(p -> properties.put(
                                        p.getTagName(), p.getTextContent().trim()));
                    case "version" -> version = child.getTextContent().trim();
                    default -> {}
                }
            }
            return new RootPom(List.copyOf(modules), Map.copyOf(properties), version);
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse the root pom.xml", e);
        }
    }

    /** A {@code <properties>} value of the root pom, e.g. {@code kafka.version}. */
    public static String rootPomProperty(String name) {
        String value = rootPom().properties().get(name);
        if (value == null) {
            throw new AssertionError("the root pom.xml has no property " + name);
        }
        return value;
    }

    /**
     * The module and, transitively, the reactor modules it needs at run time (its dev.ordersaga
     * dependencies that are not test-scoped): what {@code -pl module -am} builds.
     */
    public static List<String> withInternalDependencies(String module) {
        List<String> result = new ArrayList<>();
        collectInternal(module, result);
        return result;
    }

    private static void collectInternal(String module, List<String> result) {
        if (result.contains(module) || !exists(module + "/pom.xml")) {
            return;
        }
        result.add(module);
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element project = factory.newDocumentBuilder()
                    .parse(path(module + "/pom.xml").toFile())
                    .getDocumentElement();
            for (Element section : children(project)) {
                if (!section.getTagName().equals("dependencies")) {
                    continue;
                }
                for (Element dependency : children(section)) {
                    Map<String, String> fields = new LinkedHashMap<>();
                    children(dependency)
                            .forEach(f -> fields.put(
                                    f.getTagName(), f.getTextContent().trim()));
                    if ("dev.ordersaga".equals(fields.get("groupId")) && !"test".equals(fields.get("scope"))) {
                        collectInternal(fields.get("artifactId"), result);
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse " + module + "/pom.xml", e);
        }
    }

    public record RootPom(List<String> modules, Map<String, String> properties, String version) {}

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                elements.add((Element) nodes.item(i));
            }
        }
        return elements;
    }

    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && read(pom).contains("<module>config-readers</module>")) {
                return dir;
            }
        }
        throw new IllegalStateException("no pom.xml listing the config-readers module above "
                + Path.of("").toAbsolutePath());
    }
}
