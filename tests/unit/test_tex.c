/*
 * test_tex.c -- plain UTF-8 text to correct LaTeX for BibTeX fields.
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

#include "buf.h"
#include "tex.h"
#include "utf8.h"
#include "pieces_fixture.h"

static void
check(char *got, const char *want)
{
	assert_string_equal(got, want);
	free(got);
}

static void
test_tex_escapes_each_special(void **state)
{
	static const struct {
		const char	*in;
		const char	*out;
	} cases[] = {
		{ "%", "\\%" }, { "&", "\\&" }, { "$", "\\$" }, { "#", "\\#" },
		{ "_", "\\_" }, { "{", "\\{" }, { "}", "\\}" },
		{ "~", "{\\textasciitilde}" }, { "^", "{\\textasciicircum}" },
		{ "\\", "{\\textbackslash}" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		check(tex_escape(cases[i].in, 0), cases[i].out);
		check(tex_escape(cases[i].in, 1), cases[i].out);
	}
	check(tex_escape("100% & $5 #1 a_b {x} ~ ^ \\", 0),
	    "100\\% \\& \\$5 \\#1 a\\_b \\{x\\} {\\textasciitilde} "
	    "{\\textasciicircum} {\\textbackslash}");
	check(tex_escape("", 0), "");
	check(tex_escape("plain text, nothing to do.", 1),
	    "plain text, nothing to do.");
}

static void
test_tex_keeps_utf8_by_default(void **state)
{
	(void)state;
	check(tex_escape("Kostić ≈ 18.8% – “ok”", 0),
	    "Kostić ≈ 18.8\\% – “ok”");
}

static void
test_tex_latex_maps_diacritics(void **state)
{
	(void)state;
	check(tex_escape("é ć ü ø ß", 1), "{\\'e} {\\'c} {\\\"u} {\\o} {\\ss}");
	check(tex_escape("Kostić Müller Æsir Łódź ï ñ à ç", 1),
	    "Kosti{\\'c} M{\\\"u}ller {\\AE}sir {\\L}{\\'o}d{\\'z} {\\\"\\i} "
	    "{\\~n} {\\`a} {\\c{c}}");
	check(tex_escape("Šimić Čapek Ødegård Erdős ą ė ī ů ğ ő", 1),
	    "{\\v{S}}imi{\\'c} {\\v{C}}apek {\\O}deg{\\aa}rd Erd{\\H{o}}s "
	    "{\\k{a}} {\\.e} {\\=\\i} {\\r{u}} {\\u{g}} {\\H{o}}");
	check(tex_escape("ı Œuvre þ Ð ŋ", 1),
	    "{\\i} {\\OE}uvre {\\th} {\\DH} {\\ng}");
}

static void
test_tex_latex_maps_punctuation_and_maths(void **state)
{
	(void)state;
	check(tex_escape("28/104 ≈ 26.9% – “quoted” — ‘x’", 1),
	    "28/104 $\\approx$ 26.9\\% -- ``quoted'' --- `x'");
	check(tex_escape("≤ ≥ × ± µ ° … € ™ § ©", 1),
	    "$\\leq$ $\\geq$ $\\times$ $\\pm$ $\\mu$ {\\textdegree} {\\ldots} "
	    "{\\texteuro} {\\texttrademark} {\\S} {\\copyright}");
	check(tex_escape("α-helix, Δt → ∞, x² ≠ y", 1),
	    "$\\alpha$-helix, {$\\Delta$}t $\\rightarrow$ $\\infty$, "
	    "x$^{2}$ $\\neq$ y");
	/* No-break space, soft hyphen (dropped), zero-width space. */
	check(tex_escape("a\xc2\xa0" "b hy\xc2\xad" "phen z\xe2\x80\x8bw", 1),
	    "a~b hyphen zw");
}

static void
test_tex_latex_leaves_unmapped_characters_as_utf8(void **state)
{
	(void)state;
	check(tex_escape("ħ 東京 Ŧ", 1), "ħ 東京 Ŧ");
}

static void
test_tex_title_protects_acronyms_and_inner_capitals(void **state)
{
	(void)state;
	check(tex_title("FAJITA: Stateful Packet Processing", 0),
	    "{FAJITA}: Stateful Packet Processing");
	check(tex_title("NetConfEval: Can LLMs Facilitate Network "
	    "Configuration?", 0), "{NetConfEval}: Can {LLMs} Facilitate "
	    "Network Configuration?");
	check(tex_title("Overcoming the IOTLB wall for multi-100-Gbps "
	    "Linux-based networking", 0), "Overcoming the {IOTLB} wall for "
	    "multi-100-{Gbps} {Linux}-based networking");
	check(tex_title("Optimizing I/O for 5G (SDMN) networks", 0),
	    "Optimizing {I/O} for {5G} ({SDMN}) networks");
	check(tex_title("Offloading with eBPF and IPv6 on B4", 0),
	    "Offloading with {eBPF} and {IPv6} on {B4}");
}

static void
test_tex_title_leaves_title_case_words_alone(void **state)
{
	(void)state;
	check(tex_title("Make the Most out of Last Level Cache in Intel "
	    "Processors", 0), "Make the Most out of Last Level Cache in Intel "
	    "Processors");
	check(tex_title("Packet Order Matters! Improving Application "
	    "Performance", 0), "Packet Order Matters! Improving Application "
	    "Performance");
	check(tex_title("", 0), "");
}

static void
test_tex_title_protects_proper_nouns_in_sentence_case(void **state)
{
	(void)state;
	/* Lower-case words show sentence case: capitals are names. */
	check(tex_title("A study of caching in Sweden and Norway", 0),
	    "A study of caching in {Sweden} and {Norway}");
	/* After a colon or question mark a capital starts a sentence. */
	check(tex_title("Caching: A study of the cost in Europe", 0),
	    "Caching: A study of the cost in {Europe}");
	check(tex_title("Why now? Because caching helps Intel chips", 0),
	    "Why now? Because caching helps {Intel} chips");
	/* Non-ASCII capitals count too. */
	check(tex_title("Caching revisited in Örebro", 1),
	    "Caching revisited in {{\\\"O}rebro}");
}

static void
test_tex_title_keeps_punctuation_outside_braces(void **state)
{
	(void)state;
	check(tex_title("The “FAJITA” system, (NFV) and [DPDK].", 0),
	    "The “{FAJITA}” system, ({NFV}) and [{DPDK}].");
	check(tex_title("The “FAJITA” system", 1),
	    "The ``{FAJITA}'' system");
}

static void
test_tex_title_escapes_inside_protection(void **state)
{
	(void)state;
	check(tex_title("R&D at 100% in the lab of C#", 0),
	    "{R\\&D} at 100\\% in the lab of {C\\#}");
	check(tex_title("KOSTIĆ and the NFV_X box", 1),
	    "{KOSTI{\\'C}} and the {NFV\\_X} box");
}

/*
 * The models of tex_escape() and tex_title(), as they were first written:
 * a character at a time, each word's punctuation and shape found by its
 * own scans.  A character outside ASCII is looked up through tex_escape()
 * itself, alone: its table is not what the models check.
 */
static void
model_span(struct buf *b, const char *p, const char *e, int ascii)
{
	const char *q;
	char one[8], *tex;

	while (p < e) {
		switch (*p) {
		case '%': case '&': case '$': case '#': case '_': case '{':
		case '}':
			buf_putc(b, '\\');
			buf_putc(b, *p++);
			continue;
		case '~':
			buf_puts(b, "{\\textasciitilde}");
			p++;
			continue;
		case '^':
			buf_puts(b, "{\\textasciicircum}");
			p++;
			continue;
		case '\\':
			buf_puts(b, "{\\textbackslash}");
			p++;
			continue;
		}
		if ((unsigned char)*p < 0x80 || !ascii) {
			buf_putc(b, *p++);
			continue;
		}
		q = p;
		utf8_next(&p);
		memcpy(one, q, (size_t)(p - q));
		one[p - q] = '\0';
		tex = tex_escape(one, 1);
		buf_puts(b, tex);
		free(tex);
	}
}

static char *
model_escape(const char *s, int ascii)
{
	struct buf b = BUF_INIT;

	buf_append(&b, "", 0);
	model_span(&b, s, s + strlen(s), ascii);
	return buf_take(&b);
}

/*
 * Whether the character at p (before e) is an upper-case letter: ASCII,
 * Latin-1, Latin Extended-A and Greek.  *len is set to its length.
 */
static int
model_upper(const char *p, const char *e, size_t *len)
{
	const char *q = p;
	uint32_t c;

	if ((unsigned char)*p < 0x80) {
		*len = 1;
		return *p >= 'A' && *p <= 'Z';
	}
	c = utf8_next(&q);
	*len = q <= e ? (size_t)(q - p) : (size_t)(e - p);
	if (c >= 0xc0 && c <= 0xde)
		return c != 0xd7;
	if (c >= 0x100 && c <= 0x137)
		return c % 2 == 0;
	if (c >= 0x139 && c <= 0x148)
		return c % 2 == 1;
	if (c >= 0x14a && c <= 0x177)
		return c % 2 == 0;
	if (c == 0x178)
		return 1;
	if (c >= 0x179 && c <= 0x17e)
		return c % 2 == 1;
	return c >= 0x391 && c <= 0x3a9;
}

/*
 * Whether a word must keep its capitals whatever the style: a capital
 * after its first character (FAJITA, LLMs, NetConfEval, I/O, eBPF), or a
 * digit next to a capital (5G, B4).
 */
static int
model_word_shape(const char *p, const char *e)
{
	size_t len;
	int up, prev_up = 0, prev_digit = 0, first = 1;

	for (; p < e; p += len) {
		up = model_upper(p, e, &len);
		if (up && !first)
			return 1;
		if (*p >= '0' && *p <= '9') {
			if (prev_up)
				return 1;
			prev_digit = 1;
		} else {
			if (up && prev_digit)
				return 1;
			prev_digit = 0;
		}
		prev_up = up;
		first = 0;
	}
	return 0;
}

/* Short words that stay in lower case in a title-cased title. */
static int
model_small_word(const char *p, const char *e)
{
	static const char *const small[] = {
		"a", "an", "and", "as", "at", "but", "by", "for", "from", "in",
		"into", "nor", "of", "on", "or", "over", "per", "the", "to",
		"via", "vs", "with"
	};
	size_t i, n = (size_t)(e - p);

	for (i = 0; i < sizeof(small) / sizeof(small[0]); i++)
		if (strlen(small[i]) == n && memcmp(small[i], p, n) == 0)
			return 1;
	return 0;
}

/* Whether c separates the words of a title (hyphens split compounds). */
static int
model_sep(char c)
{
	return c == ' ' || c == '\t' || c == '-';
}

/*
 * Whether the title is in sentence case: after the first word, at least
 * as many lower-case words (other than "of", "the" ...) as capitalised
 * ones, acronyms not counted.  Then a capital inside it marks a
 * proper noun ("Linux", "Intel") that a style must not lowercase; in a
 * title-cased title capitals say nothing.
 */
static int
model_sentence_case(const char *s)
{
	const char *p = s, *w;
	size_t len;
	int upper = 0, lower = 0, first = 1;

	while (*p != '\0') {
		while (model_sep(*p))
			p++;
		for (w = p; *p != '\0' && !model_sep(*p); p++)
			continue;
		if (w == p)
			continue;
		/* Acronyms are capitals in either case: no evidence. */
		if (!first && !model_word_shape(w, p)) {
			if (model_upper(w, p, &len))
				upper++;
			else if (*w >= 'a' && *w <= 'z' &&
			    !model_small_word(w, p))
				lower++;
		}
		first = 0;
	}
	return lower > 0 && lower >= upper;
}

/* Length of the punctuation that opens (open) or closes a word at p. */
static size_t
model_punct(const char *p, const char *e, int open)
{
	static const char *const quotes[] = {
		"\xe2\x80\x98", "\xe2\x80\x99", "\xe2\x80\x9c", "\xe2\x80\x9d",
		"\xc2\xab", "\xc2\xbb"
	};
	size_t i, n;

	if (p >= e)
		return 0;
	if (strchr(open ? "(\"'[`" : ":;,.?!)]\"'", *p) != NULL && *p != '\0')
		return 1;
	for (i = 0; i < sizeof(quotes) / sizeof(quotes[0]); i++) {
		n = strlen(quotes[i]);
		if ((size_t)(e - p) >= n && memcmp(p, quotes[i], n) == 0)
			return n;
	}
	return 0;
}

/* Where the closing punctuation of the word p..e begins. */
static const char *
model_word_tail(const char *p, const char *e)
{
	const char *t = e, *q;
	int found;

	do {
		found = 0;
		/* Step back one character and test it. */
		for (q = t - 1; q > p && ((unsigned char)*q & 0xc0) == 0x80;
		    q--)
			continue;
		if (q >= p && model_punct(q, t, 0) == (size_t)(t - q)) {
			t = q;
			found = 1;
		}
	} while (found && t > p);
	return t;
}

static char *
model_title(const char *s, int ascii)
{
	struct buf b = BUF_INIT;
	const char *p = s, *e, *h, *t;
	size_t len, n = strlen(s);
	int sentence = model_sentence_case(s), start = 1, prev_lower = 0;
	int protect;

	buf_grow(&b, n + n / 8 + 16);
	buf_append(&b, "", 0);
	while (*p != '\0') {
		if (model_sep(*p)) {
			if (*p != '-')
				prev_lower = 0;
			buf_putc(&b, *p++);
			continue;
		}
		for (e = p; *e != '\0' && !model_sep(*e); e++)
			continue;
		/* Punctuation around the word stays outside the braces. */
		for (h = p; (len = model_punct(h, e, 1)) > 0; h += len)
			continue;
		t = model_word_tail(h, e);
		protect = t > h && (model_word_shape(h, t) ||
		    (model_upper(h, t, &len) && ((sentence && !start) ||
		    (p > s && p[-1] == '-' && prev_lower))));
		model_span(&b, p, h, ascii);
		if (protect)
			buf_putc(&b, '{');
		model_span(&b, h, t, ascii);
		if (protect)
			buf_putc(&b, '}');
		model_span(&b, t, e, ascii);
		/* After "Title: " or "Why? " a capital starts a sentence. */
		start = t < e && strchr(":?!", *t) != NULL;
		prev_lower = t > h && !model_upper(h, t, &len);
		p = e;
	}
	return buf_take(&b);
}

static void
check_model(const char *s, int ascii)
{
	char *got = tex_title(s, ascii), *want = model_title(s, ascii);

	if (strcmp(got, want) != 0)
		print_error("title \"%s\" (ascii %d)\n", s, ascii);
	assert_string_equal(got, want);
	free(got);
	free(want);
	got = tex_escape(s, ascii);
	want = model_escape(s, ascii);
	if (strcmp(got, want) != 0)
		print_error("text \"%s\" (ascii %d)\n", s, ascii);
	assert_string_equal(got, want);
	free(got);
	free(want);
}

/*
 * Pieces for the strings of the model tests: separators, the punctuation
 * around words and quotation marks (and characters that share their
 * bytes), capitals and small letters in and out of ASCII (and the
 * non-capitals among them: × ĸ ŉ), digits, what LaTeX escapes, acronyms
 * and small words.  All valid UTF-8, as the reader leaves it.
 */
static const char *const title_pieces[] = {
	" ", "-", "\t", "--", " - ", "A", "Z", "a", "z", "5", "0",
	"LLMs", "{FAJITA}", "I/O", "B4", "5G", "eBPF", "of", "the", "with",
	"Title: Sub", ":", "?", "!", ";", ",", ".", "(", ")", "[", "]",
	"\"", "'", "`", "\xe2\x80\x98", "\xe2\x80\x99", "\xe2\x80\x9c",
	"\xe2\x80\x9d", "\xc2\xab", "\xc2\xbb", "\xe2\x80\x9a",
	"\xe2\x80\x93", "\xc2\xa0", "\xc3\x89", "\xc3\xa9", "\xc3\x97",
	"\xc3\x9e", "\xc3\x9f", "\xc4\x80", "\xc4\x81", "\xc4\xb8",
	"\xc5\x81", "\xc5\x82", "\xc5\x89", "\xc5\xb8", "\xc5\xbd",
	"\xce\xa9", "\xce\xb1", "\xce\xa2", "\xe6\x9d\xb1", "\xc4\xa6",
	"%", "&", "$", "#", "_", "{", "}", "~", "^", "\\",
};
#define NPIECES (sizeof(title_pieces) / sizeof(title_pieces[0]))

/* With and without --latex, by the second piece. */
static void
check_model_piece(const char *s, size_t q, void *arg)
{
	(void)arg;
	check_model(s, (int)(q % 2));
}

/* One or two pieces at every place of titles in either case. */
static void
test_tex_title_model_every_position(void **state)
{
	static const char *const bases[] = {
		"ab cd ef gh", "Ab Cd of Ef", "AB-cd ef:Gh", "ab-Cd? ef",
	};
	size_t b;

	(void)state;
	for (b = 0; b < sizeof(bases) / sizeof(bases[0]); b++)
		pieces_each(bases[b], strlen(bases[b]), title_pieces, NPIECES,
		    check_model_piece, NULL);
}

/* Titles of pieces and words drawn at random (the same each run). */
static void
test_tex_title_model_random(void **state)
{
	static const char *const words[] = {
		"abc", "Abc", "ABC", "of", " ", " ", "-",
	};
	char s[512];
	unsigned long r = 4321;
	size_t n, k, len, w;
	const char *pc;
	int i;

	(void)state;
	for (i = 0; i < 40000; i++) {
		r = r * 1103515245 + 12345;
		n = (r >> 16) % 32;
		for (len = 0, k = 0; k < n; k++) {
			r = r * 1103515245 + 12345;
			w = (r >> 18) % 8;
			pc = w < sizeof(words) / sizeof(words[0]) ? words[w] :
			    title_pieces[(r >> 21) % NPIECES];
			memcpy(s + len, pc, strlen(pc));
			len += strlen(pc);
		}
		s[len] = '\0';
		check_model(s, i % 2);
	}
}

/* The _append forms add to what the buffer holds. */
static void
test_tex_append_forms_add_to_the_buffer(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_puts(&b, "x=");
	tex_escape_append(&b, "50% é", 1);
	buf_puts(&b, "; ");
	tex_title_append(&b, "The LLMs of Örebro", 0);
	assert_string_equal(buf_str(&b),
	    "x=50\\% {\\'e}; The {LLMs} of Örebro");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tex_escapes_each_special),
		cmocka_unit_test(test_tex_keeps_utf8_by_default),
		cmocka_unit_test(test_tex_latex_maps_diacritics),
		cmocka_unit_test(test_tex_latex_maps_punctuation_and_maths),
		cmocka_unit_test(
		    test_tex_latex_leaves_unmapped_characters_as_utf8),
		cmocka_unit_test(
		    test_tex_title_protects_acronyms_and_inner_capitals),
		cmocka_unit_test(test_tex_title_leaves_title_case_words_alone),
		cmocka_unit_test(
		    test_tex_title_protects_proper_nouns_in_sentence_case),
		cmocka_unit_test(
		    test_tex_title_keeps_punctuation_outside_braces),
		cmocka_unit_test(test_tex_title_escapes_inside_protection),
		cmocka_unit_test(test_tex_title_model_every_position),
		cmocka_unit_test(test_tex_title_model_random),
		cmocka_unit_test(test_tex_append_forms_add_to_the_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
