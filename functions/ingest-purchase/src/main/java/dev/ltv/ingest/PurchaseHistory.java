package dev.ltv.ingest;

import dev.ltv.api.ApiException;
import dev.ltv.purchase.PurchaseValidator;
import dev.ltv.store.PurchaseAttributes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /customers/{customerId}/purchases?limit=&cursor=}: one customer's purchases and refunds, a page at a
 * time, by a {@code Query} of the customer's partition in the table's order (purchase id). The cursor is opaque to
 * clients; inside it names the customer and the last purchase id of the page before, and is checked against both
 * (a cursor of another customer, or one that does not decode, is a 400), so it can never read outside the
 * partition. It has no checksum: an edited purchase id only moves the start within this customer's purchases.
 */
final class PurchaseHistory {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final Set<String> PARAMETERS = Set.of("limit", "cursor");
    private static final String CURSOR_VERSION = "p1";

    /** One page; {@code nextCursor} null on the last one. */
    record Page(String customerId, List<PurchaseView> purchases, String nextCursor) {
    }

    private final DynamoDbClient dynamo;
    private final String table;

    PurchaseHistory(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    Page page(String customerId, Map<String, String> query) {
        Map<String, String> parameters = query == null ? Map.of() : query;
        for (String name : parameters.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw ApiException.badRequest("UNKNOWN_PARAMETER", name, "unknown query parameter '" + name
                        + "': this route takes limit and cursor");
            }
        }
        int limit = limit(parameters.get("limit"));
        String after = parameters.containsKey("cursor") ? cursorPurchaseId(customerId, parameters.get("cursor")) : null;

        Map<String, AttributeValue> values = Map.of(":c", AttributeValue.fromS(customerId));
        Map<String, AttributeValue> start = after == null ? null : Map.of(
                PurchaseAttributes.CUSTOMER_ID, AttributeValue.fromS(customerId),
                PurchaseAttributes.PURCHASE_ID, AttributeValue.fromS(after));
        // one more than asked: whether a next page exists is then known without an empty last page
        QueryResponse response = dynamo.query(b -> {
            b.tableName(table)
                    .keyConditionExpression("#c = :c")
                    .expressionAttributeNames(Map.of("#c", PurchaseAttributes.CUSTOMER_ID))
                    .expressionAttributeValues(values)
                    .limit(limit + 1);
            if (start != null) {
                b.exclusiveStartKey(start);
            }
        });
        List<Map<String, AttributeValue>> items = response.items();
        List<PurchaseView> purchases = new ArrayList<>(Math.min(items.size(), limit));
        for (Map<String, AttributeValue> item : items.subList(0, Math.min(items.size(), limit))) {
            purchases.add(PurchaseView.of(StoredPurchase.fromItem(item)));
        }
        // more items, or DynamoDB stopped at its 1 MB page before the limit
        boolean more = items.size() > limit || (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                && !purchases.isEmpty());
        String next = more ? cursor(customerId, purchases.getLast().purchaseId()) : null;
        return new Page(customerId, purchases, next);
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.badRequest("INVALID_PARAMETER", "limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        int limit = Integer.parseInt(text);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("INVALID_PARAMETER", "limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        return limit;
    }

    static String cursor(String customerId, String purchaseId) {
        String plain = CURSOR_VERSION + "\n" + customerId + "\n" + purchaseId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The purchase id the cursor continues after; a 400 unless it is one this route gave for this customer. */
    private static String cursorPurchaseId(String customerId, String cursor) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
        if (parts.length != 3 || !CURSOR_VERSION.equals(parts[0]) || !PurchaseValidator.isValidId(parts[2])) {
            throw invalidCursor();
        }
        if (!customerId.equals(parts[1])) {
            throw ApiException.badRequest("INVALID_PARAMETER", "cursor", "the cursor belongs to another customer's purchases");
        }
        return parts[2];
    }

    private static ApiException invalidCursor() {
        return ApiException.badRequest("INVALID_PARAMETER", "cursor",
                "the cursor is not one this route gave: pass nextCursor from the previous page unchanged");
    }
}
