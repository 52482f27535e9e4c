#!/usr/bin/env bash
# Builds the libFuzzer targets with swiftc (-sanitize=fuzzer,address) outside SwiftPM, so that
# normal builds never see them, then runs each for FUZZ_SECONDS (default 60).
#   Fuzz/fuzz.sh            build and run every target
#   Fuzz/fuzz.sh yaml csv   only these
# New interesting inputs go to .build-fuzz/corpus/<target>/ (not committed); the committed seeds
# are in Fuzz/corpus/<target>/; a crash is written to Fuzz/crashes/<target>-… and fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFTC=${SWIFTC:-swiftc}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
OUT=.build-fuzz
# Swift's own crash handler fights the sanitizer's; libFuzzer reports crashes itself.
export SWIFT_BACKTRACE=enable=no
TARGETS=(frontmatter yaml csv markdown)
[ $# -gt 0 ] && TARGETS=("$@")
FLAGS=(-sanitize=fuzzer,address -parse-as-library -enable-testing -gline-tables-only -Onone -swift-version 6
       -I "$OUT" -I Sources/CYAML -I Sources/CCmarkGFM $(pkg-config --cflags-only-I yaml-0.1 libcmark-gfm))
LIBS=($(pkg-config --libs yaml-0.1 libcmark-gfm) -lcmark-gfm-extensions)
mkdir -p "$OUT" Fuzz/crashes

# The library modules the targets need, in dependency order, each compiled once into an object.
build_module() {
    local module=$1
    local object="$OUT/$module.o"
    local newest
    newest=$(ls -t Sources/"$module"/*.swift | head -1)
    if [ -f "$object" ] && [ "$object" -nt "$newest" ]; then return; fi
    echo "Compiling $module"
    "$SWIFTC" "${FLAGS[@]}" -wmo -module-name "$module" -emit-module -emit-module-path "$OUT/$module.swiftmodule" \
        -emit-object -o "$object" Sources/"$module"/*.swift
}
for module in Diagnostics OpenMapText OpenMapYAML OpenMapMarkdown OpenMapContent; do build_module "$module"; done
OBJECTS=("$OUT"/Diagnostics.o "$OUT"/OpenMapText.o "$OUT"/OpenMapYAML.o "$OUT"/OpenMapMarkdown.o "$OUT"/OpenMapContent.o)

status=0
for target in "${TARGETS[@]}"; do
    echo "Linking fuzz-$target"
    # The linker warns about every sanitizer helper symbol; show its output only when it fails.
    if ! "$SWIFTC" "${FLAGS[@]}" -module-name "Fuzz_$target" "Fuzz/Targets/$target.swift" "${OBJECTS[@]}" "${LIBS[@]}" \
            -o "$OUT/fuzz-$target" > "$OUT/link-$target.log" 2>&1; then
        grep -v "Cannot export local symbol" "$OUT/link-$target.log"
        exit 1
    fi
    mkdir -p "$OUT/corpus/$target"
    echo "Fuzzing $target for $FUZZ_SECONDS s"
    if ! "$OUT/fuzz-$target" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
            -print_final_stats=1 -artifact_prefix="Fuzz/crashes/$target-" \
            "$OUT/corpus/$target" "Fuzz/corpus/$target" 2> "$OUT/$target.log"; then
        status=1
        tail -40 "$OUT/$target.log"
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$OUT/$target.log" | grep -o '[0-9]*$' || echo 0)
    speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$OUT/$target.log" | grep -o '[0-9]*$' || echo 0)
    echo "fuzz-$target: $runs runs in $FUZZ_SECONDS s, $speed exec/s"
done
exit $status
