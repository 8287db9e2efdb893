package io.zoommetering.app.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which package of a source tree uses which, read from the source files: their imports and the fully qualified
 * names in their code (comments and string literals left out). Only packages of the tree itself are nodes; a use of
 * a library or of another module's package is no edge, as the build already forbids a cycle between modules.
 */
public final class PackageGraph {

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern COMMENT_OR_STRING = Pattern.compile(
            "/\\*.*?\\*/|//[^\\n]*|\"\"\".*?\"\"\"|\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)*'",
            Pattern.DOTALL);
    // A package name (lower case parts) followed by a type name: what an import or a qualified use names.
    private static final Pattern QUALIFIED = Pattern.compile("\\b((?:[a-z_][a-z0-9_]*\\.)+)[A-Z*]");

    /** package -> the packages it uses -> the files that use them. */
    private final Map<String, Map<String, Set<String>>> uses;

    private PackageGraph(Map<String, Map<String, Set<String>>> uses) {
        this.uses = uses;
    }

    /** The graph of the {@code .java} files under {@code sourceRoot}. */
    public static PackageGraph of(Path sourceRoot) {
        Map<Path, String> packages = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file :
                    files.filter(path -> path.toString().endsWith(".java")).toList()) {
                packages.put(file, code(Files.readString(file, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Path, String> packageOf = new HashMap<>();
        packages.forEach((file, code) -> {
            Matcher declared = PACKAGE.matcher(code);
            packageOf.put(file, declared.find() ? declared.group(1) : "");
        });
        Set<String> nodes = new TreeSet<>(packageOf.values());
        Map<String, Map<String, Set<String>>> uses = new TreeMap<>();
        nodes.forEach(node -> uses.put(node, new TreeMap<>()));
        packages.forEach((file, code) -> {
            String from = packageOf.get(file);
            Matcher qualified = QUALIFIED.matcher(code.substring(code.indexOf(';') + 1));
            while (qualified.find()) {
                String name = qualified.group(1);
                String to = name.substring(0, name.length() - 1);
                // A static import or a nested type names a class before the member: its package is a shorter name.
                while (!nodes.contains(to) && to.contains(".")) {
                    to = to.substring(0, to.lastIndexOf('.'));
                }
                if (nodes.contains(to) && !to.equals(from)) {
                    uses.get(from)
                            .computeIfAbsent(to, t -> new TreeSet<>())
                            .add(sourceRoot.relativize(file).toString());
                }
            }
        });
        return new PackageGraph(uses);
    }

    /** The packages of the tree. */
    public Set<String> packages() {
        return uses.keySet();
    }

    /** The packages {@code name} uses. */
    public Set<String> usedBy(String name) {
        return uses.getOrDefault(name, Map.of()).keySet();
    }

    /**
     * Every cycle as its strongly connected component (packages that all reach each other), each with the uses
     * between its members and the files they are in; empty when the arrows all point one way.
     */
    public List<String> cycles() {
        List<String> cycles = new ArrayList<>();
        for (Set<String> component : components()) {
            if (component.size() < 2) {
                continue;
            }
            StringBuilder text = new StringBuilder(String.join(" <-> ", component)).append(':');
            for (String from : component) {
                uses.get(from).forEach((to, files) -> {
                    if (component.contains(to)) {
                        text.append("\n  ")
                                .append(from)
                                .append(" -> ")
                                .append(to)
                                .append(" in ")
                                .append(files);
                    }
                });
            }
            cycles.add(text.toString());
        }
        return cycles;
    }

    // Tarjan's strongly connected components.
    private List<Set<String>> components() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> components = new ArrayList<>();
        for (String node : uses.keySet()) {
            if (!index.containsKey(node)) {
                connect(node, index, low, stack, onStack, components);
            }
        }
        return components;
    }

    private void connect(
            String node,
            Map<String, Integer> index,
            Map<String, Integer> low,
            Deque<String> stack,
            Set<String> onStack,
            List<Set<String>> components) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        onStack.add(node);
        for (String next : usedBy(node)) {
            if (!index.containsKey(next)) {
                connect(next, index, low, stack, onStack, components);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            components.add(component);
        }
    }

    private static String code(String source) {
        return COMMENT_OR_STRING
                .matcher(source)
                .replaceAll(match -> match.group().startsWith("/") ? " " : "\"\"");
    }
}
