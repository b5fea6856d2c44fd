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
};

struct scan {
	const struct rules	*rules;
	int			 vancouver;	/* the list so far: "Smith AB" */
	int			 order;		/* 0 unknown, 1 natural, 2 inverted */
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

/* Remove marks of equal contribution or correspondence from the end. */
static size_t
strip_marks(const char *s, size_t len, unsigned *flags)
{
	static const struct {
		const char	*mark;
		unsigned	 flag;
	} marks[] = {
		{ "*", NAME_EQUAL }, { "†", NAME_EQUAL }, { "‡", NAME_EQUAL },
		{ "#", NAME_EQUAL }, { "§", NAME_CORRESPONDING },
		{ "✉", NAME_CORRESPONDING }, { "¶", NAME_EQUAL },
		{ "¹", 0 }, { "²", 0 }, { "³", 0 },
	};
	size_t i, k;
	int again = 1;

	/* Most words end in a letter: no mark to look for. */
	if (len == 0 || isalnum((unsigned char)s[len - 1]) || s[len - 1] == '.')
		return len;
	while (again && len > 0) {
		again = 0;
		for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
			k = strlen(marks[i].mark);
			if (len > k && memcmp(s + len - k, marks[i].mark, k) == 0) {
				len -= k;
				*flags |= marks[i].flag;
				again = 1;
			}
		}
	}
	return len;
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

static int
classify_word(struct scan *sc, const char *s, size_t len)
{
	char w[32];
	int particle = 0, suffix = 0;
	size_t i;

	if (len == 0)
		return TOK_OTHER;
	if ((len == 3 && strncmp(s, "and", 3) == 0) ||
	    (len == 1 && *s == '&') || (len == 3 && strncmp(s, "And", 3) == 0))
		return TOK_AND;
	if (len == 2 && strncmp(s, "et", 2) == 0)
		return TOK_ETAL;
	if (is_initial(s, len))
		return TOK_INITIAL;
	for (i = 0; i < len; i++)
		if (!is_word_byte((unsigned char)s[i]))
			return TOK_OTHER;
	if (len >= sizeof(w))		/* no particle or suffix is so long */
		return islower((unsigned char)*s) ? TOK_OTHER : TOK_WORD;
	memcpy(w, s, len);
	w[len] = '\0';
	/* Only words that can be one go to the rules: a cheap filter. */
	if (islower((unsigned char)*s) || strchr("VvDdLlBbAaEeTtZzYy", *s))
		particle = rules_classify(sc->rules, "particle", w) != NULL;
	if (!particle && strchr("JjSsIVX", *s) != NULL)
		suffix = rules_classify(sc->rules, "suffix", w) != NULL;
	if (suffix)
		return TOK_SUFFIX;
	if (particle && islower((unsigned char)*s))
		return TOK_PARTICLE;
	if (islower((unsigned char)*s) || s[len - 1] == '-')
		return TOK_OTHER;
	if (len <= 3) {
		for (i = 0; i < len && isupper((unsigned char)s[i]); i++)
			continue;
		if (i == len && len >= 1)
			return TOK_CAPS;
	}
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

/*
 * Whether token i exists, making tokens up to it.  Only the words the
 * author list may hold are looked at: a title's words are never classified.
 */
static int
has_tok(struct scan *sc, size_t i)
{
	while (sc->n <= i && *sc->p != '\0' && sc->n < TOKENS_MAX) {
		struct tok *t = &sc->t[sc->n++];
		const char *p = sc->p, *e = p;
		size_t len;

		memset(t, 0, sizeof(*t));
		while (*e != '\0' && *e != ' ')
			e++;
		t->open = strchr("\"'([{", *p) != NULL ||
		    (unsigned char)*p == 0xe2 || (unsigned char)*p == 0xc2;
		t->s = p;
		len = (size_t)(e - p);
		/* Trailing punctuation: , ; : always; "." unless it belongs. */
		if (len > 1 && strchr(",;:", p[len - 1]) != NULL)
			t->trail = p[--len];
		len = strip_marks(p, len, &t->flags);
		if (len > 1 && p[len - 1] == '.' && !is_initial(p, len)) {
			enum tok_kind k = classify_word(sc, p, len);

			/* "J. Chem. Phys.": a journal, not "J. Chem". */
			if (k == TOK_WORD && is_abbreviation(sc, p, len))
				t->open = 1;

			if (k != TOK_SUFFIX && !(len == 3 &&
			    strncmp(p, "al.", 3) == 0)) {
				len--;
				if (t->trail == 0)
					t->trail = '.';
			}
		}
		len = strip_marks(p, len, &t->flags);
		t->len = len;
		t->kind = t->open ? TOK_OTHER : classify_word(sc, p, len);
		while (*e == ' ')
			e++;
		t->end = (size_t)(e - sc->base);
		sc->p = e;
	}
	return i < sc->n;
}

/* --- names ------------------------------------------------------------- */

/* Whether the word is written in a script without spaces between names. */
static int
is_cjk(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c;

	if (u[0] < 0xe3 || u[0] > 0xed)
		return 0;
	c = ((u[0] & 0x0fu) << 12) | ((u[1] & 0x3fu) << 6) | (u[2] & 0x3fu);
	return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) ||
	    (c >= 0xac00 && c <= 0xd7af);
}

/* Length of the first character of s (UTF-8). */
static size_t
first_char_len(const char *s)
{
	unsigned char c = (unsigned char)*s;

	return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

static int
is_namepart(enum tok_kind k)
{
	return k == TOK_WORD || k == TOK_INITIAL || k == TOK_PARTICLE ||
	    k == TOK_CAPS;
}

/* "FARSHIN" -> "Farshin"; other words as they are. */
static void
put_word(struct buf *b, const struct tok *t)
{
	size_t i, upper = 0;

	for (i = 0; i < t->len; i++)
		if (isupper((unsigned char)t->s[i]))
			upper++;
		else if (!strchr("-'", t->s[i]))
			break;
	if (i == t->len && upper > 3 && t->kind == TOK_WORD) {
		for (i = 0; i < t->len; i++)
			buf_putc(b, (char)(i == 0 || strchr("-'", t->s[i - 1]) ?
			    t->s[i] : tolower((unsigned char)t->s[i])));
		return;
	}
	buf_append(b, t->s, t->len);
}

/* Join tokens [from, to) with single spaces into a new string (or NULL). */
static char *
join(struct scan *sc, size_t from, size_t to)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = from; i < to; i++) {
		if (b.len > 0)
			buf_putc(&b, ' ');
		put_word(&b, &sc->t[i]);
	}
	return b.len > 0 ? buf_take(&b) : NULL;
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
	nm->family = join(sc, p, f1);
}

/*
 * An inverted name at token i: "Family, Given" or "Family, Jr., Given".
 * Returns the index after it, or 0 when the tokens are not in that order.
 */
static size_t
read_inverted(struct scan *sc, size_t i, struct name *nm)
{
	size_t f = i, g, k, suffix = 0;

	while (has_tok(sc, f) && sc->t[f].kind == TOK_PARTICLE &&
	    !sc->t[f].trail)
		f++;
	/* "García Alanis, J. C.": a compound family before initials. */
	while (f - i < 2 && has_tok(sc, f) && sc->t[f].kind == TOK_WORD &&
	    sc->t[f].trail == 0 && has_tok(sc, f + 1) &&
	    sc->t[f + 1].kind == TOK_WORD && sc->t[f + 1].trail == ',' &&
	    has_tok(sc, f + 2) && sc->t[f + 2].kind == TOK_INITIAL)
		f++;
	if (!has_tok(sc, f) || sc->t[f].kind != TOK_WORD ||
	    sc->t[f].trail != ',')
		return 0;
	g = f + 1;
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
		    sc->t[k - 1].kind == TOK_INITIAL)
			break;
		if (sc->t[k].trail != 0) {
			k++;
			break;
		}
	}
	if (k == g)
		return 0;
	/* "Alireza Farshin, Saeed Sharifian" is natural order: a one-word
	 * "family" followed by a two-word chunk that is a full name. */
	if (sc->t[g].kind == TOK_WORD && k - g >= 2 &&
	    sc->t[k - 1].kind == TOK_WORD)
		return 0;
	/* With given names in full, the next chunk must again be inverted
	 * ("Farshin, Alireza, Sharifian, Saeed") or the list must end. */
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

/*
 * A natural-order name at token i ("Gerald Q. Maguire Jr.", "van der Berg
 * J", "Maguire GQ").  Returns the index after it, or 0.
 */
static size_t
read_natural(struct scan *sc, size_t i, struct name *nm)
{
	size_t k = i, last, fam;

	while (has_tok(sc, k) && k - i < NAME_WORDS_MAX &&
	    is_namepart(sc->t[k].kind)) {
		k++;
		if (sc->t[k - 1].trail != 0)
			break;
		/* In a Vancouver list "Kostić D." ends with its initial. */
		if (sc->vancouver && sc->t[k - 1].kind == TOK_INITIAL &&
		    k - i >= 2)
			break;
	}
	if (k == i)
		return 0;
	last = k;
	if (has_tok(sc, k) && sc->t[k].kind == TOK_SUFFIX &&
	    (sc->t[k - 1].trail == 0 || sc->t[k - 1].trail == ',')) {
		nm->suffix = join(sc, k, k + 1);
		k++;
	}
	/* Vancouver: "Maguire GQ" -- family first, initials last. */
	if (last - i >= 2 && (sc->t[last - 1].kind == TOK_CAPS ||
	    (sc->vancouver && sc->t[last - 1].kind == TOK_INITIAL)) &&
	    sc->t[last - 2].kind == TOK_WORD) {
		if (sc->t[last - 1].kind == TOK_INITIAL) {
			set_family(sc, nm, i, last - 1);
			nm->given = join(sc, last - 1, last);
			return k;
		}
		set_family(sc, nm, i, last - 1);
		nm->given = expand_caps(&sc->t[last - 1]);
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
	fam = last - 1;
	while (fam > i && sc->t[fam - 1].kind == TOK_PARTICLE)
		fam--;
	set_family(sc, nm, fam, last);
	nm->given = fam > i ? join(sc, i, fam) : NULL;
	return k;
}

/* Add the name read at token i; returns the index after it, or 0. */
static size_t
read_name(struct scan *sc, size_t i, struct namelist *nl)
{
	struct name nm;
	size_t next, k;

	memset(&nm, 0, sizeof(nm));
	if (sc->t[i].kind == TOK_WORD && is_cjk(sc->t[i].s)) {
		/* 王小明: the family name is written first, in one word. */
		size_t fl = first_char_len(sc->t[i].s);

		nm.family = xstrndup(sc->t[i].s, fl);
		if (sc->t[i].len > fl)
			nm.given = xstrndup(sc->t[i].s + fl,
			    sc->t[i].len - fl);
		next = i + 1;
	} else {
		/*
		 * A list keeps the order its first name set: in "T. Kawalec,
		 * G. Reinaudi" the second name is not "Kawalec, G.".
		 */
		if (sc->order != 1 && (next = read_inverted(sc, i, &nm)) != 0)
			sc->order = 2;
		else if ((next = read_natural(sc, i, &nm)) != 0)
			sc->order = sc->order == 0 && nm.given != NULL &&
			    !sc->vancouver ? 1 : sc->order;
		else
			return 0;
	}
	for (k = i; k < next; k++)
		nm.flags |= sc->t[k].flags;
	*namelist_add(nl) = nm;
	return next;
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

size_t
names_scan(const struct rules *rules, const char *s, struct namelist *nl,
    int *ended)
{
	struct scan *sc = xmalloc(sizeof(*sc));
	size_t i = 0, next, done = 0;
	char trail;

	sc->rules = rules;
	sc->vancouver = 0;
	sc->order = 0;
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
		if (sc->t[i].kind == TOK_AND && nl->n > 0) {
			i++;
			continue;
		}
		if ((next = read_name(sc, i, nl)) == 0) {
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
		i = next;
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
		    sc->t[i].kind != TOK_ETAL) {
			/* "Jr. Title", "Chiesa (2020)": the list ends here. */
			*ended = sc->t[i].open || sc->t[i - 1].kind ==
			    TOK_SUFFIX || sc->t[i - 1].kind == TOK_INITIAL;
			break;
		}
	}
	free(sc);
	return nl->n > 0 ? done : 0;
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
