package dev.ltv.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ltv.api.Json;
import dev.ltv.purchase.Purchase;
import dev.ltv.purchase.PurchaseKind;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;

/** A stored purchase as the API shows it, amounts with the currency's minor unit. */
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
        return new PurchaseView(p.customerId(), p.purchaseId(), p.kind().name(), Amounts.display(p.amount(), p.currency()),
                p.currency(),
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(p.purchasedAt()), p.day().toString(), p.channel(),
                metadata(p.metadataJson()), p.refundOf(),
                p.kind() == PurchaseKind.PURCHASE ? Amounts.display(p.refundedAmount(), p.currency()) : null,
                stored.receivedAt() == null ? null : stored.receivedAt().toString());
    }

    private static JsonNode metadata(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.readTree(json);
        } catch (JsonProcessingException e) {
            // written by something other than ingest: show it as the text it is
            return TextNode.valueOf(json);
        }
    }
}
