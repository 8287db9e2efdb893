package io.zoommetering.app.ops;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Renders a Kustomize directory with {@code kubectl kustomize}: the kubectl named by OPS_KUBECTL (CI installs a
 * pinned one, deploy/ci/ops.sh), else the one on the PATH. Without any, the tests that need it are skipped on a
 * developer's machine and fail in CI.
 */
final class Kustomize {

    private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {}

    /** The rendered YAML of a directory (rendered once per test run). */
    static String render(String directory) {
        return RENDERED.computeIfAbsent(directory, Kustomize::run);
    }

    private static String run(String directory) {
        Optional<Path> found = kubectl();
        if (found.isEmpty() && System.getenv("CI") != null) {
            fail("kubectl is needed to render deploy/k8s: set OPS_KUBECTL (deploy/ci/ops.sh, ops_tools)");
        }
        assumeTrue(found.isPresent(), "no kubectl: set OPS_KUBECTL or put kubectl on the PATH to check deploy/k8s");
        Path kubectl = found.get();
        try {
            Path errors = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(
                                kubectl.toString(),
                                "kustomize",
                                Repository.file(directory).toString())
                        .redirectError(errors.toFile())
                        .start();
                process.getOutputStream().close();
                byte[] out = process.getInputStream().readAllBytes();
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException(
                            "kubectl kustomize " + directory + " failed: " + Files.readString(errors));
                }
                return new String(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + kubectl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Path> kubectl() {
        String configured = System.getenv("OPS_KUBECTL");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
