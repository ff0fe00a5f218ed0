package dev.ltv.query;

import dev.ltv.api.ApiException;
import dev.ltv.rank.RankKeys;
import dev.ltv.rank.RankOrder;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The opaque {@code nextCursor} of the rankings: the position of the page's last customer in the order (its
 * index sort key), with the orderBy, order and segment it belongs to, and a checksum so that an edited or
 * truncated cursor is refused (400) instead of silently starting somewhere else. The checksum is not a
 * secret: any position is one a client may read anyway; it only makes a damaged cursor fail loudly.
 */
final class RankingCursor {

    static final String FIELD = "cursor";
    private static final int VERSION = 1;
    private static final int CHECKSUM_BYTES = 8;
    private static final int MAX_LENGTH = 600;
    private static final byte[] DOMAIN = "ltv rankings cursor".getBytes(StandardCharsets.UTF_8);

    private RankingCursor() {
    }

    static String encode(RankOrder orderBy, boolean ascending, String segment, String position) {
        byte[] payload = payload(orderBy, ascending, segment, position);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(payload.length + CHECKSUM_BYTES)
                .put(payload).put(checksum(payload)).array());
    }

    /** The position a cursor holds; a 400 naming {@code cursor} for anything this class did not write for this query. */
    static String decode(String cursor, RankOrder orderBy, boolean ascending, String segment) {
        if (cursor.isEmpty() || cursor.length() > MAX_LENGTH || !cursor.matches("[A-Za-z0-9_-]+")) {
            throw invalid("cursor is not a cursor this API returned");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw invalid("cursor is not a cursor this API returned");
        }
        // a character whose unused low bits differ decodes to the same bytes: only the canonical form is ours
        if (bytes.length <= CHECKSUM_BYTES || !Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(cursor)) {
            throw invalid("cursor is not a cursor this API returned");
        }
        byte[] payload = Arrays.copyOf(bytes, bytes.length - CHECKSUM_BYTES);
        if (!MessageDigest.isEqual(checksum(payload), Arrays.copyOfRange(bytes, payload.length, bytes.length))) {
            throw invalid("cursor is damaged: use the nextCursor of the previous page unchanged");
        }
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
        if (parts.length != 5 || !parts[0].equals(Integer.toString(VERSION)) || !RankKeys.isSortKey(parts[4])) {
            throw invalid("cursor is not a cursor this API returned");
        }
        if (!parts[1].equals(orderBy.parameter()) || !parts[2].equals(ascending ? "asc" : "desc")
                || !parts[3].equals(segment == null ? "" : segment)) {
            throw invalid("cursor belongs to another listing (orderBy=" + parts[1] + ", order=" + parts[2]
                    + (parts[3].isEmpty() ? "" : ", segment=" + parts[3]) + "): pass the same orderBy, order and segment");
        }
        return parts[4];
    }

    private static byte[] payload(RankOrder orderBy, boolean ascending, String segment, String position) {
        return String.join("\n", Integer.toString(VERSION), orderBy.parameter(), ascending ? "asc" : "desc",
                segment == null ? "" : segment, position).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] checksum(byte[] payload) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(DOMAIN);
            return Arrays.copyOf(sha.digest(payload), CHECKSUM_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest(ParameterOverrides.INVALID_PARAMETER, FIELD, message);
    }
}
