package io.zoommetering.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.zoommetering.app.config.AppSettings;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes manifests as Kustomize renders them (deploy/k8s), checked offline: against the API schemas, and
 * against what the processor and its image need.
 */
class KubernetesManifestsTest {

    private static final String BASE = "deploy/k8s/base";
    private static final String PRODUCTION = "deploy/k8s/overlays/production";
    private static final Pattern VARIABLE_REFERENCE = Pattern.compile("\\$\\(([A-Z0-9_]+)\\)");
    private static final Pattern SECRET_LIKE = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|JAAS|USER_INFO).*");

    private final ImageConfig image = ImageConfig.fromPom();

    @ParameterizedTest
    @ValueSource(strings = {BASE, PRODUCTION})
    void shouldMatchTheKubernetesApiSchemas(String directory) {
        KubernetesObjects objects = KubernetesObjects.parse(Kustomize.render(directory));

        assertThat(objects.unknownFields()).as("fields the API does not define").isEmpty();
        assertThat(objects.all())
                .extracting(HasMetadata::getKind)
                .containsExactlyInAnyOrder(
                        "ServiceAccount",
                        "ConfigMap",
                        "Service",
                        "StatefulSet",
                        "PodDisruptionBudget",
                        "PodMonitor",
                        "PrometheusRule",
                        "NetworkPolicy");
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, PRODUCTION})
    void shouldGiveEachInstanceAStableIdentityAndItsOwnStateVolume(String directory) {
        KubernetesObjects objects = KubernetesObjects.parse(Kustomize.render(directory));
        StatefulSet set = objects.single(StatefulSet.class);
        Service service = objects.single(Service.class);
        Map<String, String> env = environment(objects, set);

        assertThat(service.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(set.getSpec().getServiceName())
                .isEqualTo(service.getMetadata().getName());
        assertThat(service.getSpec().getSelector())
                .isEqualTo(podLabels(set, service.getSpec().getSelector()));
        assertThat(env.get("KAFKA_APPLICATION_SERVER"))
                .as("application.server from the pod's name")
                .isEqualTo("zoom-metering-0." + service.getMetadata().getName() + ".metering.svc.cluster.local:8080");
        assertThat(env.get("KAFKA_GROUP_INSTANCE_ID"))
                .as("group.instance.id from the pod's name: static membership")
                .isEqualTo("zoom-metering-0");
        assertThat(set.getSpec().getVolumeClaimTemplates())
                .extracting(claim -> claim.getMetadata().getName())
                .containsExactly("state");
        assertThat(mountPathOf(container(set), "state")).isNotNull();
        assertThat(env.get("KAFKA_STATE_DIR"))
                .as("state.dir on the state volume")
                .startsWith(mountPathOf(container(set), "state") + "/");
        int replicas = set.getSpec().getReplicas();
        assertThat(replicas).isGreaterThanOrEqualTo(2);
        assertThat(Integer.parseInt(env.get("KAFKA_NUM_STANDBY_REPLICAS")))
                .as("num.standby.replicas")
                .isBetween(1, replicas - 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, PRODUCTION})
    void shouldProbeTheHealthEndpointsOnTheProcessorsHttpPort(String directory) {
        KubernetesObjects objects = KubernetesObjects.parse(Kustomize.render(directory));
        StatefulSet set = objects.single(StatefulSet.class);
        Container container = container(set);
        Map<String, String> env = environment(objects, set);
        int httpPort = Integer.parseInt(env.get("ZM_HTTP_PORT"));

        assertThat(container.getPorts())
                .extracting(ContainerPort::getName, ContainerPort::getContainerPort)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("http", httpPort));
        assertThat(image.ports()).containsExactly(String.valueOf(httpPort));
        assertProbe(container.getLivenessProbe().getHttpGet(), "/health/live");
        assertProbe(container.getReadinessProbe().getHttpGet(), "/health/ready");
        assertProbe(container.getStartupProbe().getHttpGet(), "/health/live");
        assertThat(container.getArgs()).isEqualTo(image.args());
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, PRODUCTION})
    void shouldRunRestrictedWithOnlyTheStateVolumeAndTmpWritable(String directory) {
        StatefulSet set = KubernetesObjects.parse(Kustomize.render(directory)).single(StatefulSet.class);
        PodSpec pod = set.getSpec().getTemplate().getSpec();
        Container container = container(set);

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser())
                .as("the image's user")
                .isEqualTo(image.uid());
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        var security = container.getSecurityContext();
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(mountPathOf(container, "tmp")).isEqualTo("/tmp");
        assertThat(pod.getVolumes())
                .filteredOn(volume -> volume.getName().equals("tmp"))
                .singleElement()
                .satisfies(volume -> assertThat(volume.getEmptyDir()).isNotNull());
        assertThat(container.getVolumeMounts())
                .filteredOn(mount -> !Boolean.TRUE.equals(mount.getReadOnly()))
                .extracting(VolumeMount::getName)
                .containsExactlyInAnyOrder("state", "tmp");
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, PRODUCTION})
    void shouldGiveTheJvmTheMemoryItsFlagsAssume(String directory) {
        Container container =
                container(KubernetesObjects.parse(Kustomize.render(directory)).single(StatefulSet.class));
        var resources = container.getResources();
        BigDecimal limit = Quantity.getAmountInBytes(resources.getLimits().get("memory"));
        BigDecimal request = Quantity.getAmountInBytes(resources.getRequests().get("memory"));
        double heap = limit.doubleValue() * image.maxRamFraction().orElseThrow();

        assertThat(request)
                .as("memory request = limit: the heap is a share of the limit")
                .isEqualByComparingTo(limit);
        assertThat(resources.getRequests()).containsKey("cpu");
        assertThat(resources.getLimits()).containsKey("cpu");
        assertThat(heap).as("heap (MaxRAMPercentage of the limit)").isGreaterThanOrEqualTo(512.0 * (1 << 20));
        assertThat(limit.doubleValue() - heap)
                .as("left for RocksDB, metaspace and threads")
                .isGreaterThanOrEqualTo(512.0 * (1 << 20));
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, PRODUCTION})
    void shouldKeepCredentialsOutOfTheConfigMapAndOnlyReferenceSecrets(String directory) {
        KubernetesObjects objects = KubernetesObjects.parse(Kustomize.render(directory));
        StatefulSet set = objects.single(StatefulSet.class);
        Map<String, String> settings = objects.single(ConfigMap.class).getData();
        Set<String> secretVariables = ProcessorEnvironment.secretVariables(environment(objects, set));

        assertThat(objects.ofType(Secret.class))
                .as("Secrets are created outside this repository")
                .isEmpty();
        assertThat(ProcessorEnvironment.secretVariables(settings))
                .as("password settings in the ConfigMap")
                .isEmpty();
        assertThat(settings.keySet()).noneMatch(key -> SECRET_LIKE.matcher(key).matches());
        assertThat(settings.values()).as("credentials in URLs").noneMatch(value -> value.matches(".*://[^/@\\s]+@.*"));
        for (EnvVar variable : container(set).getEnv()) {
            if (secretVariables.contains(variable.getName())
                    || SECRET_LIKE.matcher(variable.getName()).matches()) {
                assertThat(variable.getValue())
                        .as(variable.getName() + " is a Secret reference, not a value")
                        .isNull();
                assertThat(variable.getValueFrom().getSecretKeyRef())
                        .as(variable.getName())
                        .isNotNull();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, PRODUCTION})
    void shouldGiveTheProcessorSettingsItKnows(String directory) {
        KubernetesObjects objects = KubernetesObjects.parse(Kustomize.render(directory));
        Map<String, String> env = environment(objects, objects.single(StatefulSet.class));

        assertThat(ProcessorEnvironment.unknownVariables(env)).isEmpty();
        assertThatCode(() -> ProcessorEnvironment.load(env)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, PRODUCTION})
    void shouldSelectThePodsFromEveryObjectThatTargetsThem(String directory) {
        KubernetesObjects objects = KubernetesObjects.parse(Kustomize.render(directory));
        StatefulSet set = objects.single(StatefulSet.class);
        Map<String, String> labels = set.getSpec().getTemplate().getMetadata().getLabels();
        PodMonitor monitor = objects.single(PodMonitor.class);

        assertThat(labels).containsAllEntriesOf(set.getSpec().getSelector().getMatchLabels());
        assertThat(labels)
                .containsAllEntriesOf(objects.single(PodDisruptionBudget.class)
                        .getSpec()
                        .getSelector()
                        .getMatchLabels());
        assertThat(labels)
                .containsAllEntriesOf(objects.single(NetworkPolicy.class)
                        .getSpec()
                        .getPodSelector()
                        .getMatchLabels());
        assertThat(labels).containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
        assertThat(monitor.getSpec().getPodMetricsEndpoints()).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.getPath()).isEqualTo("/metrics");
            assertThat(endpoint.getPort()).isEqualTo("http");
        });
        assertThat(set.getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo(objects.single(ServiceAccount.class).getMetadata().getName());
        assertThat(objects.single(PodDisruptionBudget.class)
                        .getSpec()
                        .getMaxUnavailable()
                        .getIntVal())
                .isEqualTo(1);
    }

    @org.junit.jupiter.api.Test
    void shouldLoadTheAlertRulesOfDeployPrometheusIntoThePrometheusOperator() throws Exception {
        JsonNode rendered = null;
        try (MappingIterator<JsonNode> documents =
                Repository.YAML.readerFor(JsonNode.class).readValues(Kustomize.render(BASE))) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && document.path("kind").asText().equals("PrometheusRule")) {
                    rendered = document;
                }
            }
        }

        assertThat(rendered).isNotNull();
        assertThat(rendered.get("spec"))
                .as("deploy/k8s/base/prometheusrule.yaml is out of date: run deploy/prometheus/prometheusrule.sh")
                .isEqualTo(Repository.yaml("deploy/prometheus/rules/zoom-metering.yml"));
    }

    @org.junit.jupiter.api.Test
    void shouldReachKafkaOverSaslSslAndTheRegistryOverHttpsInProduction() {
        KubernetesObjects objects = KubernetesObjects.parse(Kustomize.render(PRODUCTION));
        StatefulSet set = objects.single(StatefulSet.class);
        AppSettings settings = ProcessorEnvironment.load(environment(objects, set));

        assertThat(set.getSpec().getReplicas()).isGreaterThanOrEqualTo(3);
        assertThat(settings.streams().getProperty("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(settings.streams().getProperty("sasl.jaas.config")).isEqualTo(placeholder("KAFKA_SASL_JAAS_CONFIG"));
        assertThat(settings.app().schemaRegistryUrls()).allMatch(url -> url.startsWith("https://"));
        assertThat(settings.registry()).containsEntry("basic.auth.credentials.source", "USER_INFO");
        assertThat(ProcessorEnvironment.secretVariables(environment(objects, set)))
                .containsExactlyInAnyOrder(
                        "KAFKA_SASL_JAAS_CONFIG",
                        "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO",
                        "SCHEMA_REGISTRY_SSL_TRUSTSTORE_PASSWORD");
        assertThat(container(set).getImage()).matches("[a-z0-9.-]+/[a-z0-9/-]+:[0-9]+\\.[0-9]+\\.[0-9]+");
    }

    private static void assertProbe(HTTPGetAction probe, String path) {
        assertThat(probe.getPath()).isEqualTo(path);
        assertThat(probe.getPort().getStrVal()).isEqualTo("http");
    }

    private static Container container(StatefulSet set) {
        List<Container> containers = set.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static String mountPathOf(Container container, String volume) {
        return container.getVolumeMounts().stream()
                .filter(mount -> mount.getName().equals(volume))
                .map(VolumeMount::getMountPath)
                .findFirst()
                .orElse(null);
    }

    private static Map<String, String> podLabels(StatefulSet set, Map<String, String> keys) {
        Map<String, String> selected = new LinkedHashMap<>();
        Map<String, String> labels = set.getSpec().getTemplate().getMetadata().getLabels();
        keys.keySet().forEach(key -> selected.put(key, labels.get(key)));
        return selected;
    }

    /**
     * The container's environment as the pod of ordinal 0 in namespace metering sees it: the ConfigMap's entries,
     * then env in order with $(VAR) references expanded; Secret values are placeholders and downward-API values
     * are the pod's.
     */
    private static Map<String, String> environment(KubernetesObjects objects, StatefulSet set) {
        Container container = container(set);
        Map<String, String> env = new LinkedHashMap<>();
        container.getEnvFrom().forEach(source -> {
            String name = source.getConfigMapRef().getName();
            ConfigMap map = objects.named(ConfigMap.class, name)
                    .orElseThrow(() -> new AssertionError("envFrom names a missing ConfigMap " + name));
            env.putAll(map.getData());
        });
        for (EnvVar variable : container.getEnv()) {
            String value;
            if (variable.getValueFrom() == null) {
                value = expand(variable.getValue(), env);
            } else if (variable.getValueFrom().getSecretKeyRef() != null) {
                value = placeholder(variable.getName());
            } else {
                String field = variable.getValueFrom().getFieldRef().getFieldPath();
                value = switch (field) {
                    case "metadata.name" -> set.getMetadata().getName() + "-0";
                    case "metadata.namespace" -> "metering";
                    default -> throw new AssertionError("unexpected field reference " + field);
                };
            }
            env.put(variable.getName(), value);
        }
        return env;
    }

    private static String placeholder(String variable) {
        return variable.equals("KAFKA_SASL_JAAS_CONFIG")
                ? "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";"
                : "secret-of-" + variable;
    }

    private static String expand(String value, Map<String, String> env) {
        Matcher matcher = VARIABLE_REFERENCE.matcher(value);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String replacement = env.get(matcher.group(1));
            assertThat(replacement)
                    .as("$(" + matcher.group(1) + ") is defined before it is used")
                    .isNotNull();
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(expanded);
        return expanded.toString();
    }
}
