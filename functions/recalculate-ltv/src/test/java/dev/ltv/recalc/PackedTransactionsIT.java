package dev.ltv.recalc;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ltv.calc.CompanyTotals;
import dev.ltv.dynamodblocal.LocalDynamoDb;
import dev.ltv.dynamodblocal.StreamEvents;
import dev.ltv.dynamodblocal.StreamReader;
import dev.ltv.purchase.Purchase;
import dev.ltv.purchase.PurchaseKind;
import dev.ltv.state.CapacityMeter;
import dev.ltv.state.CustomerState;
import dev.ltv.state.StateStore;
import dev.ltv.store.PurchaseItems;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several customers per transaction: the company items written once per transaction, a redelivered customer in a
 * pack dropped by its markers while the others are applied, and a customer whose writes DynamoDB refuses set aside
 * alone, without taking the rest of its pack with it.
 */
class PackedTransactionsIT {

    private static final int CUSTOMERS = 40;

    /** Every transaction the function sent, as requested (committed or not). */
    private final List<TransactWriteItemsRequest> transactions = new CopyOnWriteArrayList<>();

    @Test
    void aBatchOfDistinctCustomersTakesAFewTransactionsAndEveryFigureIsExact() {
        TestEnvironment env = TestEnvironment.create("packed");
        List<DynamodbStreamRecord> batch = purchases(env);
        RecalculateLtvHandler handler = handler(env, recording(env.dynamo().client(), null), new ArrayList<>());

        StreamsEventResponse response = handler.handleRequest(StreamEvents.event(batch), null);

        assertTrue(response.getBatchItemFailures().isEmpty());
        assertTrue(transactions.size() <= CUSTOMERS / 8, transactions.size() + " transactions for " + CUSTOMERS + " customers");
        int companyTotalsWrites = 0;
        for (TransactWriteItemsRequest request : transactions) {
            long totals = request.transactItems().stream().filter(item -> item.update() != null
                    && item.update().key().get("sk").s().equals("TOTALS")).count();
            assertEquals(1, totals, "one merged update of the company totals per transaction");
            companyTotalsWrites += (int) totals;
        }
        assertEquals(transactions.size(), companyTotalsWrites);
        assertAllApplied(env);
    }

    @Test
    void aRedeliveredCustomerInAPackIsDroppedAndTheOthersAreApplied() {
        TestEnvironment env = TestEnvironment.create("packed-redelivery");
        List<DynamodbStreamRecord> batch = purchases(env);
        RecalculateLtvHandler handler = handler(env, recording(env.dynamo().client(), null), new ArrayList<>());
        // the first half is applied, then the whole batch comes again (a retry from an earlier checkpoint)
        assertTrue(handler.handleRequest(StreamEvents.event(batch.subList(0, CUSTOMERS / 2 + 3)), null).getBatchItemFailures().isEmpty());
        transactions.clear();

        StreamsEventResponse again = handler.handleRequest(StreamEvents.event(batch), null);

        assertTrue(again.getBatchItemFailures().isEmpty());
        assertTrue(transactions.size() > 1, "some transactions were cancelled by the markers of applied customers");
        assertAllApplied(env);
    }

    @Test
    void aCustomerWhoseWritesAreRefusedIsSetAsideAloneAndItsPackIsApplied() {
        TestEnvironment env = TestEnvironment.create("packed-poison");
        List<DynamodbStreamRecord> batch = purchases(env);
        List<String> diverted = new ArrayList<>();
        RecalculateLtvHandler handler = handler(env, recording(env.dynamo().client(), "g-7"), diverted);

        StreamsEventResponse response = handler.handleRequest(StreamEvents.event(batch), null);

        assertTrue(response.getBatchItemFailures().isEmpty(), "nothing to retry: the refused customer is set aside");
        assertEquals(List.of(batch.get(7).getEventID()), diverted);
        StateStore store = new StateStore(env.dynamo().client(), env.config().ltvTable(), CapacityMeter.OFF);
        assertTrue(store.readState("g-7", true).isEmpty());
        BigDecimal revenue = BigDecimal.ZERO;
        for (int i = 0; i < CUSTOMERS; i++) {
            if (i != 7) {
                assertEquals(0, amount(i).compareTo(store.readState("g-" + i, true).orElseThrow().revenue()), "g-" + i);
                revenue = revenue.add(amount(i));
            }
        }
        CompanyTotals company = store.readCompanyTotals();
        assertEquals(CUSTOMERS - 1, company.customers());
        assertEquals(0, revenue.compareTo(company.revenue()));
    }

    private void assertAllApplied(TestEnvironment env) {
        StateStore store = new StateStore(env.dynamo().client(), env.config().ltvTable(), CapacityMeter.OFF);
        BigDecimal revenue = BigDecimal.ZERO;
        for (int i = 0; i < CUSTOMERS; i++) {
            CustomerState state = store.readState("g-" + i, true).orElseThrow();
            assertEquals(1, state.purchases(), "g-" + i);
            assertEquals(0, amount(i).compareTo(state.revenue()), "g-" + i);
            revenue = revenue.add(amount(i));
        }
        CompanyTotals company = store.readCompanyTotals();
        assertEquals(CUSTOMERS, company.customers(), "every customer counted once");
        assertEquals(CUSTOMERS, company.purchases(), "every purchase counted once");
        assertEquals(0, revenue.compareTo(company.revenue()), "company revenue " + company.revenue());
    }

    private static RecalculateLtvHandler handler(TestEnvironment env, DynamoDbClient client, List<String> diverted) {
        return new RecalculateLtvHandler(env.config(), client, (record, reason) -> diverted.add(record.getEventID()));
    }

    /** The real client, recording transactions; those writing {@code refused}'s state are refused as DynamoDB would. */
    private DynamoDbClient recording(DynamoDbClient real, String refused) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[]{DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("transactWriteItems")) {
                        TransactWriteItemsRequest request = TransactRequests.of(args[0]);
                        transactions.add(request);
                        if (refused != null && writes(request, refused)) {
                            List<CancellationReason> reasons = new ArrayList<>();
                            for (TransactWriteItem item : request.transactItems()) {
                                boolean theirs = item.put() != null
                                        && item.put().item().get("pk").s().equals("CUSTOMER#" + refused);
                                reasons.add(CancellationReason.builder().code(theirs ? "ValidationError" : "None")
                                        .message(theirs ? "Item size has exceeded the maximum allowed size" : null).build());
                            }
                            throw TransactionCanceledException.builder().message("Transaction cancelled")
                                    .cancellationReasons(reasons).build();
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static boolean writes(TransactWriteItemsRequest request, String customer) {
        return request.transactItems().stream().anyMatch(item -> item.put() != null
                && item.put().item().get("pk").s().equals("CUSTOMER#" + customer));
    }

    private static List<DynamodbStreamRecord> purchases(TestEnvironment env) {
        DynamoDbClient client = env.dynamo().client();
        for (int i = 0; i < CUSTOMERS; i++) {
            OffsetDateTime at = OffsetDateTime.of(2026, 3, 1 + i % 28, 10, 0, 0, 0, ZoneOffset.UTC);
            Purchase purchase = new Purchase("g-" + i, "p-" + i, PurchaseKind.PURCHASE, amount(i), "USD", at,
                    LocalDate.from(at), i % 3 == 0 ? "web" : "store", null, null, BigDecimal.ZERO);
            client.putItem(request -> request.tableName(env.config().purchasesTable()).item(PurchaseItems.toItem(purchase)));
        }
        StreamReader reader = new StreamReader(env.dynamo().streams(), env.streamArn());
        List<DynamodbStreamRecord> records = new ArrayList<>();
        reader.readNew().forEach(record -> records.add(StreamEvents.toLambdaRecord(record, reader.streamArn(), LocalDynamoDb.REGION)));
        assertEquals(CUSTOMERS, records.size());
        return records;
    }

    private static BigDecimal amount(int i) {
        return new BigDecimal(10 + i).setScale(2);
    }
}
