# lib.sh -- TAP helpers for the shell tests (sourced).
#
#	plan N			print the plan
#	check DESC CMD...	run CMD; "ok" if it succeeds
#	skip DESC WHY		a skipped test
#	done_testing		exit 0 if all passed, 1 if not

tap_n=0
tap_fail=0

plan() {
	echo "1..$1"
}

check() {
	desc=$1
	shift
	tap_n=$((tap_n + 1))
	if "$@"; then
		echo "ok $tap_n - $desc"
	else
		echo "not ok $tap_n - $desc"
		tap_fail=$((tap_fail + 1))
		[ -s err ] && sed 's/^/# stderr: /' err | head -n 5
	fi
}

skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

done_testing() {
	[ "$tap_fail" -eq 0 ]
	exit $?
}
