package dev.jclaw.store.jdbc;

import dev.jclaw.core.model.ImageInput;
import dev.jclaw.core.session.EntryId;
import dev.jclaw.core.session.SessionId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The images of user entries, one row each in {@code entry_images}: an inline image as its decoded bytes (a quarter
 * smaller than base64, and never parsed as JSON), an image by URL as its URL. They are read only for the entries on
 * the branch being loaded that have images.
 */
final class ImageRows {
    /** How many entries one read asks for at most, to keep the statement small. */
    private static final int BATCH = 100;

    private ImageRows() {
    }

    static void insert(Connection c, SessionId session, EntryId entry, List<ImageInput> images) throws SQLException {
        if (images.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO entry_images (entry_id, image_no, session_id,"
                + " media_type, url, data) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < images.size(); i++) {
                ImageInput image = images.get(i);
                s.setString(1, entry.value());
                s.setInt(2, i);
                s.setString(3, session.value());
                s.setString(4, image.mediaType());
                s.setString(5, image.url());
                if (image.isInline()) {
                    s.setBytes(6, image.bytes());
                } else {
                    s.setNull(6, java.sql.Types.BINARY);
                }
                // one at a time: a batch would hold every image's bytes in the driver at once
                s.executeUpdate();
            }
        }
    }

    /**
     * Reads the images of some entries.
     *
     * @return each entry's images in order; an entry without any is absent
     */
    static Map<EntryId, List<ImageInput>> read(Connection c, List<EntryId> entries) throws SQLException {
        Map<EntryId, List<ImageInput>> out = new HashMap<>();
        for (int from = 0; from < entries.size(); from += BATCH) {
            List<EntryId> batch = entries.subList(from, Math.min(entries.size(), from + BATCH));
            String marks = String.join(", ", java.util.Collections.nCopies(batch.size(), "?"));
            try (PreparedStatement s = c.prepareStatement("SELECT entry_id, media_type, url, data FROM entry_images"
                    + " WHERE entry_id IN (" + marks + ") ORDER BY entry_id, image_no")) {
                for (int i = 0; i < batch.size(); i++) {
                    s.setString(i + 1, batch.get(i).value());
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String url = rs.getString(3);
                        ImageInput image = url.isEmpty()
                                ? ImageInput.inline(rs.getString(2), Base64.getEncoder().encodeToString(rs.getBytes(4)))
                                : new ImageInput(rs.getString(2), "", url);
                        out.computeIfAbsent(new EntryId(rs.getString(1)), e -> new ArrayList<>()).add(image);
                    }
                }
            }
        }
        return out;
    }

    static void deleteSession(Connection c, SessionId session) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM entry_images WHERE session_id = ?")) {
            s.setString(1, session.value());
            s.executeUpdate();
        }
    }
}
