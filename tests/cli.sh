#!/bin/sh
# cli.sh -- the command line: options, exit statuses, -o and --check,
# standard input, output errors, and input that is not a text CV.
# Prints TAP.
#
# The checks that count entries use the sample CV and assert properties
# only (38 entries, two of them the same work), not the parser's output.

. "${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"
tap_setup cli
cv=$srcdir/tests/data/farshin-cv.txt
umask 022

# run ARGS...: run cv2bib, keeping stdout (out), stderr (err), the status.
run() {
	"$CV2BIB" "$@" >out 2>err </dev/null
	status=$?
}

# failed STATUS REGEX: the last run exited STATUS (not killed by a signal),
# said REGEX on stderr and wrote nothing on stdout.
failed() {
	[ "$status" -eq "$1" ] && grep -q -e "$2" err && [ ! -s out ]
}

# mtime FILE, mode FILE
mtime() { stat -c %Y "$1"; }
mode() { stat -c %a "$1"; }

plan 104

# --- options ---------------------------------------------------------------
run --help
check "--help exits 0 and prints on stdout only" \
    test "$status" -eq 0 -a -s out -a ! -s err
check "--help starts with the usage line" \
    grep -q '^Usage: cv2bib \[OPTION\]\.\.\. \[FILE\]\.\.\.$' out
check "--help lists the main formats" \
    test "$(grep -c -E '^  (bibtex|biblatex|ris|csl-json) ' out)" -eq 4
run --version
check "--version exits 0 and prints on stdout only" \
    test "$status" -eq 0 -a -s out -a ! -s err
version=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' \
    "$builddir/config.h" 2>/dev/null)
[ -n "$version" ] || version=$(sed -n \
    's/^AC_INIT(\[cv2bib\], *\[\([^]]*\)\].*/\1/p' "$srcdir/configure.ac")
check "--version prints 'cv2bib VERSION' (config.h: ${version:-?})" \
    test "$(head -n 1 out)" = "cv2bib ${version:-?}"
run --no-such-option
check "an unknown option exits 2" test "$status" -eq 2 -a ! -s out
check "an unknown option is named, after 'cv2bib:' (not a path)" \
    grep -q "^cv2bib: unrecognized option '--no-such-option'" err
check "a usage error says how to get help" \
    test "$(tail -n 1 err)" = "Try 'cv2bib --help'."
run -f
check "-f without its argument exits 2" failed 2 "Try 'cv2bib --help'"
run -f nosuch "$cv"
check "an unknown format exits 2 and is named" \
    failed 2 "^cv2bib: unknown format 'nosuch'"
run -i nosuch "$cv"
check "an unknown markup exits 2 and is named" \
    failed 2 "^cv2bib: unknown markup 'nosuch'"
run --check "$cv"
check "--check without -o exits 2" failed 2 "^cv2bib: --check needs -o FILE"
run --check -o - "$cv"
check "--check with -o - (standard output) exits 2" failed 2 "--check needs"
run -o '' "$cv"
check "an empty -o exits 2" failed 2 "^cv2bib: -o needs a file name"
run nosuchfile.txt
check "a missing input exits 1 with the system's reason" \
    failed 1 "^cv2bib: cannot open 'nosuchfile.txt': No such file or directory$"
run -q "$cv" nosuchfile.txt
check "a missing second input: exit 1 and nothing written" \
    failed 1 "cannot open 'nosuchfile.txt'"
mkdir adir
run adir
check "a directory as input exits 1" failed 1 "^cv2bib: cannot read 'adir'"

# --- -o: atomic, format from the extension, untouched when equal -----------
run -o refs.bib "$cv"
check "-o writes the file and nothing on stdout" \
    test "$status" -eq 0 -a -s refs.bib -a ! -s out
check "-o refs.bib holds 38 BibTeX entries" \
    test "$(grep -c '^@' refs.bib)" -eq 38
check "a new file gets 0666 & ~umask (644)" test "$(mode refs.bib)" = 644
run -o refs.ris "$cv"
check "-o refs.ris writes RIS" \
    test "$(grep -c '^TY  - ' refs.ris)" -eq 38
run -o refs.json "$cv"
check "-o refs.json writes CSL-JSON" test "$(head -c 1 refs.json)" = "["
run -f ris -o other.bib "$cv"
check "-f wins over the extension" grep -q '^TY  - ' other.bib
run -o refs.unknown "$cv"
check "an unknown extension gives BibTeX" grep -q '^@' refs.unknown
run -q -o - "$cv"
check "-o - writes standard output" \
    test "$status" -eq 0 -a "$(grep -c '^@' out)" -eq 38
touch -d '2001-01-01 00:00' refs.bib
before=$(mtime refs.bib)
run -o refs.bib "$cv"
check "unchanged output leaves the file's mtime alone" \
    test "$status" -eq 0 -a "$(mtime refs.bib)" = "$before"
run --check -o refs.bib "$cv"
check "--check on a fresh file exits 0 and prints nothing" \
    test "$status" -eq 0 -a ! -s out
echo "% edited by hand" >>refs.bib
touch -d '2001-01-01 00:00' refs.bib
cp -p refs.bib stale.bib
run --check -o refs.bib "$cv"
check "--check on a stale file exits 1" test "$status" -eq 1 -a ! -s out
check "--check writes nothing (content and mtime kept)" \
    test "$(mtime refs.bib)" = "$before" -a -z "$(cmp refs.bib stale.bib)"
run --check -o absent.bib "$cv"
check "--check on a missing file exits 1 and creates nothing" \
    test "$status" -eq 1 -a ! -e absent.bib
chmod 600 refs.bib
run -q -o refs.bib "$cv"
check "a stale file is rewritten" test "$status" -eq 0 -a \
    "$(grep -c 'edited by hand' refs.bib)" -eq 0
check "a rewritten file keeps its mode (600)" test "$(mode refs.bib)" = 600
mkdir real
ln -s real/linked.bib link.bib
run -q -o link.bib "$cv"
check "-o through a symbolic link writes its target and keeps the link" \
    test -L link.bib -a "$(grep -c '^@' real/linked.bib)" -eq 38
run -o nodir/refs.bib "$cv"
check "-o in a missing directory exits 2 naming the file" \
    failed 2 "^cv2bib: cannot write 'nodir/refs.bib': .*No such file or directory"
run -o adir "$cv"
check "-o naming a directory exits 2" \
    failed 2 "^cv2bib: cannot write 'adir': Is a directory"
check "no temporary files are left behind" \
    test -z "$(find . -name '.cv2bib.*')"

# /dev/stdout on a pipe: its link ("pipe:[N]") leads to no path.
"$CV2BIB" -q -o /dev/stdout "$cv" 2>err | cat >piped.bib
check "-o /dev/stdout on a pipe writes the bibliography there" \
    test ! -s err -a "$(grep -c '^@' piped.bib)" -eq 38

# Two authors of one name: RIS (libbibutils) writes the name once, and says so.
printf '# Publications\n\n1. Y. Wang, Y. Wang, and Z. Li. A study of things. In\n   Proceedings of the Conference on Stuff (CoS), 2020.\n' >twins.md
"$CV2BIB" -f ris twins.md >twins.ris 2>err
check "RIS: a name twice in a list is reported, as RIS gives it once" \
    test "$(grep -c '^AU  - ' twins.ris)" -eq 2 -a "$(cat err)" = \
    "cv2bib: twins.md:3: warning: \"Wang, Y.\" is twice in the list of names; ris gives it once"

# --- output errors: a clean message and status 2, never a crash ------------
# As root, -o goes to a copy of /dev/full made here: were the device ever
# renamed over, the real one would be lost.
full=
if [ "$(id -u)" -eq 0 ]; then
	# Only if the node can be opened (not on a "nodev" file system).
	mknod full c 1 7 2>/dev/null && (exec 3>full) 2>/dev/null && full=full
elif [ -c /dev/full ] && [ -w /dev/full ]; then
	full=/dev/full
fi
if [ -n "$full" ]; then
	run -q -o "$full" "$cv"
	check "-o $full (a full device) exits 2 with the system's reason" \
	    failed 2 "^cv2bib: cannot write '$full': No space left on device"
	check "-o $full leaves the device a device" test -c "$full"
else
	skip "-o on a full device" "cannot make a copy of /dev/full"
	skip "-o on a full device leaves it a device" "no device"
fi
if [ -c /dev/full ] && [ -w /dev/full ]; then
	"$CV2BIB" -q "$cv" >/dev/full 2>err
	status=$?
	check "standard output on /dev/full exits 2 with the reason" \
	    test "$status" -eq 2 -a \
	    "$(cat err)" = "cv2bib: write error: No space left on device"
	"$CV2BIB" --help >/dev/full 2>err
	status=$?
	check "--help on /dev/full exits 2" test "$status" -eq 2 -a \
	    "$(cat err)" = "cv2bib: write error: No space left on device"
else
	skip "standard output on /dev/full" "no /dev/full"
	skip "--help on /dev/full" "no /dev/full"
fi
# A reader that has gone, with SIGPIPE ignored (as some parents leave it):
# the write fails with EPIPE, which must be reported, not ignored.
if have python3; then
	python3 -c '
import os, signal, subprocess, sys
r, w = os.pipe()
os.close(r)
signal.signal(signal.SIGPIPE, signal.SIG_IGN)
sys.exit(subprocess.call(sys.argv[1:], stdout=w, stderr=open("err", "w"),
                         restore_signals=False))' "$CV2BIB" -q "$cv"
	status=$?
	check "a closed pipe (SIGPIPE ignored) exits 2: write error: Broken pipe" \
	    test "$status" -eq 2 -a \
	    "$(cat err)" = "cv2bib: write error: Broken pipe"
else
	skip_tool "a closed pipe with SIGPIPE ignored" python3
fi

# --- input that is not a text CV: status 1, a message, no output -----------
cp refs.json keep.json
touch -d '2001-01-01 00:00' keep.json
printf 'Publications\n\n1. A. Smith. T. J, 2020.\n2. ab\000c\n' >nul.txt
run -o keep.json nul.txt
check "a NUL byte exits 1 and names file and line" \
    failed 1 '^cv2bib: nul.txt:4: error: NUL byte'
check "a failed run leaves the old -o file as it was, mtime too" \
    test -z "$(cmp refs.json keep.json)" -a \
    "$(mtime keep.json)" = "$(date -d '2001-01-01 00:00' +%s)"
run nul.txt
check "a failed run writes nothing on stdout" failed 1 'NUL byte'
run "$cv" nul.txt
check "a bad second input: exit 1, nothing on stdout" failed 1 'NUL byte'
printf 'Publications\n\n1. A. Smith. Caf\377. J, 2020.\n' >ff.txt
run ff.txt
check "a 0xff byte exits 1: invalid UTF-8, with line and column" \
    failed 1 '^cv2bib: ff.txt:3: error: invalid UTF-8 (byte 0xff at column 17)'
printf 'Publications\n\n1. A. Smith. Caf\351. J, 2020.\n' >latin1.txt
run latin1.txt
check "Latin-1 text exits 1 with advice" \
    failed 1 'latin1.txt:3: error: invalid UTF-8 (byte 0xe9 .*iconv'
printf 'Publications\n\n1. A. \300\257Smith. T. J, 2020.\n' >overlong.txt
run overlong.txt
check "an overlong UTF-8 sequence exits 1" \
    failed 1 'overlong.txt:3: error: invalid UTF-8'
printf 'Publications\n\n1. A. \355\240\200Smith. T. J, 2020.\n' >surrogate.txt
run surrogate.txt
check "an encoded UTF-16 surrogate exits 1" \
    failed 1 'surrogate.txt:3: error: invalid UTF-8'
printf 'Publications\n\n1. A. Smith. Caf\303' >truncated.txt
run truncated.txt
check "a UTF-8 sequence cut at the end of the file exits 1" \
    failed 1 'truncated.txt:3: error: invalid UTF-8'
head -c 20000 "$(command -v sh)" >binary.bin
run binary.bin
check "a binary file (head of sh) exits 1 with a position" \
    failed 1 '^cv2bib: binary.bin:[0-9][0-9]*: error: '
awk 'BEGIN { for (i = 0; i < 2200000; i++) printf "a"; print "" }' >huge.txt
run huge.txt
check "a 2 MiB line exits 1" \
    failed 1 '^cv2bib: huge.txt:1: error: line longer than'
: >empty.txt
run empty.txt
check "an empty file exits 1: no publications" \
    failed 1 '^cv2bib: no publications found'
printf '\357\273\277' >bom.txt
run bom.txt
check "a lone byte-order mark exits 1: no publications" \
    failed 1 '^cv2bib: no publications found'
printf '\377\376P\000u\000b\000\n\000' >utf16.txt
run utf16.txt
check "UTF-16 exits 1 with advice" failed 1 'UTF-16 input is not supported'
if [ "$(id -u)" -ne 0 ]; then
	cp "$cv" unreadable.txt
	chmod 000 unreadable.txt
	run unreadable.txt
	check "an unreadable file exits 1" \
	    failed 1 "^cv2bib: cannot open 'unreadable.txt': Permission denied"
else
	# Root reads any file: make open() fail another way.
	run empty.txt/cv.txt
	check "an input that cannot be opened exits 1 with the reason" \
	    failed 1 "^cv2bib: cannot open 'empty.txt/cv.txt': Not a directory"
fi

# --- accepted variants: CRLF and a BOM, standard input, "-" ----------------
"$CV2BIB" -q "$cv" >lf.bib 2>/dev/null
{ printf '\357\273\277'; sed 's/$/\r/' "$cv"; } >crlf.txt
run -q crlf.txt
check "CRLF line ends and a BOM are accepted" test "$status" -eq 0
check "CRLF line ends and a BOM give the same output as LF" cmp -s lf.bib out
"$CV2BIB" -q <"$cv" >stdin.bib 2>/dev/null
check "standard input gives the same output as the file" cmp -s lf.bib stdin.bib
"$CV2BIB" -q - <"$cv" >dash.bib 2>/dev/null
check "\"-\" reads standard input" cmp -s lf.bib dash.bib
# shellcheck disable=SC2002 # a pipe is what is tested
cat "$cv" | "$CV2BIB" -q -f csl-json >pipe.json 2>/dev/null
check "works at the end of a pipe (38 CSL-JSON items)" \
    test "$(grep -c '"id":' pipe.json)" -eq 38
printf 'ab\000c\n' | "$CV2BIB" >out 2>err
status=$?
check "bad standard input is named <stdin>" \
    failed 1 '^cv2bib: <stdin>:1: error: NUL byte'
run -q "$cv" "$cv"
check "two inputs: 76 entries, all keys unique" \
    test "$(grep '^@' out | sort | uniq -d | wc -l)" -eq 0 -a \
    "$(grep -c '^@' out)" -eq 76

# --- messages, --strict, --dedup, -q, -v, --latex --------------------------
run "$cv"
check "a duplicate is reported with both lines, as FILE:LINE: warning:" \
    grep -q "^cv2bib: $cv:114: warning: same work as the entry at line 72" err
check "warnings alone keep the exit status 0" test "$status" -eq 0
run --dedup "$cv"
check "--dedup keeps the first of each work" test "$(grep -c '^@' out)" -eq 36
check "--dedup still reports what it drops" grep -q 'dropped (--dedup)' err
run --strict "$cv"
check "--strict: warnings exit 1 and write nothing" \
    failed 1 'with --strict; nothing written'
run --strict -o strict.bib "$cv"
check "--strict -o: no file is created" test ! -e strict.bib
run -q "$cv"
check "-q prints no warnings" test "$status" -eq 0 -a ! -s err
run -v "$cv"
check "-v explains headings as notes" \
    grep -q 'note: heading "Conference Publications": conference' err
check "-v names the rule that took a part of an entry" \
    grep -q 'note: "Acceptance rate.*" taken by fields.rules:[0-9]' err
check "-v says where the title ends and the venue starts" \
    grep -q 'note: the title ends where the venue starts best: "In ' err
run -q --latex "$cv"
check "--latex writes ASCII only" \
    test "$(LC_ALL=C grep -c '[^[:print:][:space:]]' out)" -eq 0
check "--latex escapes accents ({\\'c})" grep -q "Kosti{\\\\'c}" out

# --- text pulled out of a PDF ----------------------------------------------
# Page furniture (the owner's name, "Curriculum Vitae 2") is dropped, an
# entry goes on across the page break, and a heading with no blank line
# before it ends the list the entry before it belongs to.
printf '%s\n' 'Jane Q. Doe' 'Curriculum Vitae' 'Journal Articles' \
    'Jane Q. Doe and John Smith. A study of things that wrap across' \
    'pages. Journal of Things, 12(3):45-67, 2020.' '' 'Jane Q. Doe' \
    'Curriculum Vitae 2' 'Ann B. Lee and Jane Q. Doe. Second study of the things' \
    'that wrap. Journal of Things, 13:1-9, 2021.' 'Professional' 'Service' \
    'Reviewer for the Journal of Things, 2019.' >pdf.txt
run -v -f csl-json pdf.txt
check "PDF text: page furniture is dropped, with a note" \
    eval "grep -q 'pdf.txt:7: note: page furniture: \"Jane Q. Doe\"' err &&
    grep -q 'pdf.txt:8: note: page furniture: \"Curriculum Vitae 2\"' err"
check "PDF text: an entry goes on across the page break" \
    grep -q '"title": "A study of things that wrap across pages"' out
check "PDF text: the last entry before a heading keeps its list" \
    eval "test \"\$(grep -c '\"type\": \"article-journal\"' out)\" -eq 2 &&
    grep -q '\"title\": \"Second study of the things that wrap\"' out"

# A heading may give a count: "Journal Articles (12)" is still a heading.
printf 'Journal Articles (2)\n\n1. A. Smith. A study of things. J. Things, 3, 1-10, 2020.\n' >count.txt
run -f csl-json count.txt
check "a heading with a count is a heading, not an entry" \
    eval "test \"\$(grep -c '\"id\"' out)\" -eq 1 && grep -q '\"type\": \"article-journal\"' out"

# An unknown sub-heading after a typed one stays in the publications above.
printf '## Publications\n\n### Journal Articles\n\n1. A. Smith. A study. J. Things, 3, 1-10, 2020.\n\n### Selected Essays\n\n1. B. Lee (2017). Things. In: M. Weber (Hrsg.): Handbook. Berlin: Springer, S. 1-20.\n' >sub.md
run -v -f csl-json sub.md
check "an unknown sub-heading stays a part of the publications above" \
    eval "grep -q 'unknown, a part of the publications above' err &&
    test \"\$(grep -c '\"id\"' out)\" -eq 2"

# Before any heading, text with a year that does not look like a reference
# is skipped with a warning, not quietly.
printf 'Notes on things and stuff from the field, 2019.\n' >pre.txt
run -f csl-json pre.txt
check "text with a year before any heading is reported when skipped" \
    grep -q 'pre.txt:1: warning: skipping text before any publication heading' err

# A list item that is a year alone gives the year of the items under it.
printf '## Publications\n\n* 2019\n  * D. Poe. Third things. In KDD.\n' >yearitem.md
run -v -f csl-json yearitem.md
check "\"* 2019\" is the year of the items under it, no entry" \
    eval "grep -q '\"2019\": the year of the entries below' err &&
    test \"\$(grep -c '\"id\"' out)\" -eq 1 && grep -q '2019' out"

# A long input is parsed on several threads: the output and the messages
# are the same from run to run, and in input order.
# The entries without a year are warned of by the parsing threads, the
# copies of the sample CV by the writing one.
i=0
while [ $i -lt 15 ]; do
	cat "$cv"
	printf '\n# Journal Articles\n\n'
	j=0
	while [ $j -lt 40 ]; do
		printf -- '- A. Poe and B. Roe. Notes on case %d. Journal of Cases.\n' \
		    $((i * 40 + j))
		j=$((j + 1))
	done
	i=$((i + 1))
done >long.txt
run -f csl-json long.txt
cp out long1.json
cp err long1.err
run -f csl-json long.txt
check "a long input's output and messages are the same on every run" \
    eval "cmp -s out long1.json && cmp -s err long1.err"
check "a long input comes out whole (15 x (38 + 40) entries)" \
    test "$(grep -c '"id"' out)" -eq 1170
check "a long input's messages are in input order" \
    eval "sed -n 's/^cv2bib: long.txt:\\([0-9]*\\):.*/\\1/p' err >lines &&
    test \"\$(grep -c 'no year' err)\" -eq 600 && sort -n -c lines"

# The writing thread's own messages (RIS gives a name once) come with
# their entry too, whatever batch it was in, on every path: one thread
# (a short input), the writer alone, the workers.
i=0
while [ $i -lt 700 ]; do
	printf -- '- A. Poe, B. Roe and A. Poe. Case %d. Journal of Cases, 2020.\n' $i
	printf -- '- C. Doe. Case %d, again. Journal of Cases.\n' $i
	i=$((i + 1))
done >dupnames.body
for n in 3 40 1400; do
	{ printf '# Journal Articles\n\n'; head -n $n dupnames.body; } >dupnames.md
	run -f ris dupnames.md
	check "the writer's messages are in input order ($n entries)" \
	    eval "sed -n 's/^cv2bib: dupnames.md:\\([0-9]*\\):.*/\\1/p' err >lines &&
	    test \"\$(wc -l <lines)\" -eq $n && sort -n -c lines &&
	    test \"\$(grep -c '^TY  - ' out)\" -eq $n"
done

# A file of 512 KiB or more starts the parsing threads with its first
# batch; the same text through a pipe, at 512 entries: the same output and
# messages either way.
cat long.txt long.txt >longer.txt
run -f bibtex longer.txt
cp out longer.bib
sed 's/^cv2bib: longer\.txt:/cv2bib: <stdin>:/' err >longer.err
cat longer.txt | "$CV2BIB" -f bibtex >out 2>err
check "a long file and a pipe of it give the same output and messages" \
    eval "test \"\$(wc -c <longer.txt)\" -ge 524288 &&
    test \"\$(grep -c '^@' longer.bib)\" -eq 2340 &&
    cmp -s out longer.bib && cmp -s err longer.err"

# --- rules -----------------------------------------------------------------
printf 'container /^USENIX Annual Technical Conference$/ "USENIX ATC"\n' >my.rules
run -q -r my.rules -f csl-json "$cv"
check "-r rules apply after the installed ones" \
    grep -q '"container-title": "USENIX ATC"' out
printf '# comment\ncontainer /(unclosed/ x\n' >bad.rules
run -r bad.rules "$cv"
check "a bad user rule exits 2 naming file, line and PCRE2's reason" \
    failed 2 'bad.rules:2: bad pattern at offset 9: missing closing parenthesis'
run -r no.rules "$cv"
check "a missing rules file exits 2" \
    failed 2 "^cv2bib: cannot open 'no.rules': No such file or directory"
CV2BIB_DATADIR=$tmp/adir "$CV2BIB" "$cv" >out 2>err
status=$?
check "installed rules not found: exit 2, pointing at CV2BIB_DATADIR" \
    failed 2 'CV2BIB_DATADIR'

# --- compiled rules --------------------------------------------------------
# cvs DATADIR OUT: the sample CV and two corpus CVs in two formats.
cvs() {
	for f in "$cv" "$srcdir/tests/corpus/03-reinaudi-physics.tex" \
	    "$srcdir/tests/corpus/07-leifer-neuroscience.html"; do
		for fmt in csl-json bibtex; do
			CV2BIB_DATADIR=$1 "$CV2BIB" -q -f $fmt "$f"
		done
	done >"$2" 2>&1
}
mkdir -p data
cp "$CV2BIB_DATADIR"/*.rules data/
cvs "$tmp/data" plain.out
run --compile-rules data/rules.compiled
check "--compile-rules writes the compiled rules and exits 0" \
    test "$status" -eq 0 -a -s data/rules.compiled -a ! -s out -a ! -s err
cvs "$tmp/data" compiled.out
check "with compiled rules the output is the same" cmp -s plain.out compiled.out
CV2BIB_DATADIR=$tmp/data "$CV2BIB" -v -f csl-json "$cv" >out 2>err
status=$?
check "-v says the compiled rules were read" \
    grep -q "note: compiled rules read from $tmp/data/rules.compiled" err
cp data/rules.compiled good.compiled
# damage AT: good.compiled with the byte at offset AT changed.
damage() {
	size=$(wc -c <good.compiled)
	{ head -c $1 good.compiled; printf 'X'
	  tail -c $((size - $1 - 1)) good.compiled; } >data/rules.compiled
}
# A byte in the middle of the file (a code): its checksum no longer holds,
# and the rule is compiled from its pattern if a run needs it.
damage $(($(wc -c <good.compiled) / 2))
cvs "$tmp/data" damaged.out
check "damaged compiled rules are not used: the same output" \
    cmp -s plain.out damaged.out
# A byte in the index: the file is not used at all.
damage 200
cvs "$tmp/data" damaged-index.out
check "a damaged index is not used: the same output" \
    cmp -s plain.out damaged-index.out
CV2BIB_DATADIR=$tmp/data "$CV2BIB" -v -f csl-json "$cv" >out 2>err
status=$?
check "-v says the damaged file was not used" \
    grep -q 'rules.compiled: damaged (wrong checksum); the rules are compiled' err
printf 'not compiled rules at all\n' >data/rules.compiled
cvs "$tmp/data" garbage.out
check "a file that is not compiled rules is not used: the same output" \
    cmp -s plain.out garbage.out
# A rule changed after compiling: it is compiled again, the rest is used.
cp good.compiled data/rules.compiled
sed 's|/^(?:In|/(?:)^(?:In|' data/venues.rules >venues.rules &&
    mv venues.rules data/venues.rules
printf 'container /^USENIX Annual Technical Conference$/ "USENIX ATC"\n' \
    >>data/venues.rules
cvs "$tmp/data" changed.out
rm data/rules.compiled
cvs "$tmp/data" changed-plain.out
check "rules changed since compiling: the output of the changed rules" \
    eval "cmp -s changed.out changed-plain.out &&
    grep -q '\"container-title\": \"USENIX ATC\"' changed.out"
run --compile-rules "$tmp/no/such/dir/rules.compiled"
check "--compile-rules into a missing directory exits 2, naming it" \
    failed 2 "cannot write '.*no/such/dir/rules.compiled'"

done_testing
