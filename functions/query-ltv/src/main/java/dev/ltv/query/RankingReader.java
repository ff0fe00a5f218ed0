package dev.ltv.query;

import dev.ltv.rank.RankKeys;
import dev.ltv.store.ConcurrentReads;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Reads one page of a ranking from its index: every shard is queried from the page's start position (in
 * parallel), and their pages are merged in order (a k-way merge). A customer is taken only when no shard can
 * still hold one before it, so the merged order is exact; a shard that runs dry while it may still hold such a
 * customer is read further. Each shard query asks for about 1.5 × limit / shards items, so a page reads about
 * 1.5 × limit index items in {@value RankKeys#SHARDS} queries whatever the size of the base.
 *
 * <p>With a segment, the shards are read with a filter: DynamoDB reads (and bills) the items it filters out, so a
 * page reads about limit / (the segment's share of the base) items. A call reads at most about
 * {@value #FILTER_BUDGET_PER_ITEM} × max(limit + 1, {@value #MIN_BUDGET_ITEMS}) items (it stops reading once it
 * has passed that); a page that has not filled by then ends early with a cursor at the position up to which
 * every shard has been read (it may even be empty).
 */
final class RankingReader {

    static final int FILTER_BUDGET_PER_ITEM = 20;
    static final int MIN_BUDGET_ITEMS = 100;
    private static final int MAX_QUERY_LIMIT = 1000;

    private final DynamoDbClient dynamo;
    private final String table;

    RankingReader(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * @param items        at most limit customers' index items, in order
     * @param nextPosition where the next page starts, or null when there is nothing after this page
     */
    record Page(List<Map<String, AttributeValue>> items, String nextPosition) {
    }

    Page read(RankingRequest request) {
        int target = request.limit() + 1; // one more than asked tells whether there is a next page
        int firstLimit = Math.min(target, (int) Math.ceil(1.5 * target / RankKeys.SHARDS) + 3);
        if (request.segment() != null) {
            firstLimit = Math.min(MAX_QUERY_LIMIT, 4 * firstLimit);
        }
        long budget = request.segment() == null ? Long.MAX_VALUE : (long) FILTER_BUDGET_PER_ITEM * Math.max(target, MIN_BUDGET_ITEMS);
        List<Shard> shards = new ArrayList<>();
        for (int i = 0; i < RankKeys.SHARDS; i++) {
            shards.add(new Shard(RankKeys.shard(i), request, firstLimit));
        }
        long evaluated = fetch(shards);

        List<Map<String, AttributeValue>> merged = new ArrayList<>(target);
        List<Shard> blocking = new ArrayList<>();
        while (merged.size() < target) {
            Shard best = null;
            for (Shard shard : shards) {
                if (!shard.buffer.isEmpty() && (best == null || precedes(request, shard.headKey(), best.headKey()))) {
                    best = shard;
                }
            }
            blocking.clear();
            for (Shard shard : shards) {
                if (shard.buffer.isEmpty() && !shard.exhausted
                        && (best == null || !precedes(request, best.headKey(), shard.frontier))) {
                    blocking.add(shard); // it may still hold a customer before the best head: read on
                }
            }
            if (!blocking.isEmpty()) {
                if (evaluated >= budget) {
                    break;
                }
                evaluated += fetch(blocking);
                continue;
            }
            if (best == null) {
                break; // every shard read to its end
            }
            merged.add(best.buffer.poll());
        }

        String sortKey = request.orderBy().sortKeyAttribute();
        if (merged.size() > request.limit()) {
            List<Map<String, AttributeValue>> page = List.copyOf(merged.subList(0, request.limit()));
            return new Page(page, page.getLast().get(sortKey).s());
        }
        if (!blocking.isEmpty()) {
            // the read budget ran out: every shard has been read up to the earliest of the blocking frontiers
            String position = blocking.getFirst().frontier;
            for (Shard shard : blocking) {
                if (precedes(request, shard.frontier, position)) {
                    position = shard.frontier;
                }
            }
            return new Page(List.copyOf(merged), position);
        }
        return new Page(List.copyOf(merged), null);
    }

    private static boolean precedes(RankingRequest request, String a, String b) {
        int comparison = a.compareTo(b);
        return request.ascending() ? comparison < 0 : comparison > 0;
    }

    /** Reads the next page of each shard, in parallel; returns the number of index items DynamoDB evaluated. */
    private long fetch(List<Shard> shards) {
        List<Callable<Integer>> reads = new ArrayList<>(shards.size());
        for (Shard shard : shards) {
            reads.add(shard::fetch);
        }
        long evaluated = 0;
        for (int read : ConcurrentReads.all(reads, "the rankings")) {
            evaluated += read;
        }
        return evaluated;
    }

    /** One shard's part of the merge: what it returned that is not taken yet, and how far it has been read. */
    private final class Shard {

        private final String shard;
        private final RankingRequest request;
        private final Deque<Map<String, AttributeValue>> buffer = new ArrayDeque<>();
        /** The sort key up to which this shard has been read (null: from the start of the order). */
        private String frontier;
        private boolean exhausted;
        private int nextLimit;

        Shard(String shard, RankingRequest request, int firstLimit) {
            this.shard = shard;
            this.request = request;
            this.frontier = request.after();
            this.nextLimit = firstLimit;
        }

        String headKey() {
            return buffer.peek().get(request.orderBy().sortKeyAttribute()).s();
        }

        int fetch() {
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values = new HashMap<>();
            names.put("#shard", RankKeys.SHARD);
            values.put(":shard", AttributeValue.fromS(shard));
            String condition = "#shard = :shard";
            if (frontier != null) {
                names.put("#key", request.orderBy().sortKeyAttribute());
                values.put(":after", AttributeValue.fromS(frontier));
                condition += request.ascending() ? " AND #key > :after" : " AND #key < :after";
            }
            QueryRequest.Builder query = QueryRequest.builder()
                    .tableName(table)
                    .indexName(request.orderBy().indexName())
                    .keyConditionExpression(condition)
                    .scanIndexForward(request.ascending())
                    .limit(nextLimit);
            if (request.segment() != null) {
                names.put("#segments", "segments");
                values.put(":segment", AttributeValue.fromS(request.segment()));
                query.filterExpression("contains(#segments, :segment)");
            }
            QueryResponse response = dynamo.query(query.expressionAttributeNames(names).expressionAttributeValues(values).build());
            buffer.addAll(response.items());
            Map<String, AttributeValue> last = response.lastEvaluatedKey();
            if (last == null || last.isEmpty()) {
                exhausted = true;
            } else {
                frontier = last.get(request.orderBy().sortKeyAttribute()).s();
            }
            nextLimit = Math.min(MAX_QUERY_LIMIT, nextLimit * 2);
            return response.scannedCount() == null ? response.items().size() : response.scannedCount();
        }
    }
}
