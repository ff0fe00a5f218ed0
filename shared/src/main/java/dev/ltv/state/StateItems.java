package dev.ltv.state;

import dev.ltv.calc.CompanyTotals;
import dev.ltv.segment.store.SegmentItems;
import dev.ltv.store.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** Maps customer state, day totals, markers and company totals to and from LTV-table items. */
final class StateItems {

    static final String CUSTOMER_ID = "customerId";
    static final String REVENUE = "revenue";
    static final String PURCHASES = "purchases";
    static final String PURCHASE_DAYS = "purchaseDays";
    static final String FIRST_DAY = "firstDay";
    static final String LAST_DAY = "lastDay";
    static final String FIRST_DAY_SPEND = "firstDaySpend";
    static final String FREQUENCY = "frequencyPerYear";
    static final String VERSION = "version";
    static final String UPDATED_AT = "updatedAt";
    static final String SPEND = "spend";
    static final String CUSTOMERS = "customers";
    static final String FREQUENCY_SUM = "frequencySum";
    static final String APPLIED_AT = "appliedAt";
    static final String PURCHASE_ID = "purchaseId";
    static final String ACQUISITION_CHANNEL = "acquisitionChannel";
    static final String CHANNELS = "channels";

    private StateItems() {
    }

    static Map<String, AttributeValue> stateKey(String customerId) {
        return key(Keys.customer(customerId), Keys.STATE);
    }

    static Map<String, AttributeValue> dayKey(String customerId, LocalDate day) {
        return key(Keys.customer(customerId), Keys.day(day));
    }

    static Map<String, AttributeValue> companyKey(int shard) {
        return key(Keys.companyShard(shard), Keys.TOTALS);
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(Keys.PK, s(pk), Keys.SK, s(sk));
    }

    static Map<String, AttributeValue> toItem(CustomerState state) {
        Map<String, AttributeValue> item = new HashMap<>(stateKey(state.customerId()));
        item.put(CUSTOMER_ID, s(state.customerId()));
        item.put(REVENUE, n(state.revenue()));
        item.put(PURCHASES, n(state.purchases()));
        item.put(PURCHASE_DAYS, n(state.purchaseDays()));
        if (state.firstDay() != null) {
            item.put(FIRST_DAY, s(state.firstDay().toString()));
            item.put(LAST_DAY, s(state.lastDay().toString()));
        }
        item.put(FIRST_DAY_SPEND, n(state.firstDaySpend()));
        // derived, stored so that company totals can subtract exactly what they once added
        item.put(FREQUENCY, n(state.frequencyPerYear()));
        item.put(VERSION, n(state.version()));
        item.put(UPDATED_AT, s(state.updatedAt().toString()));
        if (state.acquisitionChannel() != null) {
            item.put(ACQUISITION_CHANNEL, s(state.acquisitionChannel()));
        }
        return item;
    }

    static CustomerState stateFrom(Map<String, AttributeValue> item) {
        return new CustomerState(
                item.get(CUSTOMER_ID).s(),
                decimal(item, REVENUE),
                decimal(item, PURCHASES).longValueExact(),
                decimal(item, PURCHASE_DAYS).longValueExact(),
                date(item, FIRST_DAY),
                date(item, LAST_DAY),
                decimal(item, FIRST_DAY_SPEND),
                decimal(item, VERSION).longValueExact(),
                Instant.parse(item.get(UPDATED_AT).s()),
                item.get(ACQUISITION_CHANNEL) == null ? null : item.get(ACQUISITION_CHANNEL).s(),
                SegmentItems.fromItem(item));
    }

    static Map<String, AttributeValue> toItem(String customerId, DayTotal day) {
        Map<String, AttributeValue> item = new HashMap<>(dayKey(customerId, day.day()));
        item.put(SPEND, n(day.spend()));
        item.put(PURCHASES, n(day.purchases()));
        if (!day.channels().isEmpty()) {
            Map<String, AttributeValue> channels = new HashMap<>();
            day.channels().forEach((channel, count) -> channels.put(channel, n(count)));
            item.put(CHANNELS, AttributeValue.fromM(channels));
        }
        return item;
    }

    static DayTotal dayFrom(Map<String, AttributeValue> item) {
        Map<String, Long> channels = new HashMap<>();
        AttributeValue stored = item.get(CHANNELS);
        if (stored != null && stored.hasM()) {
            stored.m().forEach((channel, count) -> channels.put(channel, Long.parseLong(count.n())));
        }
        return new DayTotal(Keys.dayOf(item.get(Keys.SK).s()), decimal(item, SPEND), decimal(item, PURCHASES).longValueExact(),
                channels);
    }

    static Map<String, AttributeValue> marker(String customerId, String eventId, String purchaseId, Instant now, Instant expires) {
        Map<String, AttributeValue> item = new HashMap<>(key(Keys.customer(customerId), Keys.applied(eventId)));
        item.put(APPLIED_AT, s(now.toString()));
        if (purchaseId != null) {
            item.put(PURCHASE_ID, s(purchaseId));
        }
        item.put(Keys.TTL, n(expires.getEpochSecond()));
        return item;
    }

    static CompanyTotals companyFrom(Map<String, AttributeValue> item) {
        return new CompanyTotals(decimal(item, CUSTOMERS).longValueExact(), decimal(item, REVENUE),
                decimal(item, PURCHASES).longValueExact(), decimal(item, FREQUENCY_SUM));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(BigDecimal value) {
        return AttributeValue.fromN(value.toPlainString());
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static BigDecimal decimal(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? BigDecimal.ZERO : new BigDecimal(value.n());
    }

    private static LocalDate date(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? null : LocalDate.parse(value.s());
    }
}
