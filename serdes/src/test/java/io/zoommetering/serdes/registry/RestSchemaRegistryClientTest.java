package io.zoommetering.serdes.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {

    private static final String GREETING = "{\"type\":\"record\",\"name\":\"Greeting\",\"namespace\":\"fixture\","
            + "\"fields\":[{\"name\":\"text\",\"type\":\"string\"}]}";
    private static final Schema GREETING_SCHEMA = new Schema.Parser().parse(GREETING);

    private final FakeConfluentRegistry registry = FakeConfluentRegistry.http();

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void shouldRegisterASchemaUnderItsSubjectAsConfluentDoes() throws IOException {
        // Given a client of the registry
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(config(registry.url()));

        // When it registers a schema
        int id = client.register("zoom.meetings-value", GREETING_SCHEMA);

        // Then it posted {"schema": "..."} to /subjects/{subject}/versions, with the registry's content type
        assertThat(id).isEqualTo(1);
        FakeConfluentRegistry.Request request = registry.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/subjects/zoom.meetings-value/versions");
        assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        String sent = new ObjectMapper().readTree(request.body()).get("schema").asText();
        assertThat(new Schema.Parser().parse(sent)).isEqualTo(GREETING_SCHEMA);
    }

    @Test
    void shouldFetchASchemaById() {
        // Given a registry holding schema 7
        registry.holds(7, GREETING);
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(config(registry.url()));

        // When the client asks for it
        Schema schema = client.getById(7);

        // Then it has it, from GET /schemas/ids/7
        assertThat(schema).isEqualTo(GREETING_SCHEMA);
        assertThat(registry.requests())
                .extracting(FakeConfluentRegistry.Request::path)
                .containsExactly("/schemas/ids/7");
    }

    @Test
    void shouldAnswerFromItsCacheOnceWarm() {
        // Given a registry holding schema 7, and a client that registered a schema and fetched schema 7 once
        registry.holds(7, GREETING);
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(config(registry.url()));
        Schema other = new Schema.Parser().parse(GREETING.replace("Greeting", "Farewell"));
        int id = client.register("t-value", other);
        client.getById(7);

        // When it is asked the same again, in both directions
        for (int i = 0; i < 3; i++) {
            assertThat(client.register("t-value", other)).isEqualTo(id);
            assertThat(client.getId("t-value", other)).isEqualTo(id);
            assertThat(client.getById(id)).isEqualTo(other);
            assertThat(client.getById(7)).isEqualTo(GREETING_SCHEMA);
        }

        // Then no request went out after the first two
        assertThat(registry.requests()).hasSize(2);
    }

    @Test
    void shouldLookUpTheIdOfASchemaRegisteredUnderASubject() {
        // Given a schema registered under a subject by someone else
        RestSchemaRegistryClient producer = new RestSchemaRegistryClient(config(registry.url()));
        int id = producer.register("t-value", GREETING_SCHEMA);
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(config(registry.url()));

        // When a client looks it up, as a serializer does with auto.register.schemas=false
        int found = client.getId("t-value", GREETING_SCHEMA);

        // Then it gets its id from POST /subjects/{subject}
        assertThat(found).isEqualTo(id);
        assertThat(registry.requests().get(1).path()).isEqualTo("/subjects/t-value");
    }

    @Test
    void shouldReportAnUnknownSubjectAsNotFound() {
        // Given a registry without the subject
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(config(registry.url()));

        // When a client looks a schema up under it
        SchemaNotFoundException e = catchThrowableOfType(
                SchemaNotFoundException.class, () -> client.getId("nobody-value", GREETING_SCHEMA));

        // Then the registry's 40401 is kept
        assertThat(e.errorCode()).isEqualTo(40401);
        assertThat(e.httpStatus()).isEqualTo(404);
    }

    @Test
    void shouldSendBasicAuthCredentialsFromUserInfo() {
        // Given credentials configured as Confluent names them
        Map<String, Object> config = config(registry.url());
        config.put("basic.auth.credentials.source", "USER_INFO");
        config.put("basic.auth.user.info", "user:secret");
        registry.holds(7, GREETING);

        // When the client calls the registry
        new RestSchemaRegistryClient(config).getById(7);

        // Then the request carries them as HTTP basic auth: base64("user:secret")
        assertThat(registry.requests().get(0).authorization()).isEqualTo("Basic dXNlcjpzZWNyZXQ=");
    }

    @Test
    void shouldSendBasicAuthCredentialsFromTheUrl() {
        // Given credentials in the URL, Confluent's default source
        registry.holds(7, GREETING);
        String url = registry.url().replace("http://", "http://user:secret@");

        // When the client calls the registry
        new RestSchemaRegistryClient(config(url)).getById(7);

        // Then they are sent as a header
        assertThat(registry.requests().get(0).authorization()).isEqualTo("Basic dXNlcjpzZWNyZXQ=");
    }

    @Test
    void shouldRetryServerErrorsThenSucceed() {
        // Given a registry that answers 500, then 503, then normally
        registry.holds(7, GREETING);
        registry.failNext(500, 503);

        // When the client fetches a schema
        Schema schema = new RestSchemaRegistryClient(config(registry.url())).getById(7);

        // Then it got it on the third attempt
        assertThat(schema).isEqualTo(GREETING_SCHEMA);
        assertThat(registry.requests()).hasSize(3);
    }

    @Test
    void shouldGiveUpAfterItsRetries() {
        // Given a registry that keeps answering 503, and a client allowed 2 retries
        registry.failNext(503, 503, 503, 503);
        Map<String, Object> config = config(registry.url());
        config.put("max.retries", 2);

        // When the client fetches a schema
        SchemaRegistryUnavailableException e = catchThrowableOfType(
                SchemaRegistryUnavailableException.class, () -> new RestSchemaRegistryClient(config).getById(7));

        // Then it failed after 3 attempts, with the registry's last answer
        assertThat(registry.requests()).hasSize(3);
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.errorCode()).isEqualTo(50003);
    }

    @Test
    void shouldNotRetryAnUnknownSchemaId() {
        // Given a registry without schema 7
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(config(registry.url()));

        // When the client asks for it
        SchemaNotFoundException e = catchThrowableOfType(SchemaNotFoundException.class, () -> client.getById(7));

        // Then the registry's answer is reported once, unretried
        assertThat(e.errorCode()).isEqualTo(40403);
        assertThat(e).hasMessageContaining("Schema 7 not found");
        assertThat(registry.requests()).hasSize(1);
    }

    @Test
    void shouldNotRetryARefusal() {
        // Given a registry that refuses the credentials
        registry.failNext(401);

        // When the client calls it
        SchemaRegistryException e = catchThrowableOfType(
                SchemaRegistryException.class, () -> new RestSchemaRegistryClient(config(registry.url())).getById(7));

        // Then the refusal is final
        assertThat(e).isNotInstanceOf(SchemaRegistryUnavailableException.class);
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(registry.requests()).hasSize(1);
    }

    @Test
    void shouldTimeOutOnARegistryThatDoesNotAnswer() {
        // Given a registry that never answers, and a client with a 200 ms request timeout and one retry
        registry.stall();
        Map<String, Object> config = config(registry.url());
        config.put("http.read.timeout.ms", 200);
        config.put("max.retries", 1);
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(config);

        // When the client fetches a schema
        long start = System.nanoTime();
        Throwable e = catchThrowableOfType(SchemaRegistryUnavailableException.class, () -> client.getById(7));

        // Then it gave up after two attempts, well within a bound
        assertThat(e).hasMessageContaining("no answer within 200 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(registry.requests()).hasSize(2);
    }

    @Test
    void shouldStopRetryingAtTheTotalTimeout() {
        // Given a registry that never answers, and a client allowed many retries but 300 ms in all
        registry.stall();
        Map<String, Object> config = config(registry.url());
        config.put("http.read.timeout.ms", 200);
        config.put("http.total.timeout.ms", 300);
        config.put("max.retries", 50);

        // When the client fetches a schema
        long start = System.nanoTime();
        assertThatThrownBy(() -> new RestSchemaRegistryClient(config).getById(7))
                .isInstanceOf(SchemaRegistryUnavailableException.class);

        // Then it stopped at the total timeout
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void shouldReportARefusedConnectionAsUnavailable() throws IOException {
        // Given no registry at the URL
        Map<String, Object> config = config("http://127.0.0.1:" + closedPort());

        // When the client calls it
        SchemaRegistryUnavailableException e = catchThrowableOfType(
                SchemaRegistryUnavailableException.class, () -> new RestSchemaRegistryClient(config).getById(7));

        // Then it is unavailable, for want of a connection
        assertThat(e.httpStatus()).isZero();
        assertThat(e.getCause()).isInstanceOf(IOException.class);
    }

    @Test
    void shouldFailOverToTheNextUrl() throws IOException {
        // Given two URLs, the first without a registry
        registry.holds(7, GREETING);
        Map<String, Object> config = config("http://127.0.0.1:" + closedPort() + "," + registry.url());

        // When the client fetches a schema
        Schema schema = new RestSchemaRegistryClient(config).getById(7);

        // Then the second registry answered
        assertThat(schema).isEqualTo(GREETING_SCHEMA);
    }

    @Test
    void shouldTalkToARegistryOverTlsWithAConfiguredTrustStore() throws Exception {
        // Given a registry over TLS with a self-signed certificate, and a client trusting it
        try (FakeConfluentRegistry tls = FakeConfluentRegistry.https()) {
            tls.holds(7, GREETING);
            Map<String, Object> config = config(tls.url());
            config.put("schema.registry.ssl.truststore.location", resource("/tls/registry-trust.p12"));
            config.put("schema.registry.ssl.truststore.password", "changeit");
            config.put("schema.registry.ssl.truststore.type", "PKCS12");

            // When the client fetches a schema
            Schema schema = new RestSchemaRegistryClient(config).getById(7);

            // Then the TLS handshake succeeded
            assertThat(schema).isEqualTo(GREETING_SCHEMA);
        }
    }

    @Test
    void shouldRefuseARegistryWhoseCertificateItDoesNotTrust() {
        // Given a registry over TLS with a certificate the JVM's default trust store does not hold
        try (FakeConfluentRegistry tls = FakeConfluentRegistry.https()) {
            Map<String, Object> config = config(tls.url());

            // When a client with the default trust calls it
            SchemaRegistryUnavailableException e = catchThrowableOfType(
                    SchemaRegistryUnavailableException.class, () -> new RestSchemaRegistryClient(config).getById(7));

            // Then the handshake failed, and no request got through
            assertThat(e.getCause()).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
            assertThat(tls.requests()).isEmpty();
        }
    }

    /** Fast retries: the tests count attempts, they do not measure back-off. */
    private static Map<String, Object> config(String url) {
        Map<String, Object> config = new HashMap<>();
        config.put("schema.registry.url", url);
        config.put("retries.wait.ms", 1);
        config.put("max.retries", 3);
        return config;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String resource(String name) throws Exception {
        return Path.of(RestSchemaRegistryClientTest.class.getResource(name).toURI())
                .toString();
    }
}
