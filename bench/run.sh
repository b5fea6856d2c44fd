#!/bin/sh
# bench/run.sh [CV2BIB] -- time cv2bib on the example CV and on a generated
# CV of 100,000 entries, in BibTeX, BibLaTeX, RIS and CSL-JSON.
#
# Builds nothing.  The binary is the argument, else $CV2BIB, else ./cv2bib,
# else the one in the source tree.  The large CV is generated once by
# bench/gen-cv.py into bench/out/ (ignored by git), again only when the
# generator changes.  For each input and format it prints the mean wall time
# (hyperfine if installed, else the best of BENCH_RUNS runs timed with
# date), the input throughput in MB/s, and the peak resident memory (GNU
# time's %M, if /usr/bin/time is installed).  The rules are compiled
# first, as make install does (cv2bib --compile-rules).  Compare with the
# figures of the previous run before claiming a win.
#
#	BENCH_N=100000	entries in the generated CV
#	BENCH_RUNS=5	runs per measurement of the large CV
#	BENCH_SMALL_RUNS=100	of the example CV (milliseconds: one run
#			is noise)
#	BENCH_TIMER=date  time with date even when hyperfine is installed
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
if [ $# -gt 0 ]; then
	bin=$1
elif [ -n "${CV2BIB:-}" ]; then
	bin=$CV2BIB
elif [ -x ./cv2bib ]; then
	bin=./cv2bib
else
	bin=$top/cv2bib
fi
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
if [ ! -x "$bin" ]; then
	echo "bench/run.sh: no cv2bib binary at $bin (build it, or give its path)" >&2
	exit 2
fi
n=${BENCH_N:-100000}
big_runs=${BENCH_RUNS:-5}
small_runs=${BENCH_SMALL_RUNS:-100}
timer=${BENCH_TIMER:-}
if [ -z "$timer" ]; then
	if command -v hyperfine >/dev/null 2>&1; then
		timer="hyperfine"
	else
		timer="date"
	fi
fi
out=$here/out
mkdir -p "$out"
# As installed: the rules with their compiled form beside them (make
# install writes it), in a copy of data/ unless CV2BIB_DATADIR is given.
if [ -z "${CV2BIB_DATADIR:-}" ]; then
	rm -rf "$out/data"
	mkdir "$out/data"
	cp "$top"/data/*.rules "$out/data/"
	CV2BIB_DATADIR=$out/data "$bin" --compile-rules="$out/data/rules.compiled"
	CV2BIB_DATADIR=$out/data
fi
export CV2BIB_DATADIR

big=$out/cv-$n.txt
if [ ! -s "$big" ] || [ -n "$(find "$here/gen-cv.py" -newer "$big")" ]; then
	echo "generating $big ..." >&2
	python3 "$here/gen-cv.py" "$n" >"$big.tmp"
	mv "$big.tmp" "$big"
fi
small=$top/tests/data/farshin-cv.txt

# now: the time in seconds, with nanoseconds.
now() {
	date +%s.%N
}

# seconds CMD...: the mean (hyperfine) or best (date) wall time of CMD.
seconds() {
	if [ "$timer" = hyperfine ]; then
		# -N: no shell in between; the words of CMD must hold no blanks.
		hyperfine -N -w 1 -r "$runs" --export-json "$out/h.json" \
		    "$*" >/dev/null 2>&1
		python3 -c 'import json, sys
print("%.4f" % json.load(open(sys.argv[1]))["results"][0]["mean"])' \
		    "$out/h.json"
		return
	fi
	best=
	i=0
	while [ "$i" -lt "$runs" ]; do
		t0=$(now)
		"$@" >/dev/null 2>&1
		t1=$(now)
		best=$(awk -v a="$t0" -v b="$t1" -v best="$best" \
		    'BEGIN { t = b - a; if (best != "" && best < t) t = best
			printf "%.4f\n", t }')
		i=$((i + 1))
	done
	echo "$best"
}

# peak_mib CMD...: the peak resident memory of CMD in MiB, or "-".
peak_mib() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1 |
		    awk '{ printf "%.1f\n", $1 / 1024 }'
	else
		echo "-"
	fi
}

echo "rules: $CV2BIB_DATADIR$([ -f "$CV2BIB_DATADIR/rules.compiled" ] &&
    echo ', compiled')"
echo "$("$bin" --version | head -n 1), $(uname -m), $(nproc) CPUs;" \
    "timer: $([ "$timer" = hyperfine ] && echo "hyperfine, mean" ||
    echo "date, best") of $small_runs runs (example CV), $big_runs (large)"
printf '%-16s %9s %-9s %8s %9s %8s %9s\n' input MB format entries seconds \
    'MB/s' 'peak MiB'
for input in "$small" "$big"; do
	runs=$big_runs
	[ "$input" = "$small" ] && runs=$small_runs
	bytes=$(wc -c <"$input")
	mb=$(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1e6 }')
	name=$(basename "$input")
	for f in bibtex biblatex ris csl-json; do
		o=$out/o.$f
		# A run that fails would be timed as fast: check it first.
		if ! "$bin" -q -f "$f" -o "$o" "$input" 2>"$out/err"; then
			printf '%-16s %9s %-9s %s\n' "$name" "$mb" "$f" \
			    "FAILED: $(head -n 1 "$out/err")"
			continue
		fi
		case $f in
		bibtex|biblatex) entries=$(grep -c '^@' "$o") ;;
		ris) entries=$(grep -c '^TY  - ' "$o") ;;
		csl-json) entries=$(grep -c '"id": ' "$o" || true) ;;
		esac
		# Timed on standard output (to /dev/null): with -o an unchanged
		# file would only be compared, not written.
		s=$(seconds "$bin" -q -f "$f" "$input")
		mib=$(peak_mib "$bin" -q -f "$f" "$input")
		mbs=$(awk -v b="$bytes" -v s="$s" \
		    'BEGIN { printf "%.1f", (s > 0 ? b / 1e6 / s : 0) }')
		printf '%-16s %9s %-9s %8s %9s %8s %9s\n' "$name" "$mb" "$f" \
		    "$entries" "$s" "$mbs" "$mib"
	done
done
