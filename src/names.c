/*
 * names.c -- author lists: where they end, and each name's parts
 * (see names.h).
 *
 * The list is read as tokens (words with the punctuation that follows
 * them).  A name is read in natural order unless its first token is a lone
 * family name followed by a comma and given names or initials (inverted),
 * or its last token is a run of capitals without stops (Vancouver).  The
 * list ends at a clear terminator, or before the first token that cannot be
 * part of a name.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "entry.h"
#include "names.h"
#include "rules.h"
#include "xmalloc.h"

#define NAME_WORDS_MAX	6	/* words in one name, particles included */
#define TOKENS_MAX	512

enum tok_kind {
	TOK_WORD,	/* a capitalised word: part of a name */
	TOK_INITIAL,	/* "Q.", "F.M.", "J.-P." */
	TOK_CAPS,	/* "GQ": Vancouver initials (or an acronym) */
	TOK_PARTICLE,	/* "van", "de" */
	TOK_SUFFIX,	/* "Jr.", "III" */
	TOK_AND,	/* "and", "&" */
	TOK_ETAL,	/* "et al.", "and others" (two tokens: first) */
	TOK_CJK,	/* "國島丈生": a name in a script without spaces */
	TOK_OTHER	/* anything else ends the list */
};

struct tok {
	const char	*s;		/* the word, marks and punctuation off */
	size_t		 len;
	size_t		 end;		/* offset after the token and blanks */
	char		 trail;		/* , ; : . or 0 */
	unsigned	 flags;		/* NAME_EQUAL, NAME_CORRESPONDING */
	enum tok_kind	 kind;
	int		 open;		/* starts with a quote or bracket */
	int		 cap_particle;	/* "Van", "De": a particle, capitalised;
					   -1 not known yet */
	const char	*role;		/* a "role" rule's value ("editor") */
};

struct scan {
	const struct rules	*rules;
	int			 vancouver;	/* the list so far: "Smith AB" */
	int			 order;		/* 0 unknown, 1 natural, 2 inverted */
	int			 japanese;	/* -1 not known yet, 0 or 1 */
	size_t			 role_from;	/* first name without a role */
	size_t			 nread;		/* names read, dropped ones too */
	const char		*base;
	const char		*p;		/* where tokenising goes on */
	struct tok		 t[TOKENS_MAX];
	size_t			 n;		/* tokens made so far */
};

/* --- tokens ----------------------------------------------------------- */

static int
is_word_byte(unsigned char c)
{
	return isalpha(c) || c >= 0x80 || c == '-' || c == '\'' || c == '.';
}

/*
 * The tests of one byte below are switches, not strchr() on a string of
 * them: a call for each token, where the compiler makes a bit test.
 */

/* Whether a token starting with c is open: a quote or bracket ("“" too). */
static int
is_open_byte(unsigned char c)
{
	switch (c) {
	case '"': case '\'': case '(': case '[': case '{':
	case 0xe2: case 0xc2:	/* the lead bytes of “ ‘ « */
		return 1;
	}
	return 0;
}

/* Whether c is trailing punctuation that never belongs to a name. */
static int
is_trail_byte(char c)
{
	return c == ',' || c == ';' || c == ':';
}

/*
 * Whether a capitalised word starting with c may be a particle ("Van",
 * "Ibn"): the "particle" rules match particles in small letters, so the
 * word goes to them with its first letter made small.  Only words whose
 * first byte can start a match of the rules loaded (the user's too) go
 * to them: a cheap filter.
 */
static int
may_be_particle(struct scan *sc, unsigned char c)
{
	return rules_may_start(sc->rules, "particle", (unsigned char)tolower(c));
}

/* Whether a word starting with c may be a suffix ("Jr.", "Sr.", "III"). */
static int
may_be_suffix(struct scan *sc, unsigned char c)
{
	return rules_may_start(sc->rules, "suffix", c);
}

/* strip_marks() for a word that does not end in a letter. */
static size_t
strip_marks_at_end(const char *s, size_t len, unsigned *flags)
{
#define MARK(s, f)	{ s, sizeof(s) - 1, f }
	static const struct {
		const char	*mark;
		size_t		 len;
		unsigned	 flag;
	} marks[] = {
		MARK("*", NAME_EQUAL), MARK("†", NAME_EQUAL),
		MARK("‡", NAME_EQUAL), MARK("#", NAME_EQUAL),
		MARK("§", NAME_CORRESPONDING), MARK("✉", NAME_CORRESPONDING),
		MARK("¶", NAME_EQUAL), MARK("∗", NAME_EQUAL),
		MARK("⁎", NAME_EQUAL), MARK("+", NAME_EQUAL),
		MARK("¹", 0), MARK("²", 0), MARK("³", 0), MARK("⁴", 0),
		MARK("⁵", 0), MARK("⁶", 0), MARK("⁷", 0), MARK("⁸", 0),
		MARK("⁹", 0), MARK("⁰", 0),
		MARK("\\", 0),		/* left of an escaped "\*" */
	};
#undef MARK
	size_t i, k;
	int again = 1, marked = 0;

	while (again && len > 0) {
		again = 0;
		for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
			k = marks[i].len;
			/* The last byte first: memcmp() is a call. */
			if (len > k && s[len - 1] == marks[i].mark[k - 1] &&
			    memcmp(s + len - k, marks[i].mark, k) == 0) {
				len -= k;
				*flags |= marks[i].flag;
				again = marked = 1;
			}
		}
		/* "Doe¹,²": a comma between marks. */
		if (!again && marked && len > 1 && s[len - 1] == ',') {
			len--;
			again = 1;
		}
	}
	return len;
}

/*
 * Remove marks of equal contribution or correspondence from the end.
 * Inline: most words end in a letter, with no mark to look for.
 */
static inline size_t
strip_marks(const char *s, size_t len, unsigned *flags)
{
	if (len == 0 || isalnum((unsigned char)s[len - 1]) || s[len - 1] == '.')
		return len;
	return strip_marks_at_end(s, len, flags);
}

/*
 * Remove affiliation marks that lost their superscript in a copy from a
 * PDF: "Smith1,2" -> "Smith", "Huoa,b,1" -> "Huo".  Marks after a comma
 * are single lower-case letters or digits; the first one is glued to the
 * name, and is taken only when it comes before the next in order ("a,b"),
 * so that "Kim,a" keeps its "m".
 */
static size_t
strip_affiliation_marks(const char *s, size_t len)
{
	size_t n = len;
	int marks = 0;
	unsigned char first = 0, c;

	while (n >= 3 && s[n - 2] == ',' && (islower((unsigned char)s[n - 1]) ||
	    isdigit((unsigned char)s[n - 1])) &&
	    isalnum((unsigned char)s[n - 3])) {
		first = (unsigned char)s[n - 1];
		n -= 2;
		marks++;
	}
	c = n > 0 ? (unsigned char)s[n - 1] : 0;
	if (isdigit(c)) {
		while (n > 0 && isdigit((unsigned char)s[n - 1]))
			n--;
		marks++;
	} else if (marks > 0 && islower(c) && islower(first) && c < first)
		n--;
	if (marks == 0 || n < 2 || !(isalpha((unsigned char)s[n - 1]) ||
	    (unsigned char)s[n - 1] >= 0x80))
		return len;
	return n;
}

/*
 * strip_affiliation_marks(), inline for the words that cannot have any:
 * most end in a letter, with no comma before it.
 */
static inline size_t
strip_affiliation(const char *s, size_t len)
{
	if (len > 0 && !isdigit((unsigned char)s[len - 1]) &&
	    (len < 3 || s[len - 2] != ','))
		return len;
	return strip_affiliation_marks(s, len);
}

static int
is_initial(const char *s, size_t len)
{
	size_t i = 0;
	int letters = 0;

	/* F.  F.M.  J.-P.  Ł.  -- letters each followed by a full stop. */
	while (i < len) {
		if (s[i] == '-' && letters > 0) {
			i++;
			continue;
		}
		if ((unsigned char)s[i] >= 0x80) {
			i++;
			while (i < len && ((unsigned char)s[i] & 0xc0) == 0x80)
				i++;
		} else if (isupper((unsigned char)s[i]))
			i++;
		else
			return 0;
		if (i >= len || s[i] != '.')
			return 0;
		i++;
		letters++;
	}
	return letters > 0 && letters <= 4;
}

/* Decode the UTF-8 character at s; *n receives its length. */
static unsigned
utf8_char(const char *s, size_t *n)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] < 0x80) {
		*n = 1;
		return u[0];
	}
	if (u[0] < 0xe0 && u[1] != 0) {
		*n = 2;
		return ((u[0] & 0x1fu) << 6) | (u[1] & 0x3fu);
	}
	if (u[0] < 0xf0 && u[1] != 0 && u[2] != 0) {
		*n = 3;
		return ((u[0] & 0x0fu) << 12) | ((u[1] & 0x3fu) << 6) |
		    (u[2] & 0x3fu);
	}
	*n = 1;			/* four-byte characters: none we look for */
	return 0;
}

/* Whether c is a character of a CJK personal name: Han (々 too), Hangul. */
static int
is_cjk_name_char(unsigned c)
{
	return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ||
	    (c >= 0xac00 && c <= 0xd7af) || c == 0x3005 || c == 0x30f6;
}

/* The number of characters of s[0..len) if all are CJK name ones, or 0. */
static size_t
cjk_chars(const char *s, size_t len)
{
	size_t i = 0, n, count = 0;

	while (i < len) {
		if (!is_cjk_name_char(utf8_char(s + i, &n)))
			return 0;
		i += n;
		count++;
	}
	return count;
}

/*
 * Whether the word w joins two names: "and" in the languages the
 * "conjunction" rules know ("et", "und", "y").  A word that is also a
 * particle ("y") joins names only after initials or punctuation: "García,
 * J. y López, M." but "José Ortega y Gasset".
 */
static int
is_conjunction(struct scan *sc, const char *w, int particle,
    const struct tok *prev)
{
	if (rules_classify(sc->rules, "conjunction", w) == NULL)
		return 0;
	return !particle || (prev != NULL && (prev->trail != 0 ||
	    prev->kind == TOK_INITIAL || prev->kind == TOK_CAPS));
}

/*
 * Whether the capitalised word s[0..len) is a particle ("Van", "De",
 * "St."): the "particle" rules match it in lower case.
 */
static int
is_particle_capitalised(struct scan *sc, const char *s, size_t len)
{
	char w[32];

	if (len >= sizeof(w))		/* no particle is so long */
		return 0;
	memcpy(w, s, len);
	w[len] = '\0';
	w[0] = (char)tolower((unsigned char)w[0]);
	return rules_classify(sc->rules, "particle", w) != NULL;
}

/*
 * The kind of the word s[0..len), after the token prev (or NULL).  *capp
 * is set when it is a particle written with a capital ("Van Dijk", "De la
 * Cruz"): a word of the name that joins the family name when a given name
 * comes before it.  It is -1 when the rules were not asked (see
 * cap_particle()): most capitalised words are never asked about.
 */
static int
classify_word(struct scan *sc, const char *s, size_t len,
    const struct tok *prev, int *capp)
{
	char w[32];
	int particle = 0, suffix = 0;
	size_t i, n;

	if (capp != NULL)
		*capp = 0;
	if (len == 0)
		return TOK_OTHER;
	if ((len == 3 && strncmp(s, "and", 3) == 0) ||
	    (len == 1 && *s == '&') || (len == 3 && strncmp(s, "And", 3) == 0))
		return TOK_AND;
	if (len == 2 && strncmp(s, "et", 2) == 0)
		return TOK_ETAL;
	if ((unsigned char)*s >= 0xe3) {
		/* Han or Hangul, up to five characters: kana, brackets or a
		 * longer word make no name. */
		n = cjk_chars(s, len);
		return n > 0 && n <= 5 ? TOK_CJK : TOK_OTHER;
	}
	if (is_initial(s, len))
		return TOK_INITIAL;
	for (i = 0; i < len; i++)
		if (!is_word_byte((unsigned char)s[i]))
			return TOK_OTHER;
	if (len >= sizeof(w))		/* no particle or suffix is so long */
		return islower((unsigned char)*s) ? TOK_OTHER : TOK_WORD;
	memcpy(w, s, len);
	w[len] = '\0';
	/*
	 * A word in small letters may be a particle.  Of the capitalised
	 * ones only words that can be one ask, and later (-1): the answer
	 * matters only for a suffix, and for a word before a family name.
	 */
	if (islower((unsigned char)*s))
		particle = rules_classify(sc->rules, "particle", w) != NULL;
	else if (may_be_particle(sc, (unsigned char)*s))
		particle = -1;
	if (len <= 3 && !isupper((unsigned char)*s) &&
	    is_conjunction(sc, w, particle, prev))
		return TOK_AND;
	if (particle != 1 && may_be_suffix(sc, (unsigned char)*s))
		suffix = rules_classify(sc->rules, "suffix", w) != NULL;
	if (suffix && particle == -1)	/* a particle is none */
		particle = is_particle_capitalised(sc, s, len);
	if (suffix && !particle)
		return TOK_SUFFIX;
	if (particle && islower((unsigned char)*s))
		return TOK_PARTICLE;
	/* An elided particle glued to the name: "d'Alembert", "d’Amico". */
	if ((*s == 'd' || *s == 'l') && len > 3 && ((s[1] == '\'' &&
	    isupper((unsigned char)s[2])) || (strncmp(s + 1, "’", 3) == 0 &&
	    len > 5 && isupper((unsigned char)s[4]))))
		return TOK_WORD;
	if (islower((unsigned char)*s) || s[len - 1] == '-')
		return TOK_OTHER;
	if (len <= 3) {
		for (i = 0; i < len && isupper((unsigned char)s[i]); i++)
			continue;
		if (i == len && len >= 1)
			return TOK_CAPS;
	}
	if (len >= 2 && capp != NULL)
		*capp = particle;
	return TOK_WORD;
}

/* Whether "Chem." is a word of an abbreviated journal name. */
static int
is_abbreviation(struct scan *sc, const char *s, size_t len)
{
	char w[16];

	if (len >= sizeof(w))
		return 0;
	memcpy(w, s, len);
	w[len] = '\0';
	return rules_classify(sc->rules, "abbreviation", w) != NULL;
}

/* Start tokenising s; tokens are made as the scan asks for them. */
static void
tokenise(struct scan *sc, const char *s)
{
	sc->base = s;
	sc->p = s;
	sc->n = 0;
	while (*sc->p == ' ')
		sc->p++;
}

/* The length of a separator of CJK names at p ("・", "、", "，"), or 0. */
static size_t
cjk_sep(const char *p)
{
	if (strncmp(p, "・", 3) == 0 || strncmp(p, "、", 3) == 0 ||
	    strncmp(p, "，", 3) == 0)
		return 3;
	return 0;
}

/*
 * The length of a slash between two inverted names at e (German style:
 * "Beck, Ulrich/Giddens, Anthony/Lash, Scott"), or 0.  The word before
 * it ends in a small letter or an initial's full stop, the word after it
 * is capitalised and closes with the comma of an inverted name: a title's
 * "Input/Output" does not.
 */
static size_t
slash_sep(const char *p, const char *e)
{
	const char *q;

	if (*e != '/' || e == p || !(islower((unsigned char)e[-1]) ||
	    e[-1] == '.' || (unsigned char)e[-1] >= 0x80) ||
	    !isupper((unsigned char)e[1]))
		return 0;
	for (q = e + 1; *q != '\0' && *q != ' ' && *q != '/'; q++)
		continue;
	return q - e > 3 && q[-1] == ',' ? 1 : 0;
}

/*
 * A role written after a CJK name ("國島丈生編", "白鳥則郎監修"): the
 * "role" rules that match at its end.  Returns the length of the name
 * without it and sets *role to the rule's value.
 */
static size_t
strip_role(struct scan *sc, const char *s, size_t len, const char **role)
{
	struct rules_match m;
	size_t i;

	for (i = 0; rules_match_from(sc->rules, "role", &i, s, len, 0, &m);
	    i++)
		if (m.end == len && m.start > 0 && cjk_chars(s, m.start) > 0) {
			*role = m.value;
			return m.start;
		}
	return len;
}

/* Fill token t from the word p[0..len). */
static void
make_tok(struct scan *sc, struct tok *t, const char *p, size_t len)
{
	const struct tok *prev = t > sc->t ? t - 1 : NULL;

	t->open = is_open_byte((unsigned char)*p);
	t->s = p;
	/* Trailing punctuation: , ; : always; "." unless it belongs. */
	if (len > 1 && is_trail_byte(p[len - 1]))
		t->trail = p[--len];
	else if (len > 3 && (strncmp(p + len - 3, "：", 3) == 0 ||
	    strncmp(p + len - 3, "。", 3) == 0)) {
		t->trail = p[len - 1] == '\x9a' ? ':' : '.';
		len -= 3;
	}
	len = strip_marks(p, len, &t->flags);
	len = strip_affiliation(p, len);
	if (len > 1 && p[len - 1] == '.' && !is_initial(p, len)) {
		int capp;
		enum tok_kind k = classify_word(sc, p, len, prev, &capp);

		if (capp < 0)
			capp = is_particle_capitalised(sc, p, len);

		/* "J. Chem. Phys.": a journal, not "J. Chem". */
		if (k == TOK_WORD && !capp && is_abbreviation(sc, p, len))
			t->open = 1;

		/* "Jr." and "St. John" keep their full stop. */
		if (k != TOK_SUFFIX && !capp && !(len == 3 &&
		    strncmp(p, "al.", 3) == 0)) {
			len--;
			if (t->trail == 0)
				t->trail = '.';
		}
	}
	len = strip_affiliation(p, strip_marks(p, len, &t->flags));
	if ((unsigned char)*p >= 0xe3 && !t->open)
		len = strip_role(sc, p, len, &t->role);
	t->len = len;
	t->kind = t->open ? TOK_OTHER : classify_word(sc, p, len, prev,
	    &t->cap_particle);
}

/*
 * Make tokens up to token i; returns whether it exists.  Only the words
 * the author list may hold are looked at: a title's words are never
 * classified.
 */
static int
make_toks(struct scan *sc, size_t i)
{
	while (sc->n <= i && *sc->p != '\0' && sc->n < TOKENS_MAX) {
		struct tok *t = &sc->t[sc->n++];
		const char *p = sc->p, *e = p;
		size_t sep = 0, slash = 0;

		memset(t, 0, sizeof(*t));
		/* Separators start with these bytes only: test them alone. */
		for (; *e != '\0' && *e != ' '; e++)
			if ((((unsigned char)*e == 0xe3 || (unsigned char)*e ==
			    0xef) && (sep = cjk_sep(e)) > 0) || (*e == '/' &&
			    (slash = slash_sep(p, e)) > 0))
				break;
		make_tok(sc, t, p, (size_t)(e - p));
		if (sep > 0) {		/* "三石大・吉廣卓哉" */
			if (t->trail == 0)
				t->trail = ',';
			e += sep;
		} else if (slash > 0) {	/* "Beck, Ulrich/Giddens, Anthony" */
			if (t->trail == 0)
				t->trail = ';';
			e += slash;
		}
		while (*e == ' ')
			e++;
		t->end = (size_t)(e - sc->base);
		sc->p = e;
	}
	return i < sc->n;
}

/*
 * Whether token i exists, making tokens up to it.  Inline: the scan asks
 * many times about tokens it has made already.
 */
static inline int
has_tok(struct scan *sc, size_t i)
{
	return i < sc->n || make_toks(sc, i);
}

/* --- names ------------------------------------------------------------- */

/*
 * Whether token t is a particle written with a capital ("Van Dijk"),
 * asking the rules the first time (see classify_word()).
 */
static int
cap_particle(struct scan *sc, struct tok *t)
{
	if (t->cap_particle < 0)
		t->cap_particle = is_particle_capitalised(sc, t->s, t->len);
	return t->cap_particle;
}

/* Whether the text has kana: then its CJK names are Japanese. */
static int
is_japanese(struct scan *sc)
{
	const char *p;
	size_t n;
	unsigned c;

	if (sc->japanese >= 0)
		return sc->japanese;
	sc->japanese = 0;
	for (p = sc->base; *p != '\0'; p += n) {
		c = utf8_char(p, &n);
		if (c >= 0x3041 && c <= 0x30fa) {
			sc->japanese = 1;
			break;
		}
	}
	return sc->japanese;
}

/*
 * The length in bytes of the family name of the CJK name s[0..len), of
 * nchars characters.  The "cjk-family" rules know the family names longer
 * than the custom: one character in Chinese and Korean, two in Japanese
 * (in a name of three characters or more).
 */
static size_t
cjk_family_len(struct scan *sc, const char *s, size_t len, size_t nchars)
{
	struct rules_match m;
	size_t i, k, cl, want;

	for (i = 0; rules_match_from(sc->rules, "cjk-family", &i, s, len, 0,
	    &m); i++)
		if (m.start == 0 && m.end > 0 && m.end < len)
			return m.end;
	want = nchars >= 3 && is_japanese(sc) ? 2 : 1;
	for (k = 0; want > 0; want--) {
		(void)utf8_char(s + k, &cl);
		k += cl;
	}
	return k;
}

/*
 * A CJK name at token i, family name first: "王小明", or "國島 丈生" with
 * the parts apart.  Returns the index after it, or 0.
 */
static size_t
read_cjk(struct scan *sc, size_t i, struct name *nm)
{
	const struct tok *t = &sc->t[i], *u;
	size_t n = cjk_chars(t->s, t->len), fl;

	if (t->trail == 0 && t->role == NULL && n <= 3 && has_tok(sc, i + 1)) {
		u = &sc->t[i + 1];
		if (u->kind == TOK_CJK && cjk_chars(u->s, u->len) <= 3) {
			nm->family = xstrndup(t->s, t->len);
			nm->given = xstrndup(u->s, u->len);
			return i + 2;
		}
	}
	if (n < 2)
		return 0;
	fl = cjk_family_len(sc, t->s, t->len, n);
	nm->family = xstrndup(t->s, fl);
	nm->given = xstrndup(t->s + fl, t->len - fl);
	return i + 1;
}

static int
is_namepart(enum tok_kind k)
{
	return k == TOK_WORD || k == TOK_INITIAL || k == TOK_PARTICLE ||
	    k == TOK_CAPS;
}

/*
 * Whether the byte pair at s is a capital of Latin-1 ("É", "Ñ"): its small
 * letter is 0x20 further.
 */
static int
is_latin1_upper(const char *s)
{
	unsigned char c = (unsigned char)s[1];

	return (unsigned char)s[0] == 0xc3 && c >= 0x80 && c <= 0x9e &&
	    c != 0x97;
}

/*
 * The number of capitals of the token if it has no small letter (hyphens
 * and apostrophes allowed), else 0.
 */
static size_t
caps_letters(const struct tok *t)
{
	size_t i, upper = 0;

	for (i = 0; i < t->len; i++) {
		if (isupper((unsigned char)t->s[i]))
			upper++;
		else if (i + 1 < t->len && is_latin1_upper(t->s + i)) {
			upper++;
			i++;
		} else if (t->s[i] != '-' && t->s[i] != '\'')
			return 0;
	}
	return upper;
}

/*
 * Write the token at p, "FARSHIN" -> "Farshin", "GARCÍA" -> "García"; in a
 * family name also a short one ("LEE M." -> "Lee"); other words as they
 * are.  The length never changes.  Returns the end.
 */
static char *
put_word(char *p, const struct tok *t, int family)
{
	size_t i, upper;

	/* Initials and particles are kept as written: count no capitals. */
	if (t->kind != TOK_WORD && (t->kind != TOK_CAPS || !family)) {
		memcpy(p, t->s, t->len);
		return p + t->len;
	}
	upper = caps_letters(t);
	if ((t->kind == TOK_WORD && upper > 3) || (family && upper >= 2)) {
		for (i = 0; i < t->len; i++) {
			int first = i == 0 || t->s[i - 1] == '-' ||
			    t->s[i - 1] == '\'';

			if (!first && i + 1 < t->len &&
			    is_latin1_upper(t->s + i)) {
				*p++ = t->s[i];
				*p++ = (char)(t->s[++i] + 0x20);
			} else
				*p++ = (char)(first ? t->s[i] :
				    tolower((unsigned char)t->s[i]));
		}
		return p;
	}
	memcpy(p, t->s, t->len);
	return p + t->len;
}

/*
 * Join tokens [from, to) with single spaces into a new string (or NULL);
 * family says they are a family name.  The string is allocated once, at
 * its length: the names keep it, and a growing buffer cost a realloc().
 */
static char *
join_words(struct scan *sc, size_t from, size_t to, int family)
{
	size_t i, size = 0;
	char *s, *p;

	for (i = from; i < to; i++)
		size += sc->t[i].len + 1;	/* a space or the NUL */
	if (size == 0)
		return NULL;
	s = p = xmalloc(size);
	for (i = from; i < to; i++) {
		if (p > s)
			*p++ = ' ';
		p = put_word(p, &sc->t[i], family);
	}
	if (p == s) {
		free(s);
		return NULL;
	}
	*p = '\0';
	return s;
}

static char *
join(struct scan *sc, size_t from, size_t to)
{
	return join_words(sc, from, to, 0);
}

/* "GQ" -> "G. Q." */
static char *
expand_caps(const struct tok *t)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < t->len; i++) {
		if (i > 0)
			buf_putc(&b, ' ');
		buf_putc(&b, t->s[i]);
		buf_putc(&b, '.');
	}
	return buf_take(&b);
}

/*
 * Fill nm from family tokens [f0, f1) -- leading particles split off --
 * and the other parts given separately.
 */
static void
set_family(struct scan *sc, struct name *nm, size_t f0, size_t f1)
{
	size_t p = f0;

	while (p + 1 < f1 && sc->t[p].kind == TOK_PARTICLE)
		p++;
	nm->particle = p > f0 ? join(sc, f0, p) : NULL;
	nm->family = join_words(sc, p, f1, 1);
}

/*
 * Whether the given names of an inverted name that start at token g close
 * with a separator that only a list of inverted names uses between its
 * names: "Morita Sherman, Marcia & Louis, Shreya", "Camps Mur, Daniel;".
 */
static int
given_then_separator(struct scan *sc, size_t g)
{
	if (!has_tok(sc, g) || sc->t[g].kind != TOK_WORD)
		return 0;
	if (sc->t[g].trail == ';')
		return 1;
	return sc->t[g].trail == 0 && has_tok(sc, g + 1) &&
	    sc->t[g + 1].kind == TOK_AND;
}

/*
 * Whether the word at token f starts a compound family name that ends
 * before a comma: "García Alanis, J. C.", "Pérez de Arce, M.", and in a
 * list known to be inverted "Camps Mur, Daniel".  Returns the index of its
 * last word, or 0.
 */
static size_t
compound_family(struct scan *sc, size_t f)
{
	size_t k = f + 1;

	if (!has_tok(sc, f + 2) || sc->t[f].kind != TOK_WORD ||
	    sc->t[f].trail != 0)
		return 0;
	while (has_tok(sc, k + 2) && sc->t[k].kind == TOK_PARTICLE &&
	    sc->t[k].trail == 0)
		k++;
	if (!has_tok(sc, k + 1) || sc->t[k].kind != TOK_WORD ||
	    sc->t[k].trail != ',')
		return 0;
	return sc->t[k + 1].kind == TOK_INITIAL || sc->order == 2 ||
	    given_then_separator(sc, k + 1) ? k : 0;
}

/*
 * Whether the word at token k, after an initial, is still a given name:
 * "Lynch, T. Sean & Oak, Sameer" -- not "Kostic, D. Title".
 */
static int
word_after_initial(struct scan *sc, size_t k)
{
	if (sc->t[k].trail == ';')
		return 1;
	/*
	 * The first name of a Chicago or AEA list, the others in natural
	 * order: "Mankiw, N. Gregory, David Romer, and David N. Weil."
	 */
	if (sc->nread == 0 && sc->t[k].trail == ',' &&
	    has_tok(sc, k + 2) && sc->t[k + 1].kind == TOK_WORD &&
	    sc->t[k + 1].trail == 0 &&
	    sc->t[k + 2].kind == TOK_WORD && isupper((unsigned char)
	    *sc->t[k + 2].s))
		return 1;
	/* The "and" must lead to another inverted name, not to a title's
	 * words: "Morel, R. Spread and scale". */
	return sc->t[k].trail == 0 && has_tok(sc, k + 2) &&
	    sc->t[k + 1].kind == TOK_AND && sc->t[k + 2].kind == TOK_WORD &&
	    sc->t[k + 2].trail == ',';
}

/*
 * An inverted name at token i: "Family, Given" or "Family, Jr., Given".
 * Returns the index after it, or 0 when the tokens are not in that order.
 */
static size_t
read_inverted(struct scan *sc, size_t i, struct name *nm)
{
	size_t f = i, g, k, c, suffix = 0;

	/* Particles: "van der Berg", "De la Cruz". */
	while (has_tok(sc, f) && !sc->t[f].trail &&
	    (sc->t[f].kind == TOK_PARTICLE || cap_particle(sc, &sc->t[f])) &&
	    has_tok(sc, f + 1) && is_namepart(sc->t[f + 1].kind))
		f++;
	if ((c = compound_family(sc, f)) != 0 && c - i <= 3)
		f = c;
	if (!has_tok(sc, f) || sc->t[f].kind != TOK_WORD)
		return 0;
	g = f + 1;
	/* "Smith III, John", "Maguire Jr., G. Q." */
	if (sc->t[f].trail == 0 && has_tok(sc, g) &&
	    sc->t[g].kind == TOK_SUFFIX && sc->t[g].trail == ',')
		suffix = g++;
	else if (sc->t[f].trail != ',')
		return 0;
	if (has_tok(sc, g) && sc->t[g].kind == TOK_SUFFIX &&
	    sc->t[g].trail == ',')
		suffix = g++;
	/*
	 * Given names: up to three capitalised words or initials.  A word
	 * after an initial is not a given name ("Kostic, D. Title").
	 */
	for (k = g; has_tok(sc, k) && k - g < 3; k++) {
		enum tok_kind kind = sc->t[k].kind;

		if (kind != TOK_INITIAL && kind != TOK_WORD && kind != TOK_CAPS)
			break;
		if (kind == TOK_WORD && k > g &&
		    sc->t[k - 1].kind == TOK_INITIAL &&
		    !word_after_initial(sc, k))
			break;
		/*
		 * "Kim, S. A survey on ...", and in title case (ACS):
		 * "Sharpless, K. B. A Stepwise Huisgen ...": an article or
		 * acronym starts the title.  A last initial without its full
		 * stop comes before a separator, "and" or a date: "Sogin,
		 * M. L (2016)", not before a word.
		 */
		if (kind == TOK_CAPS && k > g && sc->t[k].trail == 0 &&
		    sc->t[k - 1].kind == TOK_INITIAL && has_tok(sc, k + 1) &&
		    (islower((unsigned char)*sc->t[k + 1].s) ||
		    sc->t[k + 1].kind == TOK_WORD ||
		    sc->t[k + 1].kind == TOK_CAPS))
			break;
		if (sc->t[k].trail != 0) {
			k++;
			break;
		}
	}
	if (k == g)
		return 0;
	/*
	 * A compound family name guessed from the list's order, whose given
	 * names stop at an initial before a word, is a natural name of a
	 * Chicago list: "Chetty, Raj, Nathaniel Hendren, Maggie R. Jones".
	 */
	if (c != 0 && f == c && sc->t[k - 1].kind == TOK_INITIAL &&
	    sc->t[k - 1].trail == 0 && has_tok(sc, k) &&
	    sc->t[k].kind == TOK_WORD)
		return 0;
	/*
	 * "Alireza Farshin, Saeed Sharifian" is natural order: a one-word
	 * "family" followed by a two-word chunk that is a full name.  But a
	 * first name that closes the list with a full stop is one inverted
	 * name with two given names (Chicago, MLA): "Sedgwick, Eve
	 * Kosofsky. 1990." -- a natural list does not start with a family
	 * name alone.
	 */
	if (sc->t[g].kind == TOK_WORD && k - g >= 2 &&
	    sc->t[k - 1].kind == TOK_WORD &&
	    !(sc->nread == 0 && sc->t[k - 1].trail == '.'))
		return 0;
	set_family(sc, nm, i, f + 1);
	nm->given = join(sc, g, k);
	if (suffix)
		nm->suffix = join(sc, suffix, suffix + 1);
	if (has_tok(sc, k) && sc->t[k].kind == TOK_SUFFIX) {
		free(nm->suffix);
		nm->suffix = join(sc, k, k + 1);
		k++;
	}
	return k;
}

/* Whether the token is a word in capitals: "DUPONT", "GARCÍA". */
static int
is_caps_word(const struct tok *t)
{
	return caps_letters(t) >= 2;
}

/*
 * Whether the name [i, last) is written family first because its family
 * name alone is in capitals: "DUPONT Jean-Pierre" (but "Jean DUPONT" is in
 * order anyway, and "JR Smith" has initials).
 */
static size_t
caps_family_first(struct scan *sc, size_t i, size_t last)
{
	size_t k = i, mixed = 0, longest = 0;

	while (k < last && (sc->t[k].kind == TOK_WORD ||
	    sc->t[k].kind == TOK_CAPS) && is_caps_word(&sc->t[k])) {
		if (sc->t[k].len > longest)
			longest = sc->t[k].len;
		k++;
	}
	if (k == i || k == last || longest < 4)
		return 0;
	for (; k < last; k++)
		if (sc->t[k].kind == TOK_WORD && !is_caps_word(&sc->t[k]))
			mixed++;
		else if (sc->t[k].kind != TOK_INITIAL)
			return 0;
	return mixed > 0;
}

/*
 * Whether the name [i, last) is "Family I." before a separator: "Morel R. &
 * Coburn, C. E.", "Smith J.A., Jones K.", "Иванов И. И., Петров П. П."
 * (Vancouver with full stops); once the list is known to be in that
 * order, no separator is needed.  Returns the index of the first initial,
 * or 0.
 */
static size_t
initials_last(struct scan *sc, size_t i, size_t last)
{
	size_t w = last;
	char trail = sc->t[last - 1].trail;

	while (w > i && sc->t[w - 1].kind == TOK_INITIAL)
		w--;
	/* "LEE M." in a list in capitals: a short family name. */
	if (w == last || w == i || (sc->t[w - 1].kind != TOK_WORD &&
	    !(sc->vancouver && sc->t[w - 1].kind == TOK_CAPS &&
	    sc->t[w - 1].len >= 2)))
		return 0;
	if (trail == ',' || trail == ';' || sc->vancouver)
		return w;
	return trail == 0 && has_tok(sc, last) &&
	    (sc->t[last].kind == TOK_AND || sc->t[last].kind == TOK_ETAL) ? w : 0;
}

/*
 * The first token of the family name of the natural-order name [i, last):
 * the last word, with the particles before it ("van der Berg", and "Van
 * Dijk" after a given name) and, by the "compound-family" rules, a first
 * family name of the Spanish custom ("Gabriel García Márquez").
 */
static size_t
family_start(struct scan *sc, size_t i, size_t last)
{
	size_t fam = last - 1;
	char w[64];
	const struct tok *t;

	while (fam > i && (sc->t[fam - 1].kind == TOK_PARTICLE ||
	    (fam > i + 1 && cap_particle(sc, &sc->t[fam - 1]))))
		fam--;
	if (fam > i + 1 && fam == last - 1) {
		t = &sc->t[fam - 1];
		if (t->kind == TOK_WORD && t->len < sizeof(w)) {
			memcpy(w, t->s, t->len);
			w[t->len] = '\0';
			if (rules_classify(sc->rules, "compound-family", w) !=
			    NULL)
				fam--;
		}
	}
	return fam;
}

/*
 * A natural-order name at token i ("Gerald Q. Maguire Jr.", "van der Berg
 * J", "Maguire GQ").  Returns the index after it, or 0.
 */
static size_t
read_natural(struct scan *sc, size_t i, struct name *nm)
{
	size_t k = i, last, fam, w;

	while (has_tok(sc, k) && k - i < NAME_WORDS_MAX &&
	    is_namepart(sc->t[k].kind)) {
		k++;
		if (sc->t[k - 1].trail != 0)
			break;
		/* In a Vancouver list "Kostić D." ends with its initials. */
		if (sc->vancouver && sc->t[k - 1].kind == TOK_INITIAL &&
		    k - i >= 2 && !(has_tok(sc, k) &&
		    sc->t[k].kind == TOK_INITIAL))
			break;
	}
	if (k == i)
		return 0;
	/* "Zhang S. Title of the book", "Smith J. CV risk": after initials,
	 * a word before a lower-case one starts the title. */
	if (k - i >= 3 && sc->t[k - 1].trail == 0 && has_tok(sc, k) &&
	    sc->t[k].kind == TOK_OTHER && (sc->t[k - 1].kind == TOK_WORD ||
	    sc->t[k - 1].kind == TOK_CAPS) &&
	    sc->t[k - 2].kind == TOK_INITIAL) {
		/* The list ends at its initials: "Zhang S.", "Smith J. A." */
		for (w = --k; w > i && sc->t[w - 1].kind == TOK_INITIAL; w--)
			continue;
		if (w > i && sc->t[w - 1].kind == TOK_WORD) {
			set_family(sc, nm, i, w);
			nm->given = join(sc, w, k);
			return k;
		}
	}
	last = k;
	if (has_tok(sc, k) && sc->t[k].kind == TOK_SUFFIX &&
	    (sc->t[k - 1].trail == 0 || sc->t[k - 1].trail == ',')) {
		nm->suffix = join(sc, k, k + 1);
		k++;
	}
	/* Vancouver: "Maguire GQ" -- family first, initials last; in a list
	 * known to be so, "LEE MJ" too. */
	if (last - i >= 2 && sc->t[last - 1].kind == TOK_CAPS &&
	    (sc->t[last - 2].kind == TOK_WORD || (sc->vancouver &&
	    sc->t[last - 2].kind == TOK_CAPS && sc->t[last - 2].len >= 2))) {
		set_family(sc, nm, i, last - 1);
		nm->given = expand_caps(&sc->t[last - 1]);
		sc->vancouver = 1;
		return k;
	}
	if ((w = initials_last(sc, i, last)) != 0) {
		set_family(sc, nm, i, w);
		nm->given = join(sc, w, last);
		sc->vancouver = 1;
		return k;
	}
	if (sc->t[last - 1].kind != TOK_WORD && sc->t[last - 1].kind !=
	    TOK_CAPS) {
		name_clear(nm);
		return 0;	/* no family name: "F. M." alone */
	}
	/* One capitalised word before a lower-case one starts a sentence. */
	if (last - i == 1 && sc->t[i].trail == 0 && has_tok(sc, last) &&
	    sc->t[last].kind == TOK_OTHER) {
		name_clear(nm);
		return 0;
	}
	if (caps_family_first(sc, i, last)) {
		for (w = i; is_caps_word(&sc->t[w]); w++)
			continue;
		set_family(sc, nm, i, w);
		nm->given = join(sc, w, last);
		return k;
	}
	fam = family_start(sc, i, last);
	set_family(sc, nm, fam, last);
	nm->given = fam > i ? join(sc, i, fam) : NULL;
	return k;
}

/*
 * A role written after a name applies to the names before it, back to the
 * last role ("三石大・吉廣卓哉編著": both edited and wrote): "editor" marks
 * them as editors, "none" drops them (a supervisor, a translator).
 */
static void
apply_role(struct scan *sc, struct namelist *nl, const char *role)
{
	size_t k;

	if (strcmp(role, "none") == 0) {
		for (k = sc->role_from; k < nl->n; k++)
			name_clear(&nl->v[k]);
		nl->n = sc->role_from;
	} else if (strcmp(role, "editor") == 0)
		for (k = sc->role_from; k < nl->n; k++)
			nl->v[k].flags |= NAME_EDITOR;
	sc->role_from = nl->n;
}

/*
 * A group author ("CMS Collaboration", "OME Cleveland Clinic
 * Orthopaedics"), known by a word of the "organisation" rules: the name's
 * words become one literal name.
 */
static void
check_organisation(struct scan *sc, size_t i, size_t next, struct name *nm)
{
	const struct tok *e = &sc->t[next - 1];
	char words[256], *all = words;
	size_t len;

	if (next - i < 2)
		return;
	/* As written: "The ATLAS Collaboration" keeps its capitals. */
	len = (size_t)(e->s + e->len - sc->t[i].s);
	/* Most names are none: copy to the heap only the one kept. */
	if (len >= sizeof(words))
		all = xmalloc(len + 1);
	memcpy(all, sc->t[i].s, len);
	all[len] = '\0';
	if (rules_classify(sc->rules, "organisation", all) == NULL) {
		if (all != words)
			free(all);
		return;
	}
	name_clear(nm);
	nm->family = all != words ? all : xstrndup(all, len);
	nm->flags = NAME_LITERAL;
}

/* Add the name read at token i; returns the index after it, or 0. */
static size_t
read_name(struct scan *sc, size_t i, struct namelist *nl)
{
	struct name nm;
	const char *role = NULL;
	size_t next, k;

	memset(&nm, 0, sizeof(nm));
	if (sc->t[i].kind == TOK_CJK) {
		if ((next = read_cjk(sc, i, &nm)) == 0)
			return 0;
	} else {
		/*
		 * A list keeps the order its first name set: in "T. Kawalec,
		 * G. Reinaudi" the second name is not "Kawalec, G.".
		 */
		if (sc->order != 1 && (next = read_inverted(sc, i, &nm)) != 0)
			sc->order = 2;
		else if ((next = read_natural(sc, i, &nm)) != 0) {
			/* Among full names a lone word is none: "A.V.
			 * Matveev, Dissertation", "A. Smith, Nature". */
			if (sc->order == 1 && nm.given == NULL &&
			    nm.particle == NULL) {
				name_clear(&nm);
				return 0;
			}
			sc->order = sc->order == 0 && nm.given != NULL &&
			    !sc->vancouver ? 1 : sc->order;
			check_organisation(sc, i, next, &nm);
		} else
			return 0;
	}
	for (k = i; k < next; k++) {
		nm.flags |= sc->t[k].flags;
		if (sc->t[k].role != NULL)
			role = sc->t[k].role;
	}
	*namelist_add(nl) = nm;
	sc->nread++;
	if (role != NULL)
		apply_role(sc, nl, role);
	return next;
}

/*
 * A remark in parentheses after a name that the "remark" rules know,
 * "(corresponding author)": returns the index after it and gives the last
 * name the rule's flag, or returns 0.
 */
static size_t
read_remark(struct scan *sc, size_t i, struct namelist *nl)
{
	const char *v, *from;
	char *text;
	size_t k;

	if (nl->n == 0 || !has_tok(sc, i) || *sc->t[i].s != '(')
		return 0;
	for (k = i; has_tok(sc, k) && k - i < 6; k++)
		if (sc->t[k].len > 0 && sc->t[k].s[sc->t[k].len - 1] == ')')
			break;
	if (!has_tok(sc, k) || k - i >= 6)
		return 0;
	from = sc->t[i].s;
	text = xstrndup(from, (size_t)(sc->t[k].s + sc->t[k].len - from));
	v = rules_classify(sc->rules, "remark", text);
	free(text);
	if (v == NULL)
		return 0;
	if (strcmp(v, "corresponding") == 0)
		nl->v[nl->n - 1].flags |= NAME_CORRESPONDING;
	else if (strcmp(v, "equal") == 0)
		nl->v[nl->n - 1].flags |= NAME_EQUAL;
	return k + 1;
}

/* Whether a name of the list has an initial ("Gerald Q.", "A."). */
static int
has_initials(const struct namelist *nl)
{
	size_t i;

	for (i = 0; i < nl->n; i++)
		if (nl->v[i].given != NULL && strchr(nl->v[i].given, '.'))
			return 1;
	return 0;
}

/* Whether the token is a word in small letters only ("vegh"). */
static int
is_lower_word(const struct tok *t)
{
	size_t i;

	for (i = 0; i < t->len; i++)
		if (!islower((unsigned char)t->s[i]) &&
		    (unsigned char)t->s[i] < 0x80)
			return 0;
	return t->len > 0 && islower((unsigned char)*t->s);
}

/*
 * A name typed in small letters in a list of inverted names that "&"
 * separates (ResearchGate): "Louis, Shreya & vegh, deborah & Busch,
 * Robyn".  Between two ampersands "family, given" is a name whatever its
 * case.  Returns the index after it, or 0.
 */
static size_t
read_between_ampersands(struct scan *sc, size_t i, struct namelist *nl)
{
	struct name *nm;

	if (sc->order != 2 || i == 0 || !has_tok(sc, i + 2) ||
	    *sc->t[i - 1].s != '&' || *sc->t[i + 2].s != '&' ||
	    sc->t[i].trail != ',' || sc->t[i + 1].trail != 0 ||
	    !is_lower_word(&sc->t[i]) || !is_lower_word(&sc->t[i + 1]))
		return 0;
	nm = namelist_add(nl);
	nm->family = join(sc, i, i + 1);
	nm->given = join(sc, i + 1, i + 2);
	sc->nread++;
	return i + 2;
}

/* Whether the token is "..." or "…". */
static int
is_ellipsis(const struct tok *t)
{
	const char *s = t->s;
	size_t n = t->len + (t->trail != 0);

	return (n == 3 && strncmp(s, "...", 3) == 0) ||
	    (n == 3 && strncmp(s, "…", 3) == 0);
}

/*
 * Whether the name that ends before token i, with no comma after its
 * initials, is followed by another inverted one: "Coburn, C.E. Catterson,
 * A. K." (a comma left out in a list known to be inverted).
 */
static int
inverted_goes_on(struct scan *sc, size_t i)
{
	return sc->order == 2 && sc->t[i - 1].kind == TOK_INITIAL &&
	    has_tok(sc, i + 1) && sc->t[i].kind == TOK_WORD &&
	    sc->t[i].trail == ',' && sc->t[i + 1].kind == TOK_INITIAL;
}

/*
 * Whether the list so far is one name joined by "and" to what follows
 * without a comma, and what follows is no name: "Linear and quadratic
 * response", "Integrating POMDP and reinforcement" start a sentence.
 */
static int
and_starts_sentence(struct scan *sc, const struct namelist *nl, size_t i)
{
	size_t k;

	if (i < 2 || nl->n != 1 || sc->t[i - 1].kind != TOK_AND ||
	    has_initials(nl))
		return 0;
	for (k = 0; k < i - 1; k++)	/* "Louis, Shreya & ..." is a list */
		if (sc->t[k].trail != 0)
			return 0;
	return 1;
}

size_t
names_scan(const struct rules *rules, const char *s, struct namelist *nl,
    int *ended)
{
	/*
	 * On the stack (28 KB, only the tokens made are touched): on the
	 * heap, a block this size was a trip through all of malloc, and
	 * made it consolidate its free lists each time.
	 */
	struct scan scan, *sc = &scan;
	size_t i = 0, next, done = 0, nread;
	char trail;

	sc->rules = rules;
	sc->vancouver = 0;
	sc->order = 0;
	sc->japanese = -1;
	sc->role_from = nl->n;
	sc->nread = 0;
	tokenise(sc, s);
	*ended = 0;
	while (has_tok(sc, i)) {
		if (sc->t[i].kind == TOK_ETAL && has_tok(sc, i + 1) &&
		    strncmp(sc->t[i + 1].s, "al", 2) == 0) {
			nl->etal = 1;
			done = sc->t[i + 1].end;
			*ended = 1;
			break;
		}
		if (sc->t[i].kind == TOK_AND && nl->n > 0 && has_tok(sc, i + 1) &&
		    strncmp(sc->t[i + 1].s, "others", 6) == 0) {
			nl->etal = 1;
			done = sc->t[i + 1].end;
			*ended = 1;
			break;
		}
		/* APA's "Cho, G., ... Yu, Z.": names left out. */
		if (nl->n > 0 && has_tok(sc, i + 1) && is_ellipsis(&sc->t[i])) {
			i++;
			continue;
		}
		/* "Lefèvre, É. et Durand, C.": "et" without "al." */
		if ((sc->t[i].kind == TOK_AND || sc->t[i].kind == TOK_ETAL) &&
		    nl->n > 0) {
			i++;
			continue;
		}
		if ((next = read_name(sc, i, nl)) == 0 &&
		    (next = read_between_ampersands(sc, i, nl)) == 0) {
			if (and_starts_sentence(sc, nl, i)) {
				namelist_clear(nl);
				done = 0;
				break;
			}
			*ended = has_tok(sc, i) && sc->t[i].open;
			break;
		}
		/* "Panelist, “Title”": one bare word is a role, not a list. */
		if (nl->n == 1 && next == i + 1 && nl->v[0].given == NULL &&
		    nl->v[0].particle == NULL && has_tok(sc, next) &&
		    sc->t[next].open) {
			namelist_clear(nl);
			done = 0;
			break;
		}
		/*
		 * "Dropout: A simple way ...", "BERT: Pre-training ...": one
		 * bare word before a colon is a title's head, not an author.
		 */
		if (nl->n == 1 && next == i + 1 && nl->v[0].given == NULL &&
		    nl->v[0].particle == NULL && sc->t[i].trail == ':') {
			namelist_clear(nl);
			done = 0;
			break;
		}
		i = next;
		if ((next = read_remark(sc, i, nl)) != 0)
			i = next;	/* "Leifer (corresponding author)," */
		done = sc->t[i - 1].end;
		trail = sc->t[i - 1].trail;
		if (trail == '.' || trail == ':') {
			*ended = 1;
			break;
		}
		/* "The Role of ...": capitalised words before a lower-case
		 * one start a sentence, not a list of names. */
		if (trail == 0 && has_tok(sc, i) &&
		    sc->t[i].kind == TOK_OTHER && !sc->t[i].open &&
		    islower((unsigned char)*sc->t[i].s) && !has_initials(nl)) {
			namelist_clear(nl);
			done = 0;
			break;
		}
		if (trail == 0 && has_tok(sc, i) && sc->t[i].kind != TOK_AND &&
		    sc->t[i].kind != TOK_ETAL && !inverted_goes_on(sc, i)) {
			/* "Jr. Title", "Chiesa (2020)": the list ends here. */
			*ended = sc->t[i].open || sc->t[i - 1].kind ==
			    TOK_SUFFIX || sc->t[i - 1].kind == TOK_INITIAL;
			break;
		}
	}
	nread = sc->nread;
	/* Names all dropped by their role still make a list to skip. */
	return nl->n > 0 || (nread > 0 && done > 0) ? done : 0;
}

void
names_move_editors(struct namelist *from, struct namelist *to)
{
	size_t i, k = 0;

	for (i = 0; i < from->n; i++) {
		if (from->v[i].flags & NAME_EDITOR) {
			from->v[i].flags &= ~(unsigned)NAME_EDITOR;
			*namelist_add(to) = from->v[i];
		} else
			from->v[k++] = from->v[i];
	}
	from->n = k;
}

void
names_parse(const struct rules *rules, const char *s, struct namelist *nl)
{
	int ended;

	(void)names_scan(rules, s, nl, &ended);
}

void
names_mark_self(struct namelist *nl, const char *const *self, size_t n)
{
	size_t i, k;

	for (i = 0; i < nl->n; i++)
		for (k = 0; k < n; k++)
			if (nl->v[i].family != NULL &&
			    strstr(self[k], nl->v[i].family) != NULL)
				nl->v[i].flags |= NAME_SELF;
}
