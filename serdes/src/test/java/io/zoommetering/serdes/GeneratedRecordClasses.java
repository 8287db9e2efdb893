package io.zoommetering.serdes;

import io.zoommetering.avro.usage.Meeting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every generated record class of the contract (package io.zoommetering.avro and below), found in the schemas
 * module's jar or classes directory, so that a schema added there is covered without touching the tests.
 */
final class GeneratedRecordClasses {

    private static final String PACKAGE_PATH = "io/zoommetering/avro/";

    private GeneratedRecordClasses() {}

    static List<Class<? extends SpecificRecord>> all() {
        try {
            Path location = Path.of(Meeting.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return classFiles(location)
                    .filter(name -> name.startsWith(PACKAGE_PATH) && name.endsWith(".class") && !name.contains("$"))
                    .map(name -> load(
                            name.substring(0, name.length() - ".class".length()).replace('/', '.')))
                    .filter(type -> SpecificRecord.class.isAssignableFrom(type) && !type.isInterface())
                    .<Class<? extends SpecificRecord>>map(type -> type.asSubclass(SpecificRecord.class))
                    .sorted((a, b) -> a.getName().compareTo(b.getName()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Stream<String> classFiles(Path location) throws IOException {
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                return files.map(file -> location.relativize(file).toString().replace('\\', '/')).toList().stream();
            }
        }
        try (JarFile jar = new JarFile(location.toFile())) {
            return jar.stream().map(entry -> entry.getName()).toList().stream();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
