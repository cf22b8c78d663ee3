#!/usr/bin/env bash
# Writes schema.graphql anew from the schema in code (the test that compares the two, run in write mode). Run it after
# changing the schema, and commit the file: client code generators read it.
set -euo pipefail
cd "$(dirname "$0")/.."
BOOKING_UPDATE_SCHEMA=1 dotnet test tests/Booking.Api.Tests -c Release --filter "FullyQualifiedName~Schema_file_is_the_schema_in_code" --nologo --verbosity quiet
echo "schema.graphql written."
