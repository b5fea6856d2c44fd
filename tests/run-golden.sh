#!/bin/sh
# run-golden.sh -- end-to-end cases: input -> expected output, stderr, status.
#
# Each directory tests/golden/CASE/ holds
#   input.EXT          the CV (or a file "input" naming one, relative to CASE)
#   args               extra arguments, one line (optional)
#   expected.bib/.biblatex.bib/.ris/.json   the output for that format
#   expected.err       stderr (may be empty; compared for every format)
#   expected.status    the exit status (default 0)
# The run happens inside CASE so messages name the input as written there.
# With CV2BIB_BLESS=1 the expected files are rewritten from the output (to
# review with git diff, never to make a failing test pass unread).
# Prints TAP.

: "${srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${builddir:=$srcdir}"
: "${CV2BIB:=$builddir/cv2bib}"
export CV2BIB_DATADIR="${CV2BIB_DATADIR:-$srcdir/data}"

golden=$srcdir/tests/golden
tmp=$builddir/tests/tmp/golden
rm -rf "$tmp"
mkdir -p "$tmp"

n=0
fail=0
plan=0
for dir in "$golden"/*/; do
	for f in "$dir"expected.*; do
		case $f in *.bib|*.ris|*.json) plan=$((plan + 1)) ;; esac
	done
done
echo "1..$plan"

# run_case CASE FORMAT EXPECTED
run_case() {
	dir=$1 fmt=$2 want=$3
	name=$(basename "$dir")
	n=$((n + 1))
	if [ -f "$dir/input" ]; then
		input=$(cat "$dir/input")
	else
		input=$(cd "$dir" && ls input.* 2>/dev/null | head -n 1)
	fi
	args=
	[ -f "$dir/args" ] && args=$(cat "$dir/args")
	status_want=0
	[ -f "$dir/expected.status" ] && status_want=$(cat "$dir/expected.status")
	out=$tmp/$name.$fmt.out
	err=$tmp/$name.$fmt.err
	# shellcheck disable=SC2086 # args is a word list on purpose
	(cd "$dir" && "$CV2BIB" -f "$fmt" $args "$input") >"$out" 2>"$err"
	status=$?
	why=
	if [ "$status" -ne "$status_want" ]; then
		why="exit status $status, expected $status_want"
	elif ! cmp -s "$want" "$out"; then
		why="output differs"
	elif [ -f "$dir/expected.err" ] && ! cmp -s "$dir/expected.err" "$err"; then
		why="stderr differs"
	fi
	if [ -n "$why" ] && [ "${CV2BIB_BLESS:-0}" = 1 ]; then
		cp "$out" "$want"
		cp "$err" "$dir/expected.err"
		echo "$status" >"$dir/expected.status"
		why=
	fi
	if [ -z "$why" ]; then
		echo "ok $n - $name $fmt"
	else
		echo "not ok $n - $name $fmt: $why"
		diff -u "$want" "$out" | head -n 40 | sed 's/^/# /'
		[ -f "$dir/expected.err" ] &&
			diff -u "$dir/expected.err" "$err" | head -n 20 | sed 's/^/# /'
		fail=$((fail + 1))
	fi
}

for dir in "$golden"/*/; do
	dir=${dir%/}
	[ -f "$dir/expected.bib" ] && run_case "$dir" bibtex "$dir/expected.bib"
	[ -f "$dir/expected.biblatex.bib" ] &&
		run_case "$dir" biblatex "$dir/expected.biblatex.bib"
	[ -f "$dir/expected.ris" ] && run_case "$dir" ris "$dir/expected.ris"
	[ -f "$dir/expected.json" ] && run_case "$dir" csl-json "$dir/expected.json"
done
[ "$fail" -eq 0 ]
