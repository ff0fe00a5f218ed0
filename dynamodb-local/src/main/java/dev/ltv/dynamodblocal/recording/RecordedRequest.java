package dev.ltv.dynamodblocal.recording;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;

/**
 * One authorisation an AWS request needs, as IAM evaluates it: a request can need several (a transaction
 * needs the item action of each of its items, on each item's table).
 *
 * @param function     the template's logical id of the function that made the request
 * @param operation    the API operation, e.g. TransactWriteItems
 * @param action       the IAM action it is authorised by, e.g. dynamodb:PutItem
 * @param resourceType table, index, stream, queue, bus, or * for actions without a resource
 * @param resourceName the template's logical id of the table, queue or bus the code named (recognised in the
 *                     physical name: CloudFormation names them stack-LogicalId-SUFFIX, the tests prefix-LogicalId);
 *                     the physical name when it is none of the template's; "*" for none
 * @param subresource  the index name (index); null otherwise
 * @param leadingKey   the partition key value read or written (what dynamodb:LeadingKeys looks at); null
 *                     when the request names none (a scan)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordedRequest(String function, String operation, String action, String resourceType,
                              String resourceName, String subresource, String leadingKey) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final Comparator<RecordedRequest> ORDER = Comparator
            .comparing(RecordedRequest::function)
            .thenComparing(RecordedRequest::action)
            .thenComparing(RecordedRequest::resourceName)
            .thenComparing(RecordedRequest::operation)
            .thenComparing(r -> r.subresource() == null ? "" : r.subresource())
            .thenComparing(r -> r.leadingKey() == null ? "" : r.leadingKey());

    public String toJsonLine() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RecordedRequest fromJsonLine(String line) {
        try {
            return JSON.readValue(line, RecordedRequest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a recorded request: " + line, e);
        }
    }

    /** For messages: what was asked, on what. */
    public String describe() {
        return operation + " (" + action + ") on " + resourceType + " " + resourceName
                + (subresource == null ? "" : "/" + subresource)
                + (leadingKey == null ? "" : ", partition key " + leadingKey);
    }
}
