package dev.fakeecr.internal.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Reading a request body of unknown length without letting it pass the body limit: both ways in (HTTP and in memory) need it. */
final class BoundedRead {
    private BoundedRead() {}

    /**
     * The whole body, or null as soon as it passes {@code limit} bytes. Read in fixed-size pieces, so a
     * refused body never costs more than {@code limit} bytes of heap (a growing array would double past it).
     */
    static byte[] readWithin(InputStream in, long limit) throws IOException {
        List<byte[]> pieces = new ArrayList<>();
        long total = 0;
        while (true) {
            byte[] piece = in.readNBytes(64 * 1024);
            total += piece.length;
            if (total > limit) {
                return null;
            }
            if (piece.length == 0) {
                break;
            }
            pieces.add(piece);
        }
        if (pieces.size() == 1) {
            return pieces.get(0);
        }
        byte[] body = new byte[(int) total];
        int at = 0;
        for (byte[] piece : pieces) {
            System.arraycopy(piece, 0, body, at, piece.length);
            at += piece.length;
        }
        return body;
    }
}
