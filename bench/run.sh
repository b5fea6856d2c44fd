#!/bin/sh
# bench/run.sh [CV2BIB] -- time cv2bib on the example CV and on a generated
# CV of 100,000 entries, in each main format.
#
# Reports, per input and format: mean wall time (hyperfine if installed,
# else the best of 3 runs), input throughput, and peak resident memory
# (GNU time).  The large CV is generated once into bench/out/ (ignored by
# git).  Set BENCH_N to change its size.  Compare with the figures of the
# previous run before claiming a win.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
bin=${1:-${CV2BIB:-$top/cv2bib}}
n=${BENCH_N:-100000}
export CV2BIB_DATADIR="${CV2BIB_DATADIR:-$top/data}"
out=$here/out
mkdir -p "$out"

big=$out/cv-$n.txt
[ -s "$big" ] || python3 "$here/gen-cv.py" "$n" >"$big"
small=$top/tests/data/farshin-cv.txt

# seconds CMD...: mean wall time of CMD in seconds.
seconds() {
	if command -v hyperfine >/dev/null 2>&1; then
		hyperfine -N -w 1 -r "${BENCH_RUNS:-5}" --export-json "$out/h.json" \
		    "$*" >/dev/null 2>&1
		python3 -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["results"][0]["mean"])' "$out/h.json"
	else
		best=
		for _ in 1 2 3; do
			t0=$(date +%s.%N)
			"$@" >/dev/null 2>&1 || true
			t1=$(date +%s.%N)
			t=$(echo "$t1 - $t0" | bc)
			if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then
				best=$t
			fi
		done
		echo "$best"
	fi
}

# peak_kib CMD...: the peak resident memory of CMD in KiB.
peak_kib() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1
	else
		echo "-"
	fi
}

printf '%-14s %-9s %10s %10s %10s\n' input format seconds 'MB/s' 'peak MiB'
for input in "$small" "$big"; do
	bytes=$(wc -c <"$input")
	name=$(basename "$input")
	for f in bibtex biblatex ris csl-json; do
		s=$(seconds "$bin" -q -f "$f" -o "$out/o.$f" "$input")
		kib=$(peak_kib "$bin" -q -f "$f" -o "$out/o.$f" "$input")
		mbs=$(python3 -c "print('%.1f' % ($bytes / 1e6 / $s))")
		mib=$(python3 -c "print('%.1f' % ($kib / 1024))" 2>/dev/null || echo -)
		printf '%-14s %-9s %10s %10s %10s\n' "$name" "$f" "$s" "$mbs" "$mib"
	done
done
