package dev.ltv.store;

/** Attribute names of a purchase item in the purchases table (partition key customerId, sort key purchaseId). */
public final class PurchaseAttributes {

    public static final String CUSTOMER_ID = "customerId";
    public static final String PURCHASE_ID = "purchaseId";
    public static final String KIND = "kind";
    public static final String AMOUNT = "amount";
    public static final String CURRENCY = "currency";
    public static final String PURCHASED_AT = "purchasedAt";
    public static final String DAY = "day";
    public static final String CHANNEL = "channel";
    public static final String METADATA = "metadata";
    public static final String REFUND_OF = "refundOf";
    public static final String REFUNDED_AMOUNT = "refundedAmount";
    public static final String RECEIVED_AT = "receivedAt";

    private PurchaseAttributes() {
    }
}
