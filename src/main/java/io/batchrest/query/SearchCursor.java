package io.batchrest.query;

import io.batchrest.model.Refusal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;

/**
 * Where the next page of a search starts (the {@code after} parameter of a {@code Link: rel="next"}): the sort key
 * and id of the last instance of the page before, so that the next page starts right behind it in the index instead
 * of counting its way there (docs/api.md, "Paging"). Only a search sorted by one key (or by the default order) gets
 * one; the cursor names that order, and a cursor of another order is refused.
 *
 * @param order   the order it was made for: {@link SortKey#text()} of the one sort key
 * @param offset  the number of matches before the page it starts (for {@code prev} and for the total)
 * @param lastKey the sort-key value of the last instance: {@link Instant}, {@link String}, {@link Integer} or null
 * @param lastId  the id of the last instance
 */
public record SearchCursor(String order, long offset, Object lastKey, long lastId) {

    private static final int FORMAT = 1;

    public String encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(order);
            out.writeLong(offset);
            out.writeLong(lastId);
            if (lastKey == null) {
                out.writeByte('N');
            } else if (lastKey instanceof Instant time) {
                out.writeByte('T');
                out.writeLong(time.getEpochSecond());
                out.writeInt(time.getNano());
            } else if (lastKey instanceof Integer number) {
                out.writeByte('I');
                out.writeInt(number);
            } else {
                out.writeByte('S');
                out.writeUTF((String) lastKey);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    /** The {@code after} parameter as sent back by a client; anything this server did not make is a 400. */
    public static SearchCursor decode(String text) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(text)))) {
            if (in.readByte() != FORMAT) {
                throw notACursor(text);
            }
            String order = in.readUTF();
            long offset = in.readLong();
            long lastId = in.readLong();
            Object key = switch (in.readByte()) {
                case 'N' -> null;
                case 'T' -> Instant.ofEpochSecond(in.readLong(), in.readInt());
                case 'I' -> in.readInt();
                case 'S' -> in.readUTF();
                default -> throw notACursor(text);
            };
            if (in.read() != -1 || offset < 0) {
                throw notACursor(text);
            }
            return new SearchCursor(order, offset, key, lastId);
        } catch (IOException | IllegalArgumentException | java.time.DateTimeException e) {
            throw notACursor(text);
        }
    }

    private static Refusal notACursor(String text) {
        return Refusal.invalidParameter("after", "The after value " + (text.length() > 64 ? text.substring(0, 64)
                + "…" : text) + " is not a cursor of this server: follow the Link header's next URL as it is.");
    }
}
