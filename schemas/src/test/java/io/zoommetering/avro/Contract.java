package io.zoommetering.avro;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The Avro contract as the build generated it: every record and enum class under {@code io.zoommetering.avro}, found
 * by scanning the classpath, so that a schema added to an .avdl file is covered by the tests without touching them.
 */
final class Contract {

    static final String ROOT_PACKAGE = "io.zoommetering.avro";

    /** The namespaces of the input streams (SPEC section 1). Every record in them is an input stream. */
    static final Set<String> INPUT_NAMESPACES =
            Set.of("io.zoommetering.avro.usage", "io.zoommetering.avro.support", "io.zoommetering.avro.billing");

    /**
     * The processor's own repartition topics and state stores (internal.avdl): "not part of the public contract",
     * they evolve with the application. Their records follow the evolution rules; the contract's conventions for
     * producers and consumers (enum defaults) are not required of them.
     */
    static final String INTERNAL_NAMESPACE = "io.zoommetering.avro.internal";

    /** The ten input streams of SPEC section 1: default topic to the full name of its value record. */
    static final Map<String, String> INPUT_STREAMS = inputStreams();

    private static Map<String, String> inputStreams() {
        Map<String, String> streams = new LinkedHashMap<>();
        streams.put("zoom.users", "io.zoommetering.avro.usage.User");
        streams.put("zoom.meetings", "io.zoommetering.avro.usage.Meeting");
        streams.put("zoom.attendance", "io.zoommetering.avro.usage.Attendance");
        streams.put("zoom.feature-usage", "io.zoommetering.avro.usage.FeatureUsage");
        streams.put("zoom.webinars", "io.zoommetering.avro.usage.Webinar");
        streams.put("zoom.support-tickets", "io.zoommetering.avro.support.SupportTicket");
        streams.put("zoom.billing-events", "io.zoommetering.avro.billing.BillingEvent");
        streams.put("zoom.licenses", "io.zoommetering.avro.billing.License");
        streams.put("zoom.plans", "io.zoommetering.avro.billing.Plan");
        streams.put("zoom.service-status", "io.zoommetering.avro.support.ServiceStatus");
        return Collections.unmodifiableMap(streams);
    }

    private Contract() {}

    /** Every record schema of the contract, internal ones included, by full name. */
    static Map<String, Schema> records() {
        return Discovered.RECORDS;
    }

    /** Every enum schema of the contract, internal ones included, by full name. */
    static Map<String, Schema> enums() {
        return Discovered.ENUMS;
    }

    /** Every enum schema of the public contract, by full name: all but the internal ones. */
    static Map<String, Schema> publicEnums() {
        return enums().entrySet().stream()
                .filter(entry -> !INTERNAL_NAMESPACE.equals(entry.getValue().getNamespace()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    /** Every record schema of the public contract, by full name: all but the internal ones. */
    static Map<String, Schema> publicRecords() {
        return records().entrySet().stream()
                .filter(entry -> !INTERNAL_NAMESPACE.equals(entry.getValue().getNamespace()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    /** The record schemas of the input streams, by full name: every record in an input namespace. */
    static Map<String, Schema> inputRecords() {
        return records().entrySet().stream()
                .filter(entry -> INPUT_NAMESPACES.contains(entry.getValue().getNamespace()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    /** The record schema of the given full name, as generated now. */
    static Schema record(String fullName) {
        Schema schema = records().get(fullName);
        if (schema == null) {
            throw new IllegalArgumentException("No generated record " + fullName + " in the contract");
        }
        return schema;
    }

    /** Scanned once per test JVM. */
    private static final class Discovered {
        private static final List<Class<?>> CLASSES = scanGeneratedClasses();
        static final Map<String, Schema> RECORDS = schemasOf(CLASSES.stream()
                .filter(SpecificRecord.class::isAssignableFrom)
                .filter(type -> !type.isInterface() && !Modifier.isAbstract(type.getModifiers())));
        static final Map<String, Schema> ENUMS = schemasOf(
                CLASSES.stream().filter(type -> type.isEnum() && GenericEnumSymbol.class.isAssignableFrom(type)));

        private static Map<String, Schema> schemasOf(Stream<Class<?>> types) {
            Map<String, Schema> schemas = new TreeMap<>();
            types.map(SpecificData.get()::getSchema).forEach(schema -> schemas.put(schema.getFullName(), schema));
            return Collections.unmodifiableMap(schemas);
        }

        private static List<Class<?>> scanGeneratedClasses() {
            ClassLoader loader = Contract.class.getClassLoader();
            String folder = ROOT_PACKAGE.replace('.', '/');
            List<Class<?>> classes = new ArrayList<>();
            try {
                Enumeration<URL> roots = loader.getResources(folder);
                while (roots.hasMoreElements()) {
                    for (String className : classNamesUnder(roots.nextElement(), folder)) {
                        classes.add(Class.forName(className, false, loader));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ClassNotFoundException | URISyntaxException e) {
                throw new IllegalStateException("Cannot scan " + ROOT_PACKAGE + " for generated classes", e);
            }
            classes.sort(Comparator.comparing(Class::getName));
            return classes;
        }

        /** Top-level classes below a classpath root, whether it is a directory (target/classes) or a jar. */
        private static List<String> classNamesUnder(URL root, String folder) throws IOException, URISyntaxException {
            URI uri = root.toURI();
            if ("file".equals(uri.getScheme())) {
                return classNamesIn(Path.of(uri), folder);
            }
            if ("jar".equals(uri.getScheme())) {
                FileSystem jar;
                boolean opened = false;
                try {
                    jar = FileSystems.newFileSystem(uri, Map.of());
                    opened = true;
                } catch (FileSystemAlreadyExistsException alreadyOpen) {
                    jar = FileSystems.getFileSystem(uri);
                }
                try {
                    return classNamesIn(jar.getPath(folder), folder);
                } finally {
                    if (opened) {
                        jar.close();
                    }
                }
            }
            throw new IllegalStateException("Cannot scan classpath root " + root);
        }

        private static List<String> classNamesIn(Path packageDir, String folder) throws IOException {
            try (Stream<Path> files = Files.walk(packageDir)) {
                return files.filter(file -> file.getFileName().toString().endsWith(".class"))
                        .filter(file -> !file.getFileName().toString().contains("$"))
                        .map(file -> packageDir
                                .relativize(file)
                                .toString()
                                .replace(file.getFileSystem().getSeparator(), "/"))
                        .map(relative -> (folder + "/" + relative).replace('/', '.'))
                        .map(name -> name.substring(0, name.length() - ".class".length()))
                        .collect(Collectors.toList());
            }
        }
    }
}
