package io.zoommetering.app.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The container image as app/pom.xml configures Jib to build it. */
record ImageConfig(
        String version,
        String baseImage,
        String name,
        String mainClass,
        List<String> args,
        List<String> jvmFlags,
        List<String> ports,
        String user,
        boolean boundOutsideProfiles) {

    private static final Pattern RAM_PERCENTAGE = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)");

    static ImageConfig fromPom() {
        Document pom = parse();
        Element project = pom.getDocumentElement();
        String version = text(child(child(project, "parent"), "version"));
        Element properties = child(project, "properties");
        Element jib = jibPlugin(child(child(project, "build"), "pluginManagement"));
        if (jib == null) {
            throw new IllegalStateException("app/pom.xml has no jib-maven-plugin in build/pluginManagement");
        }
        Element configuration = child(jib, "configuration");
        Element container = child(configuration, "container");
        String base = resolve(text(child(child(configuration, "from"), "image")), properties, version);
        String name = resolve(text(child(child(configuration, "to"), "image")), properties, version);
        boolean bound = jibPlugin(child(project, "build")) != null;
        return new ImageConfig(
                version,
                base,
                name,
                text(child(container, "mainClass")),
                texts(child(container, "args")),
                texts(child(container, "jvmFlags")),
                texts(child(container, "ports")),
                text(child(container, "user")),
                bound);
    }

    /** The heap's share of the container's memory limit, from -XX:MaxRAMPercentage. */
    OptionalDouble maxRamFraction() {
        for (String flag : jvmFlags) {
            Matcher matcher = RAM_PERCENTAGE.matcher(flag);
            if (matcher.matches()) {
                return OptionalDouble.of(Double.parseDouble(matcher.group(1)) / 100);
            }
        }
        return OptionalDouble.empty();
    }

    long uid() {
        return Long.parseLong(user.split(":")[0]);
    }

    private static Document parse() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder()
                    .parse(Repository.file("app/pom.xml").toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read app/pom.xml", e);
        }
    }

    private static Element jibPlugin(Element build) {
        Element plugins = child(build, "plugins");
        if (plugins == null) {
            return null;
        }
        for (Element plugin : children(plugins, "plugin")) {
            if ("jib-maven-plugin".equals(text(child(plugin, "artifactId")))) {
                return plugin;
            }
        }
        return null;
    }

    private static String resolve(String value, Element properties, String version) {
        String resolved = value;
        for (int i = 0; i < 5 && resolved.contains("${"); i++) {
            resolved = resolved.replace("${project.version}", version);
            for (Node node = properties.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element property) {
                    resolved = resolved.replace(
                            "${" + property.getTagName() + "}",
                            property.getTextContent().trim());
                }
            }
        }
        return resolved;
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static List<String> texts(Element parent) {
        List<String> values = new ArrayList<>();
        if (parent != null) {
            NodeList nodes = parent.getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                if (nodes.item(i) instanceof Element element) {
                    values.add(element.getTextContent().trim());
                }
            }
        }
        return values;
    }

    private static String text(Element element) {
        return element == null ? null : element.getTextContent().trim();
    }
}
