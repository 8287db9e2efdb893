package io.zoommetering.app.ops;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/** Just enough of the tar format to read image archives and their layers: ustar, GNU long names, PAX paths. */
final class Tar {

    private static final int BLOCK = 512;

    private Tar() {}

    /**
     * The entries of a tar stream (gzip-compressed or not), by name; the content of those {@code keep} accepts,
     * an empty array for the others.
     */
    static Map<String, byte[]> read(InputStream stream, Predicate<String> keep) throws IOException {
        InputStream in = new BufferedInputStream(stream);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        if (gzip) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        String longName = null;
        byte[] header = new byte[BLOCK];
        while (in.readNBytes(header, 0, BLOCK) == BLOCK && header[0] != 0) {
            String octalSize = field(header, 124, 12).trim();
            long size = octalSize.isEmpty() ? 0 : Long.parseLong(octalSize, 8);
            char type = (char) header[156];
            String name = field(header, 0, 100);
            String prefix = field(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            boolean meta = type == 'L' || type == 'x' || type == 'g';
            byte[] content =
                    meta || keep.test(longName != null ? longName : name) ? in.readNBytes((int) size) : skip(in, size);
            in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
            if (type == 'L') {
                longName = new String(content, StandardCharsets.UTF_8).replace("\0", "");
            } else if (type == 'x') {
                longName = paxPath(content);
            } else if (type != 'g') {
                entries.put(longName != null ? longName : name, content);
                longName = null;
            }
        }
        return entries;
    }

    private static byte[] skip(InputStream in, long size) throws IOException {
        in.skipNBytes(size);
        return new byte[0];
    }

    private static String paxPath(byte[] records) {
        for (String record : new String(records, StandardCharsets.UTF_8).split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }
}
