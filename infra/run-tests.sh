#!/usr/bin/env bash
# `npm test`: starts the real servers the tests need (PostgreSQL from Debian, Kafka from Maven
# Central jars; both idempotent, loopback only), runs every test tier on the embedded store, then
# runs the HTTP journeys again on PostgreSQL, then the tests that use the broker (test/kafka stops
# it; test/distributed runs the services from dist/) one file at a time. Extra arguments go to the
# first jest run instead.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent
# test/evidence-export.e2e-spec.ts runs the auditor's verifier docs/verify_export.py (Python 3, standard library only).
command -v python3 >/dev/null || { [ "$(id -u)" -eq 0 ] && apt-get install -y -qq python3-minimal >/dev/null; } || true
# The workbench's browser journeys (test/ui) drive Debian's chromium.
bash infra/chromium/install.sh

if [ -z "${DATABASE_URL:-}" ]; then
  DATABASE_URL="$(bash infra/postgres/start.sh)"
fi
if [ -z "${KAFKA_BROKERS:-}" ]; then
  KAFKA_BROKERS="$(bash infra/kafka/start.sh)"
fi
export DATABASE_URL KAFKA_BROKERS
export HEMOTRACE_TEST_DATABASE_URL="${HEMOTRACE_TEST_DATABASE_URL:-${DATABASE_URL%/*}/hemotrace_test}"
export NODE_ENV=test

mkdir -p .tmp
summary() { node -e '
  const r = require(process.argv[1]);
  console.log(`${process.argv[2]}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
' "$PWD/$1" "$2"; }

status=0
rm -f .tmp/jest-sqlite.json .tmp/jest-postgres.json .tmp/jest-broker.json
# A path filter rather than --testPathIgnorePatterns, which would replace the unit project's own ignore list.
BROKER_TESTS='/test/(kafka|distributed)/'
all_tiers=$(( $# == 0 ))
if [ "$all_tiers" -eq 1 ]; then set -- --testPathPattern "^(?!.*$BROKER_TESTS)"; fi
npx jest --ci --json --outputFile=.tmp/jest-sqlite.json "$@" || status=$?
summary .tmp/jest-sqlite.json "embedded store" || true

if [ "$all_tiers" -eq 1 ]; then
  # test/ui runs its own built server on the embedded store: once is enough.
  HEMOTRACE_TEST_STORE=postgres npx jest --ci --selectProjects e2e --testPathIgnorePatterns "$BROKER_TESTS" '/test/ui/' \
    --json --outputFile=.tmp/jest-postgres.json || status=$?
  summary .tmp/jest-postgres.json "journeys on PostgreSQL" || true
  # test/kafka/kraft-cluster.e2e-spec.ts starts its own 3-broker cluster (infra/kafka/cluster.sh,
  # ports from KAFKA_CLUSTER_BASE_PORT, default 19092) and stops it; the stop below is for an aborted run.
  npx jest --ci --runInBand --selectProjects e2e --testPathPattern "$BROKER_TESTS" \
    --json --outputFile=.tmp/jest-broker.json || status=$?
  bash infra/kafka/cluster.sh stop >/dev/null 2>&1 || true
  summary .tmp/jest-broker.json "broker and services" || true
fi

node -e '
  const fs = require("fs");
  const files = [".tmp/jest-sqlite.json", ".tmp/jest-postgres.json", ".tmp/jest-broker.json"].filter((f) => fs.existsSync(f));
  let passed = 0, failed = 0, skipped = 0;
  for (const f of files) { const r = JSON.parse(fs.readFileSync(f, "utf8")); passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests; }
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
'
exit "$status"
