package io.zoommetering.topology.aggregate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregate outputs of the topology, found by their tag, and who reads whose totals. Built once at start-up,
 * where a tag or a topic setting used twice fails loudly: a tag is persisted in state, so an output that reused
 * another's would silently read and overwrite the other's aggregates.
 */
public final class AggregateOutputs {

    private final List<AggregateOutput<?, ?>> outputs;
    private final AggregateOutput<?, ?>[] byTag = new AggregateOutput<?, ?>[256];
    private final Map<AggregateOutput<?, ?>, List<AggregateOutput<?, ?>>> readers = new HashMap<>();
    private final Map<AggregateOutput<?, ?>, List<AggregateOutput<?, ?>>> groupReaders = new HashMap<>();

    public AggregateOutputs(List<AggregateOutput<?, ?>> outputs) {
        this.outputs = List.copyOf(outputs);
        Map<String, AggregateOutput<?, ?>> names = new HashMap<>();
        for (AggregateOutput<?, ?> output : this.outputs) {
            AggregateOutput<?, ?> sameTag = byTag[output.tag() & 0xFF];
            if (sameTag != null) {
                throw new IllegalStateException("outputs " + sameTag.topic().configName() + " and "
                        + output.topic().configName() + " both declare aggregate key tag " + output.tag());
            }
            byTag[output.tag() & 0xFF] = output;
            AggregateOutput<?, ?> sameName = names.put(output.topic().configName(), output);
            if (sameName != null) {
                throw new IllegalStateException(
                        "two outputs are named " + output.topic().configName());
            }
            readers.put(output, new ArrayList<>());
            groupReaders.put(output, new ArrayList<>());
        }
        for (AggregateOutput<?, ?> output : this.outputs) {
            output.reads().forEach(read -> readersOf(read, readers, output).add(output));
            output.readsGroup()
                    .forEach(read -> readersOf(read, groupReaders, output).add(output));
        }
    }

    private static List<AggregateOutput<?, ?>> readersOf(
            AggregateOutput<?, ?> read,
            Map<AggregateOutput<?, ?>, List<AggregateOutput<?, ?>>> readers,
            AggregateOutput<?, ?> reader) {
        List<AggregateOutput<?, ?>> readersOfRead = readers.get(read);
        if (readersOfRead == null) {
            throw new IllegalStateException(
                    reader.topic().configName() + " reads " + read.topic().configName() + ", which is not registered");
        }
        return readersOfRead;
    }

    public List<AggregateOutput<?, ?>> all() {
        return outputs;
    }

    public AggregateOutput<?, ?> byTag(byte tag) {
        AggregateOutput<?, ?> output = byTag[tag & 0xFF];
        if (output == null) {
            throw new IllegalStateException("no output has aggregate key tag " + tag
                    + ": state or partials written by another version of the application");
        }
        return output;
    }

    /** The outputs whose formulas read the given output's totals of their own group and rest. */
    public List<AggregateOutput<?, ?>> readersOf(AggregateOutput<?, ?> output) {
        return readers.get(output);
    }

    /** The outputs each of whose keys reads the given output's totals of its group. */
    public List<AggregateOutput<?, ?>> groupReadersOf(AggregateOutput<?, ?> output) {
        return groupReaders.get(output);
    }
}
