/*
 * test_needles.c -- the text a pattern cannot match without.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

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
	memset(&sum, 0, sizeof(sum));
	needles_summarise(&sum, subject, strlen(subject));
	rc = needles_maybe(nd, &sum);
	needles_sum_free(&sum);
	needles_free(nd);
	return rc;
}

static void
test_needles_longest_run_of_a_sequence(void **state)
{
	(void)state;
	/* In shadow form: small letters, "0" for digits, " " for blanks. */
	check("\\bVol\\.\\s*\\d+", 0, "[vol. 0][vol.0]");
	/* A lookbehind's text comes just before, a lookahead's just after. */
	check("(?<=\\.\\s)(?<publisher>IEEE|ACM)(?=\\s*[.,])", 0,
	    "[. ieee .][. ieee ,][. ieee.][. ieee,][. acm .][. acm ,][. acm.]"
	    "[. acm,]");
	check("(?<=\\)\\.\\s)(?:IEEE|Association\\s+for\\s+Computing\\s+"
	    "Machinery|AAAI\\s+Press)", 0,
	    "[). ieee][). association for compu][). aaai press]");
	check("\\w(?<=ab)c", 0, "[abc]");
	check("x(?<!y)z", 0, "[xz]");
	check("10\\.\\d{4}\\/", 0, "[0.0/]");
	/* A zero-width part does not break the chain. */
	check("a(?=b)cd", 0, "[acd]");
	check("in\\b", 0, "[in]");
}

static void
test_needles_alternatives_all_count(void **state)
{
	(void)state;
	check("(?:Filed|Issued)\\s+\\d", 0, "[filed 0][issued 0]");
	check("(?:Filed|\\d+)x", 0, "[filedx][0x]");
	check("\\.\\s*(?:Jan|Feb)", 0, "[. jan][. feb][.jan][.feb]");
	/* Too many together: pieces of them that are few enough. */
	check("(?:Ph\\.?\\s?D\\.?\\s+[Tt]hesis|Doctoral\\s+[Tt]hesis|"
	    "M\\.?\\s?Sc?\\.?\\s+[Tt]hesis|Master'?s?\\s+[Tt]hesis)", 0,
	    "[thesis]");
	/* One alternative that needs nothing: nothing is needed. */
	check("Filed|\\w+", 0, "NONE");
	check("a|", 0, "NONE");
}

static void
test_needles_optional_parts_are_spelled_out(void **state)
{
	(void)state;
	check("ab?c", 0, "[abc][ac]");
	/* "pp." holds "p.": one needle is enough. */
	check("pp?\\.", 0, "[p.]");
	check("(?:https?:\\/\\/)?arXiv", 0, "[arxiv]");
	check("x{0,3}yz", 0, "[yz]");
	check("(?!Award)Paper", 0, "[paper]");
	check("R\\s?&\\s?R", 0, "[r & r][r &r][r& r][r&r]");
	check("\\bISBN(?:-1[03])?:?\\s*\\d", 0,
	    "[isbn-0][isbn: 0][isbn:0][isbn 0][isbn0]");
}

static void
test_needles_long_runs_go_on_from_their_last_bytes(void **state)
{
	(void)state;
	/* 2 x 13 strings are too many: "(" is what the two end with. */
	check("\\s*\\((?:[Ee]ds?|[Ee]ditors?|[Hh]rsg|[Cc]hairs?|"
	    "[Cc]onvenors?|[Oo]rgani[sz]ers?)\\.?\\)", 0,
	    "[eds.)][eds)][(ed.)][(ed)][ors.)][ors)][tor.)][tor)][rsg.)]"
	    "[rsg)][irs.)][irs)][air.)][air)][nor.)][nor)][ers.)][ers)][ser.)]"
	    "[ser)][zer.)][zer)]");
	/* Too long: the last bytes go on. */
	check("Association\\s+for\\s+Computing\\s+Machinery\\.", 0,
	    "[association for computin]");
	/* What a part without an exact set starts and ends with. */
	check("(?:In|At)\\s+\\w+,\\s*(?:Proc\\.|Conf\\.)", 0,
	    "[, proc.][, conf.][,proc.][,conf.]");
	check("(?:Foo\\w+bar|Foo\\w*baz)\\.", 0, "[bar.][baz.]");
	check("Proc\\.\\s+(?:of\\s+the\\s+\\w+|on\\s+\\w+)", 0,
	    "[proc. of the ][proc. on ]");
}

static void
test_needles_repeats_end_a_chain(void **state)
{
	(void)state;
	check("ab+cde", 0, "[bcde]");
	check("(?:ab){2}", 0, "[ab]");
	/* Blanks and digits repeated are one in shadow form. */
	check("a\\s\\s+b", 0, "[a b]");
	check("x[0-9]+y", 0, "[x0y]");
	check("(?:19|20)\\d\\d", 0, "[0]");
	check("[A-Z]{2,}", 0, "NONE");
}

static void
test_needles_caseless_letters_with_partners_outside_ascii(void **state)
{
	(void)state;
	/*
	 * K and S have case partners outside ASCII (KELVIN SIGN, LONG S),
	 * which the shadow form reads as k and s.
	 */
	check("Award", 1, "[award]");
	check("Keynote", 1, "[keynote]");
	check("[Kk]eynote", 1, "[keynote]");
	check("[ks]x", 1, "[kx][sx]");
	check("Résumé", 1, "[sum]");
	check("Résumé", 0, "[résumé]");
	check("\\x{212A}eynote", 0, "[keynote]");
	assert_true(maybe("Keynote", 1, "\xe2\x84\xaa" "EYNOTE"));
	assert_true(maybe("Thesis", 1, "THE\xc5\xbf" "IS"));
	assert_true(maybe("ss", 0, "\xc5\xbf\xc5\xbf"));
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
	check("[ab", 0, "NONE");
	assert_null(needles_new("Award", 5, 0, 1));	/* extended */
}

static void
test_needles_classes(void **state)
{
	(void)state;
	/* Small classes are spelled out; the rest end a chain. */
	check("ab[c\\]d]ef", 0, "[abcef][ab]ef][abdef]");
	check("[ab]cd", 0, "[acd][bcd]");
	check("x[\\d\\s]y", 0, "[x0y][x y]");
	check("[^a]bc", 0, "[bc]");
	check("[[:alpha:]]xyz", 0, "[xyz]");
	check("ab\\p{Lu}cde\\x{1}fg", 0, "[cde\001fg]");
	check("x[\\x41-\\x43]", 0, "[xa][xb][xc]");
	/* Outside ASCII: spelled out, or the first bytes all share. */
	check("[\\x{1F3C6}\\x{1F3C5}\\x{1F947}-\\x{1F949}]\\s*(?<note>\\w+)", 0,
	    "[\xf0\x9f\x8f\x86][\xf0\x9f\x8f\x85][\xf0\x9f\xa5\x87]"
	    "[\xf0\x9f\xa5\x88][\xf0\x9f\xa5\x89]");
	check("x[\\x{1F300}-\\x{1F5FF}]", 0, "[x\xf0\x9f]");
	check("x[\\x{1F300}-\\x{1F5FF}]", 1, "[x]");
	/* U+0660..U+0669 are digits. */
	check("x[\\x{600}-\\x{6FF}]", 0, "[x]");
	check("[–-—]x", 0, "[\xe2\x80\x93x][\xe2\x80\x94x]");
	check("[Ii]n\\s+[Rr]eview", 0, "[in review]");
	check("a\\nb", 0, "[a b]");
}

static void
test_needles_the_most_selective_part(void **state)
{
	(void)state;
	/* ": " tells more than ". ". */
	check("(?<=\\.\\s)\\p{Lu}\\w+:\\s", 0, "[: ]");
	check("(?<=,)\\s*\\.\\s\\.\\s\\.\\s*(?=\\p{Lu})", 0,
	    "[, . . .][,. . .]");
	check("\\((?<year>(?:19|20)\\d\\d)\\)[.,]?\\s*$", 0, "[(0)]");
}

/* The shadow form of subject. */
static char *
shadow_of(const char *subject)
{
	struct needles_sum sum;
	char *s;

	memset(&sum, 0, sizeof(sum));
	needles_summarise(&sum, subject, strlen(subject));
	s = strdup(sum.text);
	needles_sum_free(&sum);
	return s;
}

static void
test_needles_shadow_form(void **state)
{
	char *s;

	(void)state;
	s = shadow_of("Vol. 12,  pp. 3-9\t(2020)");
	assert_string_equal(s, "vol. 0, pp. 0-0 (0)");
	free(s);
	/* NO-BREAK SPACE, EM SPACE, ARABIC-INDIC DIGIT FOUR; é stays. */
	s = shadow_of("a\xc2\xa0\xe2\x80\x83" "b \xd9\xa4" "1 Café");
	assert_string_equal(s, "a b 0 caf\xc3\xa9");
	free(s);
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
	assert_true(maybe("[Rr]eview", 0, "Under Review"));
	assert_false(maybe("[Rr]eview", 0, "under revision"));
	/* Pairs that are all there, apart: not the needle. */
	assert_false(maybe("\\bVol\\.\\s*\\d+", 0, "vol vo ol l. . 12"));
	assert_true(maybe("\\bVol\\.\\s*\\d+", 0, "Vol.\xc2\xa0\xd9\xa4"));
	assert_true(maybe("\\d+\\s*\\(\\d+\\)", 0, "12 (3)"));
	assert_false(maybe("\\d+\\s*\\(\\d+\\)", 0, "12 (x3)"));
	/* Its triples all there too, apart: still not the needle. */
	assert_false(maybe("thesis", 0, "the hes esi sis"));
	assert_true(maybe("thesis", 0, "PhD Thesis"));
	assert_false(maybe(",\\s\\d", 0, "a, b and 0"));
	assert_true(maybe(",\\s\\d", 0, "a, 2 and b"));
}

/* Needles written as bytes read back the same; other bytes do not. */
static void
test_needles_encode_and_decode(void **state)
{
	const char *pat = "(?:Filed|Issued)\\s+\\d";
	struct needles *nd = needles_new(pat, strlen(pat), 0, 0), *back;
	struct buf b = BUF_INIT;
	struct needles_sum sum;
	const char *x, *y;
	size_t i, xl, yl, len;

	(void)state;
	assert_non_null(nd);
	assert_int_not_equal(needles_signature(), 0);
	needles_encode(nd, &b);
	assert_int_equal(needles_decode(b.s, b.len, &back), 1);
	assert_non_null(back);
	assert_int_equal(needles_count(back), needles_count(nd));
	for (i = 0; i < needles_count(nd); i++) {
		x = needles_get(nd, i, &xl);
		y = needles_get(back, i, &yl);
		assert_int_equal(xl, yl);
		assert_memory_equal(x, y, xl);
	}
	/* They turn away and let through what the originals do. */
	memset(&sum, 0, sizeof(sum));
	needles_summarise(&sum, "Issued  42", 10);
	assert_int_equal(needles_maybe(back, &sum), 1);
	assert_int_equal(needles_maybe(nd, &sum), 1);
	needles_summarise(&sum, "Issued on", 9);
	assert_int_equal(needles_maybe(back, &sum), 0);
	assert_int_equal(needles_maybe(nd, &sum), 0);
	needles_sum_free(&sum);
	needles_free(back);
	/* A rarest byte beyond the needle, a triple beyond the table: not. */
	len = (unsigned char)b.s[1];
	assert_true(len >= 3);
	b.s[2 + len] = (char)len;
	assert_int_equal(needles_decode(b.s, b.len, &back), 0);
	assert_null(back);
	b.s[2 + len] = 0;
	b.s[2 + len + 2] = (char)0xff;
	assert_int_equal(needles_decode(b.s, b.len, &back), 0);
	assert_null(back);
	/* A triple among the pairs' entries: not. */
	b.s[2 + len + 2] = 0;
	assert_int_equal(needles_decode(b.s, b.len, &back), 0);
	assert_null(back);
	b.len = 0;
	needles_encode(nd, &b);
	/* Cut short, or a byte more: not needles. */
	assert_int_equal(needles_decode(b.s, b.len - 1, &back), 0);
	assert_null(back);
	buf_putc(&b, 'x');
	assert_int_equal(needles_decode(b.s, b.len, &back), 0);
	assert_null(back);
	/* No needles at all is written too. */
	b.len = 0;
	needles_encode(NULL, &b);
	assert_int_equal(needles_decode(b.s, b.len, &back), 1);
	assert_null(back);
	buf_free(&b);
	needles_free(nd);
}

/*
 * Whether PCRE2, with UTF and UCP as the rules are compiled, takes the
 * code point c for a pattern of one character class.
 */
static int
pcre2_says(pcre2_code *re, pcre2_match_data *md, uint32_t c)
{
	unsigned char s[4];
	size_t n;

	if (c < 0x80) {
		s[0] = (unsigned char)c;
		n = 1;
	} else if (c < 0x800) {
		s[0] = (unsigned char)(0xc0 | c >> 6);
		s[1] = (unsigned char)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		s[0] = (unsigned char)(0xe0 | c >> 12);
		s[1] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
		s[2] = (unsigned char)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		s[0] = (unsigned char)(0xf0 | c >> 18);
		s[1] = (unsigned char)(0x80 | (c >> 12 & 0x3f));
		s[2] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
		s[3] = (unsigned char)(0x80 | (c & 0x3f));
		n = 4;
	}
	return pcre2_match(re, s, n, 0, 0, md, NULL) >= 0;
}

static pcre2_code *
compile_class(const char *pattern)
{
	PCRE2_SIZE off;
	int err;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern,
	    PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);

	assert_non_null(re);
	return re;
}

/*
 * Every code point PCRE2 takes for white space or a digit must have that
 * shadow, or a rule would be turned away from a subject it matches.
 */
static void
test_needles_shadow_agrees_with_pcre2(void **state)
{
	pcre2_code *space = compile_class("^\\s$"), *digit =
	    compile_class("^\\d$");
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	uint32_t c;
	int cls;

	(void)state;
	for (c = 0; c < 0x110000; c++) {
		if (c >= 0xd800 && c <= 0xdfff)
			continue;
		cls = needles_shadow_class(c);
		if (pcre2_says(space, md, c) && cls != ' ')
			fail_msg("U+%04X is white space to PCRE2", c);
		if (pcre2_says(digit, md, c) && cls != '0')
			fail_msg("U+%04X is a digit to PCRE2", c);
	}
	pcre2_match_data_free(md);
	pcre2_code_free(space);
	pcre2_code_free(digit);
}

/*
 * Every character outside ASCII that a caseless ASCII letter matches must
 * read as that letter in shadow form, or a caseless needle would miss it.
 */
static void
test_needles_shadow_folds_as_pcre2(void **state)
{
	pcre2_code *letter = compile_class("(?i)^[a-z]$"), *one;
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	char pat[8];
	uint32_t c;
	int cls;

	(void)state;
	for (c = 0x80; c < 0x110000; c++) {
		if ((c >= 0xd800 && c <= 0xdfff) || !pcre2_says(letter, md, c))
			continue;
		cls = needles_shadow_class(c);
		if (cls < 'a' || cls > 'z')
			fail_msg("U+%04X is an ASCII letter to PCRE2", c);
		memcpy(pat, "(?i)^x$", 8);
		pat[5] = (char)cls;
		one = compile_class(pat);
		if (!pcre2_says(one, md, c))
			fail_msg("U+%04X is not %c to PCRE2", c, cls);
		pcre2_code_free(one);
	}
	pcre2_match_data_free(md);
	pcre2_code_free(letter);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_needles_longest_run_of_a_sequence),
		cmocka_unit_test(test_needles_alternatives_all_count),
		cmocka_unit_test(test_needles_optional_parts_are_spelled_out),
		cmocka_unit_test(
		    test_needles_long_runs_go_on_from_their_last_bytes),
		cmocka_unit_test(test_needles_repeats_end_a_chain),
		cmocka_unit_test(
		    test_needles_caseless_letters_with_partners_outside_ascii),
		cmocka_unit_test(test_needles_unknown_constructs_give_none),
		cmocka_unit_test(test_needles_classes),
		cmocka_unit_test(test_needles_the_most_selective_part),
		cmocka_unit_test(test_needles_shadow_form),
		cmocka_unit_test(test_needles_summary_finds_them),
		cmocka_unit_test(test_needles_shadow_agrees_with_pcre2),
		cmocka_unit_test(test_needles_shadow_folds_as_pcre2),
		cmocka_unit_test(test_needles_encode_and_decode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
