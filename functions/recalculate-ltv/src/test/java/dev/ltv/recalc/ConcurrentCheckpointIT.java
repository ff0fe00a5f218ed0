package dev.ltv.recalc;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ltv.api.ServiceBusyException;
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
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checkpoint with customers applied concurrently: when one customer fails for a passing reason, the function
 * reports that customer's first record; every customer before it is applied; customers after it that were
 * applied meanwhile are recognised by their markers when Lambda redelivers from the checkpoint.
 */
class ConcurrentCheckpointIT {

    private static final int CUSTOMERS = 40;
    private static final int FAILING = 10;

    @Test
    void aPassingFailureIsReportedAtItsCustomersFirstRecordAndTheRedeliveryCountsNothingTwice() {
        TestEnvironment env = TestEnvironment.create("checkpoint");
        DynamoDbClient real = env.dynamo().client();
        List<DynamodbStreamRecord> batch = purchases(env, real);
        String failingCustomer = "g-" + FAILING;
        AtomicBoolean failing = new AtomicBoolean(true);
        DynamoDbClient flaky = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[]{DynamoDbClient.class}, (proxy, method, args) -> {
                    if (failing.get() && method.getName().equals("transactWriteItems")
                            && TransactRequests.of(args[0]).toString().contains("CUSTOMER#" + failingCustomer + ")")) {
                        throw new ServiceBusyException("injected: throttled for good");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        RecalculateLtvHandler handler = new RecalculateLtvHandler(env.config(), flaky, (record, reason) -> {
            throw new AssertionError("nothing here is unusable: " + reason);
        });
        StateStore store = new StateStore(real, env.config().ltvTable(), CapacityMeter.OFF);

        StreamsEventResponse first = handler.handleRequest(StreamEvents.event(batch), null);

        assertEquals(1, first.getBatchItemFailures().size());
        assertEquals(batch.get(FAILING).getDynamodb().getSequenceNumber(), first.getBatchItemFailures().get(0).getItemIdentifier(),
                "the checkpoint is the failing customer's first record");
        for (int i = 0; i < FAILING; i++) {
            assertTrue(store.readState("g-" + i, true).isPresent(), "g-" + i + " comes before the checkpoint: applied");
        }
        assertTrue(store.readState(failingCustomer, true).isEmpty());

        failing.set(false);
        StreamsEventResponse redelivered = handler.handleRequest(StreamEvents.event(batch.subList(FAILING, batch.size())), null);

        assertTrue(redelivered.getBatchItemFailures().isEmpty());
        for (int i = 0; i < CUSTOMERS; i++) {
            CustomerState state = store.readState("g-" + i, true).orElseThrow();
            assertEquals(1, state.purchases(), "g-" + i);
            assertEquals(0, amount(i).compareTo(state.revenue()), "g-" + i);
        }
        var company = store.readCompanyTotals();
        assertEquals(CUSTOMERS, company.customers(), "every customer counted once");
        assertEquals(CUSTOMERS, company.purchases(), "every purchase counted once");
    }

    private static List<DynamodbStreamRecord> purchases(TestEnvironment env, DynamoDbClient client) {
        for (int i = 0; i < CUSTOMERS; i++) {
            OffsetDateTime at = OffsetDateTime.of(2026, 3, 1 + i % 28, 10, 0, 0, 0, ZoneOffset.UTC);
            Purchase purchase = new Purchase("g-" + i, "p-" + i, PurchaseKind.PURCHASE, amount(i), "USD", at,
                    LocalDate.from(at), null, null, null, BigDecimal.ZERO);
            client.putItem(request -> request.tableName(env.config().purchasesTable()).item(PurchaseItems.toItem(purchase)));
        }
        StreamReader reader = new StreamReader(env.dynamo().streams(), env.streamArn());
        List<DynamodbStreamRecord> records = new ArrayList<>();
        reader.readNew().forEach(record -> records.add(StreamEvents.toLambdaRecord(record, reader.streamArn(), LocalDynamoDb.REGION)));
        assertEquals(CUSTOMERS, records.size());
        for (int i = 0; i < CUSTOMERS; i++) {
            assertEquals("g-" + i, records.get(i).getDynamodb().getKeys().get("customerId").getS(), "stream order");
        }
        return records;
    }

    private static BigDecimal amount(int i) {
        return new BigDecimal(10 + i).setScale(2);
    }
}
