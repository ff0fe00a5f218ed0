package dev.ltv.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ltv.api.Json;
import dev.ltv.purchase.Purchase;
import dev.ltv.purchase.PurchaseKind;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.Currency;

/**
 * A stored purchase as the API shows it. Amounts carry the currency's minor unit (DynamoDB normalises 19.90 to
 * 19.9 on storage; clients should not see the number change form between a 201 and a later 200).
 */
record PurchaseView(
        String customerId,
        String purchaseId,
        String kind,
        BigDecimal amount,
        String currency,
        String purchasedAt,
        String day,
        String channel,
        JsonNode metadata,
        String refundOf,
        BigDecimal refundedAmount,
        String receivedAt) {

    static PurchaseView of(StoredPurchase stored) {
        Purchase p = stored.purchase();
        int digits = minorDigits(p.currency());
        return new PurchaseView(p.customerId(), p.purchaseId(), p.kind().name(), display(p.amount(), digits), p.currency(),
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(p.purchasedAt()), p.day().toString(), p.channel(),
                metadata(p.metadataJson()), p.refundOf(),
                p.kind() == PurchaseKind.PURCHASE ? display(p.refundedAmount(), digits) : null,
                stored.receivedAt() == null ? null : stored.receivedAt().toString());
    }

    private static BigDecimal display(BigDecimal amount, int digits) {
        return amount.scale() >= digits ? amount : amount.setScale(digits);
    }

    private static int minorDigits(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    private static JsonNode metadata(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            // written by something other than ingest: show it as the text it is
            return TextNode.valueOf(json);
        }
    }
}
