/*
 * clean.c -- markup out, logical lines with hints in (see clean.h).
 *
 * Text and Markdown are cleaned line by line: CVs pulled out of PDFs are
 * "plain text" full of Markdown emphasis, HTML tags and LaTeX maths, so
 * both modes understand all three inline.  HTML is a stream in which source
 * line ends mean nothing and block tags end lines.  LaTeX is line based,
 * with sectioning commands as headings and \item as list items.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "clean.h"
#include "read.h"
#include "utf8.h"
#include "xmalloc.h"

#include "accents_tab.h"
#include "clean_tab.h"

#define QUEUE_MAX	64

struct qline {
	char		*s;
	unsigned long	 lineno;
	int		 heading, item, blank, indent;
	int		 set_apart;	/* see struct cline */
};

struct cleaner {
	enum markup	 markup;
	struct qline	 q[QUEUE_MAX];	/* ring of logical lines */
	size_t		 qhead, qlen;
	char		*last;		/* string handed out by the last pop */
	struct qline	 held;		/* text/Markdown: a possible heading */
	int		 has_held;
	/* HTML state, kept across source lines. */
	struct buf	 cur;		/* text of the logical line */
	struct buf	 tag;		/* a tag being read */
	struct buf	 href;		/* target of the open <a> */
	unsigned long	 cur_line;
	int		 in_tag, in_comment, skip_depth, cur_heading;
	int		 cur_item;
	int		 in_row;	/* inside <tr>: cells make one line */
	int		 row_data;	/* the row has a <td>, not only <th> */
	char		 skip_name[16];
	int		 pending_item;	/* an item mark stood alone */
	int		 hard_break;	/* Markdown: the line ended in "  " */
	int		 next_apart;	/* the next line queued is set apart */
};

static void	clean_inline_buf(enum markup, const char *, size_t,
		    struct buf *);

struct cleaner *
cleaner_new(enum markup m)
{
	struct cleaner *c = xcalloc(1, sizeof(*c));

	c->markup = m == MARKUP_AUTO ? MARKUP_TEXT : m;
	return c;
}

void
cleaner_free(struct cleaner *c)
{
	if (c == NULL)
		return;
	while (c->qlen > 0) {
		free(c->q[c->qhead].s);
		c->qhead = (c->qhead + 1) % QUEUE_MAX;
		c->qlen--;
	}
	free(c->held.s);
	free(c->last);
	buf_free(&c->cur);
	buf_free(&c->tag);
	buf_free(&c->href);
	free(c);
}

/* Queue a logical line; the queue takes s. */
static void
clean_queue(struct cleaner *c, char *s, unsigned long lineno, int heading,
    int item, int indent)
{
	struct qline *q;

	if (c->qlen == QUEUE_MAX) {	/* the caller pops after each push */
		free(c->q[c->qhead].s);
		c->qhead = (c->qhead + 1) % QUEUE_MAX;
		c->qlen--;
	}
	/*
	 * An item mark alone on its line ("\item", "\entry*[2008]%") makes
	 * the next line with text the item's first.
	 */
	if (heading)
		c->pending_item = 0;
	else if (*s == '\0' && item)
		c->pending_item = 1;
	else if (*s != '\0' && c->pending_item) {
		item = 1;
		c->pending_item = 0;
	}
	q = &c->q[(c->qhead + c->qlen++) % QUEUE_MAX];
	q->s = s;
	q->lineno = lineno;
	q->heading = heading;
	q->item = item;
	q->blank = (*s == '\0' && !heading);
	q->indent = indent;
	q->set_apart = c->markup == MARKUP_HTML || c->next_apart;
	c->next_apart = 0;
}

int
cleaner_pop(struct cleaner *c, struct cline *out)
{
	struct qline *q;

	if (c->qlen == 0)
		return 0;
	q = &c->q[c->qhead];
	c->qhead = (c->qhead + 1) % QUEUE_MAX;
	c->qlen--;
	free(c->last);
	c->last = q->s;
	out->s = q->s;
	out->lineno = q->lineno;
	out->heading = q->heading;
	out->item = q->item;
	out->blank = q->blank;
	out->indent = q->indent;
	out->set_apart = q->set_apart;
	return 1;
}

/* Trim blanks (and stray markers with nothing inside) in place. */
static void
clean_trim(struct buf *b)
{
	buf_trim(b);
	while (b->len > 0 && strchr(" \t", b->s[b->len - 1]) != NULL)
		b->len--;
	if (b->s != NULL)
		b->s[b->len] = '\0';
}

/*
 * The length of the Unicode space at s (no-break, en, em, thin, narrow
 * no-break, ideographic: PDF and word-processor text is full of them), or
 * 0.  They separate words like a plain space does.
 */
static size_t
wide_space(const unsigned char *s, size_t n)
{
	if (n >= 2 && s[0] == 0xc2 && s[1] == 0xa0)
		return 2;
	if (n >= 3 && s[0] == 0xe2 && s[1] == 0x80 &&
	    (s[2] <= 0x8a || s[2] == 0xaf))
		return 3;
	if (n >= 3 && ((s[0] == 0xe2 && s[1] == 0x81 && s[2] == 0x9f) ||
	    (s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80)))
		return 3;
	return 0;
}

/* The bytes clean_squeeze() may change: blanks, the leads of wide spaces. */
static const unsigned char squeeze_special[256] = {
	[' '] = 1, ['\t'] = 1, [0xc2] = 1, [0xe2] = 1, [0xe3] = 1,
};

/*
 * squeeze_same() from i to stop (at most len): the index of the first byte
 * clean_squeeze() must change, or stop.  *sp says whether s[i - 1] was a
 * space, and is kept up to date.
 */
static size_t
squeeze_bytes(const char *s, size_t i, size_t stop, size_t len, int *sp)
{
	unsigned char c;

	for (; i < stop; i++) {
		c = (unsigned char)s[i];
		if (!squeeze_special[c]) {
			*sp = 0;
			continue;
		}
		if (c == ' ' && !*sp)
			*sp = 1;
		else if (c == ' ' || c == '\t' || wide_space((const unsigned
		    char *)s + i, len - i) > 0)
			break;
		else
			*sp = 0;
	}
	return i;
}

#define WORD_ONES	UINT64_C(0x0101010101010101)
#define WORD_HIGHS	UINT64_C(0x8080808080808080)

/*
 * Scans eight bytes at a time.  word_below(x, n), for n at most 0x80, has
 * a high bit set iff a byte of x is below n: at the lowest such byte the
 * subtraction borrows, which sets the byte's high bit while ~x keeps it,
 * and no byte under it borrows; a byte of n or more alone sets no bit
 * (its high bit after the subtraction means it was 0x80 or more, which ~x
 * clears).  A borrow may set a bit above a byte found too: the callers
 * only ask whether there is one.  word_below(v, 1) finds a zero byte.
 */
static inline uint64_t
word_below(uint64_t x, unsigned n)
{
	return (x - WORD_ONES * n) & ~x & WORD_HIGHS;
}

/*
 * Whether the eight bytes at p (p[-1] readable) may hold something for
 * clean_squeeze(): a byte below 0x20 (a tab), one of 0x80 or more (a wide
 * space's lead) or a space after a space.  x holds p[0..8), y p[-1..7), so
 * a byte of t = (x ^ spaces) | (y ^ spaces) is 0 where a space follows a
 * space, whatever the byte order.  A word that may is left to the byte
 * loop, which decides exactly.
 */
static inline int
squeeze_word_maybe(const char *p)
{
	uint64_t x, y, t;

	memcpy(&x, p, 8);
	memcpy(&y, p - 1, 8);
	t = (x ^ (WORD_ONES * ' ')) | (y ^ (WORD_ONES * ' '));
	return (word_below(t, 1) | word_below(x, 0x20) | (x & WORD_HIGHS)) !=
	    0;
}

/*
 * The length of the prefix of s[0..len) that clean_squeeze() leaves as it
 * is; *sp says whether it ends in a space.  Most lines are all of it, so
 * plain ASCII goes eight bytes at a time.
 */
static size_t
squeeze_same(const char *s, size_t len, int *sp)
{
	size_t i, k;

	*sp = 0;
	if (len == 0)
		return 0;
	if ((i = squeeze_bytes(s, 0, 1, len, sp)) == 0)
		return 0;
	for (; i + 8 <= len; i += 8) {
		if (!squeeze_word_maybe(s + i))
			continue;
		*sp = (s[i - 1] == ' ');
		if ((k = squeeze_bytes(s, i, i + 8, len, sp)) < i + 8)
			return k;
	}
	*sp = (s[i - 1] == ' ');
	return squeeze_bytes(s, i, len, len, sp);
}

/* Collapse runs of blanks, Unicode spaces too, into one space. */
static void
clean_squeeze(struct buf *b)
{
	/* Locals: stores through s would make the compiler reload *b. */
	char *s = b->s;
	size_t i, j, w, len = b->len;
	int sp;

	i = j = squeeze_same(s, len, &sp);
	for (; i < len; i++) {
		char ch = s[i] == '\t' ? ' ' : s[i];

		if ((unsigned char)ch >= 0xc2 && (w = wide_space(
		    (const unsigned char *)s + i, len - i)) > 0) {
			ch = ' ';
			i += w - 1;
		}

		if (ch == ' ' && sp)
			continue;
		sp = (ch == ' ');
		s[j++] = ch;
	}
	b->len = j;
	if (s != NULL)
		s[j] = '\0';
}

/* --- entities, accents, maths -------------------------------------------- */

static int
entity_cmp(const void *key, const void *elem)
{
	const struct clean_entity *e = elem;

	return strcmp(key, e->name);
}

/*
 * Decode "&...;" at p (before end); on success append it and return its
 * length, else 0.
 */
static size_t
clean_entity(const char *p, const char *end, struct buf *out)
{
	char name[16], enc[4];
	const char *semi;
	size_t n;
	unsigned long cp = 0;

	/* Entities are short: look for the ";" in the next 12 bytes. */
	if ((semi = memchr(p, ';', end - p < 12 ? (size_t)(end - p) : 12)) ==
	    NULL || semi == p + 1)
		return 0;
	n = (size_t)(semi - p - 1);
	if (p[1] == '#') {
		char *stop;

		if (p[2] == 'x' || p[2] == 'X')
			cp = strtoul(p + 3, &stop, 16);
		else
			cp = strtoul(p + 2, &stop, 10);
		if (stop != semi || cp == 0 || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp < 0x20)
			return 0;
	} else {
		const struct clean_entity *hit;

		if (n >= sizeof(name))
			return 0;
		memcpy(name, p + 1, n);
		name[n] = '\0';
		hit = bsearch(name, clean_entities, sizeof(clean_entities) /
		    sizeof(clean_entities[0]), sizeof(clean_entities[0]),
		    entity_cmp);
		if (hit == NULL)
			return 0;
		cp = hit->cp;
	}
	if (cp == 0xa0 || cp == 0x2009 || cp == 0x2002 || cp == 0x2003)
		cp = ' ';
	if (cp == 0xad)		/* soft hyphen */
		return (size_t)(semi - p + 1);
	buf_append(out, enc, utf8_put((uint32_t)cp, enc));
	return (size_t)(semi - p + 1);
}

/* Precomposed character for a LaTeX accent on a letter, or 0. */
static unsigned int
clean_accent(char acc, char base)
{
	size_t i;

	if (base == 'i' && acc != '.')	/* \'{\i} and \'i alike */
		base = 'i';
	for (i = 0; i < sizeof(latex_accents) / sizeof(latex_accents[0]); i++)
		if (latex_accents[i].acc == acc &&
		    latex_accents[i].base == base)
			return latex_accents[i].cp;
	return 0;
}

/* LaTeX control words that stand for a character. */
static const struct {
	const char	*name;
	const char	*text;
} clean_symbols[] = {
	{ "AA", "Å" }, { "AE", "Æ" }, { "L", "Ł" }, { "O", "Ø" },
	{ "OE", "Œ" }, { "aa", "å" }, { "ae", "æ" }, { "alpha", "α" },
	{ "approx", "≈" }, { "beta", "β" }, { "cdot", "·" },
	{ "copyright", "©" }, { "dag", "†" }, { "ddag", "‡" },
	{ "delta", "δ" }, { "dots", "…" }, { "epsilon", "ε" },
	{ "euro", "€" }, { "gamma", "γ" }, { "ge", "≥" }, { "geq", "≥" },
	{ "i", "ı" }, { "infty", "∞" }, { "l", "ł" }, { "lambda", "λ" },
	{ "ldots", "…" }, { "le", "≤" }, { "leq", "≤" }, { "mu", "μ" },
	{ "ne", "≠" }, { "o", "ø" }, { "oe", "œ" }, { "pi", "π" },
	{ "pm", "±" }, { "rightarrow", "→" }, { "sigma", "σ" },
	{ "sim", "~" }, { "ss", "ß" }, { "textasciitilde", "~" },
	{ "textbullet", "•" }, { "textdagger", "†" }, { "textemdash", "—" },
	{ "textendash", "–" }, { "texttimes", "×" }, { "times", "×" },
	/* Logos, in titles: "\LaTeX: A Document Preparation System". */
	{ "BibTeX", "BibTeX" }, { "LaTeX", "LaTeX" }, { "LaTeXe", "LaTeX2e" },
	{ "LuaTeX", "LuaTeX" }, { "TeX", "TeX" }, { "XeTeX", "XeTeX" },
	{ "XeLaTeX", "XeLaTeX" }, { "ConTeXt", "ConTeXt" },
};

/* Commands whose argument is dropped with them. */
static const char *const clean_drop_cmds[] = {
	"label", "vspace", "hspace", "cite", "ref", "pageref", "index",
	"footnote", "setlength", "vskip", "hskip", "newline", "linebreak",
	"includegraphics", "faIcon", "color", "documentclass", "usepackage",
	"addbibresource", "bibliographystyle", "nocite", "thispagestyle",
	"pagestyle", "moderncvstyle", "moderncvcolor", "fontsize",
};

/* Commands whose argument is bold or italic. */
static const char *const clean_strong_cmds[] = {
	"textbf", "underline", "uline", "textsc", "bfseries", "bf",
};
static const char *const clean_em_cmds[] = {
	"emph", "textit", "textsl", "it", "itshape", "em", "sl",
};

static int
clean_in(const char *const *v, size_t n, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(v[i]) == len && strncmp(v[i], s, len) == 0)
			return 1;
	return 0;
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Skip a {...} group at p (p at '{'); returns the position after it. */
static const char *
clean_skip_group(const char *p, const char *end)
{
	int depth = 0;

	for (; p < end; p++) {
		if (*p == '\\' && p + 1 < end) {
			p++;
			continue;
		}
		if (*p == '{')
			depth++;
		else if (*p == '}' && --depth == 0)
			return p + 1;
	}
	return end;
}

/*
 * A group that starts with a font switch, "{\it Nature}", "{\bf 45}": its
 * text between markers.  Returns the end of the group, or NULL when the
 * group at p does not start with a switch.
 */
static const char *
clean_latex_switch(const char *p, const char *end, struct buf *out)
{
	static const struct {
		const char	*cmd;
		char		 on, off;
	} switches[] = {
		{ "\\it", CLEAN_EM_ON, CLEAN_EM_OFF },
		{ "\\em", CLEAN_EM_ON, CLEAN_EM_OFF },
		{ "\\sl", CLEAN_EM_ON, CLEAN_EM_OFF },
		{ "\\itshape", CLEAN_EM_ON, CLEAN_EM_OFF },
		{ "\\bf", CLEAN_STRONG_ON, CLEAN_STRONG_OFF },
		{ "\\bfseries", CLEAN_STRONG_ON, CLEAN_STRONG_OFF },
	};
	const char *g, *t;
	size_t i, n;

	for (i = 0; i < NELEM(switches); i++) {
		n = strlen(switches[i].cmd);
		if ((size_t)(end - p) <= n + 1 ||
		    strncmp(p + 1, switches[i].cmd, n) != 0 ||
		    isalpha((unsigned char)p[1 + n]))
			continue;
		g = clean_skip_group(p, end);
		t = p + 1 + n;
		while (t < g && *t == ' ')
			t++;
		buf_putc(out, switches[i].on);
		clean_inline_buf(MARKUP_LATEX, t, (size_t)(g - t -
		    (g[-1] == '}')), out);
		buf_putc(out, switches[i].off);
		return g;
	}
	return NULL;
}

/* The {group} at q, cleaned, between two markers; returns its end. */
static const char *
clean_latex_span(const char *q, const char *end, char on, char off,
    struct buf *out)
{
	const char *g = clean_skip_group(q, end);

	buf_putc(out, on);
	clean_inline_buf(MARKUP_LATEX, q + 1, (size_t)(g - q - 1 -
	    (g[-1] == '}')), out);
	buf_putc(out, off);
	return g;
}

/*
 * One LaTeX command at p (p at the backslash); appends its text and
 * returns the position after what was consumed.
 */
static const char *
clean_latex_cmd(const char *p, const char *end, struct buf *out)
{
	const char *q = p + 1, *name = q;
	size_t n, i;
	char enc[4];
	unsigned int cp;

	if (q >= end)
		return end;
	/* Control symbols: \& \% \$ \# \_ \{ \} \\ \, and the accents. */
	if (!isalpha((unsigned char)*q)) {
		char a = *q++;

		if (strchr("'`^\"~=.", a) != NULL && q < end) {
			int braced = (*q == '{');
			const char *b = braced ? q + 1 : q;

			if (b < end && *b == '\\' && b + 1 < end && b[1] == 'i')
				b++;
			if (b < end && (cp = clean_accent(a, *b)) != 0) {
				buf_append(out, enc, utf8_put(cp, enc));
				b++;
				if (braced && b < end && *b == '}')
					b++;
				return b;
			}
			if (a == '~') {
				buf_putc(out, '~');
				return q;
			}
		}
		if (a == '\\' || a == ',' || a == ';' || a == ' ')
			buf_putc(out, ' ');
		else if (a != '/' && a != '-')
			buf_putc(out, a);
		return q;
	}
	while (q < end && isalpha((unsigned char)*q))
		q++;
	n = (size_t)(q - name);
	/* Accents written as letters: \c{c}, \v{s}, \u{a}, \H{o}, \k{a}, \r{a}. */
	if (n == 1 && strchr("cvuHkrd", *name) != NULL) {
		const char *b = q;
		int braced;

		while (b < end && *b == ' ')
			b++;
		braced = (b < end && *b == '{');
		if (braced)
			b++;
		if (b < end && (cp = clean_accent(*name, *b)) != 0) {
			buf_append(out, enc, utf8_put(cp, enc));
			b++;
			if (braced && b < end && *b == '}')
				b++;
			return b;
		}
	}
	for (i = 0; i < NELEM(clean_symbols); i++)
		if (strlen(clean_symbols[i].name) == n &&
		    strncmp(clean_symbols[i].name, name, n) == 0) {
			buf_puts(out, clean_symbols[i].text);
			/* After a letter (\ss, \o) a blank only ends the word. */
			if (n <= 2 && q < end && *q == ' ')
				q++;
			else if (q + 1 < end && q[0] == '{' && q[1] == '}')
				q += 2;
			return q;
		}
	if (clean_in(clean_drop_cmds, NELEM(clean_drop_cmds), name, n)) {
		while (q < end && (*q == '{' || *q == '[')) {
			if (*q == '[') {
				const char *r = memchr(q, ']', (size_t)(end - q));
				q = r != NULL ? r + 1 : end;
			} else
				q = clean_skip_group(q, end);
		}
		return q;
	}
	if (q < end && *q == '{' &&
	    clean_in(clean_strong_cmds, NELEM(clean_strong_cmds), name, n))
		return clean_latex_span(q, end, CLEAN_STRONG_ON, CLEAN_STRONG_OFF,
		    out);
	if (q < end && *q == '{' &&
	    clean_in(clean_em_cmds, NELEM(clean_em_cmds), name, n))
		return clean_latex_span(q, end, CLEAN_EM_ON, CLEAN_EM_OFF, out);
	if ((n == 3 && strncmp(name, "url", 3) == 0) ||
	    (n == 4 && strncmp(name, "href", 4) == 0)) {
		if (q < end && *q == '{') {
			const char *g = clean_skip_group(q, end);

			buf_putc(out, CLEAN_URL_ON);
			buf_append(out, q + 1, (size_t)(g - q - 2));
			buf_putc(out, CLEAN_URL_OFF);
			q = g;
		}
		return q;	/* \href's second group is ordinary text */
	}
	/* "\hangindent=0.5in", "\parindent 2em": a length, not text. */
	if (q < end && (*q == '=' || (*q == ' ' && q + 1 < end &&
	    (isdigit((unsigned char)q[1]) || q[1] == '-')))) {
		const char *d = q + 1;

		while (d < end && (isdigit((unsigned char)*d) || *d == '.' ||
		    *d == '-' || *d == ' '))
			d++;
		if (d > q + 1 && d + 1 < end && isalpha((unsigned char)d[0]) &&
		    isalpha((unsigned char)d[1]))
			return d + 2;	/* the unit: in, pt, em, cm, mm, ex */
	}
	/* Any other command: drop the name and keep its arguments' text. */
	if (q < end && *q == ' ' && n > 1)
		q++;
	while (q < end && *q == '[') {		/* optional arguments */
		const char *r = memchr(q, ']', (size_t)(end - q));
		q = r != NULL ? r + 1 : end;
	}
	return q;
}

/* --- HTML tags -------------------------------------------------------- */

static const char *const html_block[] = {
	"address", "article", "blockquote", "body", "br", "dd", "div", "dl",
	"dt", "footer", "header", "hr", "html", "li", "main", "nav", "ol",
	"p", "section", "table", "td", "th", "tr", "ul", "h1", "h2", "h3",
	"h4", "h5", "h6", "title", "head", "tbody", "thead", "figure",
};

/* The tag's name (lower case) into name; returns 1 for a closing tag. */
static int
html_tag_name(const char *t, size_t len, char *name, size_t size)
{
	size_t i = 0, j = 0;
	int closing = 0;

	if (i < len && t[i] == '/') {
		closing = 1;
		i++;
	}
	while (i < len && j + 1 < size && (isalnum((unsigned char)t[i])))
		name[j++] = (char)tolower((unsigned char)t[i++]);
	name[j] = '\0';
	return closing;
}

/* The value of attribute attr in tag text t, into out; 1 if found. */
static int
html_attr(const char *t, size_t len, const char *attr, struct buf *out)
{
	size_t alen = strlen(attr), i;

	for (i = 0; i + alen + 1 < len; i++) {
		const char *p = t + i, *v, *e;
		char quote;

		if (strncasecmp(p, attr, alen) != 0 || p[alen] != '=' ||
		    (i > 0 && !isspace((unsigned char)t[i - 1])))
			continue;
		v = p + alen + 1;
		quote = (*v == '"' || *v == '\'') ? *v++ : ' ';
		for (e = v; e < t + len && *e != quote && *e != '>'; e++)
			continue;
		buf_reset(out);
		buf_append(out, v, (size_t)(e - v));
		return 1;
	}
	return 0;
}

/*
 * Handle the inline meaning of tag t (without < >): emphasis, links, line
 * breaks.  Returns 1 if the tag is a block tag (which ends a logical line
 * in HTML mode).
 */
static int
html_tag_inline(const char *t, size_t len, struct buf *href, struct buf *out)
{
	char name[16];
	int closing = html_tag_name(t, len, name, sizeof(name));

	if (strcmp(name, "b") == 0 || strcmp(name, "strong") == 0 ||
	    strcmp(name, "u") == 0) {
		buf_putc(out, closing ? CLEAN_STRONG_OFF : CLEAN_STRONG_ON);
		return 0;
	}
	if (strcmp(name, "i") == 0 || strcmp(name, "em") == 0 ||
	    strcmp(name, "cite") == 0) {
		buf_putc(out, closing ? CLEAN_EM_OFF : CLEAN_EM_ON);
		return 0;
	}
	if (strcmp(name, "a") == 0) {
		if (!closing) {
			if (!html_attr(t, len, "href", href))
				buf_reset(href);
			else if (strncmp(href->s, "http", 4) == 0 ||
			    strncmp(href->s, "doi:", 4) == 0)
				buf_putc(out, CLEAN_LINK_ON);
		} else if (href->len > 0 && (strncmp(href->s, "http", 4) == 0 ||
		    strncmp(href->s, "doi:", 4) == 0)) {
			buf_putc(out, CLEAN_URL_ON);
			clean_inline_buf(MARKUP_HTML, href->s, href->len, out);
			buf_putc(out, CLEAN_URL_OFF);
			buf_reset(href);
		}
		return 0;
	}
	if (strcmp(name, "sup") == 0 || strcmp(name, "sub") == 0 ||
	    strcmp(name, "span") == 0 || strcmp(name, "font") == 0 ||
	    strcmp(name, "small") == 0 || strcmp(name, "img") == 0)
		return 0;
	return clean_in(html_block, NELEM(html_block), name, strlen(name));
}

/* Find the end of a tag starting at p ('<'); NULL if none on this text. */
static const char *
html_tag_end(const char *p, const char *end)
{
	if (p + 1 >= end || !(isalpha((unsigned char)p[1]) || p[1] == '/' ||
	    p[1] == '!'))
		return NULL;
	return memchr(p, '>', (size_t)(end - p));
}

/* --- Markdown inline ----------------------------------------------------- */

/* A Markdown link [text](url) at p; appends and returns the end, or NULL. */
static const char *
md_link(const char *p, const char *end, struct buf *out)
{
	const char *close, *paren;
	int image = (*p == '!');
	size_t depth = 0;

	if (image)
		p++;
	for (close = p + 1; close < end; close++) {
		if (*close == '[')
			depth++;
		else if (*close == ']' && depth-- == 0)
			break;
	}
	if (close >= end || close + 1 >= end || close[1] != '(')
		return NULL;
	if ((paren = memchr(close + 2, ')', (size_t)(end - close - 2))) == NULL)
		return NULL;
	if (!image) {
		if (paren > close + 2)
			buf_putc(out, CLEAN_LINK_ON);
		clean_inline_buf(MARKUP_MARKDOWN, p + 1, (size_t)(close - p - 1),
		    out);
		if (paren > close + 2) {
			buf_putc(out, CLEAN_URL_ON);
			buf_append(out, close + 2, (size_t)(paren - close - 2));
			buf_putc(out, CLEAN_URL_OFF);
		}
	}
	return paren + 1;
}

/*
 * Markdown emphasis at p: "**", "__", "*" or "_" opening a span that closes
 * on the same text.  Appends the marker and returns the run length used,
 * or 0 when the characters are literal.
 */
static size_t
md_emphasis(const char *start, const char *p, const char *end, int *strong,
    int *em, struct buf *out)
{
	char ch = *p;
	size_t run = (p + 1 < end && p[1] == ch) ? 2 : 1;
	int before = (p > start) ? (unsigned char)p[-1] : ' ';
	int after = (p + run < end) ? (unsigned char)p[run] : ' ';
	int *state = (run == 2) ? strong : em;

	/* "_" inside a word (snake_case) and a lone "*" between spaces are text. */
	if (ch == '_' && isalnum(before) && isalnum(after))
		return 0;
	if (!*state) {
		if (after == ' ' || p + run >= end)
			return 0;
		/*
		 * As in CommonMark, a run opens only where it is left-flanking:
		 * "Kumar*, B. Chen*" marks equal contribution, no emphasis.
		 */
		if (ispunct(after) && !(before == ' ' || ispunct(before)))
			return 0;
		/* "Chen, L.*, Wang, H.*": a mark before a comma opens nothing. */
		if (after == ',' || after == ';')
			return 0;
		if (memchr(p + run, ch, (size_t)(end - p - run)) == NULL)
			return 0;
		*state = 1;
		buf_putc(out, run == 2 ? CLEAN_STRONG_ON : CLEAN_EM_ON);
	} else {
		/* ... and closes only where it is right-flanking. */
		if (before == ' ' || (ispunct(before) && !(after == ' ' ||
		    ispunct(after) || p + run >= end)))
			return 0;
		*state = 0;
		buf_putc(out, run == 2 ? CLEAN_STRONG_OFF : CLEAN_EM_OFF);
	}
	return run;
}

/* Maths between $...$: the LaTeX inside, without the dollars. */
static const char *
clean_math(const char *p, const char *end, struct buf *out)
{
	const char *close = memchr(p + 1, '$', (size_t)(end - p - 1));

	if (close == NULL)
		return NULL;
	clean_inline_buf(MARKUP_LATEX, p + 1, (size_t)(close - p - 1), out);
	return close + 1;
}

/* The characters clean_inline_buf() may have to act on. */
static const unsigned char clean_special[256] = {
	['<'] = 1, ['&'] = 1, ['$'] = 1, ['\\'] = 1, ['*'] = 1, ['_'] = 1,
	['['] = 1, ['!'] = 1, ['{'] = 1, ['}'] = 1, ['~'] = 1, ['%'] = 1,
	['-'] = 1, ['`'] = 1, ['\''] = 1,
};

/*
 * Clean the inline markup of s[0..len) into out.  Every mode knows HTML
 * tags, entities and $maths$; text and Markdown also know Markdown
 * emphasis and links; LaTeX knows commands, groups and ligatures.
 */
static void
clean_inline_buf(enum markup m, const char *s, size_t len, struct buf *out)
{
	struct buf href = BUF_INIT;
	const char *p = s, *end = s + len, *q;
	int strong = 0, em = 0;
	size_t n;

	while (p < end) {
		/*
		 * Copy a run of ordinary characters at once.  Most lines are
		 * one run: look at four bytes a step, with one bound check.
		 */
		q = p;
		while (end - q >= 4 && !(clean_special[(unsigned char)q[0]] |
		    clean_special[(unsigned char)q[1]] |
		    clean_special[(unsigned char)q[2]] |
		    clean_special[(unsigned char)q[3]]))
			q += 4;
		while (q < end && !clean_special[(unsigned char)*q])
			q++;
		if (q > p) {
			buf_append(out, p, (size_t)(q - p));
			p = q;
			continue;
		}
		switch (*p) {
		case '<':
			if (m == MARKUP_LATEX || (q = html_tag_end(p, end)) == NULL)
				break;
			if (html_tag_inline(p + 1, (size_t)(q - p - 1), &href,
			    out))
				buf_putc(out, ' ');
			p = q + 1;
			continue;
		case '&':
			if (m == MARKUP_LATEX)
				break;
			if ((n = clean_entity(p, end, out)) > 0) {
				p += n;
				continue;
			}
			break;
		case '$':
			if ((q = clean_math(p, end, out)) != NULL) {
				p = q;
				continue;
			}
			break;
		case '\\':
			if (m == MARKUP_LATEX || (p + 1 < end &&
			    (isalpha((unsigned char)p[1]) ||
			    strchr("%&$#_{}", p[1]) != NULL))) {
				p = clean_latex_cmd(p, end, out);
				continue;
			}
			break;
		case '*':
		case '_':
			if (m == MARKUP_LATEX || m == MARKUP_HTML)
				break;
			if ((n = md_emphasis(s, p, end, &strong, &em, out)) > 0) {
				p += n;
				continue;
			}
			break;
		case '[':
		case '!':
			if (m == MARKUP_LATEX || m == MARKUP_HTML)
				break;
			if ((*p == '[' || (p + 1 < end && p[1] == '[')) &&
			    (q = md_link(p, end, out)) != NULL) {
				p = q;
				continue;
			}
			break;
		case '{':
			if (m == MARKUP_LATEX && (q = clean_latex_switch(p, end,
			    out)) != NULL) {
				p = q;
				continue;
			}
			/* FALLTHROUGH */
		case '}':
			if (m == MARKUP_LATEX) {
				p++;
				continue;
			}
			break;
		case '~':
			if (m == MARKUP_LATEX) {
				buf_putc(out, ' ');
				p++;
				continue;
			}
			break;
		case '%':
			if (m == MARKUP_LATEX)		/* a comment */
				goto done;
			break;
		case '-':
			if (m == MARKUP_LATEX && p + 1 < end && p[1] == '-') {
				int em_dash = (p + 2 < end && p[2] == '-');

				buf_puts(out, em_dash ? "—" : "–");
				p += em_dash ? 3 : 2;
				continue;
			}
			break;
		case '`':
			if (m == MARKUP_LATEX && p + 1 < end && p[1] == '`') {
				buf_puts(out, "“");
				p += 2;
				continue;
			}
			break;
		case '\'':
			if (m == MARKUP_LATEX && p + 1 < end && p[1] == '\'') {
				buf_puts(out, "”");
				p += 2;
				continue;
			}
			break;
		}
		buf_putc(out, *p++);
	}
done:
	/* Close what the line left open, so that markers always pair. */
	if (strong)
		buf_putc(out, CLEAN_STRONG_OFF);
	if (em)
		buf_putc(out, CLEAN_EM_OFF);
	buf_free(&href);
}

char *
clean_inline(enum markup m, const char *s)
{
	struct buf out = BUF_INIT;

	clean_inline_buf(m, s, strlen(s), &out);
	clean_squeeze(&out);
	clean_trim(&out);
	return buf_take(&out);
}

/* The length of the text at s[0..len) before the first marker. */
static size_t
marks_free(const char *s, size_t len)
{
	size_t i;
	uint64_t x;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&x, s + i, 8);
		if (word_below(x, CLEAN_LINK_ON + 1))
			break;
	}
	while (i < len && (unsigned char)s[i] > CLEAN_LINK_ON)
		i++;
	return i;
}

char *
clean_strip_marks(const char *s)
{
	struct buf out = BUF_INIT;
	const char *e;
	size_t i, n, len = strlen(s);

	buf_grow(&out, len);
	for (i = 0; i < len; i++) {
		n = marks_free(s + i, len - i);		/* a run of text */
		buf_append(&out, s + i, n);
		if ((i += n) == len)
			break;
		if (s[i] == CLEAN_URL_ON) {
			if ((e = memchr(s + i, CLEAN_URL_OFF, len - i)) == NULL)
				break;
			i = (size_t)(e - s);
		}
		/* any other marker is dropped */
	}
	clean_squeeze(&out);
	clean_trim(&out);
	return buf_take(&out);
}

int
clean_has_year(const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++)
		if ((p[0] == '1' || p[0] == '2') && (p[1] == '9' ||
		    p[1] == '0') && isdigit((unsigned char)p[2]) &&
		    isdigit((unsigned char)p[3]) && !isdigit((unsigned char)
		    p[4]) && (p == s || !isalnum((unsigned char)p[-1])))
			return 1;
	return 0;
}

/* --- text and Markdown lines -------------------------------------------- */

static int
indent_of(const char *s)
{
	int n = 0;

	for (; *s == ' ' || *s == '\t'; s++)
		n += (*s == '\t') ? 4 - n % 4 : 1;
	return n;
}

/* Whether the cleaned text is one bold span and nothing else. */
static int
all_strong(const char *s)
{
	size_t len = strlen(s);

	return len > 2 && s[0] == CLEAN_STRONG_ON &&
	    s[len - 1] == CLEAN_STRONG_OFF &&
	    strchr(s + 1, CLEAN_STRONG_ON) == NULL;
}

/* Whether the text is in capitals: at least four letters, none lower case. */
static int
all_caps(const char *s)
{
	int upper = 0;
	const char *p = s;

	while (*p != '\0') {
		uint32_t c = utf8_next(&p);

		if (c < 0x80 && islower((int)c))
			return 0;
		if (c < 0x80 && isupper((int)c))
			upper++;
		if (c >= 0x80 && c < 0x250)	/* Latin letters: assume lower */
			return 0;
	}
	return upper >= 4 && strlen(s) <= 80;
}

/* Whether a source line is a setext underline or a rule. */
static int
rule_line(const char *s, char *ch)
{
	const char *p = s;

	while (*p == ' ')
		p++;
	if (*p != '=' && *p != '-' && *p != '_' && *p != '*')
		return 0;
	*ch = *p;
	while (*p == *ch || *p == ' ')
		p++;
	return *p == '\0' && p - s >= 3;
}

static void
clean_release_held(struct cleaner *c)
{
	if (!c->has_held)
		return;
	c->next_apart = c->held.set_apart;
	clean_queue(c, c->held.s, c->held.lineno, c->held.heading,
	    c->held.item, c->held.indent);
	c->held.s = NULL;
	c->has_held = 0;
}

/*
 * Markdown: the line without HTML comments, which may span lines; NULL
 * when all of it is inside one.  The caller frees.
 */
static char *
md_uncomment(struct cleaner *c, const char *s)
{
	struct buf b = BUF_INIT;
	const char *p = s, *q;
	int seen = c->in_comment;

	for (;;) {
		if (c->in_comment) {
			if ((q = strstr(p, "-->")) == NULL)
				break;
			c->in_comment = 0;
			p = q + 3;
			continue;
		}
		if ((q = strstr(p, "<!--")) == NULL) {
			buf_puts(&b, p);
			break;
		}
		buf_append(&b, p, (size_t)(q - p));
		c->in_comment = seen = 1;
		p = q + 4;
	}
	if (b.len == 0 && seen) {	/* a line of comment only */
		buf_free(&b);
		return NULL;
	}
	return b.len > 0 ? buf_take(&b) : xstrdup("");
}

static void	clean_text_line_s(struct cleaner *, const struct line *,
		    const char *);

/* One line of plain text or Markdown. */
static void
clean_text_line(struct cleaner *c, const struct line *ln)
{
	char *own;

	if (c->markup != MARKUP_MARKDOWN || (!c->in_comment &&
	    strstr(ln->s, "<!--") == NULL)) {
		clean_text_line_s(c, ln, ln->s);
		return;
	}
	if ((own = md_uncomment(c, ln->s)) == NULL)
		return;			/* layout, like a LaTeX comment */
	clean_text_line_s(c, ln, own);
	free(own);
}

/* The same, with the source text s (comments removed). */
static void
clean_text_line_s(struct cleaner *c, const struct line *ln, const char *s)
{
	struct buf out = BUF_INIT;
	int heading = 0, indent = indent_of(s);
	char rule;
	size_t hashes = 0;

	if (rule_line(s, &rule)) {
		/* "Title\n=====": the held line was a heading. */
		if (c->has_held && (rule == '=' || rule == '-') &&
		    *c->held.s != '\0' && !c->held.item) {
			c->held.heading = (rule == '=') ? 1 : 2;
			clean_release_held(c);
			return;
		}
		clean_release_held(c);
		clean_queue(c, xstrdup(""), ln->lineno, 0, 0, 0);
		return;
	}
	clean_release_held(c);
	s += strspn(s, " \t");
	while (s[hashes] == '#')
		hashes++;
	if (hashes >= 1 && hashes <= 6 && (s[hashes] == ' ' ||
	    s[hashes] == '\0')) {
		heading = (int)hashes;
		s += hashes;
	}
	clean_inline_buf(c->markup, s, strlen(s), &out);
	clean_squeeze(&out);
	clean_trim(&out);
	c->held.set_apart = c->hard_break && out.len > 0;
	c->hard_break = 0;
	/* A Markdown hard break, "  " or "\\" at the end, sets apart the next. */
	if (c->markup == MARKUP_MARKDOWN && out.len > 0) {
		size_t n = strlen(s);

		if (out.s[out.len - 1] == '\\') {
			out.s[--out.len] = '\0';
			clean_trim(&out);
			c->hard_break = 1;
		} else if (n >= 2 && s[n - 1] == ' ' && s[n - 2] == ' ')
			c->hard_break = 1;
	}
	if (heading > 0)	/* closing hashes of "## Title ##" */
		while (out.len > 0 && out.s[out.len - 1] == '#')
			out.s[--out.len] = '\0';
	clean_trim(&out);
	if (heading == 0 && out.len > 0 && (all_strong(out.s) ||
	    all_caps(out.s)))
		heading = CLEAN_HEADING_GUESS;
	c->held.s = buf_take(&out);
	c->held.lineno = ln->lineno;
	c->held.heading = heading;
	c->held.item = 0;
	c->held.indent = indent;
	c->has_held = 1;
}

/* --- LaTeX lines ----------------------------------------------------------- */

static const char *const latex_headings[] = {
	"chapter", "section", "subsection", "subsubsection", "paragraph",
	"cvsection", "cvsubsection", "part", "rubric", "subrubric",
};

/*
 * The title of an environment that is a CV section, "\begin{rubric}{X}":
 * a pointer to "{X}..." in s, or NULL.
 */
static const char *
latex_env_title(const char *s)
{
	static const char *const envs[] = {
		"rubric", "cvsection", "cvsubsection", "section", "cvlist",
	};
	const char *name = s + 7, *close = strchr(name, '}');
	size_t i;

	if (close == NULL || close[1] != '{')
		return NULL;
	for (i = 0; i < NELEM(envs); i++)
		if ((size_t)(close - name) == strlen(envs[i]) &&
		    strncmp(name, envs[i], strlen(envs[i])) == 0)
			return close + 1;
	return NULL;
}

/* One line of LaTeX. */
static void
clean_latex_line(struct cleaner *c, const struct line *ln)
{
	struct buf out = BUF_INIT;
	const char *s = ln->s + strspn(ln->s, " \t");
	int heading = 0, item = 0;
	size_t i, n;

	/* A sectioning command may follow spacing commands on its line. */
	for (i = 0; i < NELEM(latex_headings) && !heading; i++) {
		const char *h = s;

		n = strlen(latex_headings[i]);
		while ((h = strchr(h, '\\')) != NULL) {
			if (strncmp(h + 1, latex_headings[i], n) == 0 &&
			    (h[n + 1] == '{' || h[n + 1] == '*')) {
				heading = (int)i + 1;
				s = h + n + 1 + (h[n + 1] == '*');
				break;
			}
			h++;
		}
	}
	/* \begin{rubric}{Publications} (europecv and friends): a heading. */
	if (!heading && strncmp(s, "\\begin{", 7) == 0 &&
	    latex_env_title(s) != NULL) {
		heading = 2;
		s = latex_env_title(s);
	}
	if (strncmp(s, "\\item", 5) == 0 && !isalpha((unsigned char)s[5])) {
		item = 1;
		s += 5;
		if (*s == '[') {	/* \item[12.] keeps its label as text */
			const char *r = strchr(s, ']');

			if (r != NULL) {
				buf_append(&out, s + 1, (size_t)(r - s - 1));
				buf_putc(&out, ' ');
				s = r + 1;
			}
		}
	} else if (strncmp(s, "\\bibitem", 8) == 0) {
		item = 1;
		s += 8;
		if (*s == '[') {
			const char *r = strchr(s, ']');
			s = r != NULL ? r + 1 : s;
		}
		if (*s == '{')
			s = clean_skip_group(s, s + strlen(s));
	} else if (strncmp(s, "\\cventry", 8) == 0 ||
	    strncmp(s, "\\cvitem", 7) == 0) {
		item = 1;	/* moderncv: the groups become sentences */
		s += s[3] == 'e' ? 8 : 7;
		/*
		 * "\cventry{2015}{Title}{Authors}{Venue}": a year alone in the
		 * first group dates the entry, as \entry*[2015] does; left as
		 * a sentence it would start the title.
		 */
		if (s[0] == '{' && strspn(s + 1, "0123456789") == 4 &&
		    s[5] == '}' && s[6] == '{') {
			buf_putc(&out, '[');
			buf_append(&out, s + 1, 4);
			buf_puts(&out, "] ");
			s += 6;
		}
	} else if (strncmp(s, "\\entry", 6) == 0 &&
	    !isalpha((unsigned char)s[6])) {
		item = 1;	/* res.cls and friends: \entry*[2008] */
		s += 6 + (s[6] == '*');
		if (*s == '[') {	/* the date: a label, like "[12]" */
			const char *r = strchr(s, ']');

			if (r != NULL && r - s == 5 && strspn(s + 1,
			    "0123456789") == 4)
				buf_append(&out, s, (size_t)(r - s + 1));
			s = r != NULL ? r + 1 : s;
		}
	}
	if (!heading && (strncmp(s, "\\begin", 6) == 0 ||
	    strncmp(s, "\\end", 4) == 0)) {
		clean_queue(c, xstrdup(""), ln->lineno, 0, 0, 0);
		return;
	}
	if (item && (strstr(s, "}{") != NULL)) {
		/* \cventry{2020}{Title}{Venue}{}{}{}: groups become ". " */
		struct buf tmp = BUF_INIT;
		const char *p;

		for (p = s; *p != '\0'; p++) {
			if (p[0] == '}' && p[1] == '{') {
				size_t k = tmp.len;

				while (k > 0 && tmp.s[k - 1] == ' ')
					k--;
				/* An empty group adds nothing: "{Place}{}{}". */
				if (k > 0 && tmp.s[k - 1] != '.')
					buf_puts(&tmp, ". ");
				else if (k == tmp.len)
					buf_putc(&tmp, ' ');
				p++;
				continue;
			}
			buf_putc(&tmp, *p);
		}
		clean_inline_buf(MARKUP_LATEX, buf_str(&tmp), tmp.len, &out);
		buf_free(&tmp);
	} else
		clean_inline_buf(MARKUP_LATEX, s, strlen(s), &out);
	clean_squeeze(&out);
	clean_trim(&out);
	/*
	 * Only an empty source line breaks a paragraph: a line of commands
	 * alone ("\par{", "}}", "\vspace{4pt}", a comment) is layout.
	 */
	if (out.len == 0 && !item && !heading && *s != '\0') {
		buf_free(&out);
		return;
	}
	clean_queue(c, buf_take(&out), ln->lineno, heading, item,
	    indent_of(ln->s));
}

/* --- HTML stream ----------------------------------------------------------- */

/* End the current HTML logical line. */
static void
html_flush(struct cleaner *c, int blank)
{
	clean_squeeze(&c->cur);
	clean_trim(&c->cur);
	if (c->cur.len > 0)
		clean_queue(c, buf_take(&c->cur), c->cur_line, c->cur_heading,
		    c->cur_item, 0);
	else if (blank)
		clean_queue(c, xstrdup(""), c->cur_line, 0, 0, 0);
	buf_reset(&c->cur);
	c->cur_heading = 0;
	c->cur_item = 0;
}

/*
 * A table row is one entry whose cells are its fields ("<tr><td>2021</td>
 * <td>Jumper J, ...</td><td>Title</td>..."): a cell ends like a field, with
 * a full stop, and the row like an item.  A row of <th> cells alone names
 * the columns and is dropped.  Returns 1 if the tag was a row's or cell's.
 */
static int
html_table_tag(struct cleaner *c, const char *name, int closing,
    unsigned long lineno)
{
	size_t n;

	if (strcmp(name, "tr") == 0) {
		if (closing && !c->row_data)
			buf_reset(&c->cur);
		html_flush(c, 0);
		c->in_row = !closing;
		c->row_data = 0;
		c->cur_line = lineno;
		c->cur_item = !closing;
		return 1;
	}
	if (!c->in_row || (strcmp(name, "td") != 0 && strcmp(name, "th") != 0))
		return 0;
	if (!closing && strcmp(name, "td") == 0)
		c->row_data = 1;
	if (closing) {
		clean_squeeze(&c->cur);
		clean_trim(&c->cur);
		n = c->cur.len;
		if (n > 0 && strchr(".,;:!?", c->cur.s[n - 1]) == NULL)
			buf_putc(&c->cur, '.');
		if (n > 0)
			buf_putc(&c->cur, ' ');
	}
	return 1;
}

/* A complete tag (text between < and >) in HTML mode. */
static void
html_tag(struct cleaner *c, const char *t, size_t len, unsigned long lineno)
{
	char name[16];
	int closing = html_tag_name(t, len, name, sizeof(name));

	if (c->skip_depth) {
		if (closing && strcmp(name, c->skip_name) == 0)
			c->skip_depth = 0;
		return;
	}
	if (!closing && (strcmp(name, "script") == 0 ||
	    strcmp(name, "style") == 0 || strcmp(name, "head") == 0 ||
	    strcmp(name, "nav") == 0 || strcmp(name, "button") == 0)) {
		c->skip_depth = 1;
		strcpy(c->skip_name, name);
		return;
	}
	if (!html_tag_inline(t, len, &c->href, &c->cur))
		return;
	if (html_table_tag(c, name, closing, lineno))
		return;
	html_flush(c, strcmp(name, "p") == 0 || strcmp(name, "ul") == 0 ||
	    strcmp(name, "ol") == 0);
	c->cur_line = lineno;
	if (!closing && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' &&
	    name[2] == '\0')
		c->cur_heading = name[1] - '0';
	if (!closing && (strcmp(name, "li") == 0 || strcmp(name, "dt") == 0))
		c->cur_item = 1;
}

/* One source line of HTML: text and tags, continuing across lines. */
static void
clean_html_line(struct cleaner *c, const struct line *ln)
{
	const char *p = ln->s, *end = ln->s + ln->len;
	size_t n;

	if (c->cur.len == 0 && !c->in_tag)
		c->cur_line = ln->lineno;
	for (; p < end; p++) {
		if (c->in_comment) {
			if (p + 2 < end + 0 && strncmp(p, "-->", 3) == 0) {
				c->in_comment = 0;
				p += 2;
			}
			continue;
		}
		if (c->in_tag) {
			if (*p == '>') {
				c->in_tag = 0;
				html_tag(c, buf_str(&c->tag), c->tag.len,
				    ln->lineno);
				buf_reset(&c->tag);
			} else
				buf_putc(&c->tag, *p);
			continue;
		}
		if (*p == '<' && p + 3 < end && strncmp(p, "<!--", 4) == 0) {
			c->in_comment = 1;
			p += 3;
			continue;
		}
		if (*p == '<' && p + 1 < end && (isalpha((unsigned char)p[1]) ||
		    p[1] == '/' || p[1] == '!' || p[1] == '?')) {
			c->in_tag = 1;	/* a tag, doctype or <?php ...?> */
			continue;
		}
		if (c->skip_depth)
			continue;
		if (*p == '&' && (n = clean_entity(p, end, &c->cur)) > 0) {
			p += n - 1;
			continue;
		}
		if (c->cur.len == 0 && (*p == ' ' || *p == '\t'))
			c->cur_line = ln->lineno;
		buf_putc(&c->cur, *p == '\t' ? ' ' : *p);
	}
	if (c->in_tag)
		buf_putc(&c->tag, ' ');
	else if (!c->skip_depth)
		buf_putc(&c->cur, ' ');
}

/* $maths$ and LaTeX inside HTML text: clean each finished line again. */
static void
html_finish_lines(struct cleaner *c, size_t from)
{
	size_t i;

	for (i = from; i < c->qlen; i++) {
		struct qline *q = &c->q[(c->qhead + i) % QUEUE_MAX];
		struct buf out = BUF_INIT;

		if (strchr(q->s, '$') == NULL && strchr(q->s, '\\') == NULL)
			continue;
		clean_inline_buf(MARKUP_HTML, q->s, strlen(q->s), &out);
		clean_squeeze(&out);
		clean_trim(&out);
		free(q->s);
		q->s = buf_take(&out);
	}
}

void
cleaner_push(struct cleaner *c, const struct line *ln)
{
	size_t before = c->qlen;

	switch (c->markup) {
	case MARKUP_HTML:
		if (ln == NULL)
			html_flush(c, 0);
		else
			clean_html_line(c, ln);
		html_finish_lines(c, before);
		break;
	case MARKUP_LATEX:
		if (ln != NULL)
			clean_latex_line(c, ln);
		break;
	default:
		if (ln == NULL)
			clean_release_held(c);
		else
			clean_text_line(c, ln);
		break;
	}
}

/* --- detection ------------------------------------------------------------- */

static int
has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);

	return n > k && strcasecmp(name + n - k, suffix) == 0;
}

enum markup
clean_detect(const char *name, const char *head, size_t len)
{
	size_t i, tags = 0, lines = 1, md = 0;

	if (name != NULL) {
		if (has_suffix(name, ".md") || has_suffix(name, ".markdown"))
			return MARKUP_MARKDOWN;
		if (has_suffix(name, ".html") || has_suffix(name, ".htm") ||
		    has_suffix(name, ".xhtml"))
			return MARKUP_HTML;
		if (has_suffix(name, ".tex") || has_suffix(name, ".ltx"))
			return MARKUP_LATEX;
		if (has_suffix(name, ".txt"))
			return MARKUP_TEXT;
	}
	for (i = 0; i < len; i++) {
		const char *p = head + i;
		size_t left = len - i;

		if (*p == '\n')
			lines++;
		if (*p == '\\' && ((left > 14 && strncmp(p, "\\documentclass",
		    14) == 0) || (left > 8 && strncmp(p, "\\section", 8) == 0)
		    || (left > 6 && strncmp(p, "\\begin", 6) == 0)))
			return MARKUP_LATEX;
		if (*p == '<' && left > 4 && (strncasecmp(p, "<li", 3) == 0 ||
		    strncasecmp(p, "<p>", 3) == 0 || strncasecmp(p, "<ul", 3) == 0
		    || strncasecmp(p, "<ol", 3) == 0 || strncasecmp(p, "<div",
		    4) == 0 || strncasecmp(p, "<!doc", 5) == 0 ||
		    strncasecmp(p, "<html", 5) == 0 || strncasecmp(p, "<br",
		    3) == 0 || strncasecmp(p, "<h", 2) == 0))
			tags++;
		if (*p == '#' && (i == 0 || p[-1] == '\n'))
			md++;
	}
	if (tags >= 3 && tags * 4 >= lines / 8)
		return MARKUP_HTML;
	return md > 0 ? MARKUP_MARKDOWN : MARKUP_TEXT;
}
