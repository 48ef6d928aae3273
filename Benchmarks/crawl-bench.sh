#!/usr/bin/env bash
# Crawl benchmark: a generated 5,000-page site behind nginx on 127.0.0.1:8089, crawled by
# oitcheck (polite defaults, and unthrottled) and by wget2 --spider in the same run.
# Usage: Benchmarks/crawl-bench.sh [PAGES]   (needs nginx-light and wget2: apt-get install)
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-5000}
out=bench-out
mkdir -p "$out"
[ -f "$out/site/p/$((pages - 1)).html" ] || python3 Benchmarks/gen_site.py "$out/site" "$pages"
swift build -c release >/dev/null
bin=.build/release/oitcheck
# A server left from an earlier run would hold the port.
[ -f "$out/nginx.pid" ] && kill "$(cat "$out/nginx.pid")" 2>/dev/null && sleep 0.5
nginx -p "$PWD/$out" -c "$PWD/Benchmarks/nginx.conf"
trap 'kill $(cat "$out/nginx.pid") 2>/dev/null || true' EXIT
sleep 0.5
url=http://127.0.0.1:8089/

run() { # name, command...
  local name=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$out/$name.time" "$@" >"$out/$name.log" 2>&1 || true
  read -r wall user sys rss < <(tail -n 1 "$out/$name.time")
  echo "$name wall=${wall}s cpu=$(echo "$user + $sys" | bc)s rss=${rss}KB"
}
run oitcheck-polite $bin crawl "$url" --snapshot "$out/polite.jsonl" --quiet --max-pages 100000
run oitcheck-8 $bin crawl "$url" --snapshot "$out/fast.jsonl" --quiet --max-pages 100000 --concurrency 8 --per-host 8
run wget2-8 wget2 --recursive --level=inf --spider --max-threads=8 --no-verbose -o /dev/null -P "$out/wget" "$url"
run wget2-2 wget2 --recursive --level=inf --spider --max-threads=2 --no-verbose -o /dev/null -P "$out/wget" "$url"
for f in polite fast; do
  echo "$f: $(grep -c '"type":"page"' "$out/$f.jsonl") pages, $(grep -c '"type":"attachment"' "$out/$f.jsonl") attachments, $(grep -c '"type":"failure"' "$out/$f.jsonl") failures, $(grep -c '"reason":"robots"' "$out/$f.jsonl") robots-skipped"
done
