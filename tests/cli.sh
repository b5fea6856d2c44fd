#!/bin/sh
# cli.sh -- the command line: options, exit statuses, -o and --check,
# standard input, and input that is not a text CV.  Prints TAP.

: "${srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${builddir:=$srcdir}"
: "${CV2BIB:=$builddir/cv2bib}"
export CV2BIB_DATADIR="${CV2BIB_DATADIR:-$srcdir/data}"

. "$srcdir/tests/lib.sh"

tmp=$builddir/tests/tmp/cli
rm -rf "$tmp"
mkdir -p "$tmp"
cd "$tmp" || exit 99
cv=$srcdir/tests/data/farshin-cv.txt

# run ARGS...: run cv2bib, keeping stdout, stderr and the status.
run() {
	"$CV2BIB" "$@" >out 2>err </dev/null
	status=$?
}

plan 42

run --help
check "--help exits 0 and prints usage on stdout" \
    test "$status" -eq 0 -a -s out -a ! -s err
check "--help lists every format" grep -q 'csl-json' out
run --version
check "--version exits 0 and names the program" grep -q '^cv2bib [0-9]' out
run --no-such-option
check "an unknown option exits 2" test "$status" -eq 2
check "an unknown option says how to get help" grep -q "Try 'cv2bib --help'" err
run -f nosuch "$cv"
check "an unknown format exits 2" test "$status" -eq 2
run -i nosuch "$cv"
check "an unknown markup exits 2" test "$status" -eq 2
run --check "$cv"
check "--check without -o exits 2" test "$status" -eq 2
run nosuchfile.txt
check "a missing input exits 1" test "$status" -eq 1
check "a missing input is named with the system's reason" \
    grep -q "cv2bib: cannot open 'nosuchfile.txt': No such file or directory" err

# Output to a file: atomic, format from the extension, untouched if equal.
run -o refs.bib "$cv"
check "-o writes the file and nothing on stdout" \
    test "$status" -eq 0 -a -s refs.bib -a ! -s out
check "-o refs.bib holds 38 BibTeX entries" test "$(grep -c '^@' refs.bib)" -eq 38
run -o refs.ris "$cv"
check "-o refs.ris writes RIS" grep -q '^TY  - ' refs.ris
run -o refs.json "$cv"
check "-o refs.json writes CSL-JSON" test "$(head -c 1 refs.json)" = "["
touch -d '2001-01-01 00:00' refs.bib
before=$(stat -c %Y refs.bib)
run -o refs.bib "$cv"
check "unchanged output leaves the file's mtime alone" \
    test "$status" -eq 0 -a "$(stat -c %Y refs.bib)" = "$before"
run --check -o refs.bib "$cv"
check "--check on a fresh file exits 0" test "$status" -eq 0
echo "% edited by hand" >>refs.bib
cp refs.bib stale.bib
run --check -o refs.bib "$cv"
check "--check on a stale file exits 1" test "$status" -eq 1
check "--check writes nothing" cmp -s refs.bib stale.bib
check "no temporary files are left behind" \
    test -z "$(ls -A | grep '^\.cv2bib\.')"

# Bad input: clear message, non-zero exit, no crash, no output.
cp refs.json keep.json
printf 'Publications\n\n1. A. Smith. T. J, 2020.\n2. ab\000c\n' >nul.txt
run -o keep.json nul.txt
check "a NUL byte exits 1" test "$status" -eq 1
check "a NUL byte is reported with its line" grep -q 'cv2bib: nul.txt:4: error: NUL byte' err
check "a failed run leaves the old output as it was" cmp -s refs.json keep.json
run nul.txt
check "a failed run writes nothing on stdout" test ! -s out
printf 'Publications\n\n1. A. Smith. Caf\351. J, 2020.\n' >latin1.txt
run latin1.txt
check "invalid UTF-8 exits 1 with its position" \
    grep -q 'latin1.txt:3: error: invalid UTF-8 (byte 0xe9 at column 17)' err
head -c 20000 "$(command -v sh)" >binary.bin
run binary.bin
check "a binary file exits 1, not a crash" test "$status" -eq 1
awk 'BEGIN { for (i = 0; i < 2200000; i++) printf "a"; print "" }' >huge.txt
run huge.txt
check "a 2 MiB line exits 1" test "$status" -eq 1
check "a 2 MiB line is reported" grep -q 'huge.txt:1: error: line longer' err
: >empty.txt
run empty.txt
check "an empty file exits 1: no publications" test "$status" -eq 1
check "an empty file says so" grep -q 'no publications found' err
printf '\377\376P\000u\000' >utf16.txt
run utf16.txt
check "UTF-16 is refused with advice" grep -q 'UTF-16 input is not supported' err

# CRLF and a byte-order mark are ordinary files from Windows: accepted.
"$CV2BIB" -q "$cv" >lf.bib 2>/dev/null
{ printf '\357\273\277'; sed 's/$/\r/' "$cv"; } >crlf.txt
"$CV2BIB" -q crlf.txt >crlf.bib 2>/dev/null
check "CRLF line ends and a BOM give the same output" cmp -s lf.bib crlf.bib

# Standard input, "-", several files.
"$CV2BIB" -q <"$cv" >stdin.bib 2>/dev/null
check "standard input gives the same output as a file" cmp -s lf.bib stdin.bib
"$CV2BIB" -q - <"$cv" >dash.bib 2>/dev/null
check "\"-\" reads standard input" cmp -s lf.bib dash.bib
cat "$cv" | "$CV2BIB" -q -f csl-json >pipe.json 2>/dev/null
check "works at the end of a pipe" test "$(grep -c '"id":' pipe.json)" -eq 38
run -q "$cv" "$cv"
check "two inputs: keys stay unique" \
    test "$(grep '^@' out | sort | uniq -d | wc -l)" -eq 0 -a \
    "$(grep -c '^@' out)" -eq 76

# Warnings, --strict, --dedup, -q.
run "$cv"
check "duplicates are reported with both lines" \
    grep -q 'farshin-cv.txt:114: warning: same work as the entry at line 72' err
run --dedup "$cv"
check "--dedup keeps the first of each work" test "$(grep -c '^@' out)" -eq 36
run --strict "$cv"
check "--strict: warnings exit 1 and write nothing" \
    test "$status" -eq 1 -a ! -s out
run -q "$cv"
check "-q prints no warnings" test ! -s err

# Output errors: a full disk is a clean error, never a crash.
if [ -w /dev/full ]; then
	"$CV2BIB" "$cv" >/dev/full 2>err
	status=$?
	check "stdout on a full disk exits 2 with a message" \
	    test "$status" -eq 2 -a -s err
else
	skip "stdout on a full disk" "no /dev/full"
fi

# User rules: applied after the installed ones; a bad one is reported.
printf 'container /^USENIX Annual Technical Conference$/ "USENIX ATC"\n' >my.rules
run -q -r my.rules -f csl-json "$cv"
check "-r rules apply after the installed ones" grep -q '"container-title": "USENIX ATC"' out
printf '# comment\ncontainer /(unclosed/ x\n' >bad.rules
run -r bad.rules "$cv"
check "a bad user rule exits 2 naming file, line and PCRE2's reason" \
    grep -q 'bad.rules:2: bad pattern at offset 9: missing closing parenthesis' err

done_testing
