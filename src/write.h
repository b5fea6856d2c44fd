/*
 * write.h -- the last stage: serialise entries in one output format.
 *
 * A writer streams: main() hands it entries in batches and it writes each
 * batch at once, so memory does not grow with the number of entries.  The
 * formats whose files need a header and a footer that libbibutils writes on
 * every call (the XML ones) are collected and written at writer_close().
 * The writer never takes ownership of the entries it is given.
 */
#ifndef CV2BIB_WRITE_H
#define CV2BIB_WRITE_H

#include <stdio.h>

struct buf;
struct entry;
struct writer_prep;

enum format {
	FORMAT_BIBTEX,
	FORMAT_BIBLATEX,
	FORMAT_RIS,
	FORMAT_CSL_JSON,
	FORMAT_MODS,
	FORMAT_ENDNOTE,
	FORMAT_ENDNOTE_XML,	/* reserved: not every libbibutils has it */
	FORMAT_WORD2007,
	FORMAT_ADS,
	FORMAT_ISI,
	FORMAT_NBIB,
	FORMAT__COUNT
};

struct write_opts {
	int	latex;		/* --latex: LaTeX-escape non-ASCII in BibTeX */
};

struct writer;

/* Both return NULL (and set *cause, which the caller frees) on failure. */
struct writer	*writer_open(enum format, FILE *, const struct write_opts *,
		    char **cause);
/*
 * writer_put() takes an entry, in output order, and does now all the work
 * on it but the writing (it may warn: the caller holds the messages with
 * the entry); writer_flush() writes the entries put or added since the
 * last.  writer_write() is both, for n entries.  Each returns 0, or -1 on
 * an output error.
 */
int		 writer_put(struct writer *, const struct entry *);
int		 writer_write(struct writer *, struct entry *const *, size_t);
int		 writer_flush(struct writer *);
/*
 * A format may do the work on an entry that needs no other entry (all but
 * its key) on the parsing threads, each with its own writer_prep, made
 * before the threads start; writer_prep_new() is NULL for a format that
 * takes whole entries.  writer_prep() appends the entry's text to b (and
 * may warn); writer_add() adds a text with its key, in output order, for
 * writer_flush() to write.  Each returns 0 or -1.
 */
struct writer_prep *writer_prep_new(const struct writer *);
void		 writer_prep_free(struct writer_prep *);
int		 writer_prep(struct writer_prep *, const struct entry *,
		    struct buf *b);
int		 writer_add(struct writer *, const char *key, const char *text,
		    size_t len);
/* Write what is pending and the trailer; frees the writer.  0 or -1. */
int		 writer_close(struct writer *);

const char	*format_name(enum format);
const char	*format_description(enum format);
int		 format_available(enum format);
enum format	 format_from_name(const char *);	/* FORMAT__COUNT if none */
enum format	 format_from_path(const char *);	/* by extension */

#endif
