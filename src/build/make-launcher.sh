#!/bin/sh
# Build step (package, on Unix): the launcher folder target/pipeline-forecast/ from the executable jar — the
# application jar and lib/ as Spring Boot extracts them, the launcher script, the sample export it trains its
# class-data-sharing archive on (training/) — and that archive, made by starting the launcher once.
#   make-launcher.sh <project folder> <target folder> <executable jar> <java home>
set -e
project=$1
target=$2
jar=$3
folder=$target/pipeline-forecast
rm -rf "$folder"
JAVA=$4/bin/java
export JAVA
"$JAVA" -Djarmode=tools -jar "$jar" extract --destination "$folder" > /dev/null
cp "$project/src/main/dist/pipeline-forecast" "$folder/pipeline-forecast"
chmod +x "$folder/pipeline-forecast"
mkdir -p "$folder/training"
cp "$project/input/sample-deals.csv" "$project/input/fx-rates.csv" "$folder/training/"
"$folder/pipeline-forecast" --help > /dev/null
if ls "$folder"/cds/pipeline-forecast-*.jsa > /dev/null 2>&1; then
    echo "launcher: $folder/pipeline-forecast (class-data-sharing archive: $(ls "$folder"/cds/pipeline-forecast-*.jsa))"
else
    tail -20 "$folder/cds/training.log" 2> /dev/null
    echo "make-launcher: the training night made no class-data-sharing archive (log: $folder/cds/training.log)" >&2
    exit 1
fi
