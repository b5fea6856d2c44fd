/*
 * tex.c -- plain UTF-8 text to correct LaTeX for BibTeX fields (see tex.h).
 *
 * Done here rather than by libbibutils (latexout): one pass over each
 * field, where libbibutils' own conversion doubles the time of a write.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tex.h"
#include "utf8.h"
#include "xmalloc.h"

#include "accents_tab.h"

/* Characters with no accent form: letters, punctuation, maths. */
static const struct {
	uint32_t	 cp;
	const char	*tex;
} tex_symbols[] = {
	{ 0x00a0, "~" }, { 0x00a7, "{\\S}" }, { 0x00a9, "{\\copyright}" },
	{ 0x00b0, "{\\textdegree}" }, { 0x00b1, "$\\pm$" },
	{ 0x00b5, "$\\mu$" }, { 0x00b7, "$\\cdot$" }, { 0x00c5, "{\\AA}" },
	{ 0x00c6, "{\\AE}" }, { 0x00d7, "$\\times$" }, { 0x00d8, "{\\O}" },
	{ 0x00df, "{\\ss}" }, { 0x00e5, "{\\aa}" }, { 0x00e6, "{\\ae}" },
	{ 0x00f7, "$\\div$" }, { 0x00f8, "{\\o}" }, { 0x0110, "{\\DJ}" },
	{ 0x0111, "{\\dj}" }, { 0x0131, "{\\i}" }, { 0x0141, "{\\L}" },
	{ 0x0142, "{\\l}" }, { 0x0152, "{\\OE}" }, { 0x0153, "{\\oe}" },
	{ 0x03b1, "$\\alpha$" }, { 0x03b2, "$\\beta$" }, { 0x03b3, "$\\gamma$" },
	{ 0x03b4, "$\\delta$" }, { 0x03b5, "$\\epsilon$" },
	{ 0x03bb, "$\\lambda$" }, { 0x03bc, "$\\mu$" }, { 0x03c0, "$\\pi$" },
	{ 0x03c3, "$\\sigma$" }, { 0x2013, "--" }, { 0x2014, "---" },
	{ 0x2018, "`" }, { 0x2019, "'" }, { 0x201c, "``" }, { 0x201d, "''" },
	{ 0x2020, "{\\dag}" }, { 0x2021, "{\\ddag}" }, { 0x2022, "$\\bullet$" },
	{ 0x2026, "{\\ldots}" }, { 0x2192, "$\\rightarrow$" },
	{ 0x2212, "$-$" }, { 0x221e, "$\\infty$" }, { 0x2248, "$\\approx$" },
	{ 0x2260, "$\\neq$" }, { 0x2264, "$\\leq$" }, { 0x2265, "$\\geq$" },
};

/* Append the LaTeX for code point c; 0 if there is none. */
static int
tex_char(uint32_t c, struct buf *b)
{
	size_t i;

	for (i = 0; i < sizeof(tex_symbols) / sizeof(tex_symbols[0]); i++)
		if (tex_symbols[i].cp == c) {
			buf_puts(b, tex_symbols[i].tex);
			return 1;
		}
	for (i = 0; i < sizeof(latex_accents) / sizeof(latex_accents[0]); i++)
		if (latex_accents[i].cp == c) {
			char base = latex_accents[i].base;

			/* {\'\i} for an accented i, {\'e} otherwise. */
			if (isalpha((unsigned char)latex_accents[i].acc))
				buf_printf(b, "{\\%c{%s}}", latex_accents[i].acc,
				    base == 'i' ? "\\i" : (char[]){ base, 0 });
			else
				buf_printf(b, "{\\%c%s}", latex_accents[i].acc,
				    base == 'i' ? "\\i" : (char[]){ base, 0 });
			return 1;
		}
	return 0;
}

/* Append s escaped; with ascii, non-ASCII as LaTeX too. */
static void
tex_escape_buf(const char *s, int ascii, struct buf *b)
{
	const char *p = s, *q;
	uint32_t c;
	char enc[4];

	while (*p != '\0') {
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
		if ((unsigned char)*p < 0x80) {
			buf_putc(b, *p++);
			continue;
		}
		q = p;
		c = utf8_next(&p);
		if (!ascii || !tex_char(c, b))
			buf_append(b, enc, utf8_encode(c, enc));
		(void)q;
	}
}

char *
tex_escape(const char *s, int ascii)
{
	struct buf b = BUF_INIT;

	buf_grow(&b, strlen(s) + 8);
	tex_escape_buf(s, ascii, &b);
	return buf_take(&b);
}

/*
 * Whether a word must keep its capitals: an upper-case letter after the
 * first character (FAJITA, LLMs, NetConfEval, I/O), or a digit next to a
 * capital (5G).
 */
static int
tex_word_shape(const char *w, size_t len)
{
	size_t i;
	int digit = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)w[i];

		if (isupper(c) && i > 0)
			return 1;
		if (isdigit(c))
			digit = 1;
	}
	if (digit && isupper((unsigned char)w[0]))
		return 1;
	for (i = 0; digit && i + 1 < len; i++)
		if (isdigit((unsigned char)w[i]) && isupper((unsigned char)w[i + 1]))
			return 1;
	return 0;
}

/*
 * Whether the title is in sentence case: then a capital inside it marks a
 * proper noun ("Linux", "Intel") that a style must not lowercase.  In a
 * title-cased title capitals say nothing.
 */
static int
tex_sentence_case(const char *s)
{
	const char *p = s;
	int upper = 0, lower = 0, first = 1;

	while (*p != '\0') {
		while (*p == ' ' || *p == '-')
			p++;
		if (!first && isupper((unsigned char)*p))
			upper++;
		else if (!first && islower((unsigned char)*p) &&
		    strncmp(p, "a ", 2) && strncmp(p, "of ", 3) &&
		    strncmp(p, "the ", 4) && strncmp(p, "and ", 4) &&
		    strncmp(p, "in ", 3) && strncmp(p, "for ", 4) &&
		    strncmp(p, "on ", 3) && strncmp(p, "to ", 3))
			lower++;
		first = 0;
		while (*p != '\0' && *p != ' ' && *p != '-')
			p++;
	}
	return lower > upper;
}

char *
tex_title(const char *s, int ascii)
{
	struct buf b = BUF_INIT, word = BUF_INIT;
	const char *p = s, *e, *t, *h;
	int sentence = tex_sentence_case(s), start = 1, prev_lower = 0;
	int protect;

	buf_grow(&b, strlen(s) + 16);
	while (*p != '\0') {
		/* A word: up to a blank, or a hyphen between parts. */
		if (*p == ' ' || *p == '-') {
			if (*p == ' ')
				prev_lower = 0;
			buf_putc(&b, *p++);
			continue;
		}
		for (e = p; *e != '\0' && *e != ' ' && *e != '-'; e++)
			continue;
		/* Punctuation around the word stays outside the braces. */
		for (h = p; h < e && strchr("(\"'[", *h) != NULL; h++)
			continue;
		for (t = e; t > h && strchr(":;,.?!)]\"'", t[-1]) != NULL; t--)
			continue;
		protect = t > h && (tex_word_shape(h, (size_t)(t - h)) ||
		    (isupper((unsigned char)*h) && ((sentence && !start) ||
		    (p > s && p[-1] == '-' && prev_lower))));
		buf_reset(&word);
		buf_append(&word, p, (size_t)(h - p));
		tex_escape_buf(buf_str(&word), ascii, &b);
		buf_reset(&word);
		buf_append(&word, h, (size_t)(t - h));
		if (protect)
			buf_putc(&b, '{');
		tex_escape_buf(buf_str(&word), ascii, &b);
		if (protect)
			buf_putc(&b, '}');
		buf_reset(&word);
		buf_append(&word, t, (size_t)(e - t));
		tex_escape_buf(buf_str(&word), ascii, &b);
		/* After "Title: " a capital starts a sentence again. */
		start = (t < e && *t == ':') || (e > s && e[-1] == ':');
		prev_lower = t > h && !isupper((unsigned char)*h);
		p = e;
	}
	buf_free(&word);
	return buf_take(&b);
}
