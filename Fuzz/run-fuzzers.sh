#!/bin/sh
# Runs each libFuzzer target for FUZZ_SECONDS from its seeds in Fixtures/fuzz/<name>/.
# New corpus entries go to .build-fuzz/corpus/<name>/, crashes to fuzz-crashes/<name>/;
# neither is committed. Exits 1 when any target found a crash, after running all of them.
# Usage (from the repository root, after building): Fuzz/run-fuzzers.sh [name...]
set -u
# The Swift runtime's backtracer reads memory that ASan then reports; libFuzzer prints its own.
export SWIFT_BACKTRACE=enable=no
seconds=${FUZZ_SECONDS:-60}
bin=${FUZZ_BIN:-.build-fuzz/release}
# name  executable  max input length (bytes)
targets="html FuzzHTML 65536
thai-dates FuzzThaiDates 4096
checklist FuzzChecklist 49152
robots FuzzRobots 16384
url FuzzURL 2048"
rm -f fuzz-crashes/.failed
echo "$targets" | while read -r name exe maxlen; do
  if [ $# -gt 0 ] && ! echo " $* " | grep -q " $name "; then continue; fi
  corpus=.build-fuzz/corpus/$name
  crashes=fuzz-crashes/$name
  mkdir -p "$corpus" "$crashes"
  echo "== $name: $exe for ${seconds}s"
  "$bin/$exe" "$corpus" "Fixtures/fuzz/$name" \
    -max_total_time="$seconds" -max_len="$maxlen" -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="$crashes/" -print_final_stats=1 -close_fd_mask=1 \
    >"$crashes/log.txt" 2>&1
  status=$?
  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)' \
    "$crashes/log.txt"
  echo "corpus: $(ls "$corpus" | wc -l) entries; seeds: $(ls "Fixtures/fuzz/$name" | wc -l)"
  if [ $status -ne 0 ]; then
    echo "!! $name failed (exit $status); see $crashes/log.txt and $crashes/"
    grep -E 'SUMMARY|Fatal error|property failed|ERROR:' "$crashes/log.txt" | head -5
    touch fuzz-crashes/.failed
  fi
done
if [ -e fuzz-crashes/.failed ]; then rm -f fuzz-crashes/.failed; exit 1; fi
