/*
 * test_rules.c -- the rule file format and the PCRE2 engine.
 *
 * "test_rules --bench [N]" times rules_apply() instead of testing.
 */
#include "config.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "diag.h"
#include "rules.h"

/* More uses than rules.c waits for before it JIT-compiles a rule. */
#define PAST_JIT	300

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

/* Load text that must be valid. */
static struct rules *
load_ok(const char *text)
{
	char *cause = NULL;
	struct rules *r = load(text, &cause);

	if (r == NULL)
		fail_msg("unexpected load error: %s", cause);
	return r;
}

/* Check that text fails to load with exactly the message want. */
static void
check_error(const char *text, const char *want)
{
	char *cause = NULL;
	struct rules *r = load(text, &cause);

	assert_null(r);
	assert_non_null(cause);
	assert_string_equal(cause, want);
	free(cause);
}

static void
check_apply(struct rules *r, const char *field, const char *in,
    const char *want)
{
	char *got = rules_apply(r, field, in);

	assert_string_equal(got, want);
	free(got);
}

/* The value of the only rule of field (its unexpanded REPLACEMENT). */
static const char *
value_of(struct rules *r, const char *field)
{
	struct rules_match m;
	const char *s = "";

	assert_int_equal(rules_count(r, field), 1);
	/* Every test rule below that uses this matches the empty string. */
	assert_int_equal(rules_match(r, field, 0, s, 0, 0, &m), 1);
	return m.value;
}

/* Write text to a new file under the build directory; returns its path. */
static char *
write_file(const char *name, const char *text, size_t len)
{
	static char path[256];
	FILE *fp;

	snprintf(path, sizeof(path), "test_rules-%ld-%s", (long)getpid(),
	    name);
	assert_non_null(fp = fopen(path, "wb"));
	assert_int_equal(fwrite(text, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
	return path;
}

static void
test_rules_blank_and_comment_lines_are_ignored(void **state)
{
	struct rules *r = load_ok("# a comment\n\n   \n\t# indented comment\n"
	    "f /a/ b\r\n\r\n# last\n");

	(void)state;
	assert_int_equal(rules_count(r, "f"), 1);
	check_apply(r, "f", "xa", "xb");	/* the "\r" is not in the value */
	rules_free(r);
}

static void
test_rules_replacement_is_rest_of_line_trimmed(void **state)
{
	struct rules *r = load_ok("f /^/   two  words \t\n"
	    "g /^/ a # not a comment: part of the value\n"
	    "h /^/\n"
	    "i /^/ \t \n");

	(void)state;
	assert_string_equal(value_of(r, "f"), "two  words");
	assert_string_equal(value_of(r, "g"),
	    "a # not a comment: part of the value");
	assert_string_equal(value_of(r, "h"), "");
	assert_string_equal(value_of(r, "i"), "");
	rules_free(r);
}

static void
test_rules_quoted_replacement_keeps_blanks_and_escapes(void **state)
{
	struct rules *r = load_ok("f /^/ \" padded \"\n"
	    "g /^/ \"say \\\"hi\\\" \\\\ there\"   # a comment\n"
	    "h /^/ \"\"\n"
	    "i /^/ \"a\\nb\"\n");

	(void)state;
	assert_string_equal(value_of(r, "f"), " padded ");
	assert_string_equal(value_of(r, "g"), "say \"hi\" \\ there");
	assert_string_equal(value_of(r, "h"), "");
	/* Other backslashes are left for pcre2_substitute(). */
	assert_string_equal(value_of(r, "i"), "a\\nb");
	check_apply(r, "i", "x", "a\nbx");
	rules_free(r);
}

static void
test_rules_escaped_delimiter_is_a_literal(void **state)
{
	struct rules *r = load_ok("slash /a\\/b/ X\n"
	    "pipe |a\\|b|g Y\n"
	    "mixed |a/b| Z\n"
	    "hash #\\d+\\## N\n"
	    "bs /a\\\\/ B\n"
	    "bs3 /a\\\\\\/b/ C\n");

	(void)state;
	check_apply(r, "slash", "1 a/b 2", "1 X 2");
	check_apply(r, "slash", "ab", "ab");
	check_apply(r, "pipe", "a|b a|b", "Y Y");
	check_apply(r, "pipe", "a", "a");	/* not an alternation */
	check_apply(r, "mixed", "a/b", "Z");
	check_apply(r, "hash", "no 12#", "no N");
	/* "\\" is an escaped backslash: the "/" after it closes. */
	check_apply(r, "bs", "a\\", "B");
	/* "\\\/": a backslash, then an escaped slash. */
	check_apply(r, "bs3", "x a\\/b", "x C");
	rules_free(r);
}

static void
test_rules_flags_i_x_s_g(void **state)
{
	struct rules *r = load_ok("ci /proc/i P\n"
	    "cs /proc/ P\n"
	    "x /a b c  # comment/x X\n"
	    "dot /a.b/ D\n"
	    "dots /a.b/s D\n"
	    "all /o/gi 0\n"
	    "one /o/ 0\n");

	(void)state;
	check_apply(r, "ci", "PROC. IEEE", "P. IEEE");
	check_apply(r, "cs", "PROC. IEEE", "PROC. IEEE");
	check_apply(r, "x", "abc", "X");	/* blanks and # ignored */
	check_apply(r, "dot", "a\nb", "a\nb");
	check_apply(r, "dots", "a\nb", "D");
	check_apply(r, "all", "foo bOo", "f00 b00");
	check_apply(r, "one", "foo boo", "f0o boo");
	rules_free(r);
}

static void
test_rules_errors_name_file_and_line(void **state)
{
	(void)state;
	check_error("ok /a/ b\n\nbad /(a/ b\n",
	    "t.rules:3: bad pattern at offset 2: missing closing parenthesis");
	check_error("# c\n\n\n\nx /abc b\n",
	    "t.rules:5: missing closing delimiter \"/\"");
	check_error("x |a\\| b\n", "t.rules:1: missing closing delimiter \"|\"");
	check_error("x /a/iq b\n", "t.rules:1: unknown flag 'q'");
	check_error("x /a/ \"open\n", "t.rules:1: missing closing quote");
	check_error("x /a/ \"a\\\"\n", "t.rules:1: missing closing quote");
	check_error("x /a/ \"a\" b\n",
	    "t.rules:1: text after the closing quote");
	check_error("Upper /a/ b\n",
	    "t.rules:1: a rule starts with a field name (a-z)");
	check_error("a.b /a/ b\n",
	    "t.rules:1: a field name is made of a-z, 0-9, - and _");
	check_error("venue\n", "t.rules:1: missing pattern");
	check_error("venue abc d\n", "t.rules:1: missing pattern");
	check_error("venue \\a\\ d\n", "t.rules:1: missing pattern");
}

static void
test_rules_bad_replacement_is_a_load_error(void **state)
{
	(void)state;
	check_error("f /(a)(?<year>b)/ $1$2${year}\nf /(a)/ x$3\n",
	    "t.rules:2: bad replacement \"x$3\" at offset 3: "
	    "unknown substring");
	check_error("f /(?<year>\\d+)/ ${yaer}\n",
	    "t.rules:1: bad replacement \"${yaer}\" at offset 7: "
	    "unknown substring");
	check_error("f /a/ \"\\q\"\n",
	    "t.rules:1: bad replacement \"\\q\" at offset 1: "
	    "bad escape sequence in replacement string");
}

static void
test_rules_invalid_utf8_is_a_load_error(void **state)
{
	(void)state;
	check_error("f /a/ b\nf /\xc3(/ b\n", "t.rules:2: invalid UTF-8");
}

static void
test_rules_load_is_all_or_nothing(void **state)
{
	struct rules *r = rules_new();
	char *cause = NULL;

	(void)state;
	assert_int_equal(rules_load_string(r, "a", "f /x/ 1\n", &cause), 0);
	assert_int_equal(rules_load_string(r, "b",
	    "f /y/ 2\ng /z/ 3\nf /(/ 3\n", &cause), -1);
	assert_non_null(strstr(cause, "b:3: bad pattern"));
	free(cause);
	assert_int_equal(rules_count(r, "f"), 1);
	assert_int_equal(rules_count(r, "g"), 0);
	check_apply(r, "f", "xy", "1y");
	rules_free(r);
}

static void
test_rules_apply_in_order_across_rules_and_files(void **state)
{
	struct rules *r = rules_new();
	char *cause = NULL;

	(void)state;
	assert_int_equal(rules_load_string(r, "one",
	    "c /^In\\s+/ \"\"\nother /x/ y\nc /^Proc\\.\\s+/ Proceedings\\x20\n",
	    &cause), 0);
	assert_int_equal(rules_load_string(r, "two",
	    "c /^Proceedings of\\s+/ \"\"\nc /(\\w+)$/ [$1]\n", &cause), 0);
	assert_int_equal(rules_count(r, "c"), 4);
	/* Each rule sees the result of the one before, in load order. */
	check_apply(r, "c", "In Proc. of SOSP", "[SOSP]");
	check_apply(r, "c", "Proc. of NSDI", "[NSDI]");
	check_apply(r, "c", "In Nature", "[Nature]");
	check_apply(r, "c", "", "");
	check_apply(r, "missing", "unchanged", "unchanged");
	rules_free(r);
}

static void
test_rules_user_rules_apply_after_installed(void **state)
{
	struct rules *r = rules_new();
	char *cause = NULL;

	(void)state;
	assert_int_equal(rules_load_string(r, "installed",
	    "c /^The / \"\"\n", &cause), 0);
	rules_user_mode(r);
	assert_int_equal(rules_load_string(r, "user",
	    "c /^Journal/ \"The Journal\"\n", &cause), 0);
	check_apply(r, "c", "The Journal of X", "The Journal of X");
	rules_free(r);
}

static void
test_rules_global_replaces_every_match(void **state)
{
	struct rules *r = load_ok("first /a/ b\nall /a/g b\n"
	    "grow /a/g \"<$0$0>\"\n"
	    "empty /x*/g -\n");
	char in[101], want[401];
	int i;

	(void)state;
	for (i = 0; i < 100; i++) {
		in[i] = 'a';
		memcpy(want + 4 * i, "<aa>", 4);
	}
	in[100] = want[400] = '\0';
	check_apply(r, "first", "aaa", "baa");
	check_apply(r, "all", "aaa", "bbb");
	check_apply(r, "all", "xyz", "xyz");
	/* Longer than the first guess at the output: retried with more. */
	check_apply(r, "grow", in, want);
	check_apply(r, "empty", "ab", "-a-b-");
	rules_free(r);
}

static void
test_rules_unset_group_expands_to_nothing(void **state)
{
	struct rules *r = load_ok("f /(a)?b/ [$1]\ng /(?<x>a)?b/ "
	    "${x:+yes:no}\n");

	(void)state;
	check_apply(r, "f", "ab", "[a]");
	check_apply(r, "f", "b", "[]");
	check_apply(r, "g", "ab", "yes");
	check_apply(r, "g", "b", "no");
	rules_free(r);
}

static void
test_rules_classify_first_match_wins(void **state)
{
	struct rules *r = load_ok("section /education/i none\n"
	    "section /papers/i conference\n"
	    "section /journal/i article\n");

	(void)state;
	assert_string_equal(rules_classify(r, "section", "Education and "
	    "papers"), "none");
	assert_string_equal(rules_classify(r, "section", "Journal Papers"),
	    "conference");
	assert_string_equal(rules_classify(r, "section", "JOURNALS"),
	    "article");
	assert_null(rules_classify(r, "section", "Skills"));
	assert_null(rules_classify(r, "nosuch", "Papers"));
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
test_rules_match_named_groups_and_offset(void **state)
{
	struct rules *r = load_ok("extract /(?<volume>\\d+)\\((?<issue>\\d+)"
	    "\\)(?<pages>:\\d+)?/ keep\n");
	struct rules_match m;
	const char *s = "J 12(3) and 14(5):7";
	size_t a, b;

	(void)state;
	assert_int_equal(rules_match(r, "extract", 0, s, strlen(s), 0, &m), 1);
	assert_int_equal(m.start, 2);
	assert_int_equal(m.end, 7);
	assert_string_equal(m.value, "keep");
	assert_string_equal(m.file, "t.rules");
	assert_int_equal(m.line, 1);
	assert_true(rules_group(&m, "volume", &a, &b));
	assert_int_equal(a, 2);
	assert_int_equal(b, 4);
	assert_false(rules_group(&m, "pages", &a, &b));	/* did not take part */
	assert_false(rules_group(&m, "nosuch", &a, &b));
	assert_int_equal(rules_match(r, "extract", 0, s, strlen(s), m.end, &m),
	    1);
	assert_int_equal(m.start, 12);
	assert_true(rules_group(&m, "issue", &a, &b));
	assert_memory_equal(s + a, "5", 1);
	assert_true(rules_group(&m, "pages", &a, &b));
	assert_int_equal(b - a, 2);
	assert_memory_equal(s + a, ":7", 2);
	assert_int_equal(rules_match(r, "extract", 0, s, strlen(s), m.end, &m),
	    0);
	/* Only the first len bytes are the subject. */
	assert_int_equal(rules_match(r, "extract", 0, s, 6, 0, &m), 0);
	assert_int_equal(rules_match(r, "extract", 1, s, strlen(s), 0, &m), 0);
	assert_int_equal(rules_match(r, "nosuch", 0, s, strlen(s), 0, &m), 0);
	assert_int_equal(rules_match(r, "extract", 0, s, strlen(s),
	    strlen(s) + 1, &m), 0);
	rules_free(r);
}

static void
test_rules_group_with_duplicate_names(void **state)
{
	struct rules *r = load_ok("d /(?J)(?<y>\\d{4})-|-(?<y>\\d{2})$/ v\n"
	    "b /(?|(?<v>\\d+)\\.|v(?<v>\\d+))/ v\n");
	struct rules_match m;
	const char *s = "vol-99", *t = "v12";
	size_t a, b;

	(void)state;
	assert_int_equal(rules_match(r, "d", 0, s, strlen(s), 0, &m), 1);
	assert_true(rules_group(&m, "y", &a, &b));
	assert_memory_equal(s + a, "99", 2);
	assert_int_equal(rules_match(r, "b", 0, t, strlen(t), 0, &m), 1);
	assert_true(rules_group(&m, "v", &a, &b));
	assert_memory_equal(t + a, "12", 2);
	rules_free(r);
}

static void
test_rules_match_start_inside_a_character_moves_on(void **state)
{
	struct rules *r = load_ok("w /\\w/ v\n");
	struct rules_match m;
	const char *s = "\xc3\xa9t\xc3\xa9";	/* "été" */

	(void)state;
	/* Offset 1 is inside "é": the search starts at "t". */
	assert_int_equal(rules_match(r, "w", 0, s, strlen(s), 1, &m), 1);
	assert_int_equal(m.start, 2);
	assert_int_equal(rules_match(r, "w", 0, s, strlen(s), 4, &m), 0);
	rules_free(r);
}

static void
test_rules_utf8_and_unicode_properties(void **state)
{
	struct rules *r = load_ok("w /\\bKosti\\w\\b/ X\n"
	    "word /^\\w+$/ W\n"
	    "b /\\bi/g I\n"
	    "dot /^.$/ 1\n");

	(void)state;
	check_apply(r, "w", "Dejan Kostić.", "Dejan X.");
	check_apply(r, "word", "Kostić", "W");
	check_apply(r, "word", "Müller_2", "W");
	/* "ć" is a word character: no boundary between it and "i". */
	check_apply(r, "b", "ći ii", "ći Ii");
	check_apply(r, "dot", "ć", "1");
	rules_free(r);
}

static void
test_rules_caseless_non_ascii(void **state)
{
	struct rules *r = load_ok("e /ÉCOLE/i École\n"
	    "k /kostić/i K\n"
	    "s /STRASSE|straße/i S\n");

	(void)state;
	check_apply(r, "e", "école normale", "École normale");
	check_apply(r, "k", "KOSTIĆ", "K");
	check_apply(r, "k", "KOSTIC", "KOSTIC");
	check_apply(r, "s", "STRAẞE", "S");	/* capital sharp s */
	rules_free(r);
}

/*
 * Once a rule is used often, ASCII subjects go to a compilation without
 * UCP: the results must not change, for ASCII and for other subjects.
 */
static void
test_rules_results_stay_the_same_after_many_uses(void **state)
{
	struct rules *r = load_ok("w /\\b\\w+\\b/g <$0>\n"
	    "s /\\s+/g _\n"
	    "p /[[:alpha:]]+/ A\n"
	    "c /\\bk\\w*/gi K\n");
	int i;

	(void)state;
	for (i = 0; i < PAST_JIT; i++) {
		check_apply(r, "w", "Dejan Kostić", "<Dejan> <Kostić>");
		check_apply(r, "w", "ab_1, cd", "<ab_1>, <cd>");
		check_apply(r, "s", "a \t b\xc2\xa0" "c", "a_b_c");
		check_apply(r, "s", "a \t b c", "a_b_c");
		check_apply(r, "p", "1 éa", "1 A");
		check_apply(r, "p", "1 ea", "1 A");
		check_apply(r, "c", "KA ka Ka", "K K K");
		check_apply(r, "c", "K\xe2\x84\xaa ka", "K K");	/* Kelvin */
	}
	rules_free(r);
}

/* A long subject needs more stack than JIT has by default. */
static void
test_rules_long_subject_still_matches(void **state)
{
	struct rules *r = load_ok("f /(?:a|b)*c/ X\n");
	size_t i, n = 400000;
	char *s = malloc(n + 2);
	int k;

	(void)state;
	assert_non_null(s);
	for (i = 0; i < n; i++)
		s[i] = "ab"[i % 2];
	s[n] = 'c';
	s[n + 1] = '\0';
	for (k = 0; k < PAST_JIT; k++)
		check_apply(r, "f", "abc", "X");
	check_apply(r, "f", s, "X");
	free(s);
	rules_free(r);
}

/* Read what diag printed to fp since it was opened. */
static char *
slurp(FILE *fp)
{
	static char text[1024];
	size_t n;

	rewind(fp);
	n = fread(text, 1, sizeof(text) - 1, fp);
	text[n] = '\0';
	return text;
}

static void
test_rules_runtime_failure_warns_once_and_keeps_text(void **state)
{
	/* The branch with $4 is only read when group 1 did not match. */
	struct rules *r = load_ok("f /x/ ok\n"
	    "f /(a)?b/ \"${1:+one:$4}\"\n"
	    "m /(*LIMIT_MATCH=1)(?:a|b)*c/ X\n");
	FILE *fp = tmpfile();
	const char *out;

	(void)state;
	assert_non_null(fp);
	diag_reset();
	diag_set_output(fp);
	check_apply(r, "f", "xab", "okone");
	check_apply(r, "f", "xb", "okb");
	check_apply(r, "f", "b", "b");
	check_apply(r, "m", "abababababababc", "abababababababc");
	check_apply(r, "m", "abababababababc", "abababababababc");
	diag_set_output(NULL);
	out = slurp(fp);
	assert_int_equal(diag_count(DIAG_WARNING), 2);
	assert_non_null(strstr(out, "t.rules:2: warning: rule replacement "
	    "failed: unknown substring\n"));
	assert_non_null(strstr(out, "t.rules:3: warning: rule match failed: "
	    "match limit exceeded\n"));
	fclose(fp);
	diag_reset();
	rules_free(r);
}

static void
test_rules_lazy_rules_match_alike_and_report_bad_patterns_at_use(
    void **state)
{
	/* A set loaded lazily matches as one compiled at load. */
	static const char *text = "f /\\bx(\\w+)/ <$1>\n"
	    "f /(?<n>\\d+)é/ n\n"
	    "g /(unclosed/ never\n"
	    "g /b${/ \"$2\"\n"
	    "g /z/ ok\n";
	struct rules *r = rules_new();
	char *cause = NULL, *out;
	FILE *fp = tmpfile();
	int i;

	(void)state;
	assert_non_null(fp);
	rules_lazy(r, 1);
	assert_int_equal(rules_load_string(r, "t.rules", text, &cause), 0);
	assert_null(cause);
	diag_reset();
	diag_set_output(fp);
	/* ASCII and non-ASCII subjects, before and past JIT. */
	for (i = 0; i < PAST_JIT; i++) {
		check_apply(r, "f", "a xyz", "a <yz>");
		check_apply(r, "f", "é xyz 12é", "é <yz> n");
	}
	/* The bad rules of g are reported once each, and skipped. */
	check_apply(r, "g", "abz", "abok");
	check_apply(r, "g", "abz", "abok");
	diag_set_output(NULL);
	out = slurp(fp);
	assert_int_equal(diag_count(DIAG_WARNING), 2);
	assert_non_null(strstr(out, "t.rules:3: warning: bad pattern at "
	    "offset 9: missing closing parenthesis; rule ignored\n"));
	assert_non_null(strstr(out, "t.rules:4: warning: bad replacement"));
	fclose(fp);
	diag_reset();
	rules_free(r);
}

static void
test_rules_load_file_and_its_errors(void **state)
{
	struct rules *r = rules_new();
	char *cause = NULL, *path;
	static const char nul[] = "f /a/ b\n\0\n";

	(void)state;
	assert_int_equal(rules_load_file(r, "/nonexistent/x.rules", &cause),
	    -1);
	assert_string_equal(cause, "cannot open '/nonexistent/x.rules': No "
	    "such file or directory");
	free(cause);
	path = write_file("good.rules", "\xef\xbb\xbf" "f /a/ b\r\n",
	    strlen("\xef\xbb\xbf" "f /a/ b\r\n"));
	assert_int_equal(rules_load_file(r, path, &cause), 0);
	unlink(path);
	check_apply(r, "f", "a", "b");
	path = write_file("bad.rules", "f /a/ b\n\ng /a/z b\n",
	    strlen("f /a/ b\n\ng /a/z b\n"));
	assert_int_equal(rules_load_file(r, path, &cause), -1);
	assert_non_null(strstr(cause, "bad.rules:3: unknown flag 'z'"));
	assert_int_equal(strncmp(cause, path, strlen(path)), 0);
	free(cause);
	unlink(path);
	path = write_file("nul.rules", nul, sizeof(nul) - 1);
	assert_int_equal(rules_load_file(r, path, &cause), -1);
	assert_non_null(strstr(cause, "not a text file"));
	free(cause);
	unlink(path);
	assert_int_equal(rules_count(r, "f"), 1);
	assert_int_equal(rules_count(r, "g"), 0);
	rules_free(r);
}

/*
 * A file whose size is not known beforehand (a pipe) and longer than a
 * first read is read whole.
 */
static void
test_rules_load_file_from_a_pipe(void **state)
{
	struct rules *r = rules_new();
	char *cause = NULL, path[64], line[64];
	int fd[2], i;

	(void)state;
	assert_int_equal(pipe(fd), 0);
	/* 20 KB fits in a pipe's buffer: no writer thread needed. */
	for (i = 0; i < 400; i++) {
		snprintf(line, sizeof(line), "# comment %03d %40s\n", i, "");
		assert_int_equal(write(fd[1], line, strlen(line)),
		    (ssize_t)strlen(line));
	}
	assert_int_equal(write(fd[1], "f /a/ b\n", 8), 8);
	close(fd[1]);
	snprintf(path, sizeof(path), "/dev/fd/%d", fd[0]);
	assert_int_equal(rules_load_file(r, path, &cause), 0);
	close(fd[0]);
	check_apply(r, "f", "a", "b");
	rules_free(r);
}

static void
test_rules_library_version_is_pcre2s(void **state)
{
	const char *v = rules_library_version();

	(void)state;
	assert_true(v[0] >= '1' && v[0] <= '9');
	assert_non_null(strchr(v, '.'));
}

/* Seconds on a monotonic clock. */
static double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * The cost of one rules_apply() with 20 rules, none of which matches, on
 * a 250-byte subject, non-ASCII and ASCII.  Run by hand.
 */
static int
bench(long n)
{
	static const char *rules =
	    "f /^(?:In|in)\\s*:?\\s+/ \"\"\n"
	    "f /^Proc(?:eedings|\\.)\\s+(?:of\\s+(?:the\\s+)?)?/i \"\"\n"
	    "f /^The\\s+/ \"\"\n"
	    "f /^(?:\\d+(?:st|nd|rd|th)|First|Second|Third)\\s+/i \"\"\n"
	    "f /^(?:(?:19|20)\\d\\d)\\s+/ \"\"\n"
	    "f /[,\\s]+(?:19|20)\\d\\d$/ \"\"\n"
	    "f /^arxiv(?:\\s+preprint)?$/i arXiv\n"
	    "f /\\s*(?:–|—)\\s*/g -\n"
	    "f /\\bDOI:\\s*(10\\.\\d+)/ $1\n"
	    "f /\\[(?:\\s*(?:Download|PDF|Link|Slides|Code)\\s*)\\]/ig \"\"\n"
	    "f /\\((?:\\s*(?:Download|PDF|Link|Slides|Code)\\s*)\\)/ig \"\"\n"
	    "f /\\b(?:Download|Watch)\\b(?=\\s*(?:$|[(&\\[]))/g \"\"\n"
	    "f /\\s+([,:;?!])/g $1\n"
	    "f /\\bet\\s+al\\.?\\s*$/i \"\"\n"
	    "f /https?:\\/\\/\\S+/g \"\"\n"
	    "f /\\s{2,}/g \" \"\n"
	    "f /\\bpp\\.\\s*(\\d+)/ $1\n"
	    "f /Ph\\.?\\s*D\\.?\\s+thesis/i PhD\n"
	    "f /\\bIEEE\\s+Trans\\.\\s/ \"IEEE Transactions \"\n"
	    "f /\\p{Lu}{5,}/ X\n";
	static const char *text = "Nguyen, T. A., Kostić, D., & Müller, J. "
	    "(2021). Learning sparse representations for graph-structured "
	    "data with applications to molecular property prediction. "
	    "Journal of Machine Learning Research, 22(148), 1-37. Presented "
	    "at the workshop on graph learning, Vienna, Austria.............";
	struct rules *r = rules_new();
	char *cause = NULL, *out, s[2][251];
	double t0;
	long i;
	int k;

	if (strlen(text) < 250 ||
	    rules_load_string(r, "bench", rules, &cause) == -1) {
		fprintf(stderr, "%s\n", cause);
		return 1;
	}
	memcpy(s[0], text, 250);
	for (k = 0; k < 250; k++)
		s[1][k] = (unsigned char)text[k] < 0x80 ? text[k] : 'c';
	s[0][250] = s[1][250] = '\0';
	for (k = 0; k < 2; k++) {
		for (i = 0; i < 1000; i++)	/* past the JIT threshold */
			free(rules_apply(r, "f", s[k]));
		t0 = bench_now();
		for (i = 0; i < n; i++) {
			out = rules_apply(r, "f", s[k]);
			if (strcmp(out, s[k]) != 0)
				return 1;
			free(out);
		}
		printf("rules_apply, %zu rules, none matches, 250 bytes, %s: "
		    "%.3f us\n", rules_count(r, "f"),
		    k == 0 ? "non-ASCII" : "ASCII",
		    (bench_now() - t0) / n * 1e6);
	}
	rules_free(r);
	return 0;
}

/*
 * rules_match_from(): the first rule from a number on that matches; the
 * offset holds for that rule only.
 */
static void
test_rules_match_from_the_next_rule_that_matches(void **state)
{
	struct rules *r = load_ok("x /b/ one\nx /zz/ two\nx /a/ three\n");
	const char *s = "ab ab";
	struct rules_match m;
	size_t idx = 0;

	(void)state;
	assert_int_equal(rules_match_from(r, "x", &idx, s, 5, 0, &m), 1);
	assert_int_equal(idx, 0);
	assert_int_equal(m.start, 1);
	/* From offset 2 rule 0 finds the second "b". */
	assert_int_equal(rules_match_from(r, "x", &idx, s, 5, 2, &m), 1);
	assert_int_equal(idx, 0);
	assert_int_equal(m.start, 4);
	/* Past the last "b": rule 2 matches, from the start. */
	assert_int_equal(rules_match_from(r, "x", &idx, s, 5, 5, &m), 1);
	assert_int_equal(idx, 2);
	assert_int_equal(m.start, 0);
	assert_string_equal(m.value, "three");
	idx = 3;
	assert_int_equal(rules_match_from(r, "x", &idx, s, 5, 0, &m), 0);
	idx = 0;
	assert_int_equal(rules_match_from(r, "none", &idx, s, 5, 0, &m), 0);
	rules_free(r);
}

/*
 * Short subjects are remembered with their answers: asked again, the same
 * answer; once more rules are loaded, the answer of all the rules.
 */
static void
test_rules_answers_remembered_until_rules_change(void **state)
{
	struct rules *r = load_ok("venue /^Proc\\. / \"\"\n"
	    "kind /Workshop/ workshop\n");
	char *cause = NULL;
	int i;

	(void)state;
	for (i = 0; i < 3; i++) {
		check_apply(r, "venue", "Proc. NSDI", "NSDI");
		assert_string_equal(rules_classify(r, "kind", "Workshop on X"),
		    "workshop");
		assert_null(rules_classify(r, "kind", "Conference on X"));
	}
	assert_int_equal(rules_load_string(r, "u.rules",
	    "venue /NSDI/ \"USENIX NSDI\"\nkind /Conference/ conference\n",
	    &cause), 0);
	check_apply(r, "venue", "Proc. NSDI", "USENIX NSDI");
	assert_string_equal(rules_classify(r, "kind", "Conference on X"),
	    "conference");
	/* A subject too long to remember gives the same answers. */
	check_apply(r, "venue", "Proc. NSDI and a very long tail that goes on "
	    "past sixty-four bytes", "USENIX NSDI and a very long tail that "
	    "goes on past sixty-four bytes");
	rules_free(r);
}

/*
 * The bytes a subject may start with for some rule of a field to match:
 * those of anchored patterns (either case if caseless), any byte outside
 * ASCII, every byte once a pattern is not anchored; a rule added later
 * counts.
 */
static void
test_rules_may_start_from_the_patterns(void **state)
{
	struct rules *r = load_ok("p\t/^(?:van|ibn|[0-9]+th)$/\n"
	    "p\t/^Esq\\.?$/i\n"
	    "q\t/ibn/\n");
	char *cause = NULL;

	(void)state;
	assert_true(rules_may_start(r, "p", 'v'));
	assert_true(rules_may_start(r, "p", 'i'));
	assert_true(rules_may_start(r, "p", '4'));
	assert_true(rules_may_start(r, "p", 'E'));
	assert_true(rules_may_start(r, "p", 'e'));
	assert_false(rules_may_start(r, "p", 'V'));
	assert_false(rules_may_start(r, "p", 'x'));
	assert_false(rules_may_start(r, "p", ' '));
	assert_true(rules_may_start(r, "p", 0xc3));
	assert_true(rules_may_start(r, "q", 'x'));
	assert_false(rules_may_start(r, "none", 'v'));
	assert_int_equal(rules_load_string(r, "more", "p\t/^x/\n", &cause),
	    0);
	assert_true(rules_may_start(r, "p", 'x'));
	rules_free(r);
}

/* --- compiled rules ------------------------------------------------------ */

/* Rules with groups, cases, classes: ASCII and non-ASCII subjects. */
static const char cache_rules[] =
    "f /\\bx(\\w+)/ <$1>\n"
    "f /(?<n>\\d+)\\s*é/i n${n}\n"
    "k /^Proc(?:eedings|\\.)\\s+of\\b/i proceedings\n"
    "k /\\bWorkshop\\b/ workshop\n"
    "k /\\p{Lu}{4,}/ caps\n";

/* What a set makes of some subjects, all in one string, into out. */
static const char *
cache_results_in(struct rules *r, char *out, size_t size)
{
	static const char *subj[] = { "a xyz 12 É", "é XYZ 3 é", "Proc. of X",
	    "PROCEEDINGS OF Y", "A Workshop", "ÉCOLE", "nothing", "" };
	const char *v;
	char *got;
	size_t i, n = 0;

	for (i = 0; i < sizeof(subj) / sizeof(subj[0]); i++) {
		got = rules_apply(r, "f", subj[i]);
		v = rules_classify(r, "k", subj[i]);
		n += (size_t)snprintf(out + n, size - n, "%s|%s\n", got,
		    v != NULL ? v : "-");
		free(got);
	}
	return out;
}

/* The same into a static buffer. */
static const char *
cache_results(struct rules *r)
{
	static char out[1024];

	return cache_results_in(r, out, sizeof(out));
}

/* A set of cache_rules loaded lazily, with the compiled rules at path. */
static struct rules *
cache_load(const char *text, const char *path, int want, char **cause)
{
	struct rules *r = rules_new();

	rules_lazy(r, 1);
	assert_int_equal(rules_load_string(r, "t.rules", text, cause), 0);
	*cause = NULL;
	assert_int_equal(rules_cache_read(r, path, cause), want);
	return r;
}

/* Compile text's rules into a file; its path (static) and its bytes. */
static char *
cache_write(const char *text, char **bytes, size_t *len)
{
	static char path[256];
	struct rules *r = rules_new();
	char *cause = NULL;
	FILE *fp;

	snprintf(path, sizeof(path), "test_rules-%ld-rules.compiled",
	    (long)getpid());
	assert_int_equal(rules_load_string(r, "t.rules", text, &cause), 0);
	assert_int_equal(rules_cache_write(r, path, &cause), 0);
	rules_free(r);
	assert_non_null(fp = fopen(path, "rb"));
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	*len = (size_t)ftell(fp);
	rewind(fp);
	*bytes = malloc(*len);
	assert_int_equal(fread(*bytes, 1, *len, fp), *len);
	fclose(fp);
	return path;
}

/* Results of a set without compiled rules: what every other must give. */
static char *
cache_reference(const char *text)
{
	struct rules *r = load_ok(text);
	char *want = strdup(cache_results(r));

	rules_free(r);
	return want;
}

/*
 * Written and read back, the compiled rules give what the rules give,
 * before and past JIT, in the set and in a clone.
 */
static void
test_rules_cache_round_trip(void **state)
{
	char *want = cache_reference(cache_rules), *bytes, *cause, *path;
	struct rules *r, *c;
	size_t len;
	int i;

	(void)state;
	path = cache_write(cache_rules, &bytes, &len);
	r = cache_load(cache_rules, path, 0, &cause);
	for (i = 0; i < PAST_JIT; i++)
		assert_string_equal(cache_results(r), want);
	c = rules_clone(r);
	assert_string_equal(cache_results(c), want);
	rules_free(c);
	rules_free(r);
	assert_int_equal(rules_cache_read(r = rules_new(), "/nonexistent/x",
	    &cause), 1);
	rules_free(r);
	unlink(path);
	free(bytes);
	free(want);
}

/*
 * Every byte of the file changed in turn: the file is refused when it is
 * read (its head), or the damage is found when the part is first needed,
 * and the rule compiled from its pattern: noted for a code or needles; a
 * changed pattern is only not the rule's (another with the same hash
 * might be in the file).  Never another result.
 */
static void
test_rules_cache_damage_anywhere_changes_nothing(void **state)
{
	char *want = cache_reference(cache_rules), *bytes, *cause, *path;
	struct rules *r;
	FILE *fp;
	size_t len, at, refused = 0, noted = 0;
	int rc;

	(void)state;
	path = cache_write(cache_rules, &bytes, &len);
	diag_set_verbosity(1);
	for (at = 0; at < len; at++) {
		bytes[at] ^= 0x20;
		write_file("rules.compiled", bytes, len);
		bytes[at] ^= 0x20;
		assert_non_null(fp = tmpfile());
		diag_set_output(fp);
		r = rules_new();
		rules_lazy(r, 1);
		assert_int_equal(rules_load_string(r, "t.rules", cache_rules,
		    &cause), 0);
		if ((rc = rules_cache_read(r, path, &cause)) == -1) {
			refused++;
			free(cause);
		}
		assert_string_equal(cache_results(r), want);
		rules_free(r);
		diag_set_output(NULL);
		if (rc == 0 && strstr(slurp(fp), "rules.compiled: damaged "
		    "(wrong checksum for the rule at t.rules:") != NULL)
			noted++;
		fclose(fp);
	}
	diag_set_verbosity(0);
	diag_reset();
	/*
	 * The head is refused; much of the rest is noted when used (the
	 * codes, the needles: 690 of 2,881 bytes when this was written).
	 */
	assert_true(refused > 64);
	assert_true(noted > len / 5);
	unlink(path);
	free(bytes);
	free(want);
}

/* A rule changed since compiling is compiled again; the others are used. */
static void
test_rules_cache_stale_entry_is_compiled_again(void **state)
{
	static const char changed[] = "f /\\bx(\\w+)/ <$1>\n"
	    "f /(?<n>\\d+)\\s*[eé]/i n${n}\n"
	    "k /^Proc(?:eedings|\\.)\\s+of\\b/i proceedings\n"
	    "k /\\bWorkshop\\b/ workshop\n"
	    "k /\\p{Lu}{3,}/ caps\n"
	    "k /XYZ/ new\n";
	char *want = cache_reference(changed), *old, *bytes, *cause, *path;
	struct rules *r;
	size_t len;

	(void)state;
	path = cache_write(cache_rules, &bytes, &len);
	r = cache_load(changed, path, 0, &cause);
	assert_string_equal(cache_results(r), want);
	/* "XYZ" is caps now; with the old rules it was not. */
	old = cache_reference(cache_rules);
	assert_non_null(strstr(want, "é XYZ n3|caps"));
	assert_null(strstr(old, "é XYZ n3|caps"));
	rules_free(r);
	unlink(path);
	free(bytes);
	free(old);
	free(want);
}

/* Replace the bytes old with new in b[0..len) (at their first place). */
static void
patch(char *b, size_t len, const char *old, const char *new, size_t n)
{
	char *p = memmem(b, len, old, n);

	assert_non_null(p);
	memcpy(p, new, n);
}

/*
 * A file made by another PCRE2 or another build of cv2bib (its needles
 * mean something else), or that is not one, is not used, and says why.
 */
static void
test_rules_cache_of_another_build_is_not_used(void **state)
{
	char *want = cache_reference(cache_rules), *bytes, *cause, *path;
	const char *v = rules_library_version();
	char other[64], sig[4];
	struct rules *r;
	size_t len, vlen = strlen(v);

	(void)state;
	path = cache_write(cache_rules, &bytes, &len);
	/* PCRE2's version: another number of the same length. */
	snprintf(other, sizeof(other), "%s", v);
	other[0] = other[0] == '9' ? '8' : '9';
	patch(bytes, len, v, other, vlen);
	write_file("rules.compiled", bytes, len);
	r = cache_load(cache_rules, path, -1, &cause);
	assert_non_null(strstr(cause, "rules.compiled: made with PCRE2 9"));
	assert_non_null(strstr(cause, v));
	assert_string_equal(cache_results(r), want);
	free(cause);
	rules_free(r);
	/* The needles' signature follows the version. */
	patch(bytes, len, other, v, vlen);
	memcpy(sig, (char *)memmem(bytes, len, v, vlen) + vlen, 4);
	sig[0] ^= 1;
	memcpy((char *)memmem(bytes, len, v, vlen) + vlen, sig, 4);
	write_file("rules.compiled", bytes, len);
	r = cache_load(cache_rules, path, -1, &cause);
	assert_non_null(strstr(cause,
	    "rules.compiled: made by another build of cv2bib"));
	assert_string_equal(cache_results(r), want);
	free(cause);
	rules_free(r);
	write_file("rules.compiled", "cv2bib compiled rules 3\n", 24);
	r = cache_load(cache_rules, path, -1, &cause);
	assert_non_null(strstr(cause, "rules.compiled: not a file of compiled "
	    "rules"));
	free(cause);
	rules_free(r);
	unlink(path);
	free(bytes);
	free(want);
}

struct cache_thread {
	struct rules	*r;
	const char	*want;
	int		 ok;
};

static void *
cache_thread_main(void *arg)
{
	struct cache_thread *t = arg;
	char out[1024];
	int i;

	t->ok = 1;
	for (i = 0; i < PAST_JIT; i++)
		if (strcmp(cache_results_in(t->r, out, sizeof(out)),
		    t->want) != 0)
			t->ok = 0;
	return NULL;
}

/*
 * Clones share the compiled rules and decode what they need at once on
 * their threads (the sanitizer build checks the races).
 */
static void
test_rules_cache_clones_on_threads(void **state)
{
	char *want = cache_reference(cache_rules), *bytes, *cause, *path;
	struct cache_thread t[2];
	pthread_t th[2];
	struct rules *r;
	size_t len;
	int i;

	(void)state;
	path = cache_write(cache_rules, &bytes, &len);
	r = cache_load(cache_rules, path, 0, &cause);
	for (i = 0; i < 2; i++) {
		t[i].r = rules_clone(r);
		t[i].want = want;
		assert_int_equal(pthread_create(&th[i], NULL,
		    cache_thread_main, &t[i]), 0);
	}
	for (i = 0; i < 2; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		assert_true(t[i].ok);
		rules_free(t[i].r);
	}
	rules_free(r);
	unlink(path);
	free(bytes);
	free(want);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_blank_and_comment_lines_are_ignored),
		cmocka_unit_test(
		    test_rules_replacement_is_rest_of_line_trimmed),
		cmocka_unit_test(
		    test_rules_quoted_replacement_keeps_blanks_and_escapes),
		cmocka_unit_test(test_rules_escaped_delimiter_is_a_literal),
		cmocka_unit_test(test_rules_flags_i_x_s_g),
		cmocka_unit_test(test_rules_errors_name_file_and_line),
		cmocka_unit_test(test_rules_bad_replacement_is_a_load_error),
		cmocka_unit_test(test_rules_invalid_utf8_is_a_load_error),
		cmocka_unit_test(test_rules_load_is_all_or_nothing),
		cmocka_unit_test(
		    test_rules_apply_in_order_across_rules_and_files),
		cmocka_unit_test(test_rules_user_rules_apply_after_installed),
		cmocka_unit_test(test_rules_global_replaces_every_match),
		cmocka_unit_test(test_rules_unset_group_expands_to_nothing),
		cmocka_unit_test(test_rules_classify_first_match_wins),
		cmocka_unit_test(test_rules_user_rules_classify_first),
		cmocka_unit_test(test_rules_match_named_groups_and_offset),
		cmocka_unit_test(test_rules_group_with_duplicate_names),
		cmocka_unit_test(
		    test_rules_match_start_inside_a_character_moves_on),
		cmocka_unit_test(test_rules_utf8_and_unicode_properties),
		cmocka_unit_test(test_rules_caseless_non_ascii),
		cmocka_unit_test(
		    test_rules_results_stay_the_same_after_many_uses),
		cmocka_unit_test(test_rules_long_subject_still_matches),
		cmocka_unit_test(
		    test_rules_runtime_failure_warns_once_and_keeps_text),
		cmocka_unit_test(test_rules_lazy_rules_match_alike_and_report_bad_patterns_at_use),
		cmocka_unit_test(test_rules_load_file_and_its_errors),
		cmocka_unit_test(test_rules_load_file_from_a_pipe),
		cmocka_unit_test(test_rules_library_version_is_pcre2s),
		cmocka_unit_test(
		    test_rules_answers_remembered_until_rules_change),
		cmocka_unit_test(
		    test_rules_match_from_the_next_rule_that_matches),
		cmocka_unit_test(test_rules_may_start_from_the_patterns),
		cmocka_unit_test(test_rules_cache_round_trip),
		cmocka_unit_test(
		    test_rules_cache_damage_anywhere_changes_nothing),
		cmocka_unit_test(
		    test_rules_cache_stale_entry_is_compiled_again),
		cmocka_unit_test(test_rules_cache_of_another_build_is_not_used),
		cmocka_unit_test(test_rules_cache_clones_on_threads),
	};

	if (argc > 1 && strcmp(argv[1], "--bench") == 0)
		return bench(argc > 2 ? atol(argv[2]) : 200000);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
