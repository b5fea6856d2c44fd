/*
 * needles.c -- the text a pattern cannot match without (see needles.h).
 *
 * The pattern is read as alternatives of sequences of atoms.  Of each part
 * two things are worked out, both as sets of strings in shadow form:
 *
 *	- exact: the strings the part matches, when they are few ("[.,]\s*"
 *	  is ".", ",", ". " or ", "; "\d+" is "0"); else unknown;
 *	- need: a set one of which every match of the part contains, or
 *	  nothing ("any");
 *	- pre and suf: what every match starts and ends with ("Proc\.\s+\w+"
 *	  starts with "proc. "), or "" if nothing is known.
 *
 * A sequence joins the exact sets of its atoms one after the other for as
 * long as they are known and few; each time the chain breaks (an atom with
 * no exact set, one repeated), the strings joined so far, and those
 * followed by what the atom starts with, are candidates for what the
 * sequence needs, and so is the need of a group or lookaround; the chain
 * goes on from what the atom ends with.  A set grown too many or too long
 * goes on from the last bytes of its strings (set_tails()).  A positive
 * lookbehind's text is just before what follows, so it starts a second
 * run; a positive lookahead's starts just where it stands.  The most
 * selective candidate is kept.  Alternatives need what each of them
 * needs, all together.  An atom that may be absent needs nothing; a
 * zero-width one (\b, ^, a lookaround) adds no text to the chain.
 *
 * Caseless needles hold no character outside ASCII; the shadow form
 * reads the case partners of k and s outside ASCII (KELVIN SIGN, LONG S)
 * as k and s.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "needles.h"
#include "utf8.h"
#include "xmalloc.h"

#define NEEDLES_MAX	24	/* strings in one set; more: unknown */
#define NEEDLE_LEN	24	/* bytes in one string */
#define NEEDLES_SIG_VERSION 6	/* of what needles_encode() writes */
#define NEEDLES_DEPTH	32	/* nested groups */
#define CLASS_MAX	6	/* members of a class spelled out */

struct lit {
	char	s[NEEDLE_LEN];
	size_t	len;
};

/* Strings; with any set, unknown (exact) or nothing (need). */
struct strset {
	int		any;
	size_t		n;
	size_t		weight;		/* of the weakest string (set_score()) */
	struct lit	v[NEEDLES_MAX];
};

/* What a part of a pattern says (see above). */
struct info {
	struct strset	exact;
	struct strset	need;
	struct strset	pre;	/* every match starts with one, or "" */
	struct strset	suf;	/* every match ends with one, or "" */
	int		zero;	/* matches no text: an assertion */
	int		look;	/* LOOK_AHEAD, LOOK_BEHIND (positive), or 0 */
};

#define LOOK_AHEAD	1
#define LOOK_BEHIND	2

/*
 * A needle with the triples of adjacent bytes it is made of, as entries
 * of a summary, while it is made.  Of a needle of two bytes only its pair
 * is checked, and a needle of one byte is that byte (see record_first()).
 */
struct needle {
	struct lit	lit;
	uint16_t	tri[NEEDLE_LEN - 2];	/* lit.len - 2, the rarest first */
	unsigned char	rare;	/* where its least common byte is */
};

/*
 * Needles are kept as needles_encode() writes them, a record each: its
 * length, its text, where its rarest byte is, its triples (two bytes
 * each, little-endian).  Those of a file of compiled rules are read where
 * they lie (needles_decode()), those worked out from a pattern follow the
 * struct; either way a set is one allocation of a few bytes a needle, not
 * a copy of each (a run reads the needles of most rules).
 */
struct needles {
	size_t			 n;
	const unsigned char	*rec;	/* the records */
	size_t			 len;	/* their bytes */
	uint16_t		*first;	/* each one's first entry, or NO_PAIR */
	uint16_t		*at;	/* where each one is in rec */
};

#define NO_PAIR		0xffff	/* a needle of one byte */

struct parse {
	const char	*p, *end;
	int		 caseless;
	int		 fail;		/* a construct this parser does not know */
	int		 depth;
};

static void	parse_alt(struct parse *, struct info *);

/* Code points PCRE2 takes for \d with PCRE2_UCP, beyond ASCII. */
static const uint32_t digit_ranges[][2] = {
	{ 0x0660, 0x0669 }, { 0x06f0, 0x06f9 }, { 0x07c0, 0x07c9 },
	{ 0x0966, 0x096f }, { 0x09e6, 0x09ef }, { 0x0a66, 0x0a6f },
	{ 0x0ae6, 0x0aef }, { 0x0b66, 0x0b6f }, { 0x0be6, 0x0bef },
	{ 0x0c66, 0x0c6f }, { 0x0ce6, 0x0cef }, { 0x0d66, 0x0d6f },
	{ 0x0de6, 0x0def }, { 0x0e50, 0x0e59 }, { 0x0ed0, 0x0ed9 },
	{ 0x0f20, 0x0f29 }, { 0x1040, 0x1049 }, { 0x1090, 0x1099 },
	{ 0x17e0, 0x17e9 }, { 0x1810, 0x1819 }, { 0x1946, 0x194f },
	{ 0x19d0, 0x19d9 }, { 0x1a80, 0x1a89 }, { 0x1a90, 0x1a99 },
	{ 0x1b50, 0x1b59 }, { 0x1bb0, 0x1bb9 }, { 0x1c40, 0x1c49 },
	{ 0x1c50, 0x1c59 }, { 0xa620, 0xa629 }, { 0xa8d0, 0xa8d9 },
	{ 0xa900, 0xa909 }, { 0xa9d0, 0xa9d9 }, { 0xa9f0, 0xa9f9 },
	{ 0xaa50, 0xaa59 }, { 0xabf0, 0xabf9 }, { 0xff10, 0xff19 },
	{ 0x104a0, 0x104a9 }, { 0x10d30, 0x10d39 }, { 0x11066, 0x1106f },
	{ 0x110f0, 0x110f9 }, { 0x11136, 0x1113f }, { 0x111d0, 0x111d9 },
	{ 0x112f0, 0x112f9 }, { 0x11450, 0x11459 }, { 0x114d0, 0x114d9 },
	{ 0x11650, 0x11659 }, { 0x116c0, 0x116c9 }, { 0x116d0, 0x116e3 },
	{ 0x11730, 0x11739 }, { 0x118e0, 0x118e9 }, { 0x11950, 0x11959 },
	{ 0x11bf0, 0x11bf9 }, { 0x11c50, 0x11c59 }, { 0x11d50, 0x11d59 },
	{ 0x11da0, 0x11da9 }, { 0x11f50, 0x11f59 }, { 0x16130, 0x16139 },
	{ 0x16a60, 0x16a69 }, { 0x16ac0, 0x16ac9 }, { 0x16b50, 0x16b59 },
	{ 0x16d70, 0x16d79 }, { 0x1ccf0, 0x1ccf9 }, { 0x1d7ce, 0x1d7ff },
	{ 0x1e140, 0x1e149 }, { 0x1e2f0, 0x1e2f9 }, { 0x1e4f0, 0x1e4f9 },
	{ 0x1e5f1, 0x1e5fa }, { 0x1e950, 0x1e959 }, { 0x1fbf0, 0x1fbf9 },
};

/*
 * Those are Unicode 14's (PCRE2 10.42) and the later versions' that were
 * known when this was written; taking a character for a digit that is
 * not one only lets a rule be tried.
 */
int
needles_shadow_class(uint32_t c)
{
	size_t lo = 0, hi = sizeof(digit_ranges) / sizeof(digit_ranges[0]);

	if (c < 0x80) {
		if (c == ' ' || (c >= '\t' && c <= '\r'))
			return ' ';
		return c >= '0' && c <= '9' ? '0' : 0;
	}
	/* Latin letters with accents, most of what a CV holds past ASCII. */
	if (c < 0x660)
		return c == 0x85 || c == 0xa0 ? ' ' : c == 0x17f ? 's' : 0;
	if (c == 0x212a)
		return 'k';
	if (c == 0x1680 || c == 0x180e ||
	    (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 ||
	    c == 0x202f || c == 0x205f || c == 0x3000)
		return ' ';
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (c < digit_ranges[mid][0])
			hi = mid;
		else if (c > digit_ranges[mid][1])
			lo = mid + 1;
		else
			return '0';
	}
	return 0;
}

static inline unsigned char
fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* The length of the UTF-8 character whose first byte is c. */
static size_t
char_len(unsigned char c)
{
	return c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

/* The code point of the valid UTF-8 character at s, n bytes long. */
static uint32_t
decode(const unsigned char *s, size_t n)
{
	uint32_t c = n == 1 ? s[0] : s[0] & (0x7f >> n);
	size_t i;

	for (i = 1; i < n; i++)
		c = c << 6 | (s[i] & 0x3f);
	return c;
}

/* Strings. */

/*
 * How much a byte of a needle tells, roughly: a blank little, a letter, a
 * digit or the punctuation of every reference more, other punctuation and
 * characters outside ASCII most.
 */
static size_t
byte_weight(unsigned char c)
{
	if (c == ' ')
		return 1;
	if (c == '0' || (c >= 'a' && c <= 'z') || c == '.' || c == ',' ||
	    c == '-')
		return 2;
	return 4;
}

/* What a string tells: the weights of its bytes. */
static size_t
str_weight(const char *s, size_t n)
{
	size_t i, w = 0;

	for (i = 0; i < n; i++)
		w += byte_weight((unsigned char)s[i]);
	return w;
}

/* An empty set: known to hold nothing yet. */
static void
set_empty(struct strset *s)
{
	s->any = 0;
	s->n = 0;
	s->weight = (size_t)-1;
}

static void
set_any(struct strset *s)
{
	set_empty(s);
	s->any = 1;
}

/* The set of the one string s[0..n). */
static void
set_one(struct strset *set, const char *s, size_t n)
{
	set->any = 0;
	set->n = 1;
	memcpy(set->v[0].s, s, n);
	set->v[0].len = n;
	set->weight = str_weight(s, n);
}

/* Copy a set: only the strings it holds. */
static void
set_copy(struct strset *to, const struct strset *from)
{
	to->any = from->any;
	to->n = from->n;
	to->weight = from->weight;
	memcpy(to->v, from->v, from->n * sizeof(from->v[0]));
}

static int
set_has(const struct strset *set, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		if (set->v[i].len == n && memcmp(set->v[i].s, s, n) == 0)
			return 1;
	return 0;
}

/* Add s[0..n) to a set; 0 if the set would grow too large. */
static int
set_add(struct strset *set, const char *s, size_t n)
{
	size_t w;

	if (set->any || set_has(set, s, n))
		return 1;
	if (set->n == NEEDLES_MAX || n > NEEDLE_LEN)
		return 0;
	memcpy(set->v[set->n].s, s, n);
	set->v[set->n++].len = n;
	if ((w = str_weight(s, n)) < set->weight)
		set->weight = w;
	return 1;
}

/* The union of two sets, in *to; unknown when too large. */
static void
set_union(struct strset *to, const struct strset *from)
{
	size_t i;

	if (from->any) {
		set_any(to);
		return;
	}
	for (i = 0; i < from->n && !to->any; i++)
		if (!set_add(to, from->v[i].s, from->v[i].len))
			set_any(to);
}

/*
 * Every string of a followed by every string of b, in *out: in shadow
 * form, a " " or "0" that meets another becomes one.  0 if the result
 * would be too large; with cut, a string too long is cut to its first
 * NEEDLE_LEN bytes (which are in the subject too).
 */
static int
set_join(struct strset *out, const struct strset *a, const struct strset *b,
    int cut)
{
	char s[2 * NEEDLE_LEN];
	size_t i, k, n, skip;

	set_empty(out);
	if (a->n * b->n > NEEDLES_MAX)
		return 0;
	for (i = 0; i < a->n; i++)
		for (k = 0; k < b->n; k++) {
			const struct lit *x = &a->v[i], *y = &b->v[k];

			skip = x->len > 0 && y->len > 0 &&
			    x->s[x->len - 1] == y->s[0] &&
			    (y->s[0] == ' ' || y->s[0] == '0');
			n = x->len + y->len - skip;
			if (n > NEEDLE_LEN && !cut)
				return 0;
			memcpy(s, x->s, x->len);
			memcpy(s + x->len, y->s + skip, y->len - skip);
			if (n > NEEDLE_LEN)
				n = NEEDLE_LEN;
			if (!set_add(out, s, n))
				return 0;
		}
	return 1;
}

/*
 * Past this weight (six letters or so) a string is rare enough in an
 * entry: more length no longer beats fewer strings to look for.
 */
#define WEIGHT_ENOUGH	12

/*
 * How selective a set of needles is: its weakest string counts, then
 * fewer strings.
 */
static long
set_score(const struct strset *set)
{
	size_t w = set->weight < WEIGHT_ENOUGH ? set->weight : WEIGHT_ENOUGH;

	if (set->any || set->n == 0 || set->weight == 0)
		return -1;	/* the empty string: needs nothing */
	return (long)(w * (NEEDLES_MAX + 1) - set->n);
}

/* Whether s[0..n) holds t[0..m); the strings are short. */
static int
holds(const char *s, size_t n, const char *t, size_t m)
{
	size_t i;

	for (i = 0; i + m <= n; i++)
		if (s[i] == t[0] && memcmp(s + i, t, m) == 0)
			return 1;
	return 0;
}

/*
 * Drop the strings that hold another one of the set: one of them is in a
 * subject exactly when one of the rest is.  Only for needs, not exact
 * sets.
 */
static void
set_minimise(struct strset *set)
{
	size_t i, k, n = 0;

	for (i = 0; i < set->n; i++) {
		for (k = 0; k < set->n; k++)
			if (k != i && holds(set->v[i].s, set->v[i].len,
			    set->v[k].s, set->v[k].len) &&
			    (set->v[i].len > set->v[k].len || k < i))
				break;
		if (k == set->n)
			set->v[n++] = set->v[i];
	}
	set->n = n;
}

/*
 * Keep cand in best if it is more selective, without the strings that
 * hold others (which changes only how many there are).
 */
static void
set_consider(struct strset *best, const struct strset *cand)
{
	if (set_score(cand) <= set_score(best))
		return;
	set_copy(best, cand);
	if (best->n > 1)
		set_minimise(best);
}

/*
 * Drop the strings that begin (last: end) with another one of the set:
 * what one of them is followed (preceded) by, the other is too.  For a
 * set of what a match starts (ends) with, and for a run (see chain).
 */
static void
set_trim(struct strset *set, int last)
{
	const struct lit *x, *y;
	size_t i, k, n = 0;

	for (i = 0; i < set->n; i++) {
		x = &set->v[i];
		for (k = 0; k < set->n; k++) {
			y = &set->v[k];
			if (k != i && y->len <= x->len && memcmp(last ?
			    x->s + x->len - y->len : x->s, y->s, y->len) == 0 &&
			    (y->len < x->len || k < i))
				break;
		}
		if (k == set->n)
			set->v[n++] = *x;
	}
	set->n = n;
	set->weight = (size_t)-1;
	for (i = 0; i < n; i++)
		if ((k = str_weight(set->v[i].s, set->v[i].len)) < set->weight)
			set->weight = k;
}

/*
 * The strings of a run (see chain) cut to their last bytes, as many as
 * leave them few and short enough to be joined with e: each is still just
 * before what follows, so the chain can go on, a need from then on.  0 if
 * none are.
 */
static int
set_tails(struct strset *out, const struct strset *run, const struct strset *e)
{
	const struct lit *l;
	size_t i, k, m, elen = 0;

	for (i = 0; i < e->n; i++)
		if (e->v[i].len > elen)
			elen = e->v[i].len;
	for (k = NEEDLE_LEN - (elen < NEEDLE_LEN ? elen : NEEDLE_LEN); k > 0;
	    k--) {
		set_empty(out);
		for (i = 0; i < run->n; i++) {
			l = &run->v[i];
			m = l->len < k ? l->len : k;
			if (!set_add(out, l->s + l->len - m, m))
				break;
		}
		if (i < run->n)
			continue;
		set_trim(out, 1);
		if (out->n * e->n <= NEEDLES_MAX)
			return 1;
	}
	return 0;
}

/* The pattern. */

/*
 * A quantifier at ps->p: returns 1 with its bounds (max 0: unbounded),
 * 0 when there is none.  A "{" that is not a plain {n}, {n,} or {n,m}
 * fails.
 */
static int
parse_quantifier(struct parse *ps, unsigned long *min, unsigned long *max)
{
	const char *p = ps->p;

	if (p >= ps->end)
		return 0;
	if (*p == '*' || *p == '?' || *p == '+') {
		*min = *p == '+';
		*max = *p == '?';
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
		*max = *min;
		if (p < ps->end && *p == ',') {
			p++;
			*max = 0;
			while (p < ps->end && *p >= '0' && *p <= '9')
				*max = *max * 10 + (unsigned long)(*p++ - '0');
		}
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

/*
 * The shadow of the literal character c[0..n) into *out (up to 4 bytes);
 * 0 if it cannot be part of a needle (caseless, outside ASCII: it may
 * have case partners).
 */
static size_t
shadow_char(const struct parse *ps, const char *c, size_t n, char *out)
{
	unsigned char b = (unsigned char)c[0];
	int cls = n == 1 ? needles_shadow_class(b) :
	    needles_shadow_class(decode((const unsigned char *)c, n));

	if (cls != 0) {
		out[0] = (char)cls;
		return 1;
	}
	if (ps->caseless && n > 1)
		return 0;
	if (n == 1) {
		out[0] = (char)fold(b);
		return 1;
	}
	memcpy(out, c, n);
	return n;
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

/* What an escape stands for. */
enum esc {
	ESC_FAIL,	/* this parser does not follow it */
	ESC_CHAR,	/* one literal character, in the buffer */
	ESC_ZERO,	/* no text: \b, \A, \K, ... */
	ESC_SPACE,	/* white space: \s, \h, \v, \R, \n, ... */
	ESC_DIGIT,	/* \d */
	ESC_OTHER	/* a character of a wider class: \w, \p{..}, ... */
};

/*
 * The rest of "\x{...}" or "\xhh" at ps->p: the character, as UTF-8 in
 * c[0..*n) (in UTF mode "\xe9" is U+00E9).
 */
static enum esc
parse_hex(struct parse *ps, char *c, size_t *n)
{
	static const char hex[] = "0123456789abcdef";
	const char *p = ps->p, *d;
	uint32_t cp = 0;
	size_t digits = 0;
	int brace = p < ps->end && *p == '{';

	for (p += brace; p < ps->end && (brace || digits < 2) && *p != '\0' &&
	    (d = strchr(hex, fold((unsigned char)*p))) != NULL; p++) {
		cp = cp * 16 + (uint32_t)(d - hex);
		if (++digits > 6)
			return ESC_FAIL;
	}
	if (brace && (p >= ps->end || *p++ != '}'))
		return ESC_FAIL;
	ps->p = p;
	if (digits == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return ESC_FAIL;
	*n = utf8_put(cp, c);
	return ESC_CHAR;
}

/* The escape at ps->p ("\"); a literal's bytes go to c[0..*n). */
static enum esc
parse_escape(struct parse *ps, char *c, size_t *n)
{
	const char *p = ps->p + 1;
	unsigned char e;

	if (p >= ps->end)
		return ESC_FAIL;
	e = (unsigned char)*p++;
	ps->p = p;
	if (e < 0x80 && !(e >= '0' && e <= '9') && !(e >= 'a' && e <= 'z') &&
	    !(e >= 'A' && e <= 'Z')) {
		c[0] = (char)e;
		*n = 1;
		return ESC_CHAR;
	}
	switch (e) {
	case 'd':
		return ESC_DIGIT;
	case 's': case 'h': case 'v': case 'R': case 'n': case 't':
	case 'r': case 'f':
		return ESC_SPACE;
	case 'b': case 'B': case 'A': case 'z': case 'Z': case 'G': case 'K':
		return ESC_ZERO;
	case 'a':
		c[0] = '\a';
		*n = 1;
		return ESC_CHAR;
	case 'e':
		c[0] = '\033';
		*n = 1;
		return ESC_CHAR;
	case 'D': case 'S': case 'w': case 'W': case 'H': case 'V': case 'X':
	case 'C':
		return ESC_OTHER;
	case 'p': case 'P':
		ps->p = p < ps->end && *p == '{' ? skip_braces(ps, p) : p + 1;
		return ESC_OTHER;
	case 'x':
		return parse_hex(ps, c, n);
	case 'N':
		if (p < ps->end && *p == '{')
			return ESC_FAIL;
		return ESC_OTHER;
	}
	return ESC_FAIL;	/* back-references, \Q, \c, \o, \g, \k, ... */
}

/* A class being read. */
struct cls {
	struct strset	set;	/* the shadows of its members */
	char		pre[4];	/* what the wide ranges' characters start with */
	size_t		plen;
	int		wide;	/* a range too wide to spell out: see pre */
};

/* Keep in cl->pre only what it shares with s[0..n). */
static void
class_meet(struct cls *cl, const char *s, size_t n)
{
	size_t i;

	if (!cl->wide) {
		memcpy(cl->pre, s, n);
		cl->plen = n;
		cl->wide = 1;
		return;
	}
	for (i = 0; i < cl->plen && i < n && cl->pre[i] == s[i]; i++)
		continue;
	cl->plen = i;
}

/*
 * One character of a class at ps->p into c[0..*n), or what its escape
 * stands for in *k; 0 if the parse failed.
 */
static int
class_char(struct parse *ps, char *c, size_t *n, enum esc *k)
{
	*k = ESC_CHAR;
	if (*ps->p == '\\') {
		if (ps->p + 1 < ps->end && (ps->p[1] == 'Q' || ps->p[1] == 'E')) {
			ps->fail = 1;
			return 0;
		}
		*k = parse_escape(ps, c, n);
		return 1;
	}
	*n = char_len((unsigned char)*ps->p);
	if ((size_t)(ps->end - ps->p) < *n) {
		ps->fail = 1;
		return 0;
	}
	memcpy(c, ps->p, *n);
	ps->p += *n;
	return 1;
}

/*
 * A range lo..hi into the class: spelled out when it is small; when it
 * is wide and outside ASCII, and none of it is a blank or a digit, its
 * characters keep their bytes in shadow form, and share the first bytes
 * that lo and hi share (UTF-8 sorts as the code points do).
 */
static void
class_range(struct parse *ps, struct cls *cl, uint32_t lo, uint32_t hi)
{
	char c[4], sh[4];
	size_t n, m;
	uint32_t u;

	if (lo > hi) {
		set_any(&cl->set);
		return;
	}
	if (lo >= '0' && hi <= '9') {
		if (!set_add(&cl->set, "0", 1))
			set_any(&cl->set);
		return;
	}
	if (hi - lo < CLASS_MAX) {
		for (u = lo; u <= hi && !cl->set.any; u++) {
			n = utf8_put(u, c);
			if ((m = shadow_char(ps, c, n, sh)) == 0 ||
			    !set_add(&cl->set, sh, m))
				set_any(&cl->set);
		}
		return;
	}
	if (ps->caseless || lo < 0x80 || hi - lo > 0x10000) {
		set_any(&cl->set);
		return;
	}
	for (u = lo; u <= hi; u++)
		if (needles_shadow_class(u) != 0) {
			set_any(&cl->set);
			return;
		}
	class_meet(cl, c, utf8_put(lo, c));
	class_meet(cl, c, utf8_put(hi, c));
}

/*
 * One member of a class at ps->p: its shadow strings go into cl->set,
 * which becomes unknown for a member that cannot be spelled out.
 */
static void
class_member(struct parse *ps, struct cls *cl)
{
	struct strset *set = &cl->set;
	char c[4], sh[4], hi[4];
	size_t n = 0, m, hn = 0;
	enum esc k = ESC_CHAR, hk = ESC_CHAR;

	if (*ps->p == '[' && ps->p + 1 < ps->end && ps->p[1] == ':') {
		for (ps->p += 2; ps->p + 1 < ps->end && !(ps->p[0] == ':' &&
		    ps->p[1] == ']'); ps->p++)
			continue;
		ps->p += 2;
		set_any(set);
		return;
	}
	if (!class_char(ps, c, &n, &k))
		return;
	if (k == ESC_CHAR && ps->p + 1 < ps->end && *ps->p == '-' &&
	    ps->p[1] != ']') {
		ps->p++;
		if (!class_char(ps, hi, &hn, &hk))
			return;
		if (hk != ESC_CHAR) {
			ps->fail |= hk == ESC_FAIL;
			set_any(set);
		}
		else
			class_range(ps, cl, decode((unsigned char *)c, n),
			    decode((unsigned char *)hi, hn));
		return;
	}
	switch (k) {
	case ESC_CHAR:
		if ((m = shadow_char(ps, c, n, sh)) == 0 || !set_add(set, sh, m))
			set_any(set);
		break;
	case ESC_SPACE:
		if (!set_add(set, " ", 1))
			set_any(set);
		break;
	case ESC_DIGIT:
		if (!set_add(set, "0", 1))
			set_any(set);
		break;
	case ESC_FAIL:
		ps->fail = 1;
		break;
	default:
		set_any(set);
		break;
	}
}

/*
 * A character class at ps->p ("["), into *out: the shadow of its members
 * when they are few and spelled out ("[.,;]", "[–-]", "[0-9]"), else
 * unknown; what its members start with, when they share first bytes.
 */
static void
parse_class(struct parse *ps, struct info *out)
{
	struct cls cl;
	size_t i;
	int negated = 0;

	set_empty(&cl.set);
	cl.wide = 0;
	cl.plen = 0;
	ps->p++;
	if (ps->p < ps->end && *ps->p == '^') {
		negated = 1;
		ps->p++;
	}
	/* A "]" first is a member. */
	if (ps->p < ps->end && *ps->p == ']') {
		(void)set_add(&cl.set, "]", 1);
		ps->p++;
	}
	while (!ps->fail && ps->p < ps->end && *ps->p != ']')
		class_member(ps, &cl);
	if (ps->p >= ps->end) {
		ps->fail = 1;
		return;
	}
	ps->p++;
	if (negated || cl.set.any)
		return;
	if (!cl.wide && cl.set.n <= CLASS_MAX) {
		set_copy(&out->exact, &cl.set);
		return;
	}
	for (i = 0; i < cl.set.n; i++)
		class_meet(&cl, cl.set.v[i].s, cl.set.v[i].len);
	if (cl.plen > 0)
		set_one(&out->pre, cl.pre, cl.plen);
}

/* Nothing known of a part yet. */
static void
info_unknown(struct info *out)
{
	set_any(&out->exact);
	set_any(&out->need);
	set_one(&out->pre, "", 0);
	set_one(&out->suf, "", 0);
	out->zero = 0;
	out->look = 0;
}

/*
 * A group at ps->p ("("), through its ")", into *out.  A lookaround
 * matches no text; a negative one or a comment needs nothing.  What a
 * positive lookahead starts with is in the subject where it stands, and
 * what a positive lookbehind ends with, just before.
 */
static void
parse_group(struct parse *ps, struct info *out)
{
	const char *p = ps->p + 1, *end = ps->end;
	int negative = 0, look = 0;

	info_unknown(out);
	if (++ps->depth > NEEDLES_DEPTH || p >= end || *p == '*') {
		ps->fail = 1;
		return;
	}
	if (*p == '?') {
		p++;
		if (p < end && (*p == ':' || *p == '|' || *p == '>'))
			p++;
		else if (p < end && (*p == '=' || *p == '!')) {
			look = LOOK_AHEAD;
			negative = *p++ == '!';
		} else if (p + 1 < end && *p == '<' && (p[1] == '=' ||
		    p[1] == '!')) {
			look = LOOK_BEHIND;
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
			out->zero = 1;
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
	if (look) {
		/* What a lookaround looks at is in the subject too. */
		out->zero = 1;
		set_any(&out->exact);
		if (negative) {
			set_any(&out->need);
			look = 0;
		}
		if (look != LOOK_AHEAD)
			set_one(&out->pre, "", 0);
		if (look != LOOK_BEHIND)
			set_one(&out->suf, "", 0);
		out->look = look;
	}
	ps->depth--;
}

/*
 * One atom at ps->p that is not a group, into *out: a literal character,
 * a class, an escape, "." or an anchor.
 */
static void
parse_atom(struct parse *ps, struct info *out)
{
	unsigned char b = (unsigned char)*ps->p;
	char c[4], sh[4];
	size_t n = 0, m;
	enum esc k = ESC_CHAR;

	info_unknown(out);
	switch (b) {
	case '[':
		parse_class(ps, out);
		return;
	case '.':
		ps->p++;
		return;
	case '^':
	case '$':
		ps->p++;
		out->zero = 1;
		return;
	case '\\':
		k = parse_escape(ps, c, &n);
		break;
	case '*':
	case '+':
	case '?':
	case '{':
		ps->fail = 1;
		return;
	default:
		n = char_len(b);
		if ((size_t)(ps->end - ps->p) < n) {
			ps->fail = 1;
			return;
		}
		memcpy(c, ps->p, n);
		ps->p += n;
	}
	switch (k) {
	case ESC_CHAR:
		if ((m = shadow_char(ps, c, n, sh)) > 0)
			set_one(&out->exact, sh, m);
		break;
	case ESC_SPACE:
		set_one(&out->exact, " ", 1);
		break;
	case ESC_DIGIT:
		set_one(&out->exact, "0", 1);
		break;
	case ESC_ZERO:
		out->zero = 1;
		break;
	case ESC_FAIL:
		ps->fail = 1;
		break;
	case ESC_OTHER:
		break;
	}
}

/* Whether a set is one blank or one digit: repeated, it is the same. */
static int
set_squeezes(const struct strset *s)
{
	return !s->any && s->n == 1 && s->v[0].len == 1 &&
	    (s->v[0].s[0] == ' ' || s->v[0].s[0] == '0');
}

/*
 * A sequence being read.  The run is what the text just before here ends
 * with: the exact strings of the parts joined since the chain last broke,
 * or, where they grew too many or too long, their last bytes joined with
 * the rest (set_tails(): a need from then on, the chain is broken).
 */
struct chain {
	struct strset	run;
	struct strset	side;	/* the same from a lookbehind, if side_on */
	struct strset	*pre;	/* what the sequence starts with */
	struct strset	*best;
	int		broken;	/* the sequence is not all one chain */
	int		side_on;
};

/* Join e to the exact strings of *run; 0, run unchanged, if too many. */
static int
run_join(struct strset *run, const struct strset *e)
{
	struct strset joined;
	struct lit *x = &run->v[0];
	const struct lit *y = &e->v[0];
	size_t skip;

	/* The common case, one string and one more character or so. */
	if (run->n == 1 && e->n == 1) {
		skip = x->len > 0 && y->len > 0 && x->s[x->len - 1] == y->s[0] &&
		    (y->s[0] == ' ' || y->s[0] == '0');
		if (x->len + y->len - skip > NEEDLE_LEN)
			return 0;
		for (; skip < y->len; skip++) {
			x->s[x->len++] = y->s[skip];
			run->weight += byte_weight((unsigned char)y->s[skip]);
		}
		return 1;
	}
	if (!set_join(&joined, run, e, 0))
		return 0;
	set_copy(run, &joined);
	return 1;
}

/* Join e to *run, or to its last bytes; 0 if neither fits. */
static int
run_join_tails(struct strset *run, const struct strset *e)
{
	struct strset tails, joined;

	if (!set_tails(&tails, run, e) || !set_join(&joined, &tails, e, 0))
		return 0;
	set_copy(run, &joined);
	return 1;
}

/* Consider the strings of run followed by those of e, cut if too long. */
static void
consider_join(struct strset *best, const struct strset *run,
    const struct strset *e)
{
	struct strset tails, joined;

	if (set_score(e) < 0)
		return;		/* nothing known: no more than run */
	if (set_join(&joined, run, e, 1) || (set_tails(&tails, run, e) &&
	    set_join(&joined, &tails, e, 1)))
		set_consider(best, &joined);
}

/*
 * The chain breaks before a part that starts with one of e ("": nothing
 * known).  The run and the run followed by e are candidates; at the
 * first break, the run followed by e is what the sequence starts with.
 */
static void
chain_break(struct chain *ch, const struct strset *e)
{
	if (!ch->broken) {
		if (!set_join(ch->pre, &ch->run, e, 1))
			set_copy(ch->pre, &ch->run);
		ch->broken = 1;
	}
	set_consider(ch->best, &ch->run);
	consider_join(ch->best, &ch->run, e);
}

/* The same for the run from a lookbehind, which ends here. */
static void
side_break(struct chain *ch, const struct strset *e)
{
	if (!ch->side_on)
		return;
	set_consider(ch->best, &ch->side);
	consider_join(ch->best, &ch->side, e);
	ch->side_on = 0;
}

/* Join e, the exact strings of the next part, to the runs. */
static void
chain_join(struct chain *ch, const struct strset *e)
{
	if (ch->side_on && !run_join(&ch->side, e)) {
		set_consider(ch->best, &ch->side);
		ch->side_on = run_join_tails(&ch->side, e);
	}
	if (run_join(&ch->run, e))
		return;
	/* Too many or too long: go on from the last bytes of the run. */
	chain_break(ch, e);
	set_consider(ch->best, e);
	if (!run_join_tails(&ch->run, e))
		set_copy(&ch->run, e);
}

/* Add an atom, quantified min..max times (max 0: unbounded). */
static void
chain_add(struct chain *ch, struct info *a, int q, unsigned long min,
    unsigned long max)
{
	const struct strset *pre = a->exact.any ? &a->pre : &a->exact;
	const struct strset *suf = a->exact.any ? &a->suf : &a->exact;
	struct strset opt;

	if (!q)
		min = max = 1;
	if (a->zero) {
		if (min == 0)
			return;
		set_consider(ch->best, &a->need);
		if (a->look == LOOK_AHEAD) {
			consider_join(ch->best, &ch->run, &a->pre);
			if (ch->side_on)
				consider_join(ch->best, &ch->side, &a->pre);
		} else if (a->look == LOOK_BEHIND && set_score(&a->suf) >= 0) {
			/* Not joined to the run: it is text the run holds. */
			if (ch->side_on)
				set_consider(ch->best, &ch->side);
			set_copy(&ch->side, &a->suf);
			ch->side_on = 1;
		}
		return;
	}
	if (!a->exact.any && (max == 1 || set_squeezes(&a->exact))) {
		if (min > 0) {
			chain_join(ch, &a->exact);
			return;
		}
		set_copy(&opt, &a->exact);
		if (set_add(&opt, "", 0)) {
			chain_join(ch, &opt);
			return;
		}
	}
	if (min > 0) {
		/* The first copy starts with pre, the last ends with suf. */
		set_consider(ch->best, &a->need);
		chain_break(ch, pre);
		side_break(ch, pre);
		set_copy(&ch->run, suf);
		return;
	}
	/* Absent, or there and ending with one of suf. */
	set_one(&opt, "", 0);
	chain_break(ch, &opt);
	side_break(ch, &opt);
	set_union(&ch->run, suf);
	if (ch->run.any)
		set_one(&ch->run, "", 0);
	set_trim(&ch->run, 1);
}

/* A sequence of atoms, up to "|", ")" or the end. */
static void
parse_seq(struct parse *ps, struct info *out)
{
	struct chain ch;
	struct info atom, *a = &atom;
	unsigned long min = 1, max = 1;
	int q;

	info_unknown(out);
	ch.best = &out->need;
	ch.pre = &out->pre;
	ch.broken = 0;
	ch.side_on = 0;
	set_one(&ch.run, "", 0);
	while (!ps->fail && ps->p < ps->end && *ps->p != '|' &&
	    *ps->p != ')') {
		if (*ps->p == '(')
			parse_group(ps, a);
		else
			parse_atom(ps, a);
		if (ps->fail)
			break;
		q = parse_quantifier(ps, &min, &max);
		chain_add(&ch, a, q, min, max);
	}
	set_consider(&out->need, &ch.run);
	if (ch.side_on)
		set_consider(&out->need, &ch.side);
	if (!ch.broken) {
		set_copy(&out->exact, &ch.run);
		set_copy(&out->pre, &ch.run);
	}
	set_copy(&out->suf, &ch.run);
}

/*
 * The strings of a and b cut to their first (or last) k bytes, in *out;
 * 0 if they are still too many.  Each piece is in whatever its string is
 * in, so the pieces are needles too, only weaker.
 */
static int
set_cut(struct strset *out, const struct strset *a, const struct strset *b,
    size_t k, int last)
{
	const struct strset *from[2] = { a, b };
	const struct lit *l;
	size_t i, j, n;

	set_empty(out);
	for (j = 0; j < 2; j++)
		for (i = 0; i < from[j]->n; i++) {
			l = &from[j]->v[i];
			n = l->len < k ? l->len : k;
			if (!set_add(out, last ? l->s + l->len - n : l->s, n))
				return 0;
		}
	return 1;
}

/*
 * What either of two alternatives needs: both needs together, or, if they
 * are too many, the longest pieces of them that are few enough ("Ph. D.
 * thesis", "M. Sc. thesis", ... : "thesis").
 */
static void
need_union(struct strset *to, const struct strset *from)
{
	/* Longer pieces would tell no more (WEIGHT_ENOUGH). */
	static const size_t cuts[] = { 6, 4, 3 };
	struct strset both, cut, best;
	size_t i;
	int last;

	if (set_score(to) < 0 || set_score(from) < 0) {
		set_any(to);
		return;
	}
	set_copy(&both, to);
	set_union(&both, from);
	if (!both.any) {
		set_copy(to, &both);
		return;
	}
	set_any(&best);
	for (last = 0; last < 2; last++)
		for (i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++)
			if (set_cut(&cut, to, from, cuts[i], last)) {
				set_minimise(&cut);
				if (set_score(&cut) > set_score(&best))
					set_copy(&best, &cut);
				break;
			}
	set_copy(to, &best);
}

/*
 * What either of two parts starts (last: ends) with, into *to: both sets,
 * or the first (last) bytes of them when they are too many; "" when one
 * of them tells nothing.
 */
static void
part_union(struct strset *to, const struct strset *from, int last)
{
	static const size_t cuts[] = { 6, 4, 3 };
	struct strset both;
	size_t i;

	if (set_score(to) < 0 || set_score(from) < 0) {
		set_one(to, "", 0);
		return;
	}
	set_copy(&both, to);
	set_union(&both, from);
	for (i = 0; both.any; i++) {
		if (i == sizeof(cuts) / sizeof(cuts[0])) {
			set_one(to, "", 0);
			return;
		}
		if (!set_cut(&both, to, from, cuts[i], last))
			set_any(&both);
	}
	set_trim(&both, last);
	set_copy(to, &both);
}

/* Alternatives separated by "|", up to ")" or the end. */
static void
parse_alt(struct parse *ps, struct info *out)
{
	struct info other, *alt = &other;

	parse_seq(ps, out);
	while (!ps->fail && ps->p < ps->end && *ps->p == '|') {
		ps->p++;
		parse_seq(ps, alt);
		set_union(&out->exact, &alt->exact);
		/* Either may match: one of the needs of each. */
		need_union(&out->need, &alt->need);
		part_union(&out->pre, &alt->pre, 0);
		part_union(&out->suf, &alt->suf, 1);
	}
}

/* The entry of a pair of bytes in a summary. */
static inline unsigned
pair_bit(unsigned a, unsigned b)
{
	return (a * 67u ^ b) & (NEEDLES_PAIRS - 1);
}

/*
 * The entry of three bytes in a row, after the pairs: from the entry of
 * the first two (p) and the third, so that a summary gets it for a shift
 * and two exclusive ors more a byte.
 */
static inline unsigned
tri_bit(unsigned p, unsigned c)
{
	return NEEDLES_PAIRS + ((p << 1 ^ c << 4 ^ c) & (NEEDLES_TRIS - 1));
}

static int	byte_common(unsigned char);

/*
 * A needle's triples, the rarest first (its bytes' byte_common()), from
 * its text.
 */
static void
needle_tris(struct needle *nd)
{
	const unsigned char *u = (const unsigned char *)nd->lit.s;
	size_t i, k, w[NEEDLE_LEN - 2], tw;
	uint16_t tt;

	for (i = 0; i + 2 < nd->lit.len; i++) {
		w[i] = (size_t)byte_common(u[i]) * (size_t)byte_common(u[i + 1]) *
		    (size_t)byte_common(u[i + 2]);
		nd->tri[i] = (uint16_t)tri_bit(pair_bit(u[i], u[i + 1]), u[i + 2]);
		for (k = i; k > 0 && w[k] < w[k - 1]; k--) {
			tw = w[k], w[k] = w[k - 1], w[k - 1] = tw;
			tt = nd->tri[k], nd->tri[k] = nd->tri[k - 1];
			nd->tri[k - 1] = tt;
		}
	}
}

/* The little-endian number of two bytes at p. */
static inline unsigned
rd16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

/*
 * The entry the needle of record r is checked at first: its rarest
 * triple, or its pair if it has no triple, or none (one byte).
 */
static uint16_t
record_first(const unsigned char *r)
{
	return r[0] >= 3 ? (uint16_t)rd16(r + 2 + r[0]) : r[0] == 2 ?
	    (uint16_t)pair_bit(r[1], r[2]) : NO_PAIR;
}

/*
 * How common a byte is in the shadow of a reference, per thousand bytes,
 * roughly: English letter frequencies, with the blanks, digit runs and
 * punctuation of a list of references.  It orders a needle's triples,
 * the rarest first, so that the first turns most subjects away; and it
 * picks the byte memchr() looks for.  A wrong guess costs time, never a
 * match.
 */
static int
byte_common(unsigned char c)
{
	static const unsigned char letters[26] = {
		/* a   b   c   d    e   f   g   h   i  j  k   l   m */
		  65, 12, 35, 30, 100, 15, 20, 35, 60, 3, 6, 35, 25,
		/* n   o   p  q   r   s   t   u  v   w  x   y  z */
		  60, 60, 20, 1, 50, 50, 70, 25, 8, 10, 3, 12, 2,
	};

	if (c >= 'a' && c <= 'z')
		return letters[c - 'a'];
	switch (c) {
	case ' ':
		return 160;
	case '0':
		return 30;
	case '.':
		return 25;
	case ',':
		return 20;
	case '-':
	case ':':
	case '(':
	case ')':
		return 5;
	default:
		return c >= 0x80 ? 3 : 2;
	}
}

static void
needle_init(struct needle *nd, const struct lit *l)
{
	size_t i;

	nd->lit = *l;
	nd->rare = 0;
	for (i = 1; i < l->len; i++)
		if (byte_common((unsigned char)l->s[i]) <
		    byte_common((unsigned char)l->s[nd->rare]))
			nd->rare = (unsigned char)i;
	needle_tris(nd);
}

/*
 * Whether the needle s[0..n), its rarest byte at rare, is in the shadow:
 * the places of that byte are found with memchr(), which is fast, and
 * only those are compared.
 */
static int
needle_in(const char *s, size_t n, size_t rare, const char *text,
    size_t len)
{
	const char *p = text + rare, *end = text + len, *at;
	char c = s[rare];

	if (len < n)
		return 0;
	end -= n - 1 - rare;	/* the last place the rare byte can be */
	for (; p < end && (at = memchr(p, c, (size_t)(end - p))) != NULL;
	    p = at + 1)
		if (memcmp(at - rare, s, n) == 0)
			return 1;
	return 0;
}

/* Append the record of a needle (see struct needles). */
static void
needle_put(struct buf *b, const struct needle *nd)
{
	size_t k;

	buf_putc(b, (char)nd->lit.len);
	buf_append(b, nd->lit.s, nd->lit.len);
	buf_putc(b, (char)nd->rare);
	for (k = 0; k + 2 < nd->lit.len; k++) {
		buf_putc(b, (char)(nd->tri[k] & 0xff));
		buf_putc(b, (char)(nd->tri[k] >> 8));
	}
}

/*
 * The length of the record at r[0..len), a needle's, or 0 if it is not
 * one.  A triple outside the summary's triples would be read outside
 * it: each is checked.
 */
static size_t
record_check(const unsigned char *r, size_t len)
{
	size_t n, k, size;
	unsigned bad = 0;

	if (len == 0 || (n = r[0]) == 0 || n > NEEDLE_LEN)
		return 0;
	size = 2 + n + (n > 2 ? 2 * (n - 2) : 0);
	if (len < size || r[1 + n] >= n)
		return 0;
	/* Below NEEDLES_PAIRS, t - NEEDLES_PAIRS wraps round: too large. */
	for (k = 2 + n; k < size; k += 2)
		bad |= rd16(r + k) - NEEDLES_PAIRS >= NEEDLES_TRIS;
	return bad ? 0 : size;
}

/* Room for n needles and extra bytes after them (see needles_of_set()). */
static struct needles *
needles_alloc(size_t n, size_t extra)
{
	struct needles *nd;

	nd = xmalloc(sizeof(*nd) + 2 * n * sizeof(uint16_t) + extra);
	nd->n = n;
	nd->first = (uint16_t *)(nd + 1);
	nd->at = nd->first + n;
	return nd;
}

/*
 * Find the needles in nd->rec[0..nd->len), checking each: 0 if they are
 * not nd->n needles.
 */
static int
needles_index(struct needles *nd)
{
	size_t i, at, size;

	for (i = at = 0; i < nd->n; i++, at += size) {
		if ((size = record_check(nd->rec + at, nd->len - at)) == 0)
			return 0;
		nd->at[i] = (uint16_t)at;
		nd->first[i] = record_first(nd->rec + at);
	}
	return at == nd->len;
}

/* Needles from a set of strings (not empty, none empty). */
static struct needles *
needles_of_set(const struct strset *set)
{
	struct buf b = BUF_INIT;
	struct needles *nd;
	struct needle one;
	unsigned char *own;
	size_t i;

	for (i = 0; i < set->n; i++) {
		needle_init(&one, &set->v[i]);
		needle_put(&b, &one);
	}
	/* The records follow the arrays, in the same allocation. */
	nd = needles_alloc(set->n, b.len);
	own = (unsigned char *)(nd->at + set->n);
	memcpy(own, b.s, b.len);
	nd->rec = own;
	nd->len = b.len;
	(void)needles_index(nd);	/* made just now: they are needles */
	buf_free(&b);
	return nd;
}

struct needles *
needles_new(const char *pattern, size_t len, int caseless, int extended)
{
	struct parse ps;
	struct info *top;
	struct needles *nd = NULL;

	if (extended)
		return NULL;
	memset(&ps, 0, sizeof(ps));
	ps.p = pattern;
	ps.end = pattern + len;
	ps.caseless = caseless;
	top = xmalloc(sizeof(*top));
	parse_alt(&ps, top);
	if (!ps.fail && ps.p == ps.end && set_score(&top->need) >= 0)
		nd = needles_of_set(&top->need);
	free(top);
	return nd;
}

/*
 * The bytes: a count (0: no needles), then the records (see struct
 * needles).  Read back as they are, they cost nothing to work out again;
 * what they mean depends on tri_bit() and the ranks, which
 * needles_signature() covers.
 */
void
needles_encode(const struct needles *nd, struct buf *out)
{
	buf_putc(out, (char)(nd != NULL ? nd->n : 0));
	if (nd != NULL)
		buf_append(out, (const char *)nd->rec, nd->len);
}

int
needles_decode(const char *p, size_t len, struct needles **nd)
{
	const unsigned char *u = (const unsigned char *)p;
	struct needles *v;
	size_t n;

	*nd = NULL;
	if (len == 0 || (n = u[0]) > NEEDLES_MAX)
		return 0;
	if (n == 0)
		return len == 1;
	v = needles_alloc(n, 0);
	v->rec = u + 1;		/* borrowed: see needles.h */
	v->len = len - 1;
	if (!needles_index(v)) {
		free(v);
		return 0;
	}
	*nd = v;
	return 1;
}

uint32_t
needles_signature(void)
{
	static const char probe[] = "0 .,-aeqz(\xff";
	uint32_t h = NEEDLES_SIG_VERSION;
	size_t i, k;

	h = h * 31 + NEEDLES_PAIRS;
	h = h * 31 + NEEDLE_LEN;
	h = h * 31 + NEEDLES_MAX;
	for (i = 0; i < sizeof(probe) - 1; i++) {
		h = h * 31 + (uint32_t)byte_common((unsigned char)probe[i]);
		h = h * 31 + (uint32_t)byte_weight((unsigned char)probe[i]);
		for (k = 0; k < sizeof(probe) - 1; k++)
			h = h * 31 + pair_bit((unsigned char)probe[i],
			    (unsigned char)probe[k]) * 7 + tri_bit(i * 131 + k,
			    (unsigned char)probe[k]);
	}
	h = h * 31 + NEEDLES_TRIS;
	return h;
}

void
needles_free(struct needles *nd)
{
	free(nd);
}

/* Shadow form of ASCII bytes: small letters, "0" for digits, " " for blanks. */
static unsigned char shadow_ascii[128];

static void
shadow_ascii_init(void)
{
	unsigned c;

	for (c = 0; c < 128; c++)
		shadow_ascii[c] = (unsigned char)(needles_shadow_class(c) != 0 ?
		    needles_shadow_class(c) : fold((unsigned char)c));
}

/*
 * Put the shadow byte c after prev: its pair and its triple (from pp, the
 * entry of the pair before) into the summary, c into the text at *n.
 * Inline, with the caller's state in its locals (see below).
 */
static inline void
shadow_put(uint16_t *pairs, uint16_t gen, unsigned char *t, size_t *n,
    unsigned char *prev, unsigned *pp, unsigned char c)
{
	unsigned np = pair_bit(*prev, c);

	pairs[np] = gen;
	pairs[tri_bit(*pp, c)] = gen;
	*pp = np;
	t[(*n)++] = c;
	*prev = c;
}

/*
 * A pair is in the summary when its entry holds the summary's generation:
 * a new subject needs no clearing, only a new generation.  The loop keeps
 * its state in locals: with stores through a char pointer in it, the
 * compiler would have to reload anything kept in *sum.
 */
void
needles_summarise(struct needles_sum *sum, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char prev = 0, c = 0, *t;
	unsigned pp = 0;	/* the entry of the pair before */
	uint16_t *pairs = sum->pairs, gen;
	size_t i, n = 0, k, w;
	int cls;

	if (shadow_ascii['A'] == 0)
		shadow_ascii_init();
	if (sum->cap < len + 1) {
		sum->cap = len + 1;
		free(sum->text);
		sum->text = xmalloc(sum->cap);
	}
	if ((gen = ++sum->gen) == 0) {
		memset(sum->pairs, 0, sizeof(sum->pairs));
		gen = sum->gen = 1;
	}
	t = (unsigned char *)sum->text;
	i = 0;
	while (i < len) {
		/* ASCII, most of any text: a table and one test a byte. */
		while (i < len && (c = u[i]) < 0x80) {
			c = shadow_ascii[c];
			i++;
			/* A blank or a digit after another: one run. */
			if (c == prev && (c | 0x10) == '0')
				continue;
			shadow_put(pairs, gen, t, &n, &prev, &pp, c);
		}
		if (i == len)
			break;
		w = char_len(c);
		if (w > len - i)
			w = len - i;
		if ((cls = needles_shadow_class(decode(u + i, w))) == 0) {
			/* Any other character stays as it is. */
			for (k = 0; k < w; k++)
				shadow_put(pairs, gen, t, &n, &prev, &pp,
				    u[i + k]);
			i += w;
			continue;
		}
		i += w;
		c = (unsigned char)cls;
		if (c == prev && (c | 0x10) == '0')
			continue;
		shadow_put(pairs, gen, t, &n, &prev, &pp, c);
	}
	t[n] = '\0';
	sum->len = n;
}

void
needles_sum_free(struct needles_sum *sum)
{
	free(sum->text);
	sum->text = NULL;
	sum->len = sum->cap = 0;
}

int
needles_maybe(const struct needles *nds, const struct needles_sum *sum)
{
	const unsigned char *r, *tri;
	size_t i, k, n;

	for (i = 0; i < nds->n; i++) {
		/* Most needles lack their rarest pair: look no further. */
		if (nds->first[i] != NO_PAIR &&
		    sum->pairs[nds->first[i]] != sum->gen)
			continue;
		r = nds->rec + nds->at[i];
		if ((n = r[0]) == 1) {
			if (memchr(sum->text, r[1], sum->len) != NULL)
				return 1;
			continue;
		}
		/*
		 * Its other triples: pairs alone are all there nine times in
		 * ten when the needle is not (the pairs of ", 0" in "1, 2 and
		 * 0").
		 */
		tri = r + 2 + n;
		for (k = 1; k + 2 < n; k++)
			if (sum->pairs[rd16(tri + 2 * k)] != sum->gen)
				break;
		if (k + 2 < n)
			continue;
		if (needle_in((const char *)r + 1, n, r[1 + n], sum->text,
		    sum->len))
			return 1;
	}
	return 0;
}

size_t
needles_first_pairs(const struct needles *nds, uint16_t *out, size_t max)
{
	size_t i, k, n = 0;

	for (i = 0; i < nds->n; i++) {
		if (nds->first[i] == NO_PAIR)
			return 0;
		for (k = 0; k < n && out[k] != nds->first[i]; k++)
			continue;
		if (k < n)
			continue;	/* another needle's too */
		if (n == max)
			return 0;
		out[n++] = nds->first[i];
	}
	return n;
}

size_t
needles_count(const struct needles *nd)
{
	return nd != NULL ? nd->n : 0;
}

const char *
needles_get(const struct needles *nd, size_t i, size_t *len)
{
	const unsigned char *r = nd->rec + nd->at[i];

	*len = r[0];
	return (const char *)r + 1;
}
