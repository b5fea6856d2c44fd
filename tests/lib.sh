# lib.sh -- TAP helpers for the shell tests (sourced, POSIX sh).
#
#	tap_setup NAME		default $srcdir, $builddir, $CV2BIB and
#				$CV2BIB_DATADIR; make and enter the scratch
#				directory $builddir/tests/tmp/NAME ($tmp)
#	plan N			print the plan
#	check DESC CMD...	run CMD; "ok" if it succeeds, else "not ok"
#				with ./err (if any) and $status (if set) as
#				comments
#	tap_ok DESC, tap_fail DESC [WHY]
#				an outcome decided by the caller
#	skip DESC WHY		a skipped test
#	have TOOL		whether TOOL is on $PATH
#	skip_tool DESC TOOL	a test that needs TOOL, which is missing: a
#				skip, or a failure with CV2BIB_REQUIRE_TOOLS=1
#	done_testing		exit 0 if all passed, 1 if not

tap_n=0
tap_failed=0

tap_setup() {
	: "${srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
	: "${builddir:=$srcdir}"
	: "${CV2BIB:=$builddir/cv2bib}"
	CV2BIB_DATADIR=${CV2BIB_DATADIR:-$srcdir/data}
	export CV2BIB_DATADIR
	tmp=$builddir/tests/tmp/$1
	rm -rf "$tmp"
	mkdir -p "$tmp" && cd "$tmp" || {
		echo "Bail out! cannot make $tmp"
		exit 99
	}
}

plan() {
	echo "1..$1"
}

tap_ok() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1"
}

tap_fail() {
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
	[ -n "${2:-}" ] && echo "# $2"
	return 0
}

check() {
	desc=$1
	shift
	if "$@"; then
		tap_ok "$desc"
	else
		tap_fail "$desc" ${status:+"exit status of the last run: $status"}
		[ -s err ] && sed 's/^/# stderr: /' err | head -n 5
	fi
}

skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

have() {
	command -v "$1" >/dev/null 2>&1
}

skip_tool() {
	if [ "${CV2BIB_REQUIRE_TOOLS:-0}" = 1 ]; then
		tap_fail "$1" "$2 is required (CV2BIB_REQUIRE_TOOLS=1) but missing"
	else
		skip "$1" "$2 not installed"
	fi
}

done_testing() {
	[ "$tap_failed" -eq 0 ]
	exit $?
}
