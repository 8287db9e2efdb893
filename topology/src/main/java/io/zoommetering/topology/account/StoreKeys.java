package io.zoommetering.topology.account;

/** Composite keys of the account stores, joined by the ASCII unit separator, which no id contains. */
public final class StoreKeys {

    private static final String SEPARATOR = "\u001f";

    private StoreKeys() {}

    public static String of(String... parts) {
        return String.join(SEPARATOR, parts);
    }
}
