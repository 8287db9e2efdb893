package io.zoommetering.topology.account;

/** Composite keys of the account stores, joined by the ASCII unit separator, which no id contains. */
public final class StoreKeys {

    private static final String SEPARATOR = "\u001f";

    private StoreKeys() {}

    public static String of(String... parts) {
        return String.join(SEPARATOR, parts);
    }

    /** The parts of a key made by {@link #of}. */
    public static String[] parts(String key) {
        return key.split(SEPARATOR, -1);
    }

    /**
     * The value in decimal, zero-padded to width digits: exactly {@code String.format("%0<width>d", value)}, so keys
     * stored before are found, but without the formatter, which cost more than the rest of a ledger's key on every
     * record (docs/BENCHMARKS.md).
     */
    public static String fixedWidth(long value, int width) {
        if (value < 0) {
            return String.format("%0" + width + "d", value);
        }
        String digits = Long.toString(value);
        if (digits.length() >= width) {
            return digits;
        }
        StringBuilder padded = new StringBuilder(width);
        for (int i = digits.length(); i < width; i++) {
            padded.append('0');
        }
        return padded.append(digits).toString();
    }
}
