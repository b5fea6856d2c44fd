/*
 * fields.c -- one entry's text into fields (see fields.h).
 */
#include "config.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "clean.h"
#include "diag.h"
#include "entry.h"
#include "fields.h"
#include "names.h"
#include "rules.h"
#include "split.h"
#include "xmalloc.h"

#define SPANS_MAX	16
#define EXTRACT_REPEAT	4	/* matches of one rule in one entry */

/* What the markup said about parts of the entry. */
struct spans {
	char	*strong[SPANS_MAX];
	size_t	 nstrong;
	char	*em[SPANS_MAX];
	size_t	 nem;
	char	*url[SPANS_MAX];
	size_t	 nurl;
	char	*link[SPANS_MAX];	/* the text of a link */
	size_t	 nlink;
};

/* PCRE2 group names: field names with "_" for "-". */
static char group_names[FIELD__COUNT][24];
static pthread_once_t group_names_once = PTHREAD_ONCE_INIT;

/* Entries are parsed on several threads: made once, for all. */
static void
group_names_make(void)
{
	int f;
	char *p;

	for (f = 0; f < FIELD__COUNT; f++) {
		snprintf(group_names[f], sizeof(group_names[f]), "%s",
		    entry_field_name((enum field)f));
		for (p = group_names[f]; *p != '\0'; p++)
			if (*p == '-')
				*p = '_';
	}
}

static void
spans_free(struct spans *sp)
{
	size_t i;

	for (i = 0; i < sp->nstrong; i++)
		free(sp->strong[i]);
	for (i = 0; i < sp->nem; i++)
		free(sp->em[i]);
	for (i = 0; i < sp->nurl; i++)
		free(sp->url[i]);
	for (i = 0; i < sp->nlink; i++)
		free(sp->link[i]);
}

/*
 * Record the text from p to the OFF marker, without markers; returns the
 * marker, where the caller's scan goes on.
 */
static const char *
span_take(const char *p, char off, char **v, size_t *n)
{
	const char *e = strchr(p, off);
	char *raw;

	/* An unclosed marker (its text was debris): go on after it. */
	if (e == NULL)
		return p - 1;
	if (*n < SPANS_MAX) {
		raw = xstrndup(p, (size_t)(e - p));
		v[(*n)++] = clean_strip_marks(raw);
		free(raw);
	}
	return e;
}

/*
 * The links inside an emphasis from p to e ("<i><a href=doi>Journal</a>
 * </i>"); returns e, where the caller's scan goes on.
 */
static const char *
span_links(const char *p, const char *e, struct spans *sp)
{
	for (p++; p < e; p++)
		if (*p == CLEAN_URL_ON)
			p = span_take(p + 1, CLEAN_URL_OFF, sp->url, &sp->nurl);
	return e;
}

/* Note the spans of the marked text; return the plain text. */
static char *
spans_collect(const char *text, struct spans *sp)
{
	const char *p;

	for (p = text;; p++) {
		while ((unsigned char)*p > CLEAN_LINK_ON)	/* text */
			p++;
		if (*p == '\0')
			break;
		if (*p == CLEAN_STRONG_ON)
			p = span_links(p, span_take(p + 1, CLEAN_STRONG_OFF,
			    sp->strong, &sp->nstrong), sp);
		else if (*p == CLEAN_EM_ON)
			p = span_links(p, span_take(p + 1, CLEAN_EM_OFF,
			    sp->em, &sp->nem), sp);
		else if (*p == CLEAN_URL_ON)
			p = span_take(p + 1, CLEAN_URL_OFF, sp->url, &sp->nurl);
		else if (*p == CLEAN_LINK_ON)
			span_take(p + 1, CLEAN_URL_ON, sp->link, &sp->nlink);
	}
	return clean_strip_marks(text);
}

/*
 * Whether a short bold span t that starts plain ends in a full stop and
 * a list of two or more full names follows it: "**Mask R-CNN.** Kaiming
 * He, Georgia Gkioxari, ...".  A bold owner's name is followed by a comma
 * ("**J. Doe**, A. Roe") or by the title.
 */
static int
names_follow(const struct rules *rules, const char *t, const char *plain)
{
	struct namelist nl;
	const char *after = plain + strspn(plain, " ") + strlen(t);
	size_t i;
	int ended, ok;

	if (*after == '.')
		after++;
	else if (t[0] == '\0' || t[strlen(t) - 1] != '.')
		return 0;
	memset(&nl, 0, sizeof(nl));
	if (names_scan(rules, after + strspn(after, " "), &nl, &ended) == 0)
		return 0;
	ok = nl.n >= 2;
	for (i = 0; i < nl.n; i++)
		if (nl.v[i].given == NULL || strlen(nl.v[i].given) < 3)
			ok = 0;	/* "Kaiming", not "K." nor none */
	namelist_clear(&nl);
	return ok;
}

/*
 * A bold span that starts the entry and reads like a title (four words or
 * more, no comma but a subtitle's) is its title, as an italic one would
 * be: "**A NEW METHOD FOR EVERYTHING.** J. Doe, R. Roe. Phys. Rev. Lett.
 * ...".  A bold name
 * ("**Smith, J.**", "**Jane Q. Doe**") stays the owner's mark, also one
 * of four words or more that starts a list of names ("**Gerald Q. de la
 * Cruz**, Maria Østergaard. Title ...").
 */
static void
strong_title(const struct rules *rules, struct spans *sp, const char *plain)
{
	struct namelist nl;
	char *t;
	const char *p, *c, *q;
	size_t used;
	int words, ended;

	if (sp->nstrong == 0 || sp->nem >= SPANS_MAX)
		return;
	t = sp->strong[0];
	if (strncmp(plain + strspn(plain, " "), t, strlen(t)) != 0)
		return;
	/* A comma after a colon is the subtitle's ("**You Only Look Once:
	 * Unified, Real-Time Object Detection**"), not a name's. */
	if ((c = strchr(t, ',')) != NULL && ((q = strchr(t, ':')) == NULL ||
	    q > c))
		return;
	for (words = 1, p = t; *p != '\0'; p++)
		if (*p == ' ')
			words++;
	if (words < 4 && !names_follow(rules, t, plain))
		return;
	memset(&nl, 0, sizeof(nl));
	used = names_scan(rules, plain + strspn(plain, " "), &nl, &ended);
	words = nl.n;
	namelist_clear(&nl);
	if (words >= 2 && used > strlen(t))
		return;
	memmove(sp->em + 1, sp->em, sp->nem * sizeof(sp->em[0]));
	sp->em[0] = t;
	sp->nem++;
	memmove(sp->strong, sp->strong + 1, --sp->nstrong *
	    sizeof(sp->strong[0]));
}

/* The bytes tidy() looks at (and the end); it copies the others. */
static const unsigned char tidy_special[256] = {
	['\0'] = 1, [' '] = 1, ['.'] = 1, [','] = 1, [';'] = 1, [':'] = 1,
	[')'] = 1, [']'] = 1,
};

/*
 * From r in s, where nothing was changed yet: the first byte tidy() must
 * look at, past the plain bytes and the blanks after a non-blank, which it
 * would copy onto themselves.  Nearly all of the text is left as it is
 * (97% of the bytes of the benchmark's entries).
 */
static char *
tidy_same(char *s, char *r)
{
	for (;; r++) {
		while (!tidy_special[(unsigned char)*r])
			r++;
		if (*r != ' ' || r == s || r[-1] == ' ')
			return r;
	}
}

/* Tidy text after pieces were cut out: blanks, orphan punctuation. */
static void
tidy(char *s)
{
	char *r = s, *w = s;

	while (*r == ' ' || *r == ',' || *r == ';' || *r == '.')
		r++;
	for (;; r++) {
		if (w == r)
			w = r = tidy_same(s, r);
		while (!tidy_special[(unsigned char)*r])
			*w++ = *r++;
		if (*r == '\0')
			break;
		if (*r == ' ') {	/* one blank, and none first */
			if (w > s && w[-1] != ' ')
				*w++ = ' ';
			continue;
		}
		if (r[0] == '.' && r[1] == '.' && r[2] == '.') {
			/* An ellipsis stays: "Cho, G., ... Yu, Z." (APA). */
			memmove(w, r, 3);
			w += 3;
			r += 2;
			continue;
		}
		if ((*r == '.' || *r == ',' || *r == ';' || *r == ':') &&
		    w > s && w[-1] == ' ') {
			w--;		/* "word ." -> "word." */
			if (*r == ',' && w > s && w[-1] == '.') {
				*w++ = ' ';	/* ". ," -> ". " */
				continue;
			}
		}
		if (*r == '.' && w > s && (w[-1] == '.' || w[-1] == ',') &&
		    !(w - s >= 2 && w[-2] == '.'))
			w--;		/* ". ." and ", ." -> "." */
		if (*r == ',' && w > s && w[-1] == ',')
			continue;	/* ",," */
		if (*r == ')' || *r == ']') {
			/* "()", "[, ]" left by cuts and dropped link words */
			char *o = w;

			while (o > s && strchr(" ,;|", o[-1]) != NULL)
				o--;
			if (o > s && o[-1] == (*r == ')' ? '(' : '[')) {
				w = o - 1;
				continue;
			}
		}
		*w++ = *r;
	}
	while (w > s && strchr(" ,;", w[-1]) != NULL)
		w--;
	*w = '\0';
}

void
fields_tidy(char *s)
{
	tidy(s);
}

/* Trim blanks and the given trailing punctuation. */
static char *
trim_dup(const char *s, size_t len, const char *punct)
{
	while (len > 0 && (s[len - 1] == ' ' || strchr(punct, s[len - 1])))
		len--;
	while (len > 0 && *s == ' ') {
		s++;
		len--;
	}
	return len > 0 ? xstrndup(s, len) : NULL;
}

/* Set field f from a match group, unless the entry already has it. */
static void
set_from_group(struct entry *e, enum field f, const char *s, size_t a,
    size_t b)
{
	/* Numbers end before a full stop; words may end in one ("Inc."). */
	int number = f == FIELD_NUMBER || f == FIELD_VOLUME ||
	    f == FIELD_ISSUE || f == FIELD_PAGES || f == FIELD_YEAR ||
	    f == FIELD_ISBN;
	char *v = trim_dup(s + a, b - a, number ? ",;." : ",;");

	if (v == NULL)
		return;
	if (f == FIELD_NOTE)
		entry_add_note(e, v), free(v);
	else if (e->f[f] == NULL)
		entry_set_take(e, f, v);
	else
		free(v);
}

/*
 * Cut text[start, end) out, leaving the punctuation that ended it: in
 * "Title, pp. 1-9. Springer" the full stop still ends the sentence.
 * Returns where to go on searching.
 */
static size_t
cut(char *text, size_t start, size_t end)
{
	size_t len = strlen(text), n = 0;
	char rep[2], last = end > start ? text[end - 1] : ' ';

	/* Never longer than the match, so the text cannot grow. */
	if (end - start >= 2 && (last == '.' || last == ',' || last == ';') &&
	    (start == 0 || strchr(".,;", text[start - 1]) == NULL))
		rep[n++] = last;
	rep[n++] = ' ';
	memmove(text + start + n, text + end, len - end + 1);
	memcpy(text + start, rep, n);
	return start;
}

/* Whether an "extract" rule's value asks to leave the text in place. */
static int
value_has(const char *value, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = value; (p = strstr(p, word)) != NULL; p += n)
		if ((p == value || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ' ' || p[n] == '='))
			return 1;
	return 0;
}

/* A "type=NAME" in a rule's value, or TYPE__COUNT. */
static enum entry_type
value_type(const char *value)
{
	const char *p = strstr(value, "type=");
	char name[32];
	size_t n;

	if (p == NULL)
		return TYPE__COUNT;
	p += 5;
	n = strcspn(p, " ");
	if (n >= sizeof(name))
		return TYPE__COUNT;
	memcpy(name, p, n);
	name[n] = '\0';
	return entry_type_from_name(name);
}

/* -v: which rule took what, to help whoever writes rules. */
static void
note_rule(const struct entry *e, const char *text,
    const struct rules_match *m)
{
	const char *f = strrchr(m->file, '/');

	diag_at(DIAG_NOTE, e->file, e->line, "\"%.*s\" taken by %s:%lu",
	    (int)(m->end - m->start > 60 ? 60 : m->end - m->start),
	    text + m->start, f != NULL ? f + 1 : m->file, m->line);
}

/*
 * Run the "extract" rules over text (modified in place): each match sets
 * the fields its named groups name, and is cut out unless its value says
 * "keep".  *hint receives a type a rule gives ("type=preprint").
 */
static void
extract(const struct rules *rules, struct entry *e, char *text,
    enum entry_type *hint)
{
	struct rules_match m;
	size_t i = 0, rule, len = strlen(text), from = 0, a, b;
	int f, rep = 0;

	/* Rule i from offset from, the later ones from the start. */
	while (rule = i, rules_match_from(rules, "extract", &rule, text, len,
	    from, &m)) {
		if (rule != i) {
			i = rule;
			rep = 0;
		}
		for (f = 0; f < FIELD__COUNT; f++)
			if (rules_group(&m, group_names[f], &a, &b))
				set_from_group(e, (enum field)f, text, a, b);
		if (e->editors.n == 0 && rules_group(&m, "editors", &a, &b)) {
			char *ed = xstrndup(text + a, b - a);

			names_parse(rules, ed, &e->editors);
			free(ed);
		}
		if (value_type(m.value) != TYPE__COUNT && *hint == TYPE__COUNT)
			*hint = value_type(m.value);
		if (diag_verbosity() > 0)
			note_rule(e, text, &m);
		if (value_has(m.value, "keep"))
			from = m.end > m.start ? m.end : m.end + 1;
		else {
			from = cut(text, m.start, m.end);
			len = strlen(text);
		}
		/* A rule matches EXTRACT_REPEAT times at most. */
		if (++rep == EXTRACT_REPEAT || from > len) {
			i++;
			from = 0;
			rep = 0;
		}
	}
	tidy(text);
}

/* Take the links: DOI and arXiv targets become fields, else the URL. */
static void
take_links(const struct rules *rules, struct entry *e, struct spans *sp,
    enum entry_type *hint)
{
	size_t i;

	for (i = 0; i < sp->nurl; i++) {
		char *u = xstrdup(sp->url[i]);

		extract(rules, e, u, hint);
		if (*u != '\0' && e->f[FIELD_URL] == NULL &&
		    strncmp(u, "http", 4) == 0 && strchr(u, ' ') == NULL)
			entry_set(e, FIELD_URL, u);
		free(u);
	}
}

/*
 * Whether the text [a, b) is the whole of an italic span: a journal named
 * like a month ("*October*, vol. 28, 1984"), not the month of the date.
 */
static int
is_em_span(const struct spans *sp, const char *a, size_t len)
{
	size_t i;

	for (i = 0; i < sp->nem; i++)
		if (strlen(sp->em[i]) == len && strncmp(sp->em[i], a,
		    len) == 0)
			return 1;
	return 0;
}

/* Take the year from the text: the first "dates" rule that matches. */
static void
take_year(const struct rules *rules, struct entry *e, char *text,
    const struct spans *sp)
{
	struct rules_match m;
	size_t i, a, b, len = strlen(text);

	if (e->f[FIELD_YEAR] != NULL) {
		/* "1978. Title ... (1978)": the year is given twice (ACM). */
		size_t yl = strlen(e->f[FIELD_YEAR]);

		if (strncmp(text, e->f[FIELD_YEAR], yl) == 0 &&
		    text[yl] == '.' && text[yl + 1] == ' ')
			memmove(text, text + yl + 2, len - yl - 1);
		return;
	}
	/* Rule by rule; rules_match_from() looks at the text once for all. */
	for (i = 0; rules_match_from(rules, "dates", &i, text, len, 0, &m);
	    i++) {
		if (!rules_group(&m, "year", &a, &b))
			continue;
		if (rules_group(&m, "month", &a, &b) &&
		    is_em_span(sp, text + a, b - a))
			continue;
		(void)rules_group(&m, "year", &a, &b);
		entry_set_take(e, FIELD_YEAR, xstrndup(text + a, b - a));
		if (rules_group(&m, "month", &a, &b) && e->f[FIELD_MONTH] ==
		    NULL)
			entry_set_take(e, FIELD_MONTH, xstrndup(text + a,
			    b - a));
		/* "Title (2016). Journal": the full stop stays. */
		cut(text, m.start, m.end);
		tidy(text);
		return;
	}
}

/* --- title and container ------------------------------------------------ */

/* How much the text at s looks like the start of a venue. */
static int
venue_score(const struct rules *rules, const char *s)
{
	const char *v = rules_classify(rules, "venue-start", s);

	return v != NULL ? atoi(v) : 0;
}

/*
 * Whether s, all that is left, is an abbreviated journal and no sentence:
 * one capitalised word ("Nature") or capitalised words that each end in a
 * full stop or are a letter or two ("Phys. Rev. B", "J. Chem. Phys.").
 */
static int
abbrev_tail(const char *s)
{
	const char *w = s, *e;
	int words = 0;

	while (*w != '\0') {
		if (!isupper((unsigned char)*w))
			return 0;
		for (e = w; *e != '\0' && *e != ' '; e++)
			continue;
		if (e[-1] != '.' && e - w > 2 && (words > 0 || *e != '\0'))
			return 0;
		words++;
		w = e + strspn(e, " ");
	}
	return words > 0 && words <= 6;
}

/*
 * Whether the word at w is a word of an abbreviated journal name ("Phys.",
 * "Commun.": the "abbreviation" rules), which a sentence never ends in.
 */
static int
abbrev_word(const struct rules *rules, const char *w)
{
	char word[16];
	size_t n = strcspn(w, " ");

	if (n >= sizeof(word))
		return 0;
	memcpy(word, w, n);
	word[n] = '\0';
	return rules_classify(rules, "abbreviation", word) != NULL;
}

/*
 * Whether s, all that is left, is a journal named in abbreviations: two
 * to six capitalised words, one of them an abbreviation, the others
 * abbreviations, letters or acronyms but for one ("Phys. Rev. B.",
 * "Commun. ACM.", "Nature Phys.", "IEEE Trans. Pattern Anal.").  "Sweden.
 * The Economic Journal." is a sentence and a journal.
 */
static int
abbrev_venue(const struct rules *rules, const char *s)
{
	const char *w = s, *e;
	int words = 0, abbrevs = 0, plain = 0, a;

	while (*w != '\0') {
		if (!isupper((unsigned char)*w))
			return 0;
		for (e = w; *e != '\0' && *e != ' '; e++)
			continue;
		a = abbrev_word(rules, w);
		abbrevs += a;
		if (!a && e - w > 2 && !isupper((unsigned char)w[1]) &&
		    !(e - w == 2 && e[-1] == '.'))
			plain++;
		words++;
		w = e + strspn(e, " ");
	}
	return words >= 2 && words <= 6 && abbrevs > 0 && plain <= 1;
}

/*
 * Find where the title ends and the container starts in r.  Each boundary
 * (". ", "? ", ", ", " In ") is scored by how the text after it looks;
 * the best, leftmost boundary wins.  Returns 1 and sets *tend and *vstart,
 * or 0 if r is all title.
 */
static int
split_title(const struct rules *rules, const char *r, int numbered,
    size_t *tend, size_t *vstart)
{
	size_t i, len = strlen(r), best_t = 0, best_v = 0;
	int best = 0, score, vscore;

	for (i = 1; i + 2 < len; i++) {
		size_t te, vs, k;

		if (r[i] == ' ' && (r[i - 1] == '.' || r[i - 1] == '?' ||
		    r[i - 1] == '!' || r[i - 1] == ',' || r[i - 1] == ':')) {
			te = r[i - 1] == '?' || r[i - 1] == '!' ? i : i - 1;
			if (i >= 2 && r[i - 1] == ',' && (r[i - 2] == '?' ||
			    r[i - 2] == '!'))
				te = i - 1;
			vs = i + 1;
			score = r[i - 1] == ',' ? 0 : 1;
			if (r[i - 1] == ':')
				score = -1;
			/* "Why? A report to ...": a question has subtitles. */
			if (r[i - 1] == '?' || r[i - 1] == '!' ||
			    (i >= 2 && r[i - 1] == ',' && (r[i - 2] == '?' ||
			    r[i - 2] == '!')))
				score = 0;
			/* "F. Last" inside a title is no boundary, but "In"
			 * after a numeral is: "Systeme I. In: Monatshefte". */
			if (r[i - 1] == '.' && i >= 3 && r[i - 3] == ' ' &&
			    isupper((unsigned char)r[i - 2]) &&
			    strncmp(r + i + 1, "In: ", 4) != 0)
				continue;
			/*
			 * "Title. In Book" names the container whatever the
			 * book is called; a later sentence that looks more
			 * like a venue ("Symposium conducted at ...") is the
			 * container's own description.
			 */
			if (r[i - 1] == '.' && r[i + 1] == 'I' &&
			    r[i + 2] == 'n' && (r[i + 3] == ' ' ||
			    r[i + 3] == ':'))
				score += 2;
		} else if (r[i] == ' ' && (r[i + 1] == 'I' || r[i + 1] == 'i') &&
		    r[i + 2] == 'n' && (r[i + 3] == ' ' || (r[i + 3] == ':' &&
		    r[i + 4] == ' ')) &&
		    (isalnum((unsigned char)r[i - 1]) || r[i - 1] == ')' ||
		    (unsigned char)r[i - 1] >= 0x80)) {
			te = i;
			vs = i + 1;
			score = r[i + 1] == 'I' ? 2 : 0;
			k = i + 4 + (r[i + 3] == ':');
			if (!isupper((unsigned char)r[k]) &&
			    !isdigit((unsigned char)r[k]))
				continue;
		} else
			continue;
		/*
		 * An article with numbers names its journal in abbreviations
		 * more often than not: "..., Phys. Rev. B 80", "... system.
		 * Commun. ACM 21".  The leftmost boundary before them wins;
		 * one inside them ("Phys. Rev.") is none.
		 */
		if (numbered) {
			const char *w = r + i - 1;

			while (w > r && w[-1] != ' ')
				w--;
			if (r[i - 1] == '.' && abbrev_word(rules, w) &&
			    abbrev_venue(rules, w))
				continue;
			if (abbrev_venue(rules, r + vs))
				score += 2;
		}
		vscore = venue_score(rules, r + vs);
		score += vscore;
		/* "... complete? Phys. Rev. 47": a venue after a question. */
		if ((vscore > 0 || abbrev_tail(r + vs)) &&
		    (r[i - 1] == '?' || r[i - 1] == '!'))
			score++;
		/* Lower case starts no venue, but one a rule knows ("eLife"). */
		if (islower((unsigned char)r[vs]) && vscore == 0 &&
		    strncmp(r + vs, "in ", 3) && strncmp(r + vs, "in: ", 4))
			score -= 5;
		if (score > best) {
			best = score;
			best_t = te;
			best_v = vs;
		}
	}
	if (best <= 0)
		return 0;
	*tend = best_t;
	*vstart = best_v;
	return 1;
}

/*
 * The length of a subtitle after a quoted title, from the colon to the
 * full stop that ends it (": Explaining the Predictions of Any
 * Classifier."), or 0: a quoted question or slogan may have one.
 */
static size_t
quoted_subtitle(const char *s)
{
	const char *p;

	if (s[0] != ':' || s[1] != ' ' || !isupper((unsigned char)s[2]))
		return 0;
	for (p = s + 2; *p != '\0'; p++)
		if ((*p == '.' || *p == ',') && (p[1] == ' ' || p[1] == '\0') &&
		    !(isupper((unsigned char)p[-1]) && p[-2] == ' '))
			break;
	if (*p == '\0' || p - s > 200)
		return 0;
	return (size_t)(p - s) + 1;
}

/* A quoted title at the start of r: sets title, returns the rest's offset. */
static size_t
quoted_title(const char *r, struct entry *e)
{
	static const char *const quotes[][2] = {
		{ "“", "”" }, { "\"", "\"" }, { "‘", "’" }, { "«", "»" },
		{ "'", "'," }, { "'", "'." },	/* Harvard: 'Title', */
		{ "„", "“" }, { "‚", "‘" },	/* German */
		{ "「", "」" }, { "『", "』" },	/* Japanese */
	};
	size_t i, ol, start, end, sub;
	const char *close;

	start = strspn(r, " ");
	/* A role may stand before the title: "Panelist, “Title”". */
	if (strncmp(r + start, "“", 3) != 0 && r[start] != '"') {
		const char *q = strstr(r + start, "“");
		const char *d = strpbrk(r + start, "0123456789");

		if (q != NULL && q - r < 32 && q > r && q[-1] == ' ' &&
		    (d == NULL || d > q))
			start = (size_t)(q - r);
		/* "チュートリアル「XML入門」": no blank in the script. */
		else if ((q = strstr(r + start, "「")) != NULL && q - r < 48 &&
		    (d == NULL || d > q))
			start = (size_t)(q - r);
	}
	for (i = 0; i < sizeof(quotes) / sizeof(quotes[0]); i++) {
		ol = strlen(quotes[i][0]);
		if (strncmp(r + start, quotes[i][0], ol) != 0)
			continue;
		if ((close = strstr(r + start + ol, quotes[i][1])) == NULL)
			return 0;
		end = (size_t)(close - r) + strlen(quotes[i][1]);
		if ((sub = quoted_subtitle(r + end)) > 0) {
			/* '"Why Should I Trust You?": Explaining ...': the
			 * quotation is a part of the title, quotes and all. */
			entry_set_take(e, FIELD_TITLE, trim_dup(r + start,
			    end + sub - start, ",."));
			return end + sub;
		}
		entry_set_take(e, FIELD_TITLE, trim_dup(r + start + ol,
		    (size_t)(close - r - start - ol), ",."));
		return end;
	}
	return 0;
}

/*
 * Give back the full stop trim_dup() took from a venue written in
 * abbreviations: the last word is one of them when it is short.
 */
static void
abbrev_stop(char **raw, const char *v, size_t len)
{
	const char *w = v + len - 1;
	char *s;

	while (w > v && w[-1] != ' ')
		w--;
	if ((size_t)(v + len - w) > 7 || !isupper((unsigned char)*w) ||
	    !islower((unsigned char)w[1]))	/* "ACM." ends a sentence */
		return;
	xasprintf(&s, "%s.", *raw);
	free(*raw);
	*raw = s;
}

/* Set the container from text, its short form taken apart. */
static void
set_container(const struct rules *rules, struct entry *e, const char *v,
    size_t len)
{
	struct rules_match m;
	char *raw = trim_dup(v, len, ".,;:");
	size_t a, b, i;

	if (raw == NULL)
		return;
	/* "IEEE Trans. Pattern Anal. Mach. Intell." ends in an abbreviation. */
	if (strstr(raw, ". ") != NULL && len > 0 && v[len - 1] == '.' &&
	    v[len - 2] != '.' && strlen(raw) < len)
		abbrev_stop(&raw, v, len);
	/* The acronym in parentheses is the short form: "(NSDI)". */
	for (i = 0; rules_match_from(rules, "venue-short", &i, raw,
	    strlen(raw), 0, &m); i++) {
		if (!rules_group(&m, "short", &a, &b))
			continue;
		if (e->f[FIELD_CONTAINER_SHORT] == NULL && b > a)
			entry_set_take(e, FIELD_CONTAINER_SHORT,
			    trim_dup(raw + a, b - a, ""));
		memmove(raw + m.start, raw + m.end, strlen(raw + m.end) + 1);
		break;
	}
	tidy(raw);
	if (*raw != '\0')
		entry_set_take(e, FIELD_CONTAINER, raw);
	else
		free(raw);
}

/*
 * After an italic title, a venue set in italics or bold names the
 * container better than all that follows the title ("with A and B, *J*").
 */
static void
later_span_container(const struct fields_ctx *ctx, struct entry *e,
    const char *rest, const struct spans *sp)
{
	size_t i;
	const char *q;

	for (i = 0; i < sp->nem + sp->nstrong; i++) {
		const char *t = i < sp->nem ? sp->em[i] : sp->strong[i - sp->nem];

		if (strlen(t) >= 3 && (q = strstr(rest, t)) != NULL &&
		    q > rest && !isdigit((unsigned char)*t)) {
			free(e->f[FIELD_CONTAINER]);
			e->f[FIELD_CONTAINER] = NULL;
			set_container(ctx->rules, e, t, strlen(t));
			return;
		}
	}
}

/* Whether a span is no more than "et al." (set in italics by many CVs). */
static int
is_etal(const char *s)
{
	s += strspn(s, " ");
	if (strncasecmp(s, "et al", 5) != 0)
		return 0;
	s += 5;
	return s[strspn(s, ".,; ")] == '\0';
}

/* Whether r[0..n) ends in "of" (the italics that follow are its object). */
static int
ends_with_of(const char *r, size_t n)
{
	while (n > 0 && r[n - 1] == ' ')
		n--;
	return n >= 3 && r[n - 1] == 'f' && r[n - 2] == 'o' && r[n - 3] == ' ';
}

/*
 * After the title of a reviewed book, its authors: ", by A and B (Press,
 * 2001)." or " by A. H-Net".  They and the imprint go to a note, not into
 * the venue; returns the length taken.
 */
static size_t
reviewed_by(struct entry *e, const char *s)
{
	size_t k = strspn(s, " ,"), end;
	char *who, *note;

	if (strncmp(s + k, "edited by ", 10) == 0)
		k += 10;
	else if (strncmp(s + k, "by ", 3) == 0)
		k += 3;
	else
		return 0;
	/* The names end at the book's imprint or the full stop after them. */
	for (end = k; s[end] != '\0' && s[end] != '(' && !(s[end] == '.' &&
	    s[end + 1] == ' ' && end > k + 1 && islower((unsigned char)
	    s[end - 1]) && islower((unsigned char)s[end - 2])); end++)
		continue;
	/* The book's imprint, "(Press, 2001)", goes with them. */
	if (s[end] == '(' && strchr(s + end, ')') != NULL)
		end = (size_t)(strchr(s + end, ')') - s) + 1;
	if ((who = trim_dup(s + k, end - k, ",.;")) == NULL)
		return 0;
	xasprintf(&note, "Review of a work by %s", who);
	entry_add_note(e, note);
	free(note);
	free(who);
	return end;
}

/* The length of r[0..n) without a final "In" or "in:" (the venue's). */
static size_t
before_in(const char *r, size_t n)
{
	size_t k = n;

	while (k > 0 && (r[k - 1] == ' ' || r[k - 1] == ':'))
		k--;
	if (k >= 3 && (r[k - 2] == 'I' || r[k - 2] == 'i') && r[k - 1] == 'n' &&
	    (r[k - 3] == ' ' || r[k - 3] == '.'))
		return k - 2;
	return n;
}

/*
 * A link that starts what is left and ends at a stop is the title, as web
 * CVs link their titles: "[Title](url), Venue, 2006".  Returns 1 if it
 * set the title (and the container from the rest).
 */
static int
link_title(const struct fields_ctx *ctx, struct entry *e, const char *r,
    const struct spans *sp)
{
	const char *p = r + strspn(r, " "), *q;
	size_t i, n;

	for (i = 0; i < sp->nlink; i++) {
		n = strlen(sp->link[i]);
		/* Words, or a title in a script without blanks. */
		if (n < 8 || (strchr(sp->link[i], ' ') == NULL &&
		    (unsigned char)*sp->link[i] < 0x80) ||
		    strncmp(p, sp->link[i], n) != 0)
			continue;
		q = p + n;
		if (*q != ',' && *q != '.' && *q != ':' && *q != ';')
			return 0;
		q += 1 + strspn(q + 1, " ");
		if (*q == '\0')
			return 0;	/* all of it: the title, found anyway */
		entry_set_take(e, FIELD_TITLE, trim_dup(p, n, ",.;:"));
		set_container(ctx->rules, e, q, strlen(q));
		return 1;
	}
	return 0;
}

/*
 * Whether the sentence v after a title's full stop is the subtitle of a
 * book, not its venue: the entry ends in an imprint and has no numbers,
 * and v looks like no venue ("Luhmann, Niklas (1984): Soziale Systeme.
 * Grundriß einer allgemeinen Theorie. Frankfurt am Main: Suhrkamp.").
 */
static int
book_subtitle(const struct rules *rules, const struct entry *e, const char *v)
{
	if (e->f[FIELD_PUBLISHER] == NULL || e->f[FIELD_PLACE] == NULL ||
	    e->f[FIELD_VOLUME] != NULL || e->f[FIELD_PAGES] != NULL ||
	    e->f[FIELD_ISSUE] != NULL)
		return 0;
	if (!isupper((unsigned char)*v) && (unsigned char)*v < 0x80)
		return 0;
	return venue_score(rules, v) == 0 && !abbrev_tail(v);
}

/* Title and container from what is left after the authors and year. */
static void
take_title(const struct fields_ctx *ctx, struct entry *e, const char *r,
    const struct spans *sp)
{
	size_t rest, tend, vstart, i;
	const char *p;

	if ((rest = quoted_title(r, e)) > 0) {
		set_container(ctx->rules, e, r + rest, strlen(r + rest));
		return;
	}
	/* Italics: at the front it is the title, later the container. */
	for (i = 0; i < sp->nem; i++) {
		size_t n = strlen(sp->em[i]);

		if (n < 3 || is_etal(sp->em[i]) ||
		    (p = strstr(r, sp->em[i])) == NULL)
			continue;
		if (p - r <= 2) {
			entry_set_take(e, FIELD_TITLE, trim_dup(p, n, ",."));
			set_container(ctx->rules, e, p + n, strlen(p + n));
			later_span_container(ctx, e, p + n, sp);
		} else if (ends_with_of(r, (size_t)(p - r))) {
			/* "Review of *The Book*": the italics are the title's. */
			entry_set_take(e, FIELD_TITLE, trim_dup(r,
			    (size_t)(p - r) + n, ",.;:"));
			p += n + reviewed_by(e, p + n);
			set_container(ctx->rules, e, p, strlen(p));
			later_span_container(ctx, e, p, sp);
		} else {
			entry_set_take(e, FIELD_TITLE, trim_dup(r,
			    before_in(r, (size_t)(p - r)), ",.;:"));
			set_container(ctx->rules, e, p, strlen(p));
		}
		return;
	}
	if (link_title(ctx, e, r, sp))
		return;
	if (split_title(ctx->rules, r, e->f[FIELD_VOLUME] != NULL, &tend,
	    &vstart) && !book_subtitle(ctx->rules, e, r + vstart)) {
		if (diag_verbosity() > 0)
			diag_at(DIAG_NOTE, e->file, e->line, "the title ends "
			    "where the venue starts best: \"%.40s\"", r + vstart);
		entry_set_take(e, FIELD_TITLE, trim_dup(r, tend, ",;:"));
		set_container(ctx->rules, e, r + vstart, strlen(r + vstart));
		return;
	}
	entry_set_take(e, FIELD_TITLE, trim_dup(r, strlen(r), ",.;:"));
}

/* --- type ---------------------------------------------------------------- */

/*
 * Whether a venue after "In" names a meeting: a few words with an acronym
 * ("IEEE ICDCS") or a year ("Euro-Par 2010", "... Environments '98"),
 * which book titles rarely have.
 */
static int
meeting_like(const char *s)
{
	int words = 0, acronym = 0, caps = 0;
	const char *p;

	for (p = s; *p != '\0' && *p != ','; p++)
		if ((((p[0] == '1' && p[1] == '9') || (p[0] == '2' &&
		    p[1] == '0')) && isdigit((unsigned char)p[2]) &&
		    isdigit((unsigned char)p[3]) && !isdigit((unsigned char)
		    p[4]) && (p == s || !isdigit((unsigned char)p[-1]))) ||
		    ((*p == '\'' || strncmp(p, "’", 3) == 0) &&
		    isdigit((unsigned char)p[*p == '\'' ? 1 : 3])))
			return 1;
	for (; *s != '\0' && *s != ',' && *s != '('; s++) {
		if (isupper((unsigned char)*s)) {
			if (++caps >= 3)
				acronym = 1;
		} else if (*s == ' ') {
			words++;
			caps = 0;
		} else if (!isdigit((unsigned char)*s) && *s != '\'')
			caps = 0;
	}
	return acronym && words <= 4;
}

/* The type from the entry's own words; what the section said wins. */
static enum entry_type
decide_type(const struct fields_ctx *ctx, const struct entry *e,
    const char *plain, enum entry_type hint)
{
	struct buf b = BUF_INIT;
	const char *v = NULL, *c;
	enum entry_type t;
	int published = 0;

	/*
	 * A numbered series is a report's, also under a "Working Papers"
	 * heading, which means preprints elsewhere: "NBER Working Paper No.
	 * 24408, 2018."
	 */
	if (ctx->section == TYPE_PREPRINT && hint == TYPE_REPORT &&
	    e->f[FIELD_NUMBER] != NULL)
		return TYPE_REPORT;
	if (ctx->section != TYPE_UNKNOWN)
		return ctx->section;
	/* An arXiv identifier beside a journal's volume or pages: published. */
	if (hint == TYPE_PREPRINT && (c = e->f[FIELD_CONTAINER]) != NULL &&
	    strcasecmp(c, "arXiv") != 0 && (e->f[FIELD_VOLUME] != NULL ||
	    e->f[FIELD_PAGES] != NULL)) {
		hint = TYPE__COUNT;
		published = 1;	/* the entry's words name arXiv: no matter */
	}
	if (hint != TYPE__COUNT)
		return hint;
	/* A CV's own label may say: "[J3]" a journal article, "[C12]" a paper. */
	if (e->label != NULL && (v = rules_classify(ctx->rules, "label-type",
	    e->label)) != NULL && (t = entry_type_from_name(v)) != TYPE__COUNT)
		return t;
	/*
	 * Authors and the editors of what they are in: a chapter of a book,
	 * unless the book is the proceedings of a meeting ("In A, editor,
	 * Workshop on ...", BibTeX's plain style) or named by its acronym
	 * (LNCS: "In: Kilian, J. (ed.) CRYPTO 2001. LNCS, vol. 2139").
	 */
	if (e->editors.n > 0 && e->authors.n > 0 &&
	    e->f[FIELD_CONTAINER] != NULL) {
		v = rules_classify(ctx->rules, "type", e->f[FIELD_CONTAINER]);
		t = v != NULL ? entry_type_from_name(v) : TYPE__COUNT;
		if (t == TYPE__COUNT && meeting_like(e->f[FIELD_CONTAINER]))
			t = TYPE_CONFERENCE;
		return t == TYPE_CONFERENCE || t == TYPE_WORKSHOP ||
		    t == TYPE_TALK ? t : TYPE_CHAPTER;
	}
	if (e->f[FIELD_CONTAINER] != NULL || e->f[FIELD_GENRE] != NULL) {
		buf_printf(&b, "%s %s", e->f[FIELD_GENRE] ? e->f[FIELD_GENRE] :
		    "", e->f[FIELD_CONTAINER] ? e->f[FIELD_CONTAINER] : "");
		v = rules_classify(ctx->rules, "type", buf_str(&b));
		buf_free(&b);
	}
	/*
	 * "In" names a book or a meeting the rules do not know: a meeting by
	 * its acronym ("In ICDCS '19"), a book by its title ("In: Advanced
	 * Computing, pp. 119-136, Springer").  German style puts "In:"
	 * before journals too: a volume, an issue and no publisher are a
	 * journal's ("In: Annalen der Physik 322 (10), S. 891-921"); a volume
	 * alone may be a book series' ("In: Lecture Series on ..., 7").
	 */
	if (v == NULL && (c = e->f[FIELD_CONTAINER]) != NULL &&
	    (c[0] == 'I' || c[0] == 'i') && c[1] == 'n' &&
	    (c[2] == ' ' || c[2] == ':')) {
		if (meeting_like(c + 3))
			return TYPE_CONFERENCE;
		return e->f[FIELD_VOLUME] != NULL && e->f[FIELD_ISSUE] != NULL &&
		    e->f[FIELD_PUBLISHER] == NULL ? TYPE_ARTICLE : TYPE_CHAPTER;
	}
	/* A venue with its publisher and no volume is a book's. */
	if (v == NULL && e->f[FIELD_CONTAINER] != NULL &&
	    e->f[FIELD_PUBLISHER] != NULL && e->f[FIELD_VOLUME] == NULL &&
	    e->f[FIELD_ISSUE] == NULL)
		return TYPE_CHAPTER;
	/* A publisher and nothing it was published in: a book. */
	if (v == NULL && e->f[FIELD_CONTAINER] == NULL &&
	    e->f[FIELD_PUBLISHER] != NULL && e->f[FIELD_VOLUME] == NULL &&
	    e->f[FIELD_ISSUE] == NULL)
		return TYPE_BOOK;
	if (v == NULL && !published)
		v = rules_classify(ctx->rules, "type", plain);
	if (v != NULL && (t = entry_type_from_name(v)) != TYPE__COUNT)
		return t;
	/*
	 * No word says.  Proceedings name themselves (conference, symposium,
	 * workshop: the "type" rules know them), journals often do not
	 * ("Nature", "PLoS One"): an unnamed venue is a journal.  So is
	 * the venue of a paper "submitted" or "in press" that names none.
	 */
	return e->f[FIELD_CONTAINER] != NULL || e->f[FIELD_STATUS] != NULL ?
	    TYPE_ARTICLE : TYPE_MISC;
}

/*
 * What stands in the venue's place depends on the type: a patent's is its
 * kind, a thesis's its school, a report's its institution, a book's its
 * publisher (or its series, when the publisher is known).
 */
static void
settle_type(struct entry *e)
{
	enum field to = FIELD__COUNT;

	if (e->f[FIELD_CONTAINER] == NULL)
		return;
	if (e->type == TYPE_PATENT)
		to = FIELD_GENRE;
	else if (e->type == TYPE_THESIS || e->type == TYPE_REPORT)
		to = FIELD_INSTITUTION;
	else if (e->type == TYPE_BOOK || e->type == TYPE_EDITED_BOOK)
		/* "Title. Kyoritsu, 2014": a book's publisher, or its series. */
		to = e->f[FIELD_PUBLISHER] == NULL ? FIELD_PUBLISHER :
		    FIELD_COLLECTION;
	if (to == FIELD__COUNT || e->f[to] != NULL)
		return;
	e->f[to] = e->f[FIELD_CONTAINER];
	e->f[FIELD_CONTAINER] = NULL;
}

/* --- checks ------------------------------------------------------------- */

/* Append a reason to the list *what ("no title, no year"). */
static void
what_add(char **what, const char *reason)
{
	char *s;

	if (*what == NULL) {
		*what = xstrdup(reason);
		return;
	}
	xasprintf(&s, "%s, %s", *what, reason);
	free(*what);
	*what = s;
}

/* Report what is missing or doubtful. */
static void
check_entry(const struct fields_ctx *ctx, const struct entry *e,
    const char *plain)
{
	char excerpt[64];
	char *what = NULL;
	size_t len = strnlen(plain, 60);

	/* What snprintf("%.60s") would write, at a tenth of the cost. */
	memcpy(excerpt, plain, len);
	excerpt[len] = '\0';
	if (plain[len] != '\0') {	/* do not cut a character in two */
		size_t n = 60;

		/* plain[n]: excerpt[60] is the NUL just written. */
		while (n > 0 && ((unsigned char)plain[n] & 0xc0) == 0x80)
			n--;
		memcpy(excerpt + n, "…", 4);
	}
	/* Every part missing, so that one look at the entry fixes it. */
	if (e->f[FIELD_TITLE] == NULL)
		what_add(&what, "no title");
	if (e->authors.n == 0 && e->editors.n == 0)
		what_add(&what, "no authors");
	if (e->f[FIELD_YEAR] == NULL && e->type != TYPE_PATENT)
		what_add(&what, "no year");
	if ((e->type == TYPE_ARTICLE || e->type == TYPE_CONFERENCE ||
	    e->type == TYPE_WORKSHOP || e->type == TYPE_CHAPTER) &&
	    e->f[FIELD_CONTAINER] == NULL)
		what_add(&what, e->type == TYPE_ARTICLE ? "no journal" :
		    "no proceedings or book title");
	if (what != NULL)
		diag_at(DIAG_WARNING, ctx->file, e->line, "%s: \"%s\"", what,
		    excerpt);
	free(what);
}

/*
 * Whether the bold span t, found at p in work, is a title set in bold
 * after the authors: "D. P. Kingma and J. Ba <b>Adam: A method for
 * stochastic optimization.</b> <i>ICLR</i>, 2015."  The text before it
 * must read whole as a list of names, and t itself must not be a name (a
 * bold owner inside the list: "A. Roe, **J. Doe**, B. Poe").  Without this
 * the title's first word joins the list ("J. Ba Adam").
 */
static int
strong_after_names(const struct rules *rules, const char *work, const char *p,
    const char *t)
{
	struct namelist nl;
	char *head;
	size_t used, len, tl = strlen(t);
	int ended, letters = 0;
	const char *q;

	for (q = t; *q != '\0'; q++)
		if (isalpha((unsigned char)*q))
			letters++;
	if (letters < 4 || (strchr(t, ' ') == NULL && t[tl - 1] != '.'))
		return 0;
	memset(&nl, 0, sizeof(nl));
	used = names_scan(rules, t, &nl, &ended);
	namelist_clear(&nl);
	if (used > 0 && t[used + strspn(t + used, " .,;:")] == '\0')
		return 0;		/* the span is a name */
	len = (size_t)(p - work);
	while (len > 0 && strchr(" ,;:", work[len - 1]) != NULL)
		len--;
	if (len == 0)
		return 0;
	head = xstrndup(work, len);
	memset(&nl, 0, sizeof(nl));
	used = names_scan(rules, head, &nl, &ended);
	used = used > 0 && nl.n > 0 && head[used + strspn(head + used,
	    " .,;:")] == '\0';
	namelist_clear(&nl);
	free(head);
	return (int)used;
}

/*
 * Read the author list at the front of work.  An italic span that starts
 * later (the title, in many LaTeX and HTML CVs) bounds the list: names
 * never run into it; so does a bold title right after the names.
 */
static size_t
scan_names(const struct fields_ctx *ctx, struct entry *e, const char *work,
    const struct spans *sp, int *ended)
{
	const char *stop = NULL, *p;
	char *head;
	size_t i, used;

	for (i = 0; i < sp->nem; i++) {
		if (strlen(sp->em[i]) < 3 || is_etal(sp->em[i]) ||
		    (p = strstr(work, sp->em[i])) == NULL)
			continue;
		if (p == work) {	/* the entry starts with its title */
			*ended = 0;
			return 0;
		}
		if (stop == NULL || p < stop)
			stop = p;
	}
	for (i = 0; i < sp->nstrong; i++) {
		if ((p = strstr(work, sp->strong[i])) == NULL || p == work ||
		    (stop != NULL && p >= stop))
			continue;
		if (strong_after_names(ctx->rules, work, p, sp->strong[i]))
			stop = p;
	}
	if (stop == NULL)
		return names_scan(ctx->rules, work, &e->authors, ended);
	head = xstrndup(work, (size_t)(stop - work));
	used = names_scan(ctx->rules, head, &e->authors, ended);
	if (used == strlen(head))
		*ended = 1;
	free(head);
	return used;
}

/*
 * The length of an editors' mark after a name list, "(Eds.)." or ", eds.",
 * or 0: the names are the editors of the book the entry is.
 */
static size_t
editors_mark(const char *s)
{
	static const char *const marks[] = {
		"(Eds.)", "(eds.)", "(Ed.)", "(ed.)", "(Eds)", "(eds)",
		"(Editors)", "(editors)", "(Editor)", "(editor)", "(Hrsg.)",
		"(Hg.)", ", eds.", ", ed.", ", editors", ", editor",
		/* "Smith, John, and Mary Lee, eds.": the list took the comma */
		"eds.", "ed.", "editors", "editor"
	};
	size_t i, n, k = strspn(s, " ");

	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		n = strlen(marks[i]);
		if (strncmp(s + k, marks[i], n) == 0 &&
		    strchr(" .,:", s[k + n]) != NULL)
			return k + n + strspn(s + k + n, ".,:");
	}
	return 0;
}

/* Whether every name has a given name: "New York, NY" has not. */
static int
all_given(const struct namelist *nl)
{
	size_t i;

	for (i = 0; i < nl->n; i++)
		if (nl->v[i].given == NULL)
			return 0;
	return nl->n > 0;
}

/*
 * The next ", " or ". " in s where a list of names could start after the
 * title; not the full stop of an initial ("J. Smith").
 */
static const char *
next_part(const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++)
		if ((*p == ',' || *p == '.') && p[1] == ' ' && p > s &&
		    !(*p == '.' && isupper((unsigned char)p[-1]) &&
		    (p - 1 == s || p[-2] == ' ' || p[-2] == '.')))
			return p;
	return NULL;
}

/* Whether s starts with a quotation mark (a quoted title). */
static int
starts_quoted(const char *s)
{
	s += strspn(s, " ");
	return *s == '"' || strncmp(s, "“", 3) == 0 || strncmp(s, "«", 2) == 0;
}

/*
 * The title-first order of some CVs: "Title, A.V. Matveev, B. Li, and
 * N. Rösch, J. Chem. Phys. 1, 2 (2015)."  When no names start the entry,
 * look for a list of at least two names (or one with initials) after a
 * comma; on success set the title and authors, and leave in work what
 * follows the names.
 */
static int
title_first(const struct fields_ctx *ctx, struct entry *e, char *work)
{
	const char *p;
	size_t used;
	int ended;

	for (p = next_part(work); p != NULL && p - work < 400;
	    p = next_part(p + 2)) {
		/* "Title, by A and B, Journal" */
		size_t by = strncmp(p + 2, "by ", 3) == 0 ? 3 : 0;

		used = names_scan(ctx->rules, p + 2 + by, &e->authors, &ended);
		if (used > 0)
			used += by;
		if (used > 0 && all_given(&e->authors) &&
		    (e->authors.n >= 2 || strchr(e->authors.v[0].given, '.') !=
		    NULL)) {
			entry_set_take(e, FIELD_TITLE, trim_dup(work,
			    (size_t)(p - work), ",.;:"));
			memmove(work, p + 2 + used, strlen(p + 2 + used) + 1);
			return 1;
		}
		namelist_clear(&e->authors);
	}
	return 0;
}

struct entry *
fields_parse(const struct fields_ctx *ctx, const struct rawentry *raw)
{
	struct entry *e = entry_new();
	struct spans sp;
	enum entry_type hint = TYPE__COUNT;
	char *cleaned, *plain, *work;
	size_t used;
	int ended, named;

	pthread_once(&group_names_once, group_names_make);
	memset(&sp, 0, sizeof(sp));
	e->file = ctx->file;
	e->line = raw->first;
	e->last_line = raw->last;
	e->label = raw->label != NULL ? xstrdup(raw->label) : NULL;

	cleaned = rules_apply(ctx->rules, "debris", raw->text);
	plain = spans_collect(cleaned, &sp);
	free(cleaned);
	strong_title(ctx->rules, &sp, plain);
	work = xstrdup(plain);
	take_links(ctx->rules, e, &sp, &hint);
	extract(ctx->rules, e, work, &hint);

	used = scan_names(ctx, e, work, &sp, &ended);
	named = used > 0;
	names_mark_self(&e->authors, (const char *const *)sp.strong,
	    sp.nstrong);
	memmove(work, work + used, strlen(work + used) + 1);
	if (e->authors.n > 0 && e->editors.n == 0 &&
	    (used = editors_mark(work)) > 0) {
		/* "Smith, A., & Lee, B. (Eds.). (2021). Handbook." */
		e->editors = e->authors;
		memset(&e->authors, 0, sizeof(e->authors));
		memmove(work, work + used, strlen(work + used) + 1);
		if (hint == TYPE__COUNT)
			hint = TYPE_EDITED_BOOK;
	}
	if (e->authors.n == 0 && !named && !starts_quoted(work) &&
	    title_first(ctx, e, work)) {
		/* "Title, A. Author, B. Author, Journal 1, 2 (2020)." */
		take_year(ctx->rules, e, work, &sp);
		set_container(ctx->rules, e, work, strlen(work));
	} else {
		take_year(ctx->rules, e, work, &sp);
		take_title(ctx, e, work, &sp);
	}
	/* "横田一正, 國島丈生（編）": a role made them editors. */
	names_move_editors(&e->authors, &e->editors);
	if (e->f[FIELD_YEAR] == NULL && ctx->year != NULL)
		entry_set(e, FIELD_YEAR, ctx->year);
	/* A list labelled by year: "[2012] A. Author, Title ..." */
	if (e->f[FIELD_YEAR] == NULL && e->label != NULL &&
	    strlen(e->label) == 4 && strspn(e->label, "0123456789") == 4 &&
	    (strncmp(e->label, "19", 2) == 0 || strncmp(e->label, "20", 2) ==
	    0))
		entry_set(e, FIELD_YEAR, e->label);
	e->type = decide_type(ctx, e, plain, hint);
	settle_type(e);
	diag_at(DIAG_NOTE, ctx->file, e->line, "%s%s%s: %zu author(s)%s, "
	    "type %s%s", e->label ? "[" : "", e->label ? e->label : "",
	    e->label ? "]" : "", e->authors.n, ended ? "" :
	    " (list end unclear)", entry_type_name(e->type),
	    ctx->section == TYPE_UNKNOWN ? " (from its own words)" :
	    " (from the heading)");
	check_entry(ctx, e, plain);
	free(work);
	free(plain);
	spans_free(&sp);
	return e;
}

int
fields_reference_score(const struct rules *rules, const char *text)
{
	struct namelist nl;
	int score = 0, ended;
	char *plain = clean_strip_marks(text);

	memset(&nl, 0, sizeof(nl));
	if (clean_has_year(plain))
		score++;
	if (names_scan(rules, plain, &nl, &ended) > 0 && nl.n >= 1 && ended)
		score++;
	if (rules_classify(rules, "type", plain) != NULL)
		score++;
	namelist_clear(&nl);
	free(plain);
	return score;
}
