package dev.ordersaga.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders the AsyncAPI document as one self-contained HTML page for people (no script, no CDN):
 * every topic with its producer, key and dead-letter topic, every message with its schema version,
 * headers, a table of its fields (nested types expanded) and its example. The gateway serves it at
 * {@code /asyncapi}. The build renders it into the jar ({@link #main}, run by exec-maven-plugin before the tests): it is
 * output, never committed.
 */
public final class AsyncApiPage {

    private static final JsonMapper PRETTY =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final JsonNode document;
    private final StringBuilder html = new StringBuilder();

    private AsyncApiPage(JsonNode document) {
        this.document = document;
    }

    static String render(JsonNode document) {
        return new AsyncApiPage(document).page();
    }

    /** Writes the page of the code's document to {@code <args[0]>/index.html} (the build's classes directory). */
    public static void main(String[] args) throws IOException {
        Path directory = Files.createDirectories(Path.of(args[0]));
        Files.writeString(directory.resolve(PAGE), render(AsyncApiDocument.build()));
    }

    static final String PAGE = "index.html";

    private String page() {
        JsonNode info = document.get("info");
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(esc(info.get("title").asString()))
                .append("</title>\n<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n<header>\n<h1>")
                .append(esc(info.get("title").asString()))
                .append(" <small>AsyncAPI ")
                .append(esc(document.get("asyncapi").asString()))
                .append("</small></h1>\n<p>")
                .append(inline(info.get("description").asString()))
                .append(
                        "</p>\n<p class=\"links\">The document: <a href=\"/asyncapi/asyncapi.yaml\">asyncapi.yaml</a> · ")
                .append("<a href=\"/asyncapi/asyncapi.json\">asyncapi.json</a></p>\n");
        servers();
        html.append("</header>\n<nav>\n<h2>Topics</h2>\n<ul>\n");
        for (Map.Entry<String, JsonNode> channel : document.get("channels").properties()) {
            if (channel.getKey().endsWith(Topics.DEAD_LETTER_SUFFIX)) {
                continue;
            }
            html.append("<li><a href=\"#ch-")
                    .append(esc(channel.getKey()))
                    .append("\"><code>")
                    .append(esc(channel.getKey()))
                    .append("</code></a><ul>");
            for (String message : channel.getValue().get("messages").propertyNames()) {
                html.append("<li><a href=\"#msg-")
                        .append(esc(message))
                        .append("\">")
                        .append(esc(message))
                        .append("</a> <span class=\"ver\">")
                        .append(esc(
                                messageNode(message).path("x-schema-version").asString("")))
                        .append("</span></li>");
            }
            html.append("</ul></li>\n");
        }
        html.append("<li><a href=\"#dead-letters\">Dead-letter topics</a></li>\n</ul>\n</nav>\n<main>\n");
        for (Map.Entry<String, JsonNode> channel : document.get("channels").properties()) {
            if (!channel.getKey().endsWith(Topics.DEAD_LETTER_SUFFIX)) {
                channel(channel.getKey(), channel.getValue());
            }
        }
        deadLetters();
        html.append("<section><h2>Event headers</h2>\n");
        fields(schema("EventHeaders"), "");
        html.append("</section>\n</main>\n<footer>Generated from the events-schema module by AsyncApiDocumentTest;"
                        + " validated against the official AsyncAPI ")
                .append(esc(document.get("asyncapi").asString()))
                .append(" JSON Schema.</footer>\n</body>\n</html>\n");
        return html.toString();
    }

    private void servers() {
        html.append("<table class=\"servers\"><tr><th>server</th><th>host</th><th>protocol</th><th></th></tr>\n");
        for (Map.Entry<String, JsonNode> server : document.get("servers").properties()) {
            JsonNode value = server.getValue();
            html.append("<tr><td>")
                    .append(esc(server.getKey()))
                    .append("</td><td><code>")
                    .append(esc(value.get("host").asString()))
                    .append("</code></td><td>")
                    .append(esc(value.get("protocol").asString()))
                    .append("</td><td>")
                    .append(inline(value.path("description").asString("")))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private void channel(String name, JsonNode channel) {
        html.append("<section class=\"channel\" id=\"ch-")
                .append(esc(name))
                .append("\">\n<h2><span class=\"tag\">topic</span> <code>")
                .append(esc(channel.get("address").asString()))
                .append("</code></h2>\n<p>")
                .append(inline(channel.path("description").asString("")))
                .append("</p>\n");
        for (String message : channel.get("messages").propertyNames()) {
            message(message, messageNode(message));
        }
        html.append("</section>\n");
    }

    private void message(String name, JsonNode message) {
        html.append("<article class=\"message\" id=\"msg-")
                .append(esc(name))
                .append("\">\n<h3>")
                .append(esc(name))
                .append(" <span class=\"ver\">schema_version ")
                .append(esc(message.path("x-schema-version").asString("")))
                .append("</span></h3>\n<p>")
                .append(inline(message.path("summary").asString("")))
                .append("</p>\n<p class=\"meta\">key: ")
                .append(inline(message.at("/bindings/kafka/key/description").asString("")))
                .append(" · reads majors: ");
        Iterator<JsonNode> majors = message.path("x-reads-majors").values().iterator();
        while (majors.hasNext()) {
            html.append(esc(majors.next().asString())).append(".x").append(majors.hasNext() ? ", " : "");
        }
        html.append(" · content type <code>")
                .append(esc(message.path("contentType").asString("")))
                .append("</code> · schema <code>")
                .append(esc(message.path("x-schema-file").asString("")))
                .append("</code></p>\n<h4>Fields</h4>\n");
        fields(resolve(message.get("payload")), "");
        JsonNode example = message.path("examples").path(0);
        if (!example.isMissingNode()) {
            html.append("<details><summary>Example</summary>\n<h4>Headers</h4>\n<pre>")
                    .append(esc(PRETTY.writeValueAsString(example.get("headers"))))
                    .append("</pre>\n<h4>Value</h4>\n<pre>")
                    .append(esc(PRETTY.writeValueAsString(example.get("payload"))))
                    .append("</pre>\n</details>\n");
        }
        html.append("</article>\n");
    }

    private void deadLetters() {
        html.append(
                "<section class=\"channel\" id=\"dead-letters\">\n<h2><span class=\"tag\">topics</span> Dead letters</h2>\n<ul>");
        for (Map.Entry<String, JsonNode> channel : document.get("channels").properties()) {
            if (channel.getKey().endsWith(Topics.DEAD_LETTER_SUFFIX)) {
                html.append("<li><code>")
                        .append(esc(channel.getValue().get("address").asString()))
                        .append("</code>: ")
                        .append(inline(channel.getValue().path("description").asString("")))
                        .append("</li>\n");
            }
        }
        html.append("</ul>\n");
        JsonNode message = messageNode("DeadLetter");
        html.append("<p>")
                .append(inline(message.path("summary").asString("")))
                .append("</p>\n<h4>Headers added</h4>\n");
        fields(resolve(message.get("headers")), "");
        html.append("</section>\n");
    }

    /** A table of an object schema's fields; nested object types get their own rows, prefixed by their path. */
    private void fields(JsonNode schema, String prefix) {
        if (prefix.isEmpty()) {
            html.append(
                    "<table class=\"fields\"><tr><th>field</th><th>type</th><th>required</th><th>rules and meaning</th></tr>\n");
        }
        Set<String> mandatory = new HashSet<>();
        schema.path("required").forEach(node -> mandatory.add(node.asString()));
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String path = prefix + property.getKey();
            JsonNode raw = property.getValue();
            JsonNode value = resolve(raw);
            boolean list = "array".equals(value.path("type").asString(""));
            JsonNode element = list ? resolve(value.path("items")) : value;
            html.append("<tr><td><code>")
                    .append(esc(path))
                    .append("</code></td><td>")
                    .append(esc(typeOf(raw, value)))
                    .append("</td><td>")
                    .append(mandatory.contains(property.getKey()) ? "yes" : "")
                    .append("</td><td>")
                    .append(rules(value, list ? element : null))
                    .append("</td></tr>\n");
            if ("object".equals(element.path("type").asString("")) && element.has("properties")) {
                fields(element, path + (list ? "[]." : "."));
            }
        }
        if (prefix.isEmpty()) {
            html.append("</table>\n");
        }
    }

    private String typeOf(JsonNode raw, JsonNode value) {
        if (value.has("const")) {
            return "\"" + value.get("const").asString() + "\"";
        }
        String type = value.path("type").asString("any");
        if ("array".equals(type)) {
            JsonNode items = value.path("items");
            return "list of " + typeOf(items, resolve(items));
        }
        String ref = raw.path("$ref").asString("");
        if (!ref.isEmpty()) {
            return ref.substring(ref.lastIndexOf('/') + 1);
        }
        return value.has("format") ? type + " (" + value.get("format").asString() + ")" : type;
    }

    private String rules(JsonNode value, JsonNode element) {
        StringBuilder rules = new StringBuilder();
        if (value.has("description")) {
            rules.append(inline(value.get("description").asString())).append(' ');
        }
        for (JsonNode node : element == null ? new JsonNode[] {value} : new JsonNode[] {value, element}) {
            if (node.has("enum")) {
                rules.append("one of ");
                Iterator<JsonNode> values = node.get("enum").values().iterator();
                while (values.hasNext()) {
                    rules.append("<code>").append(esc(values.next().asString())).append("</code>");
                    rules.append(values.hasNext() ? ", " : " ");
                }
            }
            for (String keyword : new String[] {"minLength", "minimum", "minItems", "pattern"}) {
                if (node.has(keyword)) {
                    rules.append("<span class=\"rule\">")
                            .append(keyword)
                            .append(" ")
                            .append(esc(node.get(keyword).asString()))
                            .append("</span> ");
                }
            }
        }
        return rules.toString().trim();
    }

    private JsonNode messageNode(String name) {
        return document.at("/components/messages/" + name);
    }

    private JsonNode schema(String name) {
        return document.at("/components/schemas/" + name);
    }

    private JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asString("");
        return ref.startsWith("#/") ? document.at(ref.substring(1)) : node;
    }

    /** Escapes, then turns `code` spans into code. */
    private static String inline(String text) {
        return esc(text).replaceAll("`([^`]+)`", "<code>$1</code>");
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static final String CSS = """
            body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1d2330;
                   display: grid; grid-template-columns: 260px 1fr; grid-template-areas: "head head" "nav main" "foot foot"; }
            header { grid-area: head; background: #1d2330; color: #f4f6fa; padding: 18px 28px; }
            header a { color: #9cc8ff; } header table td, header table th { border-color: #3a4252; }
            h1 small { font-size: 14px; font-weight: normal; color: #9aa4b5; margin-left: 8px; }
            nav { grid-area: nav; padding: 8px 18px; border-right: 1px solid #e3e6ec; background: #f7f8fa; }
            nav ul { padding-left: 16px; margin: 4px 0; } nav a { color: #1d4f91; text-decoration: none; }
            main { grid-area: main; padding: 8px 28px; min-width: 0; }
            footer { grid-area: foot; padding: 12px 28px; color: #6b7385; border-top: 1px solid #e3e6ec; font-size: 13px; }
            section.channel { border-bottom: 2px solid #e3e6ec; padding-bottom: 12px; }
            article.message { border: 1px solid #dfe3ea; border-radius: 6px; padding: 4px 16px 10px; margin: 14px 0; background: #fff; }
            .tag { font-size: 12px; text-transform: uppercase; background: #2f6fd0; color: #fff; border-radius: 3px; padding: 1px 6px; vertical-align: middle; }
            .ver { font-size: 12px; background: #e7f3e8; color: #23672b; border-radius: 3px; padding: 1px 6px; font-weight: normal; }
            .meta { color: #4a5263; font-size: 13px; }
            .rule { font-size: 12px; background: #f1f2f5; border-radius: 3px; padding: 0 4px; white-space: nowrap; }
            table { border-collapse: collapse; width: 100%; margin: 6px 0; font-size: 13px; }
            th, td { border: 1px solid #e3e6ec; padding: 3px 8px; text-align: left; vertical-align: top; }
            th { background: #f1f3f7; } header th { background: #2a3140; }
            code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, monospace; } h2 code { font-size: 20px; }
            pre { background: #f6f8fa; border: 1px solid #e3e6ec; padding: 8px; overflow-x: auto; font-size: 12px; }
            details summary { cursor: pointer; color: #1d4f91; }
            """;
}
