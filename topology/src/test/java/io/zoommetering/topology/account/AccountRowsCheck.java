package io.zoommetering.topology.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.topology.GoldDriver;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.reference.InputRecord;
import io.zoommetering.topology.topics.Topic;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads a per-account output's rows back from its ledger's stores, as interactive queries do, and compares them
 * with the latest row per key on its gold topic: the whole listing, and every account's rows read by account.
 */
public final class AccountRowsCheck {

    private static final LocalDate ANSWERED = LocalDate.of(2030, 1, 1);

    private AccountRowsCheck() {}

    /**
     * @param current which topic rows the stores hold (every row, or a dimension's current versions)
     * @return the number of rows compared
     */
    public static int compare(
            GoldDriver driver, GoldOutput output, java.util.function.Predicate<SpecificRecord> current) {
        AccountRows rows = output.accountRows().orElseThrow();
        AccountRows.ReadStores stores = new AccountRows.ReadStores() {
            @Override
            public <K, V> ReadOnlyKeyValueStore<K, V> store(String name) {
                return driver.keyValueStore(name);
            }

            @Override
            public <T> Optional<T> settings(Class<T> type) {
                return Optional.ofNullable(driver.config().outputSettings().get(type))
                        .map(type::cast);
            }

            @Override
            public Lineage lineageNow() {
                return new Lineage(ANSWERED, ANSWERED, driver.config().sourceSystem());
            }
        };
        Map<SpecificRecord, Map<String, Object>> read = new HashMap<>();
        rows.read(stores, null, (key, value) -> {
            assertThat(value.get(value.getSchema().getField("update_date").pos()))
                    .as("update_date is the day of the answer")
                    .isEqualTo(ANSWERED);
            assertThat(read.put(key, withoutUpdateDate(value)))
                    .as("%s read once", key)
                    .isNull();
        });
        Map<SpecificRecord, Map<String, Object>> written = new HashMap<>();
        Topic<?, ?> topic = driver.topics().output(output.table());
        driver.table(topic).forEach((key, value) -> {
            if (value != null && current.test((SpecificRecord) value)) {
                written.put((SpecificRecord) key, withoutUpdateDate((SpecificRecord) value));
            }
        });
        assertThat(read).as("%s read from %s", output.name(), rows.store()).isEqualTo(written);
        Map<String, Map<SpecificRecord, Map<String, Object>>> byAccount = new HashMap<>();
        read.forEach((key, value) -> byAccount
                .computeIfAbsent(account(key), account -> new HashMap<>())
                .put(key, value));
        byAccount.forEach((account, expected) -> {
            Map<SpecificRecord, Map<String, Object>> ofAccount = new HashMap<>();
            rows.read(stores, account, (key, value) -> ofAccount.put(key, withoutUpdateDate(value)));
            assertThat(ofAccount).as("%s of account %s", output.name(), account).isEqualTo(expected);
        });
        Map<SpecificRecord, Map<String, Object>> none = new HashMap<>();
        rows.read(stores, "no-such-account", (key, value) -> none.put(key, value == null ? null : Map.of()));
        assertThat(none).as("rows of an account without any").isEmpty();
        return read.size();
    }

    /** Sends a record of a random event set to its input topic. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void send(GoldDriver driver, InputRecord record) {
        Topic<String, ? extends SpecificRecord> topic = driver.topics().inputs().stream()
                .filter(input -> input.name().equals(record.topic()))
                .findFirst()
                .orElseThrow();
        if (record.rawValue() != null) {
            driver.sendRaw(topic, record.key(), record.rawValue());
        } else {
            driver.send((Topic) topic, record.key(), record.value());
        }
    }

    private static String account(SpecificRecord key) {
        return key.get(key.getSchema().getField(AccountRows.ACCOUNT_FIELD).pos())
                .toString();
    }

    private static Map<String, Object> withoutUpdateDate(SpecificRecord value) {
        Map<String, Object> fields = new HashMap<>();
        for (Schema.Field field : value.getSchema().getFields()) {
            if (!field.name().equals("update_date")) {
                fields.put(field.name(), value.get(field.pos()));
            }
        }
        return fields;
    }
}
