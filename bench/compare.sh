#!/bin/sh
# bench/compare.sh OLD NEW [FILE]... -- whether two builds of cv2bib write
# the same thing.
#
# For a change that must not change output (a speed-up, a clean-up): runs
# both binaries on every input (by default every input under tests/: the
# corpus, the held-out CVs, tests/data and the golden cases' inputs), in
# BibTeX, BibLaTeX, RIS and CSL-JSON, with -v, and compares standard
# output, standard error and the exit status.  Each binary gets a data
# directory of its own with the rules of this tree compiled by itself
# (cv2bib --compile-rules), as make install does: a compiled file is only
# read by the build that wrote it.  The notes on where the compiled rules
# came from are left out of the comparison.  Prints each difference and a
# count; exits 1 if any.
#
#	COMPARE_FORMATS="bibtex csl-json"	the formats (default: all four)
set -eu

if [ $# -lt 2 ]; then
	echo "usage: bench/compare.sh OLD-CV2BIB NEW-CV2BIB [FILE]..." >&2
	exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
old=$1
new=$2
shift 2
for b in "$old" "$new"; do
	if [ ! -x "$b" ]; then
		echo "bench/compare.sh: $b: not an executable" >&2
		exit 2
	fi
done
formats=${COMPARE_FORMATS:-"bibtex biblatex ris csl-json"}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cv2bib-compare.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

for side in old new; do
	mkdir "$tmp/$side"
	cp "$top"/data/*.rules "$tmp/$side/"
done
CV2BIB_DATADIR=$tmp/old "$old" --compile-rules="$tmp/old/rules.compiled"
CV2BIB_DATADIR=$tmp/new "$new" --compile-rules="$tmp/new/rules.compiled"

if [ $# -eq 0 ]; then
	set -- $(find "$top/tests/corpus" "$top/tests/heldout" "$top/tests/data" \
	    "$top/tests/golden" -type f ! -name 'expected*' ! -name '*.expected.*' |
	    LC_ALL=C sort)
fi

# run SIDE BINARY FORMAT FILE: output, messages and status in $tmp/SIDE.*
run() {
	set +e
	CV2BIB_DATADIR=$tmp/$1 "$2" -v -f "$3" "$4" >"$tmp/$1.out" 2>"$tmp/$1.err"
	echo $? >"$tmp/$1.status"
	set -e
	grep -av 'compiled rules' "$tmp/$1.err" >"$tmp/$1.msg" || true
}

n=0
d=0
for f in "$@"; do
	for fmt in $formats; do
		run old "$old" "$fmt" "$f"
		run new "$new" "$fmt" "$f"
		n=$((n + 1))
		for part in out msg status; do
			if ! cmp -s "$tmp/old.$part" "$tmp/new.$part"; then
				d=$((d + 1))
				echo "differ: $fmt $f ($part)"
				break
			fi
		done
	done
done
echo "$n runs compared, $d differ"
[ "$d" -eq 0 ]
