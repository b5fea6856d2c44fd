/*
 * section.h -- the third stage: which list are we in?
 *
 * Headings map to item types through the "section" rules (sections.rules):
 * a heading is normalised (markers, numbering and dot leaders removed) and
 * the first rule that matches gives a type name, "none" for a section that
 * holds no publications (Education, Skills, ...), "mixed" for a heading
 * that names several kinds (each entry's own words decide), "publications"
 * for a generic list, or "year" for a year sub-heading.  An explicit heading
 * that no rule knows ends a publication list at its own rank or above, and
 * is ignored below it (a topic sub-heading).
 */
#ifndef CV2BIB_SECTION_H
#define CV2BIB_SECTION_H

#include "entry.h"

struct cline;
struct rules;
struct sectioner;

enum section_state {
	SECTION_PREAMBLE,	/* before any heading rules know */
	SECTION_PUBS,		/* a publication list */
	SECTION_OTHER		/* a list that holds no publications */
};

struct sectioner *section_new(const struct rules *, const char *file);
void		 section_free(struct sectioner *);
/*
 * Have fn(arg) called when a heading is about to change the list, while
 * the state is still the old one: the entry in progress (text pulled out
 * of a PDF has no blank line before a heading) belongs to the old list.
 */
void		 section_on_heading(struct sectioner *,
		    void (*fn)(void *), void *arg);
/*
 * Look at a logical line.  Returns 1 if it was a heading (the state is
 * updated and the line is not part of any entry), 0 if it is content.
 * after_break says the line follows a paragraph break or a heading: a
 * plain line only counts as a heading then.
 */
int		 section_feed(struct sectioner *, const struct cline *,
		    int after_break);
enum section_state section_state(const struct sectioner *);
/* The type the current heading gives; TYPE_UNKNOWN for mixed or generic. */
enum entry_type	 section_type(const struct sectioner *);
/* The heading's text and line, for messages; "" and 0 before any. */
const char	*section_heading(const struct sectioner *, unsigned long *line);
/* The year of the current year sub-heading, or NULL. */
const char	*section_year(const struct sectioner *);
/* A list item that is only a year ("* 2019") heads the items below it. */
void		 section_set_year(struct sectioner *, const char *year);
/* Whether the current non-publication section was entered by a heading
 * no rule knows (entries there that look like references are reported). */
int		 section_unknown(const struct sectioner *);

/* Normalise a heading's text for matching; caller frees.  For tests. */
char		*section_normalise(const char *);

#endif
