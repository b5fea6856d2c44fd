/*
 * test_clean.c -- markup to plain text with hints.
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

#include "clean.h"
#include "read.h"
#include "pieces_fixture.h"

/* Clean s in markup m, markers removed. */
static void
check_inline(enum markup m, const char *s, const char *want)
{
	char *raw = clean_inline(m, s), *got = clean_strip_marks(raw);

	assert_string_equal(got, want);
	free(raw);
	free(got);
}

static void
test_clean_html_tags_and_entities(void **state)
{
	(void)state;
	check_inline(MARKUP_TEXT, "a <u>Download</u> b", "a Download b");
	check_inline(MARKUP_TEXT, "Ranked 46<sup>th</sup>", "Ranked 46th");
	check_inline(MARKUP_TEXT, "A &amp; B &eacute;t&#233; &#x2013; x",
	    "A & B été – x");
	check_inline(MARKUP_TEXT, "1 < 2 and 3 > 2", "1 < 2 and 3 > 2");
	check_inline(MARKUP_TEXT, "AT&T rocks", "AT&T rocks");
}

static void
test_clean_latex_maths_in_text(void **state)
{
	(void)state;
	check_inline(MARKUP_TEXT, "Acceptance rate:  $28/104 \\approx 26.9\\%$ .",
	    "Acceptance rate: 28/104 ≈ 26.9% .");
	check_inline(MARKUP_TEXT, "costs \\$140,000 USD", "costs $140,000 USD");
}

static void
test_clean_markdown_emphasis_marks_strong(void **state)
{
	char *raw;

	(void)state;
	raw = clean_inline(MARKUP_MARKDOWN, "Amir Roozbeh, **Alireza Farshin**, "
	    "and *Title*");
	assert_string_equal(raw, "Amir Roozbeh, \001Alireza Farshin\002, and "
	    "\003Title\004");
	free(raw);
	check_inline(MARKUP_MARKDOWN, "snake_case_name and 2 * 3", "snake_case_name"
	    " and 2 * 3");
	/* Marks of equal contribution are no emphasis (CommonMark flanking). */
	check_inline(MARKUP_MARKDOWN, "A. Kumar*, B. Chen*, C. Lopez",
	    "A. Kumar*, B. Chen*, C. Lopez");
	check_inline(MARKUP_MARKDOWN, "Chen, L.*, Wang, H.*, Lee, K.",
	    "Chen, L.*, Wang, H.*, Lee, K.");
	raw = clean_inline(MARKUP_MARKDOWN, "B. Chen*. *Title.* In *J*");
	assert_string_equal(raw, "B. Chen*. \003Title.\004 In \003J\004");
	free(raw);
}

static void
test_clean_markdown_link_keeps_target(void **state)
{
	char *raw;

	(void)state;
	raw = clean_inline(MARKUP_MARKDOWN, "[PacketMill](https://doi.org/10.1/x)"
	    " ![logo](a.png)");
	assert_string_equal(raw, "\007PacketMill\005https://doi.org/10.1/x\006");
	free(raw);
}

static void
test_clean_latex_accents_and_commands(void **state)
{
	(void)state;
	check_inline(MARKUP_LATEX, "Dejan Kosti{\\'c} and \\c{C}a\\u{g}lar",
	    "Dejan Kostić and Çağlar");
	check_inline(MARKUP_LATEX, "\\textbf{A.~Farshin}, \\emph{PacketMill} "
	    "--- pp.~1--17 \\& more % comment", "A. Farshin, PacketMill — "
	    "pp. 1–17 & more");
	check_inline(MARKUP_LATEX, "M\\\"{u}ller and G\\\"odel and \\o{}ystein",
	    "Müller and Gödel and øystein");
	check_inline(MARKUP_LATEX, "``Quoted'' \\cite{x}text", "“Quoted” text");
	/* Logos are words of titles. */
	check_inline(MARKUP_LATEX, "\\LaTeX: A Document Preparation System; "
	    "The {\\TeX}book", "LaTeX: A Document Preparation System; The "
	    "TeXbook");
}

/* Feed lines to a cleaner; return the logical lines as "H2:text|I:text". */
static void
run_cleaner(enum markup m, const char *const *lines, char *out, size_t size)
{
	struct cleaner *c = cleaner_new(m);
	struct line ln;
	struct cline cl;
	size_t i;

	out[0] = '\0';
	for (i = 0; ; i++) {
		if (lines[i] != NULL) {
			ln.s = lines[i];
			ln.len = strlen(lines[i]);
			ln.lineno = i + 1;
			cleaner_push(c, &ln);
		} else
			cleaner_push(c, NULL);
		while (cleaner_pop(c, &cl)) {
			char *plain = clean_strip_marks(cl.s);
			char tag[32];

			snprintf(tag, sizeof(tag), "%s%s%s%d:", cl.heading ?
			    "H" : "", cl.item ? "I" : "", cl.set_apart &&
			    m != MARKUP_HTML ? "^" : "", (int)cl.lineno);
			if (cl.blank)
				snprintf(tag, sizeof(tag), "B%d", (int)cl.lineno);
			if (out[0] != '\0')
				strncat(out, "|", size - strlen(out) - 1);
			strncat(out, tag, size - strlen(out) - 1);
			strncat(out, plain, size - strlen(out) - 1);
			free(plain);
		}
		if (lines[i] == NULL)
			break;
	}
	cleaner_free(c);
}

static void
test_clean_markdown_headings_atx_and_setext(void **state)
{
	const char *lines[] = { "# Conference Publications.....", "",
	    "Journal Articles", "================", "- [J1] A. B. Title",
	    "**Patents**", NULL };
	char out[512];

	(void)state;
	run_cleaner(MARKUP_MARKDOWN, lines, out, sizeof(out));
	assert_string_equal(out, "H1:Conference Publications.....|B2|"
	    "H3:Journal Articles|5:- [J1] A. B. Title|H6:Patents");
}

static void
test_clean_html_stream_blocks(void **state)
{
	const char *lines[] = { "<html><head><title>x</title></head><body>",
	    "<h2>Journal Articles</h2><ul><li><b>A. Smith</b>, &ldquo;Title,",
	    "&rdquo; <i>Nature</i>, 2020.</li>", "<li>B. Jones. T2. J, 2021.</li>"
	    "</ul><script>var a = '<li>';</script></body></html>", NULL };
	char out[512];

	(void)state;
	run_cleaner(MARKUP_HTML, lines, out, sizeof(out));
	assert_string_equal(out, "H2:Journal Articles|B2|I2:A. Smith, "
	    "“Title, ” Nature, 2020.|I4:B. Jones. T2. J, 2021.|B4");
}

static void
test_clean_html_table_rows(void **state)
{
	/* A row is an item, its cells fields; the header row goes. */
	const char *lines[] = { "<table><tr><th>Year</th><th>Authors</th>",
	    "<th>Title</th></tr><tr>", "<td>2014</td>",
	    "<td>Love MI, Huber W</td><td>Moderated estimation.</td>",
	    "<td><i>Genome Biol</i> 15(12):550</td></tr></table>", NULL };
	char out[512];

	(void)state;
	run_cleaner(MARKUP_HTML, lines, out, sizeof(out));
	assert_string_equal(out, "I2:2014. Love MI, Huber W. Moderated "
	    "estimation. Genome Biol 15(12):550.");
}

static void
test_clean_latex_sections_and_items(void **state)
{
	const char *lines[] = { "\\section{Publications}", "% a comment",
	    "\\begin{itemize}", "\\item A.~Smith. \\textit{T}. J, 2020.",
	    "  continued line", "\\end{itemize}", NULL };
	char out[512];

	(void)state;
	run_cleaner(MARKUP_LATEX, lines, out, sizeof(out));
	assert_string_equal(out, "H1:Publications|B3|I4:A. Smith. T. J, 2020."
	    "|5:continued line|B6");
}

static void
test_clean_latex_item_mark_alone(void **state)
{
	/* res.cls: the mark and its date on a line, the reference below. */
	const char *lines[] = { "\\entry*[2012]%",
	    "G.~Reinaudi \\& D.~Gu\\'ery-Odelin", "\\par{", "\\emph{Title}",
	    "}%", "\\item", "", "A. Smith. T2.", NULL };
	char out[512];

	(void)state;
	run_cleaner(MARKUP_LATEX, lines, out, sizeof(out));
	assert_string_equal(out, "I1:[2012]|2:G. Reinaudi & D. Guéry-Odelin|"
	    "4:Title|B6|B7|I8:A. Smith. T2.");
}

static void
test_clean_latex_cventry_year_is_a_label(void **state)
{
	/* moderncv: the year group dates the entry, as \entry*[2012] does. */
	const char *lines[] = { "\\cventry{2015}{Title}{A.~Smith}{"
	    "\\emph{Nature}, 518(7540):529--533}{}{}",
	    "\\cventry{2010--2014}{Ph.D.}{Univ}{}{}{}", NULL };
	char out[512];

	(void)state;
	run_cleaner(MARKUP_LATEX, lines, out, sizeof(out));
	assert_string_equal(out, "I1:[2015] Title. A. Smith. Nature, "
	    "518(7540):529–533.|I2:2010–2014. Ph.D. Univ.");
}

static void
test_clean_markdown_hard_breaks(void **state)
{
	/* Two blanks or a backslash at the end set the next line apart. */
	const char *lines[] = { "- **Title one**  ", "  A. Smith, B. Lee\\",
	    "  *Venue*, 2022", "- Title two", "  wrapped", NULL };
	char out[512];

	(void)state;
	run_cleaner(MARKUP_MARKDOWN, lines, out, sizeof(out));
	assert_string_equal(out, "1:- Title one|^2:A. Smith, B. Lee|"
	    "^3:Venue, 2022|4:- Title two|5:wrapped");
}

static void
test_clean_markdown_html_comments(void **state)
{
	/* Commented-out entries, over lines or inside one, are dropped. */
	const char *lines[] = { "- A. Smith. T1. J, 2020. <!-- draft -->",
	    "<!-- - B. Lee. Old one.", "", "  Still old. -->", "- C. Roe. T3.",
	    NULL };
	char out[512];

	(void)state;
	run_cleaner(MARKUP_MARKDOWN, lines, out, sizeof(out));
	assert_string_equal(out, "1:- A. Smith. T1. J, 2020.|5:- C. Roe. T3.");
}

static void
test_clean_unicode_spaces(void **state)
{
	/* No-break, thin and ideographic spaces separate words. */
	const char *lines[] = { "T.\xc2\xa0Kawalec,\xe2\x80\x89 G.\xc2\xa0"
	    "\xc2\xa0Reinaudi, \xe5\x9b\xbd\xe5\xb3\xb6\xe3\x80\x80"
	    "\xe4\xb8\x88", NULL };
	char out[512];

	(void)state;
	run_cleaner(MARKUP_TEXT, lines, out, sizeof(out));
	assert_string_equal(out, "1:T. Kawalec, G. Reinaudi, "
	    "\xe5\x9b\xbd\xe5\xb3\xb6 \xe4\xb8\x88");
}

/*
 * The models of clean_strip_marks(), a byte at a time as it was first
 * written: drop the markers (a link's target with them), then make each
 * run of blanks and Unicode spaces one space, then trim.
 */
static size_t
model_wide_space(const char *s)
{
	static const char *const spaces[] = {
		"\xc2\xa0", "\xe2\x80\x80", "\xe2\x80\x81", "\xe2\x80\x82",
		"\xe2\x80\x83", "\xe2\x80\x84", "\xe2\x80\x85", "\xe2\x80\x86",
		"\xe2\x80\x87", "\xe2\x80\x88", "\xe2\x80\x89", "\xe2\x80\x8a",
		"\xe2\x80\xaf", "\xe2\x81\x9f", "\xe3\x80\x80",
	};
	size_t i;

	if (*s == ' ' || *s == '\t')
		return 1;
	for (i = 0; i < sizeof(spaces) / sizeof(spaces[0]); i++)
		if (strncmp(s, spaces[i], strlen(spaces[i])) == 0)
			return strlen(spaces[i]);
	return 0;
}

static char *
model_strip_marks(const char *s)
{
	size_t n = strlen(s), i, j = 0, w;
	char *t = calloc(1, n + 1), *u = calloc(1, n + 1);
	const char *e;

	for (i = 0; i < n; i++) {
		if (s[i] == CLEAN_URL_ON) {
			if ((e = strchr(s + i, CLEAN_URL_OFF)) == NULL)
				break;
			i = (size_t)(e - s);
		} else if ((unsigned char)s[i] > CLEAN_LINK_ON)
			t[j++] = s[i];
	}
	for (i = j = 0; t[i] != '\0'; i += w ? w : 1) {
		if ((w = model_wide_space(t + i)) == 0)
			u[j++] = t[i];
		else if (j > 0 && u[j - 1] != ' ')
			u[j++] = ' ';
	}
	while (j > 0 && u[j - 1] == ' ')
		j--;
	u[j] = '\0';
	free(t);
	return u;
}

static void
check_squeeze(const char *s)
{
	char *got = clean_strip_marks(s), *want = model_strip_marks(s);

	if (strcmp(got, want) != 0)
		print_error("input \"%s\"\n", s);
	assert_string_equal(got, want);
	free(got);
	free(want);
}

/*
 * Pieces for the strings of the squeeze tests: blanks, wide spaces, other
 * characters with the same lead bytes, markers.  All valid UTF-8, as the
 * reader leaves it.
 */
static const char *const squeeze_pieces[] = {
	" ", "  ", "\t", "\xc2\xa0", "\xe3\x80\x80", "\xe2\x80\x89",
	"\xe2\x80\xaf", "\xe2\x81\x9f", "\xc3\xa9", "\xe2\x80\x99",
	"\xc2\xa9", "\xe3\x80\x81", "\x01", "\x02 ",
	"\x05u v\x06", "\x07l", ",", "x",
};
#define NPIECES (sizeof(squeeze_pieces) / sizeof(squeeze_pieces[0]))

static void
test_clean_squeeze_literal(void **state)
{
	(void)state;
	check_inline(MARKUP_TEXT, "a  b", "a b");
	check_inline(MARKUP_TEXT, "  a \t b\t\tc  ", "a b c");
	check_inline(MARKUP_TEXT, "Smith,\xc2\xa0\xc2\xa0J. 2020 abcdefgh  i",
	    "Smith, J. 2020 abcdefgh i");
	check_inline(MARKUP_TEXT, "\xe5\x9b\xbd \xe3\x80\x80\xe5\xb3\xb6",
	    "\xe5\x9b\xbd \xe5\xb3\xb6");
	check_inline(MARKUP_TEXT, "Garc\xc3\xad" "a  P\xc3\xa9rez \xc3\xa9 x",
	    "Garc\xc3\xad" "a P\xc3\xa9rez \xc3\xa9 x");
	check_inline(MARKUP_TEXT, "abcdefg  hijklmnopqrstuvw  xyz",
	    "abcdefg hijklmnopqrstuvw xyz");
	check_inline(MARKUP_TEXT, "abcdefgh \xe2\x80\x99 \xc2\xa9 x",
	    "abcdefgh \xe2\x80\x99 \xc2\xa9 x");
	check_squeeze("**a\x01\x02  b\x05http://x\x06 c\x05open");
}

static void
check_squeeze_piece(const char *s, size_t q, void *arg)
{
	(void)q;
	(void)arg;
	check_squeeze(s);
}

/* One or two pieces at every place of strings shorter and longer than 8. */
static void
test_clean_squeeze_every_position(void **state)
{
	static const char base[] = "abcdefghijklmnopqrstu";
	size_t len;

	(void)state;
	for (len = 0; len < sizeof(base); len++)
		pieces_each(base, len, squeeze_pieces, NPIECES,
		    check_squeeze_piece, NULL);
}

/* Strings of pieces and letters drawn at random (the same each run). */
static void
test_clean_squeeze_random(void **state)
{
	char s[256];
	unsigned long r = 12345;
	size_t n, k, len;
	int i;

	(void)state;
	for (i = 0; i < 20000; i++) {
		r = r * 1103515245 + 12345;
		n = (r >> 16) % 24;
		for (len = 0, k = 0; k < n; k++) {
			const char *pc;

			r = r * 1103515245 + 12345;
			pc = (r >> 16) % 3 == 0 ? "abc" :
			    squeeze_pieces[(r >> 18) % NPIECES];
			memcpy(s + len, pc, strlen(pc));
			len += strlen(pc);
		}
		s[len] = '\0';
		check_squeeze(s);
	}
}

/* Markup at every place of runs of text shorter and longer than four. */
static void
test_clean_inline_markup_every_position(void **state)
{
	static const char base[] = "abcdefghijk";
	static const char *const in[][2] = {
		{ "&amp;", "&" }, { "<b>x</b>", "x" }, { "$\\alpha$", "α" },
		{ "\\&", "&" }, { "-", "-" }, { "'", "'" },
	};
	char s[64], want[64];
	size_t len, i, k;

	(void)state;
	for (len = 0; len < sizeof(base); len++)
		for (i = 0; i <= len; i++)
			for (k = 0; k < sizeof(in) / sizeof(in[0]); k++) {
				snprintf(s, sizeof(s), "%.*s%s%s", (int)i, base,
				    in[k][0], base + i);
				s[i + strlen(in[k][0]) + len - i] = '\0';
				snprintf(want, sizeof(want), "%.*s%s%s", (int)i,
				    base, in[k][1], base + i);
				want[i + strlen(in[k][1]) + len - i] = '\0';
				check_inline(MARKUP_TEXT, s, want);
			}
}

static void
test_clean_detect_markup(void **state)
{
	(void)state;
	assert_int_equal(clean_detect("cv.md", "", 0), MARKUP_MARKDOWN);
	assert_int_equal(clean_detect("cv.tex", "", 0), MARKUP_LATEX);
	assert_int_equal(clean_detect(NULL, "\\documentclass{moderncv}", 24),
	    MARKUP_LATEX);
	assert_int_equal(clean_detect(NULL, "<ul>\n<li>a</li>\n<li>b</li>\n",
	    27), MARKUP_HTML);
	assert_int_equal(clean_detect(NULL, "# Pubs\n\n- a\n", 12),
	    MARKUP_MARKDOWN);
	assert_int_equal(clean_detect(NULL, "Publications\n1. a\n", 18),
	    MARKUP_TEXT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean_html_tags_and_entities),
		cmocka_unit_test(test_clean_latex_maths_in_text),
		cmocka_unit_test(test_clean_markdown_emphasis_marks_strong),
		cmocka_unit_test(test_clean_markdown_link_keeps_target),
		cmocka_unit_test(test_clean_latex_accents_and_commands),
		cmocka_unit_test(test_clean_markdown_headings_atx_and_setext),
		cmocka_unit_test(test_clean_html_stream_blocks),
		cmocka_unit_test(test_clean_html_table_rows),
		cmocka_unit_test(test_clean_latex_sections_and_items),
		cmocka_unit_test(test_clean_latex_item_mark_alone),
		cmocka_unit_test(test_clean_latex_cventry_year_is_a_label),
		cmocka_unit_test(test_clean_markdown_hard_breaks),
		cmocka_unit_test(test_clean_markdown_html_comments),
		cmocka_unit_test(test_clean_unicode_spaces),
		cmocka_unit_test(test_clean_squeeze_literal),
		cmocka_unit_test(test_clean_squeeze_every_position),
		cmocka_unit_test(test_clean_squeeze_random),
		cmocka_unit_test(test_clean_inline_markup_every_position),
		cmocka_unit_test(test_clean_detect_markup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
