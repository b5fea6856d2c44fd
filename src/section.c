/*
 * section.c -- which list are we in? (see section.h)
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clean.h"
#include "diag.h"
#include "entry.h"
#include "rules.h"
#include "section.h"
#include "xmalloc.h"

#define PLAIN_HEADING_MAX	70	/* bytes: longer plain lines are text */
#define RANK_GUESS		CLEAN_HEADING_GUESS
#define RANK_PLAIN		(CLEAN_HEADING_GUESS + 1)

struct sectioner {
	const struct rules	*rules;
	const char		*file;
	enum section_state	 state;
	enum entry_type		 type;
	int			 rank;		/* of the publication heading */
	int			 unknown;	/* OTHER by an unknown heading */
	char			*heading;
	unsigned long		 heading_line;
	char			 year[8];
	/* The publication list a typed sub-list sits in ("Publications" >
	 * "Journal Articles"), to return to under an unknown sub-heading. */
	int			 has_parent, parent_rank;
	enum entry_type		 parent_type;
	void			(*before)(void *);	/* section_on_heading() */
	void			*before_arg;
};

struct sectioner *
section_new(const struct rules *rules, const char *file)
{
	struct sectioner *s = xcalloc(1, sizeof(*s));

	s->rules = rules;
	s->file = file;
	s->state = SECTION_PREAMBLE;
	s->heading = xstrdup("");
	return s;
}

void
section_on_heading(struct sectioner *s, void (*fn)(void *), void *arg)
{
	s->before = fn;
	s->before_arg = arg;
}

void
section_free(struct sectioner *s)
{
	if (s == NULL)
		return;
	free(s->heading);
	free(s);
}

/*
 * Drop what decorates a heading: emphasis markers, numbering ("3.",
 * "IV."), dot leaders and trailing punctuation, surrounding blanks.
 */
char *
section_normalise(const char *text)
{
	char *s = clean_strip_marks(text), *p = s;
	size_t n;

	while (*p != '\0' && (isdigit((unsigned char)*p) ||
	    strchr("IVX", *p) != NULL) && p[1] != '\0' &&
	    (isdigit((unsigned char)p[1]) || strchr("IVX.)", p[1]) != NULL) &&
	    strspn(p, "0123456789IVX") < 5) {
		size_t k = strspn(p, "0123456789IVX");

		if (p[k] != '.' && p[k] != ')')
			break;
		p += k + 1;
		while (*p == ' ')
			p++;
	}
	memmove(s, p, strlen(p) + 1);
	n = strlen(s);
	/*
	 * Dot leaders and trailing punctuation, ASCII or whole UTF-8
	 * characters ("–", "—", "…"): a byte of those may end another
	 * character ("演" ends in the byte "—" ends in).
	 */
	for (;;) {
		if (n > 0 && s[n - 1] != '\0' && strchr(" .:;,-_=*#",
		    s[n - 1]) != NULL)
			n--;
		else if (n >= 3 && (strncmp(s + n - 3, "…", 3) == 0 ||
		    strncmp(s + n - 3, "–", 3) == 0 ||
		    strncmp(s + n - 3, "—", 3) == 0))
			n -= 3;
		else
			break;
		s[n] = '\0';
	}
	return s;
}

static void
section_set_heading(struct sectioner *s, const char *text, unsigned long line)
{
	free(s->heading);
	s->heading = xstrdup(text);
	s->heading_line = line;
}

/* A heading the rules gave a value: update the state. */
static void
section_apply(struct sectioner *s, const char *value, const char *text,
    const struct cline *cl, int rank)
{
	enum entry_type t;

	if (strcmp(value, "year") == 0) {
		snprintf(s->year, sizeof(s->year), "%.4s", text);
		if (s->state == SECTION_PREAMBLE)	/* a bare dated list */
			s->state = SECTION_PUBS;
		return;
	}
	section_set_heading(s, text, cl->lineno);
	s->year[0] = '\0';
	s->unknown = 0;
	if (s->has_parent && rank <= s->parent_rank)
		s->has_parent = 0;	/* it ends the enclosing list too */
	if (strcmp(value, "none") == 0) {
		s->state = SECTION_OTHER;
		diag_at(DIAG_NOTE, s->file, cl->lineno, "heading \"%s\": not "
		    "a publication list", text);
		return;
	}
	if (strcmp(value, "mixed") == 0 || strcmp(value, "publications") == 0)
		t = TYPE_UNKNOWN;
	else if ((t = entry_type_from_name(value)) == TYPE__COUNT) {
		diag_at(DIAG_WARNING, s->file, cl->lineno, "section rule gives "
		    "unknown type \"%s\"; treating \"%s\" as publications",
		    value, text);
		t = TYPE_UNKNOWN;
	}
	/*
	 * "Conference Sessions and Papers" under "Presentations" lists talks:
	 * a sub-heading of a list of talks or posters does not make papers.
	 */
	if (s->state == SECTION_PUBS && rank > s->rank &&
	    (s->type == TYPE_TALK || s->type == TYPE_POSTER) &&
	    t != TYPE_TALK && t != TYPE_POSTER) {
		diag_at(DIAG_NOTE, s->file, cl->lineno, "heading \"%s\": "
		    "still %s (a sub-heading of them)", text,
		    entry_type_name(s->type));
		return;
	}
	if (s->state == SECTION_PUBS && rank > s->rank && !s->has_parent) {
		s->has_parent = 1;
		s->parent_rank = s->rank;
		s->parent_type = s->type;
	}
	s->state = SECTION_PUBS;
	s->type = t;
	s->rank = rank;
	diag_at(DIAG_NOTE, s->file, cl->lineno, "heading \"%s\": %s", text,
	    t == TYPE_UNKNOWN ? "publications (each entry decides its type)" :
	    entry_type_name(t));
}

/* A heading no rule knows: it ends a list of its rank or a lower one. */
static void
section_unknown_heading(struct sectioner *s, const char *text,
    const struct cline *cl, int rank)
{
	if (s->state == SECTION_PUBS && rank > s->rank)
		return;		/* a topic sub-heading inside the list */
	if (s->state == SECTION_PREAMBLE)
		return;		/* the CV's title, the owner's name */
	if (s->has_parent && rank > s->parent_rank) {
		/* "Publications" > "Journal Articles", then "Book Essays". */
		section_set_heading(s, text, cl->lineno);
		s->state = SECTION_PUBS;
		s->type = s->parent_type;
		s->rank = s->parent_rank;
		s->has_parent = 0;
		s->year[0] = '\0';
		diag_at(DIAG_NOTE, s->file, cl->lineno, "heading \"%s\": "
		    "unknown, a part of the publications above (each entry "
		    "decides its type)", text);
		return;
	}
	if (s->has_parent && rank <= s->parent_rank)
		s->has_parent = 0;
	section_set_heading(s, text, cl->lineno);
	s->state = SECTION_OTHER;
	s->unknown = 1;
	s->year[0] = '\0';
	diag_at(DIAG_NOTE, s->file, cl->lineno, "heading \"%s\": unknown, "
	    "not a publication list", text);
}

/*
 * The length of a heading without the count many CVs give after it:
 * "Journal Articles (12)", "Patents [3]".
 */
static size_t
heading_without_count(const char *s, size_t len)
{
	size_t k = len;

	if (k < 3 || (s[k - 1] != ')' && s[k - 1] != ']'))
		return len;
	for (k--; k > 0 && (isdigit((unsigned char)s[k - 1]) ||
	    s[k - 1] == ' '); k--)
		continue;
	if (k == 0 || k == len - 1 || (s[k - 1] != '(' && s[k - 1] != '['))
		return len;
	return k - 1;
}

/*
 * A plain line that a rule knows is a heading only if it is short, has no
 * digits but a year's and no colon inside: "2022: PC member for posters and
 * demos" is an item of an honours list, not a heading.
 */
static int
section_plain_ok(const char *s)
{
	int words = 1;
	size_t len = strlen(s), digits = 0;
	const char *p;

	if (len > PLAIN_HEADING_MAX)
		return 0;
	len = heading_without_count(s, len);
	for (p = s; p < s + len; p++) {
		if (*p == ' ')
			words++;
		if (*p >= '0' && *p <= '9')
			digits++;
		if (*p == ':' && p[1] != '\0')
			return 0;
	}
	return words <= 8 && (digits == 0 || (digits == 4 && len <= 8));
}

/*
 * A bold or capitalised line may be a bold title or a name rather than a
 * heading: headings are short and carry no year.
 */
static int
section_guess_ok(const char *s)
{
	int words = 1, digits = 0;
	const char *p;

	for (p = s; *p != '\0'; p++) {
		if (*p == ' ')
			words++;
		if (isdigit((unsigned char)*p))
			digits++;
	}
	return words <= 7 && (digits < 4 || strlen(s) <= 10);
}

int
section_feed(struct sectioner *s, const struct cline *cl, int after_break)
{
	const char *value;
	char *text;
	int rank = cl->heading;

	if (cl->blank)
		return 0;
	if (rank == CLEAN_HEADING_GUESS && !section_guess_ok(cl->s))
		return 0;
	if (rank == 0) {
		/* A plain line is a heading only when a rule knows it. */
		if (!after_break || !section_plain_ok(cl->s))
			return 0;
		rank = RANK_PLAIN;
	}
	text = section_normalise(cl->s);
	if (*text == '\0') {
		free(text);
		return cl->heading != 0;
	}
	value = rules_classify(s->rules, "section", text);
	if ((value != NULL || cl->heading != 0) && s->before != NULL)
		s->before(s->before_arg);
	if (value != NULL)
		section_apply(s, value, text, cl, rank);
	else if (cl->heading != 0)
		section_unknown_heading(s, text, cl, rank);
	free(text);
	return value != NULL || cl->heading != 0;
}

enum section_state
section_state(const struct sectioner *s)
{
	return s->state;
}

enum entry_type
section_type(const struct sectioner *s)
{
	return s->state == SECTION_PUBS ? s->type : TYPE_UNKNOWN;
}

const char *
section_heading(const struct sectioner *s, unsigned long *line)
{
	if (line != NULL)
		*line = s->heading_line;
	return s->heading;
}

void
section_set_year(struct sectioner *s, const char *year)
{
	snprintf(s->year, sizeof(s->year), "%.4s", year);
}

const char *
section_year(const struct sectioner *s)
{
	return s->year[0] != '\0' ? s->year : NULL;
}

int
section_unknown(const struct sectioner *s)
{
	return s->state == SECTION_OTHER && s->unknown;
}
