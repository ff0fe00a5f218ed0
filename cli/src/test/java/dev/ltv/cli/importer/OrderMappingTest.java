package dev.ltv.cli.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ltv.cli.UsageException;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderMappingTest {

    private static final List<String> HEADER = List.of("customer_id", "date", "amount");

    private static OrderMapping mapping(List<String> header, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "orders.csv";
        System.arraycopy(args, 0, all, 1, args.length);
        return new OrderMapping(header, ImportOptions.parse(all));
    }

    @Test
    void dateOnlyRowsGetTheDefaultTimeOfDayInUtc() {
        ObjectNode purchase = mapping(HEADER).map(1, List.of("7", "1997-01-01", "29.33")).purchase();
        assertEquals("1997-01-01T12:00:00Z", purchase.path("purchasedAt").asText());
        assertEquals("7", purchase.path("customerId").asText());
        assertEquals("29.33", purchase.path("amount").asText());
        assertEquals("USD", purchase.path("currency").asText());
        assertTrue(purchase.path("purchaseId").asText().matches("imp-[0-9a-f]{24}"), purchase.toString());
    }

    @Test
    void timeOfDayZoneAndCurrencyOptions() {
        OrderMapping mapping = mapping(HEADER, "--time-of-day", "09:30", "--zone", "Europe/Berlin", "--currency", "EUR");
        ObjectNode winter = mapping.map(1, List.of("7", "2026-01-10", "5")).purchase();
        ObjectNode summer = mapping.map(2, List.of("7", "2026-07-10", "5")).purchase();
        assertEquals("2026-01-10T09:30:00+01:00", winter.path("purchasedAt").asText());
        assertEquals("2026-07-10T09:30:00+02:00", summer.path("purchasedAt").asText());
        assertEquals("EUR", winter.path("currency").asText());
    }

    @Test
    void dateTimesKeepTheirOffsetAndGetTheZoneWithout() {
        OrderMapping mapping = mapping(HEADER, "--zone", "+05:00");
        assertEquals("2026-03-01T09:30:00-04:00", mapping.map(1, List.of("c", "2026-03-01T09:30:00-04:00", "1")).purchase().path("purchasedAt").asText());
        assertEquals("2026-03-01T09:30:00+05:00", mapping.map(2, List.of("c", "2026-03-01 09:30:00", "1")).purchase().path("purchasedAt").asText());
        assertEquals("2026-03-01T09:30:15.25+05:00", mapping.map(3, List.of("c", "2026-03-01T09:30:15.25", "1")).purchase().path("purchasedAt").asText());
    }

    @Test
    void anUnreadableDateIsRefusedBeforeSending() {
        OrderRow row = mapping(HEADER).map(4, List.of("c", "01/03/2026", "1"));
        assertTrue(row.refusedLocally());
        assertNull(row.purchase());
        assertEquals("INVALID_DATE", row.errorCode());
        assertTrue(row.errorMessage().contains("01/03/2026"), row.errorMessage());
    }

    @Test
    void derivedIdsAreStableAcrossRunsAndDistinctForIdenticalRows() {
        List<List<String>> rows = List.of(
                List.of("1", "1997-01-01", "10.00"),
                List.of("1", "1997-01-01", "10.00"),
                List.of("2", "1997-01-01", "10.00"),
                List.of("1", "1997-01-01", "10.00"));
        List<String> first = ids(mapping(HEADER), rows);
        List<String> second = ids(mapping(HEADER), rows);
        assertEquals(first, second);
        assertEquals(4, new HashSet<>(first).size(), first.toString());
        // an identical row's id depends on how many identical rows came before, not on other rows
        List<String> withoutOther = ids(mapping(HEADER), List.of(rows.get(0), rows.get(1), rows.get(3)));
        assertEquals(List.of(first.get(0), first.get(1), first.get(3)), withoutOther);
        assertNotEquals(first, ids(mapping(HEADER, "--id-prefix", "shop2-"), rows));
    }

    @Test
    void aPurchaseIdColumnIsUsedAsIsAndOptionalColumnsAreFoundByName() {
        List<String> header = List.of("Order_Date", "Customer", "purchase_id", "Amount", "channel", "currency");
        ObjectNode purchase = mapping(header, "--date-column", "order_date")
                .map(1, List.of("2026-02-02", "c-9", "o-17", "12.5", "web", "USD")).purchase();
        assertEquals("o-17", purchase.path("purchaseId").asText());
        assertEquals("c-9", purchase.path("customerId").asText());
        assertEquals("web", purchase.path("channel").asText());
        assertEquals("12.5", purchase.path("amount").asText());
    }

    @Test
    void aMissingColumnIsAUsageErrorNamingTheColumns() {
        UsageException e = assertThrows(UsageException.class, () -> mapping(List.of("who", "when", "amount")));
        assertTrue(e.getMessage().contains("who, when, amount") && e.getMessage().contains("--customer-column"), e.getMessage());
        assertThrows(UsageException.class, () -> mapping(HEADER, "--channel-column", "source"));
    }

    @Test
    void theFingerprintFollowsWhatDecidesIdsAndContent() {
        Set<String> prints = new HashSet<>(List.of(
                mapping(HEADER).fingerprint(),
                mapping(HEADER, "--time-of-day", "10:00").fingerprint(),
                mapping(HEADER, "--id-prefix", "x-").fingerprint(),
                mapping(List.of("customer_id", "date", "amount", "channel")).fingerprint()));
        assertEquals(4, prints.size());
        assertEquals(mapping(HEADER).fingerprint(), mapping(HEADER, "--concurrency", "8").fingerprint());
    }

    private static List<String> ids(OrderMapping mapping, List<List<String>> rows) {
        long[] n = {0};
        return rows.stream().map(row -> mapping.map(++n[0], row).purchase().path("purchaseId").asText()).toList();
    }
}
