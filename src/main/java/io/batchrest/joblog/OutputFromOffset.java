package io.batchrest.joblog;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes on what is written from byte {@code offset} on and drops the bytes before it: a text answer resumed at a
 * position of an earlier answer (docs/contract.md §8, "Following and resuming") is written exactly as the whole answer
 * and cut here, so its positions cannot drift from those of the answer without an offset.
 */
public final class OutputFromOffset extends FilterOutputStream {

    private long toDrop;

    public OutputFromOffset(OutputStream out, long offset) {
        super(out);
        this.toDrop = offset;
    }

    @Override
    public void write(int b) throws IOException {
        if (toDrop > 0) {
            toDrop--;
        } else {
            out.write(b);
        }
    }

    @Override
    public void write(byte[] bytes, int from, int length) throws IOException {
        int dropped = (int) Math.min(toDrop, length);
        toDrop -= dropped;
        if (length > dropped) {
            out.write(bytes, from + dropped, length - dropped);
        }
    }
}
