/*
 * needles.c -- the literal text a pattern cannot match without (see
 * needles.h).
 *
 * The pattern is read as alternatives of sequences of atoms.  What each
 * part requires is a set of strings, one of which every match contains,
 * or nothing ("any"):
 *
 *	- a run of literal characters in a sequence is one string;
 *	- a group (also a positive lookaround: what it looks at is in the
 *	  subject too) requires what its alternatives require, all together;
 *	- a sequence requires what its most selective part requires;
 *	- an atom that may be absent (?, *, {0,n}) requires nothing;
 *	- a class of one letter in both cases ("[Rr]") is that letter: the
 *	  summaries fold case.
 *
 * Of two sets, the one whose shortest string is longer is kept; a single
 * byte that nearly every reference holds (a letter, a full stop) counts
 * for less than a rarer one ("&", ":").
 *
 * Caseless needles hold no letter whose case partner is outside ASCII
 * (k: KELVIN SIGN, s: LONG S) and no non-ASCII character: both end a run.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "needles.h"
#include "xmalloc.h"

#define NEEDLES_MAX	16	/* strings in one set; more: "any" */
#define NEEDLE_LEN	24	/* a longer run keeps its prefix */
#define NEEDLES_DEPTH	32	/* nested groups */

struct lit {
	char	s[NEEDLE_LEN];
	size_t	len;
};

/* What a part of the pattern requires: one of v[0..n), or nothing. */
struct litset {
	int		any;
	size_t		n;
	struct lit	v[NEEDLES_MAX];
};

/*
 * A needle as the pairs of adjacent bytes it is made of (case folded), as
 * bits of a summary; a needle of one byte is that byte.
 */
struct needle {
	struct lit	lit;
	size_t		npairs;
	uint16_t	pair[NEEDLE_LEN - 1];
	unsigned char	byte;
};

struct needles {
	size_t		 n;
	struct needle	*v;
};

struct parse {
	const char	*p, *end;
	int		 caseless;
	int		 fail;		/* a construct this parser does not know */
	int		 depth;
};

/* A run of literal characters being collected. */
struct run {
	struct lit	lit;
	int		full;		/* later characters are not contiguous */
};

static void	parse_alt(struct parse *, struct litset *);

static inline unsigned char
fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/*
 * Whether a byte is in nearly every reference: a needle of it alone
 * skips nothing.
 */
static int
byte_common(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' && strchr(" .,;-()'", c));
}

/*
 * How selective a set is: its shortest string counts (a common byte alone
 * counts for less than a rarer one, "&" or ":"), then fewer strings.
 */
static long
litset_score(const struct litset *ls)
{
	size_t i, min = 2 * NEEDLE_LEN, w;

	if (ls->any || ls->n == 0)
		return -1;
	for (i = 0; i < ls->n; i++) {
		w = 2 * ls->v[i].len;
		if (ls->v[i].len == 1 && byte_common((unsigned char)
		    ls->v[i].s[0]))
			w--;
		if (w < min)
			min = w;
	}
	return (long)(min * (NEEDLES_MAX + 1) - ls->n);
}

/* Keep cand in best if it is more selective. */
static void
litset_consider(struct litset *best, const struct litset *cand)
{
	if (litset_score(cand) <= litset_score(best))
		return;
	best->any = cand->any;
	best->n = cand->n;
	memcpy(best->v, cand->v, cand->n * sizeof(cand->v[0]));
}

/* The union of two alternatives' requirements, in *to. */
static void
litset_union(struct litset *to, const struct litset *from)
{
	if (to->any || from->any || to->n + from->n > NEEDLES_MAX) {
		to->any = 1;
		to->n = 0;
		return;
	}
	memcpy(to->v + to->n, from->v, from->n * sizeof(from->v[0]));
	to->n += from->n;
}

/* End the run: it is a candidate for what the sequence requires. */
static void
run_flush(struct run *r, struct litset *best)
{
	struct litset cand;

	if (r->lit.len > 0) {
		cand.any = 0;
		cand.n = 1;
		cand.v[0] = r->lit;
		litset_consider(best, &cand);
	}
	r->lit.len = 0;
	r->full = 0;
}

static void
run_add(struct run *r, const char *s, size_t n, int caseless)
{
	size_t i;

	if (r->full || r->lit.len + n > NEEDLE_LEN) {
		r->full = 1;
		return;
	}
	for (i = 0; i < n; i++)
		r->lit.s[r->lit.len++] = caseless ? (char)fold((unsigned char)
		    s[i]) : s[i];
}

/*
 * A quantifier at ps->p: returns 1 and its minimum in *min, or 0 when
 * there is none.  A "{" that is not a plain {n}, {n,} or {n,m} fails.
 */
static int
parse_quantifier(struct parse *ps, unsigned long *min)
{
	const char *p = ps->p;

	if (p >= ps->end)
		return 0;
	if (*p == '*' || *p == '?' || *p == '+') {
		*min = *p == '+';
		p++;
	} else if (*p == '{') {
		p++;
		if (p >= ps->end || *p < '0' || *p > '9') {
			ps->fail = 1;
			return 0;
		}
		*min = 0;
		while (p < ps->end && *p >= '0' && *p <= '9')
			*min = *min * 10 + (unsigned long)(*p++ - '0');
		if (p < ps->end && *p == ',')
			p++;
		while (p < ps->end && *p >= '0' && *p <= '9')
			p++;
		if (p >= ps->end || *p != '}') {
			ps->fail = 1;
			return 0;
		}
		p++;
	} else
		return 0;
	/* Lazy or possessive. */
	if (p < ps->end && (*p == '?' || *p == '+'))
		p++;
	ps->p = p;
	return 1;
}

/* Skip a character class at ps->p ("["). */
static void
skip_class(struct parse *ps)
{
	const char *p = ps->p + 1;

	if (p < ps->end && *p == '^')
		p++;
	if (p < ps->end && *p == ']')
		p++;
	while (p < ps->end && *p != ']') {
		if (*p == '\\') {
			if (p + 1 < ps->end && (p[1] == 'Q' || p[1] == 'E'))
				break;
			p += 2;
		} else if (*p == '[' && p + 1 < ps->end && p[1] == ':') {
			for (p += 2; p + 1 < ps->end && !(p[0] == ':' &&
			    p[1] == ']'); p++)
				continue;
			p += 2;
		} else
			p++;
	}
	if (p >= ps->end || *p != ']') {
		ps->fail = 1;
		return;
	}
	ps->p = p + 1;
}

/* Skip "{...}" at p if there is one; where the escape ends. */
static const char *
skip_braces(const struct parse *ps, const char *p)
{
	if (p >= ps->end || *p != '{')
		return p;
	while (p < ps->end && *p != '}')
		p++;
	return p < ps->end ? p + 1 : p;
}

/*
 * An escape at ps->p: returns 1 with the literal character in *c, 0 for
 * one that matches a class or no character (it ends a run), and fails on
 * those this parser does not follow.
 */
static int
parse_escape(struct parse *ps, char *c)
{
	const char *p = ps->p + 1;
	unsigned char e;

	if (p >= ps->end) {
		ps->fail = 1;
		return 0;
	}
	e = (unsigned char)*p++;
	if (e < 0x80 && !(e >= '0' && e <= '9') && !(e >= 'a' && e <= 'z') &&
	    !(e >= 'A' && e <= 'Z')) {
		ps->p = p;
		*c = (char)e;
		return 1;
	}
	if (e != 0 && strchr("dDsSwWhHvVRXCbBAzZGKntrfea", e) != NULL) {
		ps->p = p;
		return 0;
	}
	if (e == 'p' || e == 'P') {
		ps->p = p < ps->end && *p == '{' ? skip_braces(ps, p) : p + 1;
		return 0;
	}
	if (e == 'x') {
		if (p < ps->end && *p == '{')
			p = skip_braces(ps, p);
		else
			while (p < ps->end && p - ps->p < 4 &&
			    strchr("0123456789abcdefABCDEF", *p) != NULL)
				p++;
		ps->p = p;
		return 0;
	}
	if (e == 'N' && (p >= ps->end || *p != '{')) {
		ps->p = p;
		return 0;
	}
	ps->fail = 1;	/* back-references, \Q, \c, \o, \g, \k, ... */
	return 0;
}

/* Whether s[0..n) may be a caseless needle's character. */
static int
caseless_ok(const char *s, size_t n)
{
	unsigned char c = (unsigned char)*s;

	return n == 1 && c != 'k' && c != 'K' && c != 's' && c != 'S';
}

/* The length of the UTF-8 character whose first byte is c. */
static size_t
char_len(unsigned char c)
{
	return c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

/*
 * A group at ps->p ("("), through its ")".  What it requires goes to *out;
 * a negative lookaround or a comment requires nothing.
 */
static void
parse_group(struct parse *ps, struct litset *out)
{
	const char *p = ps->p + 1, *end = ps->end;
	int negative = 0;

	out->any = 1;
	out->n = 0;
	if (++ps->depth > NEEDLES_DEPTH || p >= end || *p == '*') {
		ps->fail = 1;
		return;
	}
	if (*p == '?') {
		p++;
		if (p < end && (*p == ':' || *p == '|' || *p == '>' ||
		    *p == '='))
			p++;
		else if (p < end && *p == '!')
			p++, negative = 1;
		else if (p + 1 < end && *p == '<' && (p[1] == '=' ||
		    p[1] == '!')) {
			negative = p[1] == '!';
			p += 2;
		} else if (p < end && (*p == '<' || *p == '\'' || (*p == 'P' &&
		    p + 1 < end && p[1] == '<'))) {
			char close = *p == '\'' ? '\'' : '>';

			while (p < end && *p != close)
				p++;
			p++;
		} else if (p < end && *p == '#') {
			while (p < end && *p != ')')
				p++;
			ps->p = p + 1;
			ps->fail |= p >= end;
			ps->depth--;
			return;
		} else {
			ps->fail = 1;	/* options, conditions, recursion */
			return;
		}
	}
	ps->p = p;
	parse_alt(ps, out);
	if (ps->p >= end || *ps->p != ')')
		ps->fail = 1;
	else
		ps->p++;
	if (negative) {
		out->any = 1;
		out->n = 0;
	}
	ps->depth--;
}

/*
 * One atom at ps->p that is not a group: its literal character's bytes in
 * c (returns their number), or 0 for an atom that ends a run.
 */
static size_t
parse_atom(struct parse *ps, char *c)
{
	unsigned char b = (unsigned char)*ps->p;
	size_t n;

	switch (b) {
	case '[':
		/* "[Ii]" is "i" to a summary, which folds case. */
		if (ps->end - ps->p >= 4 && ps->p[3] == ']' &&
		    ((ps->p[1] >= 'a' && ps->p[1] <= 'z') ||
		    (ps->p[1] >= 'A' && ps->p[1] <= 'Z')) &&
		    (ps->p[1] ^ 0x20) == ps->p[2]) {
			c[0] = ps->p[1];
			ps->p += 4;
			return 1;
		}
		skip_class(ps);
		return 0;
	case '.':
	case '^':
	case '$':
		ps->p++;
		return 0;
	case '\\':
		return parse_escape(ps, c);
	case '*':
	case '+':
	case '?':
	case '{':
		ps->fail = 1;
		return 0;
	}
	n = char_len(b);
	if ((size_t)(ps->end - ps->p) < n) {
		ps->fail = 1;
		return 0;
	}
	memcpy(c, ps->p, n);
	ps->p += n;
	return n;
}

/* A sequence of atoms, up to "|", ")" or the end. */
static void
parse_seq(struct parse *ps, struct litset *best)
{
	struct run run;
	struct litset sub;
	unsigned long min;
	char c[4];
	size_t n;
	int q;

	best->any = 1;
	best->n = 0;
	memset(&run, 0, sizeof(run));
	while (!ps->fail && ps->p < ps->end && *ps->p != '|' &&
	    *ps->p != ')') {
		if (*ps->p == '(') {
			run_flush(&run, best);
			parse_group(ps, &sub);
			if (!parse_quantifier(ps, &min) || min > 0)
				litset_consider(best, &sub);
			continue;
		}
		n = parse_atom(ps, c);
		q = parse_quantifier(ps, &min);
		if (n > 0 && ps->caseless && !caseless_ok(c, n))
			n = 0;
		if (n == 0 || (q && min == 0)) {
			run_flush(&run, best);
			continue;
		}
		run_add(&run, c, n, ps->caseless);
		/* Repeated: what follows is not next to the first copy. */
		if (q)
			run_flush(&run, best);
	}
	run_flush(&run, best);
}

/* Alternatives separated by "|", up to ")" or the end. */
static void
parse_alt(struct parse *ps, struct litset *out)
{
	struct litset alt;

	parse_seq(ps, out);
	while (!ps->fail && ps->p < ps->end && *ps->p == '|') {
		ps->p++;
		parse_seq(ps, &alt);
		litset_union(out, &alt);
	}
}

/* The bit of a pair of (folded) bytes in a summary. */
static inline unsigned
pair_bit(unsigned a, unsigned b)
{
	return (a * 67u ^ b) & (NEEDLES_PAIRS - 1);
}

static void
needle_init(struct needle *nd, const struct lit *l)
{
	size_t i;

	nd->lit = *l;
	nd->byte = fold((unsigned char)l->s[0]);
	nd->npairs = 0;
	for (i = 0; i + 1 < l->len; i++)
		nd->pair[nd->npairs++] = (uint16_t)pair_bit(fold((unsigned char)
		    l->s[i]), fold((unsigned char)l->s[i + 1]));
}

struct needles *
needles_new(const char *pattern, size_t len, int caseless, int extended)
{
	struct parse ps;
	struct litset *ls;
	struct needles *nd;
	size_t i;

	if (extended)
		return NULL;
	memset(&ps, 0, sizeof(ps));
	ps.p = pattern;
	ps.end = pattern + len;
	ps.caseless = caseless;
	ls = xmalloc(sizeof(*ls));
	parse_alt(&ps, ls);
	if (ps.fail || ps.p != ps.end || ls->any || ls->n == 0) {
		free(ls);
		return NULL;
	}
	nd = xcalloc(1, sizeof(*nd));
	nd->n = ls->n;
	nd->v = xreallocarray(NULL, ls->n, sizeof(*nd->v));
	for (i = 0; i < nd->n; i++)
		needle_init(&nd->v[i], &ls->v[i]);
	free(ls);
	return nd;
}

void
needles_free(struct needles *nd)
{
	if (nd == NULL)
		return;
	free(nd->v);
	free(nd);
}

void
needles_summarise(struct needles_sum *sum, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t *bytes = sum->bytes, *pairs = sum->pairs;
	unsigned a, b, bit;
	size_t i;

	memset(sum, 0, sizeof(*sum));
	if (len == 0)
		return;
	a = fold(u[0]);
	bytes[a >> 6] |= UINT64_C(1) << (a & 63);
	for (i = 1; i < len; i++, a = b) {
		b = fold(u[i]);
		bytes[b >> 6] |= UINT64_C(1) << (b & 63);
		bit = pair_bit(a, b);
		pairs[bit >> 6] |= UINT64_C(1) << (bit & 63);
	}
}

int
needles_maybe(const struct needles *nds, const struct needles_sum *sum)
{
	const struct needle *nd;
	size_t i, k;

	for (i = 0; i < nds->n; i++) {
		nd = &nds->v[i];
		if (nd->npairs == 0) {
			if (sum->bytes[nd->byte >> 6] &
			    (UINT64_C(1) << (nd->byte & 63)))
				return 1;
			continue;
		}
		for (k = 0; k < nd->npairs; k++)
			if (!(sum->pairs[nd->pair[k] >> 6] &
			    (UINT64_C(1) << (nd->pair[k] & 63))))
				break;
		if (k == nd->npairs)
			return 1;
	}
	return 0;
}

size_t
needles_count(const struct needles *nd)
{
	return nd != NULL ? nd->n : 0;
}

const char *
needles_get(const struct needles *nd, size_t i, size_t *len)
{
	*len = nd->v[i].lit.len;
	return nd->v[i].lit.s;
}
