#!/usr/bin/env bash
# Import throughput into a fresh local stack, and the time until every customer's LTV is current.
#   benchmarks/import-benchmark.sh ORDERS.csv EXPECTED_PURCHASES [PORT] [import options]
# Starts ./ltv local's jar on PORT (default 3100, data in memory), runs `ltv import`, then polls GET /metrics
# until its purchase count is EXPECTED_PURCHASES: the recalculation updates a customer's state and the
# company totals in one transaction, so then every imported purchase is in its customer's LTV.
# Build first: ./ltv build -pl cli,local,benchmarks -am
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="$(./ltv java-home)/bin/java"
FILE=$1; EXPECTED=$2; PORT=${3:-3100}; shift $(( $# >= 3 ? 3 : 2 ))
"$JAVA" --enable-native-access=ALL-UNNAMED -jar local/target/ltv-local.jar --port "$PORT" > "${TMPDIR:-/tmp}/ltv-local-$PORT.log" 2>&1 &
LOCAL=$!
trap 'kill $LOCAL' EXIT
until curl -s -o /dev/null "http://127.0.0.1:$PORT/metrics"; do sleep 1; done
rm -f "${FILE%.csv}.import-progress"
t0=$(date +%s.%N)
rc=0
"$JAVA" -jar cli/target/ltv-cli.jar import "$FILE" --api "http://127.0.0.1:$PORT" --progress lines "$@" || rc=$?
t1=$(date +%s.%N)
until [[ "$(curl -s "http://127.0.0.1:$PORT/metrics" | sed -E 's/.*"purchases":([0-9]+).*/\1/')" == "$EXPECTED" ]]; do sleep 0.5; done
t2=$(date +%s.%N)
echo "exit $rc; import $(echo "$t1 - $t0" | bc) s; every LTV current $(echo "$t2 - $t0" | bc) s after the start"
curl -s "http://127.0.0.1:$PORT/metrics"; echo
