/*
 * split.h -- the fourth stage: one entry per item of a list.
 *
 * An entry starts at a list item the markup made, at a label the "label"
 * rules recognise ([C1], 12., (3), J-3, bullets), after a paragraph break,
 * or, in unlabelled hard-wrapped text, at a line that starts where the
 * previous entry started (hanging indent) after a line that ended short.
 * Wrapped lines are joined; a word broken by a hyphen at a line end is
 * mended unless the "hyphen" rules say the hyphen belongs to the word.
 */
#ifndef CV2BIB_SPLIT_H
#define CV2BIB_SPLIT_H

struct cline;
struct rules;
struct splitter;

/* An entry's raw text; owned by the splitter, valid until the next call. */
struct rawentry {
	const char	*text;		/* joined lines, label removed */
	const char	*label;		/* "C1", "12", or NULL */
	unsigned long	 first, last;	/* source lines */
};

struct splitter	*split_new(const struct rules *);
void		 split_free(struct splitter *);
/*
 * Feed a content line of a list (never a heading).  Returns 1 and fills
 * *out when the line completed the entry before it.
 */
int		 split_push(struct splitter *, const struct cline *,
		    struct rawentry *out);
/* End the current entry (a heading or the end of input): 1 if there was one. */
int		 split_flush(struct splitter *, struct rawentry *out);

#endif
