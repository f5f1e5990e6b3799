#!/bin/sh
# Build step (package, on Unix): the launcher folder target/pipeline-forecast/ from the executable jar — the
# application jar and lib/ as Spring Boot extracts them, the launcher script — and its first class-data-sharing
# archive, made by a night on the sample export (input/) written under target/cds-training/.
#   make-launcher.sh <project folder> <target folder> <executable jar>
set -e
project=$1
target=$2
jar=$3
folder=$target/pipeline-forecast
rm -rf "$folder" "$target/cds-training"
java -Djarmode=tools -jar "$jar" extract --destination "$folder" > /dev/null
cp "$project/src/main/dist/pipeline-forecast" "$folder/pipeline-forecast"
chmod +x "$folder/pipeline-forecast"
mkdir -p "$target/cds-training"
if ! "$folder/pipeline-forecast" --input="$project/input" --run-date=2026-01-01 \
        --reports="$target/cds-training/reports" --pipeline.database="$target/cds-training/db" \
        > "$target/cds-training/run.log" 2>&1; then
    tail -20 "$target/cds-training/run.log"
    echo "make-launcher: the training night failed (log: $target/cds-training/run.log)" >&2
    exit 1
fi
echo "launcher: $folder/pipeline-forecast (class-data-sharing archive: $(ls "$folder"/cds/*.jsa 2>/dev/null || echo none))"
