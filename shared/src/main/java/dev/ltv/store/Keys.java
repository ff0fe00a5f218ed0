package dev.ltv.store;

import java.time.LocalDate;

/**
 * Key design of the LTV table (partition key {@code pk}, sort key {@code sk}, both strings).
 *
 * <pre>
 * item                 pk                     sk
 * customer state       CUSTOMER#{customerId}  STATE
 * purchase day         CUSTOMER#{customerId}  DAY#{yyyy-MM-dd}
 * applied marker       CUSTOMER#{customerId}  APPLIED#{stream eventID}     (TTL: expiresAt)
 * company totals shard COMPANY#{00..63}       TOTALS
 * model parameters     MODEL#{name}           LATEST | VERSION#{000042} | LAST_FIT
 * </pre>
 *
 * One customer's state, days and markers share a partition, so one query reads them and one
 * transaction updates them. The company totals are spread over {@link #COMPANY_SHARDS} items so
 * concurrent recalculations rarely touch the same item.
 */
public final class Keys {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String TTL = "expiresAt";

    public static final String STATE = "STATE";
    public static final String DAY_PREFIX = "DAY#";
    public static final String APPLIED_PREFIX = "APPLIED#";
    public static final String TOTALS = "TOTALS";
    public static final int COMPANY_SHARDS = 64;

    /** The predictive CLV model (BG/NBD + Gamma-Gamma): {@code MODEL#CLV}. */
    public static final String CLV_MODEL = "CLV";
    /** A copy of the newest model version, so readers need one GetItem. */
    public static final String LATEST = "LATEST";
    /** The outcome of the most recent fit attempt, including refusals that left {@link #LATEST} alone. */
    public static final String LAST_FIT = "LAST_FIT";

    private static final String CUSTOMER_PREFIX = "CUSTOMER#";
    private static final String COMPANY_PREFIX = "COMPANY#";
    private static final String MODEL_PREFIX = "MODEL#";

    private Keys() {
    }

    public static String customer(String customerId) {
        return CUSTOMER_PREFIX + customerId;
    }

    public static String customerIdOf(String pk) {
        if (!pk.startsWith(CUSTOMER_PREFIX)) {
            throw new IllegalArgumentException("not a customer key: " + pk);
        }
        return pk.substring(CUSTOMER_PREFIX.length());
    }

    public static String day(LocalDate day) {
        return DAY_PREFIX + day;
    }

    public static LocalDate dayOf(String sk) {
        return LocalDate.parse(sk.substring(DAY_PREFIX.length()));
    }

    public static String applied(String eventId) {
        return APPLIED_PREFIX + eventId;
    }

    public static String companyShard(int shard) {
        return String.format("%s%02d", COMPANY_PREFIX, shard);
    }

    /** Stable across JVMs and releases: String.hashCode is specified by the language. */
    public static int companyShardOf(String customerId) {
        return Math.floorMod(customerId.hashCode(), COMPANY_SHARDS);
    }

    public static String model(String name) {
        return MODEL_PREFIX + name;
    }

    public static String modelVersion(long version) {
        return String.format("VERSION#%06d", version);
    }
}
