#!/usr/bin/env bash
# End to end: the command-line example over a large file, as a user runs it.
#
#   bash benches/e2e.sh            # 256 MiB of the report, --format json and --format inline
#   E2E_MIB=64 bash benches/e2e.sh # a smaller file
#   E2E_FORMATS=json E2E_TIMEOUT=60 bash benches/e2e.sh   # one format, each run at most 60 s
#
# Builds examples/zhgloss.rs in release mode, writes the report repeated (whole copies) to at
# least E2E_MIB MiB under $CARGO_TARGET_DIR/bench-e2e/ (reused on later runs), and runs
#
#   zhgloss --format FMT FILE > /dev/null
#
# for each format under /usr/bin/time -v, printing throughput (GB/s, 10^9 bytes a second, wall
# clock) and peak RSS. DESIGN.md's command line takes FILE arguments; an example that does not
# yet read them is fed the file on stdin instead, and a format the example does not implement
# yet (it echoes the text unchanged) is measured but flagged. Timings are reported, never
# asserted.
set -euo pipefail

cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
mib=${E2E_MIB:-256}
formats=${E2E_FORMATS:-json inline}
limit=${E2E_TIMEOUT:-300}
report=examples/report-2020-jinshan.txt

if [[ ! -x /usr/bin/time ]]; then
    echo "e2e: /usr/bin/time is missing; installing Debian's 'time' package" >&2
    apt-get install -y -qq time >/dev/null
fi

cargo build --release --quiet --example zhgloss
bin=$target/release/examples/zhgloss

dir=$target/bench-e2e
mkdir -p "$dir"
unit=$(stat -c %s "$report")
copies=$(((mib * 1024 * 1024 + unit - 1) / unit))
bytes=$((copies * unit))
file=$dir/report-${mib}MiB.txt
if [[ ! -f $file || $(stat -c %s "$file") -ne $bytes ]]; then
    # Double a copy until it is big enough, then cut it at a whole number of reports.
    cp "$report" "$dir/grow.tmp"
    while (($(stat -c %s "$dir/grow.tmp") < bytes)); do
        cat "$dir/grow.tmp" "$dir/grow.tmp" >"$dir/grow2.tmp"
        mv "$dir/grow2.tmp" "$dir/grow.tmp"
    done
    head -c "$bytes" "$dir/grow.tmp" >"$file"
    rm -f "$dir/grow.tmp"
fi

# Does the example take FILE arguments (DESIGN.md), or only stdin?
probe=$dir/probe.txt
printf '编制三线一单\n' >"$probe"
if timeout 10 "$bin" --format json "$probe" </dev/null 2>/dev/null | grep -q '"entry":24'; then
    input=file
else
    input=stdin
fi

echo "e2e: $bin, $bytes bytes ($copies copies of the report), input from $input"
printf '%-8s %10s %10s %14s  %s\n' format seconds GB/s "peak RSS MiB" note
for fmt in $formats; do
    note=""
    probe_status=0
    if [[ $input == file ]]; then
        probe_out=$(timeout 10 "$bin" --format "$fmt" "$probe" </dev/null 2>&1) || probe_status=$?
    else
        probe_out=$(timeout 10 "$bin" --format "$fmt" <"$probe" 2>&1) || probe_status=$?
    fi
    if ((probe_status == 124)); then
        printf '%-8s %10s %10s %14s  %s\n' "$fmt" - - - "skipped: the example hangs on a one-line input"
        continue
    fi
    if [[ $probe_out == "$(cat "$probe")" ]]; then
        note="format not implemented: the example echoes its input"
    fi
    log=$dir/time-$fmt.txt
    status=0
    start=$(date +%s%N)
    if [[ $input == file ]]; then
        timeout "$limit" /usr/bin/time -v -o "$log" "$bin" --format "$fmt" "$file" </dev/null >/dev/null ||
            status=$?
    else
        timeout "$limit" /usr/bin/time -v -o "$log" "$bin" --format "$fmt" <"$file" >/dev/null ||
            status=$?
    fi
    end=$(date +%s%N)
    if ((status != 0)); then
        note="exit status $status (124: timed out after ${limit}s); $note"
    fi
    rss_kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log" 2>/dev/null || true)
    awk -v b="$bytes" -v ns="$((end - start))" -v rss="${rss_kib:-0}" -v fmt="$fmt" -v note="$note" \
        'BEGIN { s = ns / 1e9; printf "%-8s %10.3f %10.3f %14.1f  %s\n", fmt, s, b / s / 1e9, rss / 1024, note }'
done
