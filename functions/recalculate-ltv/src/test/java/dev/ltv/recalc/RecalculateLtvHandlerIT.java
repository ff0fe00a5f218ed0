package dev.ltv.recalc;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.ltv.calc.CompanyTotals;
import dev.ltv.state.CapacityMeter;
import dev.ltv.state.CustomerState;
import dev.ltv.state.StateStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The events/stream-*.json fixtures (the ones `sam local invoke` uses) through the handler, against DynamoDB Local. */
class RecalculateLtvHandlerIT {

    private TestEnvironment env;
    private StateStore store;
    private final List<String> diverted = new ArrayList<>();
    private RecalculateLtvHandler handler;

    @BeforeEach
    void setUp() {
        env = TestEnvironment.create("recalc-handler");
        store = new StateStore(env.dynamo().client(), env.config().ltvTable(), CapacityMeter.OFF);
        handler = new RecalculateLtvHandler(env.config(), env.dynamo().client(), (record, reason) -> diverted.add(record.getEventID()));
    }

    private StreamsEventResponse run(String file) {
        DynamodbEvent event = EventLoader.loadDynamoDbEvent(RepoFiles.event(file).toString());
        return handler.handleRequest(event, null);
    }

    private CustomerState state(String customer) {
        return store.readState(customer, true).orElseThrow();
    }

    private static void assertMoney(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), "expected " + expected + " but was " + actual);
    }

    @Test
    void insertModifyRemoveAndRefundFixturesGiveTheExpectedState() {
        assertTrue(run("stream-insert.json").getBatchItemFailures().isEmpty());
        CustomerState afterInsert = state("c-1001");
        assertMoney("100.00", afterInsert.revenue());
        assertEquals(1, afterInsert.purchases());
        assertEquals(LocalDate.of(2026, 1, 10), afterInsert.firstDay());

        run("stream-batch.json");   // p-1002 50.00 on 03-01, p-1003 30.00 on 06-30, and p-2001 of c-2002
        CustomerState afterBatch = state("c-1001");
        assertMoney("180.00", afterBatch.revenue());
        assertEquals(3, afterBatch.purchases());
        assertEquals(3, afterBatch.purchaseDays());
        assertEquals(LocalDate.of(2026, 6, 30), afterBatch.lastDay());
        assertMoney("80.00", state("c-2002").revenue());

        run("stream-modify.json");  // p-1002 corrected from 50.00 to 55.00
        assertMoney("185.00", state("c-1001").revenue());

        run("stream-remove.json");  // p-1003 removed: the last purchase day moves back to 03-01
        CustomerState afterRemove = state("c-1001");
        assertMoney("155.00", afterRemove.revenue());
        assertEquals(2, afterRemove.purchases());
        assertEquals(LocalDate.of(2026, 3, 1), afterRemove.lastDay());

        run("stream-refund.json");  // r-1001 refunds 25.00 of p-1001 (booked to its day); p-1001's refundedAmount changes
        CustomerState afterRefund = state("c-1001");
        assertMoney("130.00", afterRefund.revenue());
        assertEquals(2, afterRefund.purchases(), "a refund is not a purchase");
        assertMoney("75.00", afterRefund.firstDaySpend());

        CompanyTotals company = store.readCompanyTotals();
        assertEquals(2, company.customers());
        assertEquals(3, company.purchases());
        assertMoney("210.00", company.revenue());
    }

    @Test
    void eachWrittenStateCarriesThePredictionOfTheLatestModel() {
        run("stream-insert.json");
        var item = env.dynamo().client().getItem(r -> r.tableName(env.config().ltvTable())
                .key(java.util.Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("CUSTOMER#c-1001"),
                        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("STATE")))).item();
        assertTrue(!item.containsKey("predictedClv"), "no model fitted yet: no prediction stored");

        var model = new dev.ltv.predict.ClvModel(
                new dev.ltv.predict.BgNbdFit(new dev.ltv.predict.BgNbdParameters(0.243, 4.414, 0.793, 2.426, dev.ltv.predict.TimeUnit.WEEKS), -9582.4, 2357, 0),
                new dev.ltv.predict.GammaGammaFit(new dev.ltv.predict.GammaGammaParameters(6.25, 3.74, 15.44), 0, 946, 0),
                LocalDate.of(2026, 10, 31));
        new dev.ltv.model.ModelStore(env.dynamo().client(), env.config().ltvTable()).save(model, 946, java.time.Instant.now());
        // a fresh container reads the latest model (the cache of a warm one refreshes within minutes)
        handler = new RecalculateLtvHandler(env.config(), env.dynamo().client(), (record, reason) -> diverted.add(record.getEventID()));
        run("stream-batch.json");

        item = env.dynamo().client().getItem(r -> r.tableName(env.config().ltvTable())
                .key(java.util.Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("CUSTOMER#c-1001"),
                        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("STATE")))).item();
        assertEquals("1", item.get("modelVersion").n());
        assertTrue(new BigDecimal(item.get("predictedClv").n()).signum() > 0, item.toString());
        double alive = Double.parseDouble(item.get("probabilityAlive").n());
        assertTrue(alive > 0 && alive <= 1, item.toString());
        assertMoney("180.00", state("c-1001").revenue()); // the snapshot leaves the exact figures alone
    }

    @Test
    void aRedeliveredBatchChangesNothing() {
        run("stream-insert.json");
        run("stream-batch.json");
        CustomerState once = state("c-1001");
        run("stream-batch.json");
        run("stream-insert.json");
        CustomerState twice = state("c-1001");
        assertTrue(once.sameFiguresAs(twice));
        assertEquals(once.version(), twice.version(), "no write at all for records already applied");
        assertEquals(4, store.readCompanyTotals().purchases());
    }

    @Test
    void anUnusableRecordIsDivertedAndDoesNotBlockTheBatch() {
        StreamsEventResponse response = run("stream-poison.json");
        assertTrue(response.getBatchItemFailures().isEmpty());
        assertEquals(1, diverted.size());
        assertTrue(store.readState("c-3003", true).isEmpty());
    }

    @Test
    void recordsNoRetryCanApplyAreSetAsideWithoutHoldingUpOtherCustomers() {
        // a REMOVE of a purchase the state never saw cannot be applied (a day would go below zero); c-2002's
        // purchase in the same batch must still be applied, and the batch acknowledged
        DynamodbEvent remove = EventLoader.loadDynamoDbEvent(RepoFiles.event("stream-remove.json").toString());
        DynamodbEvent batch = EventLoader.loadDynamoDbEvent(RepoFiles.event("stream-batch.json").toString());
        var otherCustomer = batch.getRecords().stream()
                .filter(r -> r.getDynamodb().getKeys().get("customerId").getS().equals("c-2002")).findFirst().orElseThrow();
        DynamodbEvent mixed = new DynamodbEvent();
        mixed.setRecords(List.of(remove.getRecords().get(0), otherCustomer));

        StreamsEventResponse response = handler.handleRequest(mixed, null);

        assertTrue(response.getBatchItemFailures().isEmpty(), "nothing to retry: " + response.getBatchItemFailures());
        assertEquals(List.of(remove.getRecords().get(0).getEventID()), diverted);
        assertMoney("80.00", state("c-2002").revenue());
        assertTrue(store.readState("c-1001", true).isEmpty());
    }

    @Test
    void withoutADeadLetterQueueAnUnusableRecordIsReportedAsFailed() {
        RecalculateLtvHandler strict = new RecalculateLtvHandler(env.config(), env.dynamo().client());
        DynamodbEvent event = EventLoader.loadDynamoDbEvent(RepoFiles.event("stream-poison.json").toString());
        StreamsEventResponse response = strict.handleRequest(event, null);
        assertEquals(1, response.getBatchItemFailures().size());
        assertEquals(event.getRecords().get(0).getDynamodb().getSequenceNumber(),
                response.getBatchItemFailures().get(0).getItemIdentifier());
    }
}
