package dev.ltv.ingest;

import dev.ltv.purchase.Purchase;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Names the client-supplied fields in which two purchases with the same key differ, for a useful 409. */
final class ContentDifferences {

    private ContentDifferences() {
    }

    static List<String> between(Purchase stored, Purchase sent) {
        List<String> fields = new ArrayList<>();
        if (stored.kind() != sent.kind()) {
            fields.add("kind");
        }
        if (stored.amount().compareTo(sent.amount()) != 0) {
            fields.add("amount");
        }
        if (!stored.currency().equals(sent.currency())) {
            fields.add("currency");
        }
        if (!stored.purchasedAt().toInstant().equals(sent.purchasedAt().toInstant())) {
            fields.add("purchasedAt");
        }
        if (!Objects.equals(stored.channel(), sent.channel())) {
            fields.add("channel");
        }
        if (!Objects.equals(stored.metadataJson(), sent.metadataJson())) {
            fields.add("metadata");
        }
        if (!Objects.equals(stored.refundOf(), sent.refundOf())) {
            fields.add("refundOf");
        }
        return fields;
    }
}
