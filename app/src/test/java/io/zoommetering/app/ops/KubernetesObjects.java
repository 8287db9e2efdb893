package io.zoommetering.app.ops;

import com.fasterxml.jackson.databind.MappingIterator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rendered manifests read into the Kubernetes API model (fabric8's classes, generated from the API's OpenAPI
 * schemas), strictly: a kind the model does not know, a field of the wrong type or a field the schema does not
 * have is an error. Fabric8 keeps unknown fields in {@code additionalProperties} instead of failing, so those are
 * collected here, with their path.
 */
final class KubernetesObjects {

    private final List<HasMetadata> objects;

    private KubernetesObjects(List<HasMetadata> objects) {
        this.objects = objects;
    }

    static KubernetesObjects parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<KubernetesResource> documents =
                Repository.YAML.readerFor(KubernetesResource.class).readValues(yaml)) {
            while (documents.hasNext()) {
                KubernetesResource resource = documents.next();
                if (resource == null) {
                    continue;
                }
                if (!(resource instanceof HasMetadata object) || resource instanceof GenericKubernetesResource) {
                    throw new IllegalArgumentException("a kind the Kubernetes model does not know: " + resource);
                }
                objects.add(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("not valid against the Kubernetes model: " + e.getMessage(), e);
        }
        return new KubernetesObjects(objects);
    }

    List<HasMetadata> all() {
        return objects;
    }

    <T extends HasMetadata> List<T> ofType(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T single(Class<T> type) {
        List<T> found = ofType(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", found " + found.size());
        }
        return found.get(0);
    }

    <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
        return ofType(type).stream()
                .filter(object -> object.getMetadata().getName().equals(name))
                .findFirst();
    }

    /** Every field that the API schema of its object does not define, as kind/name: path.field. */
    List<String> unknownFields() {
        List<String> unknown = new ArrayList<>();
        for (HasMetadata object : objects) {
            collectUnknown(object, object.getKind() + "/" + object.getMetadata().getName() + ":", unknown);
        }
        return unknown;
    }

    private static void collectUnknown(Object value, String path, List<String> unknown) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknown(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> collectUnknown(item, path + "[" + key + "]", unknown));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class
                    || !getter.getName().startsWith("get")) {
                continue;
            }
            Object property = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> unknown.add(path + "." + key));
                }
            } else {
                collectUnknown(property, path + "." + propertyName(getter), unknown);
            }
        }
    }

    private static String propertyName(Method getter) {
        String name = getter.getName().substring(3);
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }
}
