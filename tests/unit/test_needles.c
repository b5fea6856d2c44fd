/*
 * test_needles.c -- the literals a pattern cannot match without.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"
#include "needles.h"

/* The needles of pattern as "[a][b]", or "NONE". */
static char *
needles_of(const char *pattern, int caseless)
{
	struct needles *nd = needles_new(pattern, strlen(pattern), caseless,
	    0);
	struct buf b = BUF_INIT;
	const char *s;
	size_t i, len;

	if (nd == NULL)
		return strdup("NONE");
	for (i = 0; i < needles_count(nd); i++) {
		s = needles_get(nd, i, &len);
		buf_printf(&b, "[%.*s]", (int)len, s);
	}
	needles_free(nd);
	return buf_take(&b);
}

static void
check(const char *pattern, int caseless, const char *want)
{
	char *got = needles_of(pattern, caseless);

	assert_string_equal(got, want);
	free(got);
}

/* Whether the needles of pattern may be in subject. */
static int
maybe(const char *pattern, int caseless, const char *subject)
{
	struct needles *nd = needles_new(pattern, strlen(pattern), caseless,
	    0);
	struct needles_sum sum;
	int rc;

	assert_non_null(nd);
	needles_summarise(&sum, subject, strlen(subject));
	rc = needles_maybe(nd, &sum);
	needles_free(nd);
	return rc;
}

static void
test_needles_longest_run_of_a_sequence(void **state)
{
	(void)state;
	check("\\bISBN(?:-1[03])?:?\\s*\\d", 0, "[ISBN]");
	check("\\bVol\\.\\s*\\d+", 0, "[Vol.]");
	check("(?<=\\.\\s)(?<publisher>IEEE|ACM)(?=\\s*[.,])", 0,
	    "[IEEE][ACM]");
}

static void
test_needles_alternatives_all_count(void **state)
{
	(void)state;
	check("(?:Filed|Issued)\\s+\\d", 0, "[Filed][Issued]");
	/* One alternative without a literal: nothing is required. */
	check("(?:Filed|\\d+)x", 0, "[x]");
	check("Filed|\\d+", 0, "NONE");
	check("a|", 0, "NONE");
}

static void
test_needles_optional_parts_require_nothing(void **state)
{
	(void)state;
	check("ab?c", 0, "[a]");
	check("(?:https?:\\/\\/)?arXiv", 0, "[arXiv]");
	check("x{0,3}yz", 0, "[yz]");
	check("(?!Award)Paper", 0, "[Paper]");
	check("ab+cde", 0, "[cde]");
	check("(?:ab){2}", 0, "[ab]");
}

static void
test_needles_caseless_letters_with_partners_outside_ascii(void **state)
{
	(void)state;
	/* K and S have case partners outside ASCII (KELVIN SIGN, LONG S). */
	check("Award", 1, "[award]");
	check("Keynote", 1, "[eynote]");
	check("Résumé", 1, "[um]");
	check("Résumé", 0, "[Résumé]");
}

static void
test_needles_unknown_constructs_give_none(void **state)
{
	(void)state;
	check("(?i)Award", 0, "NONE");
	check("(a)\\1", 0, "NONE");
	check("\\QAward\\E", 0, "NONE");
	check("(?(1)a|b)", 0, "NONE");
	check("(*UTF)Award", 0, "NONE");
	check("a{,3}b", 0, "NONE");
	check("a)", 0, "NONE");
	assert_null(needles_new("Award", 5, 0, 1));	/* extended */
}

static void
test_needles_classes_and_escapes_end_a_run(void **state)
{
	(void)state;
	check("ab[c\\]d]ef", 0, "[ab]");
	check("[[:alpha:]]xyz", 0, "[xyz]");
	check("ab\\p{Lu}cde\\x{1}fg", 0, "[cde]");
	check("10\\.\\d{4}\\/", 0, "[10.]");
}

static void
test_needles_rare_bytes_and_case_pairs(void **state)
{
	(void)state;
	/* Of single bytes, one rarer than a letter or a full stop. */
	check("R\\s?&\\s?R", 0, "[&]");
	check("(?<=\\.\\s)\\p{Lu}\\w+:\\s", 0, "[:]");
	/* "[Rr]" is one letter to a summary, which folds case. */
	check("[Ii]n\\s+[Rr]eview", 0, "[Review]");
	check("[Kk]eynote", 0, "[Keynote]");
	check("[Kk]eynote", 1, "[eynote]");
	check("[ab]cd", 0, "[cd]");
	check("[Aa]", 0, "[A]");
	assert_true(maybe("[Rr]eview", 0, "under review"));
	assert_true(maybe("[Rr]eview", 0, "Under Review"));
	assert_false(maybe("[Rr]eview", 0, "under revision"));
}

static void
test_needles_summary_finds_them(void **state)
{
	(void)state;
	assert_true(maybe("(?:Filed|Issued)\\s", 0, "US 123, Issued 2020"));
	assert_false(maybe("(?:Filed|Issued)\\s", 0, "US 123, 2020"));
	assert_true(maybe("Award", 1, "Best Paper AWARD"));
	assert_true(maybe("\\(", 0, "Proc. (NSDI)"));
	assert_false(maybe("\\(", 0, "Proc. NSDI"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_needles_longest_run_of_a_sequence),
		cmocka_unit_test(test_needles_alternatives_all_count),
		cmocka_unit_test(test_needles_optional_parts_require_nothing),
		cmocka_unit_test(
		    test_needles_caseless_letters_with_partners_outside_ascii),
		cmocka_unit_test(test_needles_unknown_constructs_give_none),
		cmocka_unit_test(test_needles_classes_and_escapes_end_a_run),
		cmocka_unit_test(test_needles_rare_bytes_and_case_pairs),
		cmocka_unit_test(test_needles_summary_finds_them),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
