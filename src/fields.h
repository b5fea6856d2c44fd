/*
 * fields.h -- the fifth stage: one entry's text into fields.
 *
 *	1. "debris" rules remove link words and other leftovers (Download);
 *	2. emphasis and links are noted (own name, italic title, DOI links);
 *	3. "extract" rules take out what has a clear shape -- identifiers,
 *	   pages, volume and issue, patent numbers, notes -- with named groups
 *	   that name the fields;
 *	4. the author list is read from the front (names.c);
 *	5. the year, then the title and the container are told apart: quotes
 *	   or italics when there are any, else the first boundary after which
 *	   the text looks like a venue ("venue-start" rules);
 *	6. the type comes from the section, or from the entry's own words
 *	   ("type" rules) when the section names several kinds.
 */
#ifndef CV2BIB_FIELDS_H
#define CV2BIB_FIELDS_H

#include "entry.h"

struct rawentry;
struct rules;

struct fields_ctx {
	const struct rules	*rules;
	const char		*file;		/* for messages */
	enum entry_type		 section;	/* TYPE_UNKNOWN: entry decides */
	const char		*year;		/* of a year sub-heading, or NULL */
};

/*
 * Parse raw into a new entry (the caller owns it).  Doubtful or missing
 * fields are reported as warnings at the entry's line.
 */
struct entry	*fields_parse(const struct fields_ctx *, const struct rawentry *);
/*
 * How much the text looks like a reference: 0 not at all, higher is more
 * (a year, a name list, a venue word, an identifier).  Decides what is
 * kept from text outside any publication heading.
 */
int		 fields_reference_score(const struct rules *, const char *text);
/* Tidy text in place after pieces were cut out of it; for the tests. */
void		 fields_tidy(char *);

#endif
