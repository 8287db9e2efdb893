package io.zoommetering.serdes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The checks every serde failure must pass: its type, its reason, and a message naming the topic. */
final class SerdeFailureAssertions {

    private SerdeFailureAssertions() {}

    static <E extends AvroSerdeException> E assertFailure(
            ThrowingCallable call, Class<E> type, SerdeFailure reason, String topic) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(type);
        E failure = type.cast(thrown);
        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.topic()).isEqualTo(topic);
        assertThat(failure).hasMessageContaining("'" + topic + "'").hasMessageContaining(reason.name());
        return failure;
    }
}
