#!/bin/sh
# symbols.sh -- cv2bib defines no global symbol that a library it links
# also exports.  The executable's definition would win for the library's
# own calls too: libbibutils' str_convert() once called cv2bib's
# utf8_encode() instead of its own.  Prints TAP.

. "${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"
tap_setup symbols

plan 2
if ! have nm || ! have ldd; then
	skip_tool "nm and ldd read the symbols" nm
	skip_tool "no symbol clash" nm
	done_testing
fi
# Defined functions and data of the executable, and of each library.
nm --defined-only "$CV2BIB" 2>err | awk '$2 ~ /^[TDBR]$/ { print $3 }' |
    sort -u >ours
check "nm reads cv2bib's symbols" test -s ours
ldd "$CV2BIB" | awk '$3 ~ /^\// { print $3 }' |
    grep -E 'libbibutils|libpcre2|libjansson' >libs
: >theirs
while read -r lib; do
	nm -D --defined-only "$lib" | awk '{ print $3 }' >>theirs
done <libs
sort -u theirs -o theirs
comm -12 ours theirs >clash
sed 's/^/# also in a library: /' clash
check "no symbol of cv2bib is also a library's ($(wc -l <libs) libraries)" \
    test ! -s clash
done_testing
