#!/usr/bin/env bash
# Coverage-guided fuzzing of the readers with libFuzzer: builds the package in Fuzz/ with -sanitize=fuzzer,address,
# makes the seed corpora, runs each target for SECONDS and prints executions and crashes per target.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     SECONDS per target (default 600); targets: docx pdf zip ofd sniff (default all)
#
# FUZZ_JOBS targets run at once (default 2); FUZZ_SANITIZE overrides the sanitizers (default fuzzer,address).
# Everything it writes goes under Fuzz/work/: corpus/TARGET (grown across runs), crashes/TARGET, logs, summary.txt.
# A target stops at its first crash, which is an input file in crashes/TARGET; replay it with
# Fuzz/.build/release/fuzz-TARGET FILE.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(docx pdf zip ofd sniff)
jobs=${FUZZ_JOBS:-2}
sanitize=${FUZZ_SANITIZE:-fuzzer,address}
work=Fuzz/work
mkdir -p "$work"

build() {
    for target in "${targets[@]}"; do
        # lld: gold fails linking the sanitizer runtimes; -enable-testing: the ZIP target reads the package reader's
        # internal entry point.
        swift build --package-path Fuzz -c release -Xswiftc -sanitize="$sanitize" -Xswiftc -enable-testing \
            -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld --product "fuzz-$target"
    done
}

# Seeds: the committed test fixtures and sample corpus, plus documents the tests' writers make (fuzz-seeds).
seeds() {
    local generated="$work/seeds-generated" seed="$work/seeds"
    swift build --package-path Fuzz --scratch-path Fuzz/.build-seeds --product fuzz-seeds
    rm -rf "$generated" "$seed"
    Fuzz/.build-seeds/debug/fuzz-seeds "$generated"
    mkdir -p "$seed"/{docx,pdf,zip,ofd,sniff}
    # Documents of the sample inbox share names across projects: numbered copies keep them all.
    local copy=(cp --backup=numbered)
    "${copy[@]}" "$generated"/docx/* Tests/IngestTests/Fixtures/legacy/*.docx "$seed/docx/"
    find Corpus/inbox -name '*.docx' -size -150k -exec "${copy[@]}" {} "$seed/docx/" \;
    "${copy[@]}" Tests/IngestTests/Fixtures/pdf/*.pdf "$seed/pdf/"
    find Corpus/inbox -name '*.pdf' -size -300k -exec "${copy[@]}" {} "$seed/pdf/" \;
    "${copy[@]}" "$generated"/ofd/* "$seed/ofd/"
    find Corpus/inbox -name '*.zip' -size -300k -exec "${copy[@]}" {} "$seed/zip/" \;
    "${copy[@]}" "$generated"/ofd/report.ofd "$generated"/docx/official-english.docx "$seed/zip/"
    "${copy[@]}" "$seed"/{docx,pdf,ofd}/* Tests/IngestTests/Fixtures/legacy/*.{doc,wps,rtf} "$seed/sniff/"
}

run() {
    local target=$1 binary=Fuzz/.build/release/fuzz-$1
    local corpus="$work/corpus/$target" crashes="$work/crashes/$target/" log="$work/$target.log"
    local options=(-max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1)
    case $target in
    docx | ofd) options+=(-dict=Fuzz/numbers.dict -max_len=400000) ;;
    pdf) options+=(-max_len=131072) ;; # poppler's cost grows with the file: shorter inputs, more executions
    *) options+=(-max_len=400000) ;;
    esac
    mkdir -p "$corpus" "$crashes"
    ASAN_OPTIONS=detect_leaks=0 "$binary" "${options[@]}" -artifact_prefix="$crashes" "$corpus" "$work/seeds/$target" \
        >"$log" 2>&1 || true
}

summary() {
    echo "target executions crashes corpus"
    for target in "${targets[@]}"; do
        local executions found
        executions=$(grep -ho 'stat::number_of_executed_units: [0-9]*' "$work/$target.log" | awk '{s += $2} END {print s + 0}')
        found=$(find "$work/crashes/$target" -type f | wc -l)
        echo "$target $executions $found $(find "$work/corpus/$target" -type f | wc -l)"
    done
}

build
seeds
running=0
for target in "${targets[@]}"; do
    if [ "$running" -ge "$jobs" ]; then
        wait -n
        running=$((running - 1))
    fi
    echo "fuzzing $target for ${seconds}s"
    run "$target" &
    running=$((running + 1))
done
wait
summary | tee "$work/summary.txt"
