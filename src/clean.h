/*
 * clean.h -- the second stage: markup out, logical lines with hints in.
 *
 * The cleaner turns the lines of one input, in one markup (plain text,
 * Markdown, HTML or LaTeX), into logical lines of plain UTF-8 text, each
 * with the number of the source line it came from and what the markup said
 * about it: a heading, the start of a list item, a paragraph break.  Markup
 * is cleaned, not copied: tags, entities, emphasis, links, LaTeX commands,
 * accents and maths become the text they stand for.  What emphasis meant is
 * kept as control bytes the input cannot contain (it was checked by the
 * reader), so that later stages know the CV's own name and italic titles:
 *
 *	CLEAN_STRONG_ON .. CLEAN_STRONG_OFF	bold or underlined
 *	CLEAN_EM_ON .. CLEAN_EM_OFF		italic
 *	CLEAN_URL_ON url CLEAN_URL_OFF		the target of a link
 *	CLEAN_LINK_ON text CLEAN_URL_ON ...	a link's text (Markdown, HTML)
 */
#ifndef CV2BIB_CLEAN_H
#define CV2BIB_CLEAN_H

#include "run.h"

#define CLEAN_STRONG_ON		'\001'
#define CLEAN_STRONG_OFF	'\002'
#define CLEAN_EM_ON		'\003'
#define CLEAN_EM_OFF		'\004'
#define CLEAN_URL_ON		'\005'
#define CLEAN_URL_OFF		'\006'
#define CLEAN_LINK_ON		'\007'

#define CLEAN_HEADING_GUESS	9	/* bold, ALL CAPS or underlined line */

struct line;
struct cleaner;

struct cline {
	const char	*s;		/* cleaned text, trimmed */
	unsigned long	 lineno;
	int		 heading;	/* 0, a level 1..6, or HEADING_GUESS */
	int		 item;		/* the markup starts a list item here */
	int		 blank;		/* paragraph break (s is "") */
	int		 indent;	/* leading columns in the source */
	int		 set_apart;	/* by markup (HTML <br>, <div>), not
					   wrapped: a part of its own */
};

struct cleaner	*cleaner_new(enum markup);
void		 cleaner_free(struct cleaner *);
/* Feed one source line; the end of the input with NULL. */
void		 cleaner_push(struct cleaner *, const struct line *);
/* The next logical line, valid until the next push or pop; 0 if none. */
int		 cleaner_pop(struct cleaner *, struct cline *);

/* Guess the markup from a name and the first bytes of the input. */
enum markup	 clean_detect(const char *name, const char *head, size_t len);
/* Inline clean-up of one string in the given markup; for the tests. */
char		*clean_inline(enum markup, const char *);
/* Remove the emphasis and link markers; returns a new string. */
char		*clean_strip_marks(const char *);
/* Whether s holds a year of the 1900s or 2000s, a number of its own. */
int		 clean_has_year(const char *);

#endif
