package io.zoommetering.topology.pii;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 of a value's UTF-8 bytes under a secret key, as 64 lower-case hex digits. Keyed, so that without
 * the key nobody can hash a guessed name or e-mail and look for it (a plain hash of low-entropy values is
 * reversible by trying them); deterministic, so the same value hashes the same in every table and after every
 * restart. The value is hashed exactly as the input has it (no trimming or case folding), like KEEP writes it.
 */
public final class KeyedHash {

    static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    // A Mac is not thread-safe and the stream threads share the topology's mappers: one per thread.
    private final ThreadLocal<Mac> macs;

    public KeyedHash(byte[] key) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("an empty HMAC key");
        }
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
        newMac(); // fails now, at start-up, rather than on the first record
    }

    public String hash(String value) {
        Mac mac = macs.get();
        return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available in this JVM", e);
        }
    }

    /** Never the key: this object may end up in a log line or an exception message. */
    @Override
    public String toString() {
        return "KeyedHash[" + ALGORITHM + "]";
    }
}
