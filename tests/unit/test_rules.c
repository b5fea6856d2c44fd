/*
 * test_rules.c -- the rule file format and the PCRE2 engine.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "rules.h"

/* Load text as a rule file; NULL and the error in *cause on failure. */
static struct rules *
load(const char *text, char **cause)
{
	struct rules *r = rules_new();

	*cause = NULL;
	if (rules_load_string(r, "t.rules", text, cause) == -1) {
		rules_free(r);
		return NULL;
	}
	return r;
}

static void
check_apply(struct rules *r, const char *field, const char *in,
    const char *want)
{
	char *got = rules_apply(r, field, in);

	assert_string_equal(got, want);
	free(got);
}

static void
test_rules_syntax_quotes_flags_comments(void **state)
{
	char *cause;
	struct rules *r = load("# a comment\n\n"
	    "venue /^In\\s+/ \"\"\n"
	    "venue |^the\\s+|i \"\"\n"
	    "venue /a\\/b/g \"a or b\"\n"
	    "venue /(\\d+)(st|nd|rd|th)/ $1   \n"
	    "other /x/ y # not a comment: part of the value\n", &cause);

	(void)state;
	assert_non_null(r);
	assert_int_equal(rules_count(r, "venue"), 4);
	assert_int_equal(rules_count(r, "other"), 1);
	assert_int_equal(rules_count(r, "missing"), 0);
	check_apply(r, "venue", "In The 20th a/b a/b", "20 a or b a or b");
	check_apply(r, "venue", "nothing to do", "nothing to do");
	check_apply(r, "missing", "unchanged", "unchanged");
	assert_string_equal(rules_classify(r, "other", "x"),
	    "y # not a comment: part of the value");
	rules_free(r);
}

static void
test_rules_first_match_only_without_g(void **state)
{
	char *cause;
	struct rules *r = load("f /a/ b\ng /a/g b\n", &cause);

	(void)state;
	check_apply(r, "f", "aaa", "baa");
	check_apply(r, "g", "aaa", "bbb");
	rules_free(r);
}

static void
test_rules_errors_name_file_and_line(void **state)
{
	char *cause;

	(void)state;
	assert_null(load("ok /a/ b\nbad /(a/ b\n", &cause));
	assert_string_equal(cause, "t.rules:2: bad pattern at offset 2: "
	    "missing closing parenthesis");
	free(cause);
	assert_null(load("x /abc b\n", &cause));
	assert_string_equal(cause, "t.rules:1: missing closing delimiter "
	    "\"/\"");
	free(cause);
	assert_null(load("x /a/q b\n", &cause));
	assert_string_equal(cause, "t.rules:1: unknown flag 'q'");
	free(cause);
	assert_null(load("x /a/ \"open\n", &cause));
	assert_string_equal(cause, "t.rules:1: missing closing quote");
	free(cause);
	assert_null(load("Upper /a/ b\n", &cause));
	assert_non_null(strstr(cause, "t.rules:1:"));
	free(cause);
}

static void
test_rules_load_is_all_or_nothing(void **state)
{
	struct rules *r = rules_new();
	char *cause = NULL;

	(void)state;
	assert_int_equal(rules_load_string(r, "a", "f /x/ 1\n", &cause), 0);
	assert_int_equal(rules_load_string(r, "b", "f /y/ 2\nf /(/ 3\n",
	    &cause), -1);
	free(cause);
	assert_int_equal(rules_count(r, "f"), 1);
	rules_free(r);
}

static void
test_rules_later_files_apply_after(void **state)
{
	struct rules *r = rules_new();
	char *cause = NULL;

	(void)state;
	assert_int_equal(rules_load_string(r, "installed", "c /^The / \"\"\n",
	    &cause), 0);
	assert_int_equal(rules_load_string(r, "user", "c /^Journal/ "
	    "\"The Journal\"\n", &cause), 0);
	check_apply(r, "c", "The Journal of X", "The Journal of X");
	rules_free(r);
}

static void
test_rules_user_rules_classify_first(void **state)
{
	struct rules *r = rules_new();
	char *cause = NULL;

	(void)state;
	assert_int_equal(rules_load_string(r, "installed",
	    "section /presentations/i none\nc /a/ b\n", &cause), 0);
	rules_user_mode(r);
	assert_int_equal(rules_load_string(r, "user",
	    "section /^invited presentations$/i talk\nc /b/ c\n", &cause), 0);
	assert_string_equal(rules_classify(r, "section",
	    "Invited Presentations"), "talk");
	assert_string_equal(rules_classify(r, "section", "Presentations"),
	    "none");
	check_apply(r, "c", "a", "c");	/* substitutions: installed first */
	rules_free(r);
}

static void
test_rules_classify_first_match_wins(void **state)
{
	char *cause;
	struct rules *r = load("section /education/i none\n"
	    "section /papers/i conference\n", &cause);

	(void)state;
	assert_string_equal(rules_classify(r, "section", "Education and "
	    "papers"), "none");
	assert_string_equal(rules_classify(r, "section", "Conference Papers"),
	    "conference");
	assert_null(rules_classify(r, "section", "Skills"));
	rules_free(r);
}

static void
test_rules_match_named_groups_and_offset(void **state)
{
	char *cause;
	struct rules *r = load("extract /(?<volume>\\d+)\\((?<issue>\\d+)\\)"
	    "(?<pages>:\\d+)?/ keep\n", &cause);
	struct rules_match m;
	const char *s = "J 12(3) and 14(5):7";
	size_t a, b;

	(void)state;
	assert_int_equal(rules_match(r, "extract", 0, s, strlen(s), 0, &m), 1);
	assert_int_equal(m.start, 2);
	assert_string_equal(m.value, "keep");
	assert_int_equal(m.line, 1);
	assert_true(rules_group(&m, "volume", &a, &b));
	assert_int_equal(b - a, 2);
	assert_memory_equal(s + a, "12", 2);
	assert_false(rules_group(&m, "pages", &a, &b));
	assert_false(rules_group(&m, "nosuch", &a, &b));
	assert_int_equal(rules_match(r, "extract", 0, s, strlen(s), m.end, &m),
	    1);
	assert_true(rules_group(&m, "issue", &a, &b));
	assert_memory_equal(s + a, "5", 1);
	assert_true(rules_group(&m, "pages", &a, &b));
	assert_int_equal(rules_match(r, "extract", 0, s, strlen(s), m.end, &m),
	    0);
	assert_int_equal(rules_match(r, "extract", 1, s, strlen(s), 0, &m), 0);
	rules_free(r);
}

static void
test_rules_utf8_and_unicode_properties(void **state)
{
	char *cause;
	struct rules *r = load("w /\\bKosti\\w\\b/ X\ni /ÉCOLE/i École\n",
	    &cause);

	(void)state;
	check_apply(r, "w", "Dejan Kostić.", "Dejan X.");
	check_apply(r, "i", "école normale", "École normale");
	rules_free(r);
}

static void
test_rules_missing_file(void **state)
{
	struct rules *r = rules_new();
	char *cause = NULL;

	(void)state;
	assert_int_equal(rules_load_file(r, "/nonexistent/x.rules", &cause),
	    -1);
	assert_string_equal(cause, "cannot open '/nonexistent/x.rules': No "
	    "such file or directory");
	free(cause);
	rules_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_syntax_quotes_flags_comments),
		cmocka_unit_test(test_rules_first_match_only_without_g),
		cmocka_unit_test(test_rules_errors_name_file_and_line),
		cmocka_unit_test(test_rules_load_is_all_or_nothing),
		cmocka_unit_test(test_rules_later_files_apply_after),
		cmocka_unit_test(test_rules_classify_first_match_wins),
		cmocka_unit_test(test_rules_user_rules_classify_first),
		cmocka_unit_test(test_rules_match_named_groups_and_offset),
		cmocka_unit_test(test_rules_utf8_and_unicode_properties),
		cmocka_unit_test(test_rules_missing_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
