/*
 * split.c -- one entry per item of a list (see split.h).
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clean.h"
#include "rules.h"
#include "split.h"
#include "xmalloc.h"

struct splitter {
	const struct rules	*rules;
	struct buf		 text;		/* the entry being built */
	char			*label;
	unsigned long		 first, last;
	int			 open;		/* an entry is being built */
	int			 first_indent;
	int			 more_indent;	/* a continuation was indented */
	size_t			 last_len;	/* of the previous line */
	size_t			 width;		/* longest line: the wrap width */
	int			 labelled;	/* this list uses labels */
	int			 itemised;	/* or markup items (\item, <li>) */
	/* The completed entry handed out. */
	struct buf		 done;
	char			*done_label;
};

struct splitter *
split_new(const struct rules *rules)
{
	struct splitter *sp = xcalloc(1, sizeof(*sp));

	sp->rules = rules;
	return sp;
}

void
split_free(struct splitter *sp)
{
	if (sp == NULL)
		return;
	buf_free(&sp->text);
	buf_free(&sp->done);
	free(sp->label);
	free(sp->done_label);
	free(sp);
}

/* Hand the entry being built out as the completed one. */
static int
split_finish(struct splitter *sp, struct rawentry *out)
{
	if (!sp->open)
		return 0;
	sp->open = 0;
	buf_trim(&sp->text);
	if (sp->text.len == 0 && sp->label == NULL)
		return 0;
	buf_reset(&sp->done);
	buf_append(&sp->done, buf_str(&sp->text), sp->text.len);
	free(sp->done_label);
	sp->done_label = sp->label;
	sp->label = NULL;
	out->text = buf_str(&sp->done);
	out->label = sp->done_label;
	out->first = sp->first;
	out->last = sp->last;
	return 1;
}

/*
 * Find a label or bullet at the start of s.  Returns the length to skip
 * (0 if none) and sets *label to the label text (NULL for a bullet).
 */
static size_t
split_label(const struct splitter *sp, const char *s, char **label)
{
	struct rules_match m;
	size_t i, len = strlen(s);
	size_t ls, le;

	*label = NULL;
	for (i = 0; rules_match_from(sp->rules, "label", &i, s, len, 0, &m);
	    i++) {
		if (m.start != 0)
			continue;
		if (rules_group(&m, "label", &ls, &le) && le > ls)
			*label = xstrndup(s + ls, le - ls);
		return m.end;
	}
	return 0;
}

/* Whether the entry so far ends a sentence, or in a link or DOI. */
static int
split_ended_sentence(const struct splitter *sp)
{
	const char *t = buf_str(&sp->text), *w;
	char last;

	if (sp->text.len == 0)
		return 0;
	last = t[sp->text.len - 1];
	/*
	 * An initial ends no entry: a wrapped author list breaks after one
	 * ("..., Y. Zhang, S. V." + "Dubonos, I. V. Grigorieva, ...").
	 */
	if (last == '.' && sp->text.len >= 3 &&
	    isupper((unsigned char)t[sp->text.len - 2]) &&
	    (t[sp->text.len - 3] == ' ' || t[sp->text.len - 3] == '.'))
		return 0;
	if (strchr(".)]", last) != NULL)
		return 1;
	for (w = t + sp->text.len; w > t && w[-1] != ' '; w--)
		continue;
	return strncmp(w, "http", 4) == 0 || strncmp(w, "doi:", 4) == 0 ||
	    strncmp(w, "10.", 3) == 0;
}

/* Whether the previous line ended an entry: short, with a full stop. */
static int
split_ended_short(const struct splitter *sp)
{
	return sp->last_len * 10 < sp->width * 8 && split_ended_sentence(sp);
}

/* Whether the line starts the way an author list does ("Smith, J."). */
static int
split_author_start(const struct splitter *sp, const char *s)
{
	return rules_classify(sp->rules, "entry-start", s) != NULL;
}

/* Whether s starts like an entry: a capital, a digit, a quote or a mark. */
static int
split_starts_entry(const char *s)
{
	unsigned char c = (unsigned char)*s;

	return isupper(c) || isdigit(c) || c >= 0x80 || c == '"' ||
	    c == CLEAN_STRONG_ON || c == CLEAN_EM_ON;
}

/*
 * The end of the entry's text so far without the markers after it (a
 * link's target is no text either: "Title\005https://...\006").
 */
static size_t
split_text_end(const struct buf *t)
{
	size_t k = t->len;

	while (k > 0 && (unsigned char)t->s[k - 1] < 0x20) {
		if (t->s[k - 1] == CLEAN_URL_OFF)
			while (k > 1 && t->s[k - 1] != CLEAN_URL_ON)
				k--;
		k--;
	}
	return k;
}

/* Whether the entry's text so far ends in punctuation (markers aside). */
static int
split_ends_punct(const struct buf *t)
{
	size_t k = split_text_end(t);

	return k == 0 || strchr(".,;:!?", t->s[k - 1]) != NULL;
}

/*
 * Whether a PDF conversion lost the hyphen of a word broken at the line
 * end: "reinforce" + "ment learning".  Only a line that starts with a
 * part no word is alone (the "hyphen-lost" rules: "ment", "ior") after a
 * line ending in a lower-case letter.
 */
static int
split_hyphen_lost(const struct splitter *sp, const struct buf *t,
    const char *s)
{
	return islower((unsigned char)t->s[t->len - 1]) &&
	    islower((unsigned char)*s) &&
	    rules_classify(sp->rules, "hyphen-lost", s) != NULL;
}

/*
 * Join a wrapped line to the entry, mending a word broken at the end.  A
 * line the markup set apart ("Title<br>Authors<br>Venue") is a part of
 * its own: a full stop ends the one before.
 */
static void
split_join(struct splitter *sp, const char *s, int set_apart)
{
	struct buf *t = &sp->text;

	if (set_apart && !split_ends_punct(t)) {
		/* "Title\002" -> "Title.\002": the stop goes inside nothing. */
		size_t k = split_text_end(t);

		buf_putc(t, ' ');
		memmove(t->s + k + 1, t->s + k, t->len - k - 1);
		t->s[k] = '.';
		t->s[t->len] = '\0';
		buf_putc(t, ' ');
		buf_puts(t, s);
		return;
	}

	if (t->len > 1 && t->s[t->len - 1] == '-' &&
	    islower((unsigned char)t->s[t->len - 2]) &&
	    islower((unsigned char)*s)) {
		size_t w = t->len - 1;
		char *frag;
		const char *keep;

		while (w > 0 && isalpha((unsigned char)t->s[w - 1]))
			w--;
		frag = xstrndup(t->s + w, t->len - 1 - w);
		/* "Linux-" + "based": a capitalised part is a name. */
		keep = isupper((unsigned char)*frag) ? "keep" :
		    rules_classify(sp->rules, "hyphen", frag);
		free(frag);
		if (keep == NULL)
			t->len--;	/* "pro-" + "cessing" */
		t->s[t->len] = '\0';
	} else if (t->len > 0 && !split_hyphen_lost(sp, t, s))
		buf_putc(t, ' ');
	buf_puts(t, s);
}

/* Start a new entry with line cl, whose text (after the label) is s. */
static void
split_start(struct splitter *sp, const struct cline *cl, const char *s,
    char *label)
{
	buf_reset(&sp->text);
	buf_puts(&sp->text, s);
	free(sp->label);
	sp->label = label;
	sp->first = sp->last = cl->lineno;
	sp->open = 1;
	sp->first_indent = cl->indent;
	sp->more_indent = 0;
}

int
split_push(struct splitter *sp, const struct cline *cl, struct rawentry *out)
{
	char *label;
	size_t skip, sub = 0;
	int done = 0, starts;
	size_t len = strlen(cl->s);

	if (cl->blank)
		return split_finish(sp, out);
	skip = split_label(sp, cl->s, &label);
	/*
	 * A bullet without a year indented under an entry is a part of it
	 * ("  * [paper](...) [code](...)", "  - Best Paper Award"); an
	 * indented reference is an entry of its own, and so is whatever
	 * stands under a year alone ("* 2019").
	 */
	if (skip > 0 && sp->open && !cl->item && cl->indent > sp->first_indent &&
	    sp->text.len > 8 && !clean_has_year(cl->s + skip)) {
		free(label);
		label = NULL;
		sub = skip;
		skip = 0;
	}
	starts = cl->item || skip > 0 || !sp->open;
	if (skip > 0)
		sp->labelled = 1;
	if (cl->item)
		sp->itemised = 1;
	/*
	 * Unlabelled lists: hanging indent, or a short line ending in ".".
	 * Where labels or markup mark the items, a line without is part of
	 * the item before ("\par{Selected for the Highlights}").
	 */
	if (!starts && !sp->labelled && !sp->itemised &&
	    split_starts_entry(cl->s) &&
	    ((sp->more_indent && cl->indent <= sp->first_indent) ||
	    (!sp->more_indent && split_ended_short(sp)) ||
	    (split_ended_sentence(sp) && split_author_start(sp, cl->s))))
		starts = 1;
	if (starts) {
		done = split_finish(sp, out);
		split_start(sp, cl, cl->s + skip + strspn(cl->s + skip, " "),
		    label);
	} else {
		free(label);
		if (cl->indent > sp->first_indent)
			sp->more_indent = 1;
		split_join(sp, cl->s + sub, cl->set_apart);
		sp->last = cl->lineno;
	}
	sp->last_len = len;
	if (len > sp->width)
		sp->width = len;
	return done;
}

int
split_flush(struct splitter *sp, struct rawentry *out)
{
	sp->labelled = 0;
	sp->itemised = 0;
	sp->width = 0;
	return split_finish(sp, out);
}
