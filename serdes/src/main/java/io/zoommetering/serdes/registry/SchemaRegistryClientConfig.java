package io.zoommetering.serdes.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings of a Schema Registry client, read from the same map as the serde's, under Confluent's names where
 * Confluent has one.
 *
 * <ul>
 *   <li>{@value #SCHEMA_REGISTRY_URL}: {@code http(s)://host:port}, several separated by commas (tried in turn when
 *       one fails), or {@code mock://scope} for the {@link InMemorySchemaRegistry} of that scope.</li>
 *   <li>{@value #BASIC_AUTH_CREDENTIALS_SOURCE}: {@code URL} (default: the user info of the URL, if any) or
 *       {@code USER_INFO} ({@value #BASIC_AUTH_USER_INFO} = {@code user:password}, also read from the older
 *       {@value #LEGACY_BASIC_AUTH_USER_INFO}).</li>
 *   <li>TLS uses the JVM's default {@link SSLContext} (so {@code javax.net.ssl.trustStore} works), or a trust store
 *       of its own given by {@value #SSL_TRUSTSTORE_LOCATION}, {@value #SSL_TRUSTSTORE_PASSWORD} and
 *       {@value #SSL_TRUSTSTORE_TYPE}.</li>
 *   <li>{@value #HTTP_CONNECT_TIMEOUT_MS} (10 s) bounds connecting; {@value #HTTP_READ_TIMEOUT_MS} (10 s) bounds one
 *       request, until its whole answer has arrived.</li>
 *   <li>A request failing with an I/O error, a timeout or a 5xx is retried up to {@value #MAX_RETRIES} (3) times,
 *       waiting {@value #RETRIES_WAIT_MS} (100 ms) doubled at each retry up to {@value #RETRIES_MAX_WAIT_MS} (2 s),
 *       with jitter; no attempt starts or runs past {@value #HTTP_TOTAL_TIMEOUT_MS} (30 s, this project's own key)
 *       after the first. A 4xx is never retried.</li>
 * </ul>
 */
public final class SchemaRegistryClientConfig extends AbstractConfig {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String LEGACY_BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";
    public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String HTTP_TOTAL_TIMEOUT_MS = "http.total.timeout.ms";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRIES_WAIT_MS = "retries.wait.ms";
    public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";

    /** The URL scheme of the in-memory registries: {@code mock://scope}. */
    public static final String MOCK_SCHEME = "mock://";

    private static final ConfigDef DEFINITION = new ConfigDef()
            .define(
                    SCHEMA_REGISTRY_URL,
                    Type.LIST,
                    ConfigDef.NO_DEFAULT_VALUE,
                    Importance.HIGH,
                    "Schema Registry URLs (http, https, or mock://scope), comma-separated.")
            .define(
                    BASIC_AUTH_CREDENTIALS_SOURCE,
                    Type.STRING,
                    "URL",
                    ValidString.in("URL", "USER_INFO"),
                    Importance.MEDIUM,
                    "Where basic-auth credentials come from: the URL's user info, or basic.auth.user.info.")
            .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM, "user:password, for USER_INFO.")
            .define(
                    LEGACY_BASIC_AUTH_USER_INFO,
                    Type.PASSWORD,
                    null,
                    Importance.LOW,
                    "Older name of basic.auth.user.info.")
            .define(
                    SSL_TRUSTSTORE_LOCATION,
                    Type.STRING,
                    null,
                    Importance.MEDIUM,
                    "Trust store for the registry's certificate; the JVM default when unset.")
            .define(SSL_TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM, "Password of the trust store.")
            .define(SSL_TRUSTSTORE_TYPE, Type.STRING, KeyStore.getDefaultType(), Importance.LOW, "Trust store type.")
            .define(HTTP_CONNECT_TIMEOUT_MS, Type.LONG, 10_000L, Range.atLeast(1), Importance.LOW, "Connect timeout.")
            .define(
                    HTTP_READ_TIMEOUT_MS,
                    Type.LONG,
                    10_000L,
                    Range.atLeast(1),
                    Importance.LOW,
                    "Timeout of one request, until its whole answer has arrived.")
            .define(
                    HTTP_TOTAL_TIMEOUT_MS,
                    Type.LONG,
                    30_000L,
                    Range.atLeast(1),
                    Importance.LOW,
                    "Bound on all attempts of one call, retries and waits included.")
            .define(MAX_RETRIES, Type.INT, 3, Range.atLeast(0), Importance.LOW, "Retries after a failed attempt.")
            .define(RETRIES_WAIT_MS, Type.LONG, 100L, Range.atLeast(0), Importance.LOW, "Wait before the first retry.")
            .define(
                    RETRIES_MAX_WAIT_MS,
                    Type.LONG,
                    2_000L,
                    Range.atLeast(0),
                    Importance.LOW,
                    "Longest wait between retries.");

    public SchemaRegistryClientConfig(Map<String, ?> configs) {
        super(DEFINITION, configs, false);
    }

    /** The configured URLs, as written. */
    public List<String> urls() {
        return getList(SCHEMA_REGISTRY_URL);
    }

    /** The http(s) base URLs, without user info (credentials go in a header, never in a logged URL). */
    List<URI> restUrls() {
        List<URI> bases = new ArrayList<>();
        for (String url : urls()) {
            URI uri = parse(url);
            try {
                bases.add(new URI(
                        uri.getScheme(), null, uri.getHost(), uri.getPort(), stripSlash(uri.getPath()), null, null));
            } catch (URISyntaxException e) {
                throw new ConfigException(SCHEMA_REGISTRY_URL, url, e.getMessage());
            }
        }
        if (bases.isEmpty()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, "", "at least one URL is required");
        }
        return bases;
    }

    /** The value of the {@code Authorization} header, if credentials are configured. */
    Optional<String> authorization() {
        String userInfo;
        if ("USER_INFO".equals(getString(BASIC_AUTH_CREDENTIALS_SOURCE))) {
            Password password = getPassword(BASIC_AUTH_USER_INFO) != null
                    ? getPassword(BASIC_AUTH_USER_INFO)
                    : getPassword(LEGACY_BASIC_AUTH_USER_INFO);
            if (password == null || password.value().isEmpty()) {
                throw new ConfigException(
                        BASIC_AUTH_USER_INFO + " is required when " + BASIC_AUTH_CREDENTIALS_SOURCE + " is USER_INFO");
            }
            userInfo = password.value();
        } else {
            userInfo = parse(urls().get(0)).getUserInfo();
        }
        return Optional.ofNullable(userInfo)
                .map(info -> "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
    }

    /** The JVM's default context, or one trusting the configured trust store. */
    SSLContext sslContext() {
        String location = getString(SSL_TRUSTSTORE_LOCATION);
        try {
            if (location == null || location.isBlank()) {
                return SSLContext.getDefault();
            }
            Password password = getPassword(SSL_TRUSTSTORE_PASSWORD);
            KeyStore trustStore = KeyStore.getInstance(getString(SSL_TRUSTSTORE_TYPE));
            try (InputStream in = Files.newInputStream(Path.of(location))) {
                trustStore.load(in, password == null ? null : password.value().toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("Cannot use the trust store " + location + ": " + e);
        }
    }

    Duration connectTimeout() {
        return Duration.ofMillis(getLong(HTTP_CONNECT_TIMEOUT_MS));
    }

    Duration requestTimeout() {
        return Duration.ofMillis(getLong(HTTP_READ_TIMEOUT_MS));
    }

    Duration totalTimeout() {
        return Duration.ofMillis(getLong(HTTP_TOTAL_TIMEOUT_MS));
    }

    int maxRetries() {
        return getInt(MAX_RETRIES);
    }

    Duration retryWait() {
        return Duration.ofMillis(getLong(RETRIES_WAIT_MS));
    }

    Duration retryMaxWait() {
        return Duration.ofMillis(getLong(RETRIES_MAX_WAIT_MS));
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new ConfigException(
                        SCHEMA_REGISTRY_URL, url, "expected http(s)://host[:port][/path] or mock://scope");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, url, e.getMessage());
        }
    }

    private static String stripSlash(String path) {
        return path == null || path.equals("/") ? "" : path.replaceAll("/+$", "");
    }
}
