package dev.ltv.fit;

import dev.ltv.config.LtvConfig;
import dev.ltv.predict.Transaction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.List;

/** The fit tests' DynamoDB Local set-up, for the tests of other packages of this module. */
public final class FitTestAccess {

    private FitTestAccess() {
    }

    public static LtvConfig config(String name) {
        return FitModelHandlerIT.config(name);
    }

    public static DynamoDbClient dynamo() {
        return FitModelHandlerIT.dynamo().client();
    }

    public static int writeStates(LtvConfig config, List<Transaction> transactions) throws Exception {
        return FitModelHandlerIT.writeStates(config, transactions);
    }
}
