package dev.ltv.purchase;

/** A purchase adds revenue and one order; a refund takes revenue back from the purchase it references. */
public enum PurchaseKind {
    PURCHASE,
    REFUND
}
