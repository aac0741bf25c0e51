#!/usr/bin/env bash
# Validates the FHIR R5 JSON resources under a directory with HAPI FHIR's validator, offline.
# The validator's classpath comes from Maven Central once (cached in ~/.m2 and infra/fhir/.runtime).
#   bash infra/fhir/validate.sh <dir>
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
libs="$here/.runtime/libs"
if [ ! -f "$libs/.complete" ]; then
  mkdir -p "$libs"
  mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$libs" >&2
  touch "$libs/.complete"
fi
exec java -Xss4m -cp "$libs/*" "$here/Validate.java" "$1"
