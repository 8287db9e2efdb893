package io.zoommetering.topology.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoreKeysTest {

    @Test
    void shouldPadAsTheFormatterThatWroteTheStoredKeys() {
        // Given values of every width around the keys' (epoch days, offset days), and negative ones
        long[] values = {
            0,
            1,
            9,
            10,
            20_000,
            99_999,
            123_456_789,
            999_999_999,
            1_000_000_000,
            9_999_999_999L,
            10_000_000_000L,
            1_000_000_000_000L,
            1_000_000_020_000L,
            9_999_999_999_999L,
            10_000_000_000_000L,
            Long.MAX_VALUE,
            -1,
            -20_000,
            Long.MIN_VALUE
        };
        // Then each reads as String.format wrote it, so keys stored before are found
        for (int width : new int[] {1, 10, 13}) {
            for (long value : values) {
                assertThat(StoreKeys.fixedWidth(value, width))
                        .as("%d in %d digits", value, width)
                        .isEqualTo(String.format("%0" + width + "d", value));
            }
        }
    }
}
