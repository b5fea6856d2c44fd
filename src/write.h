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

struct entry;

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
/* Write n entries; 0 on success, -1 on an output error. */
int		 writer_write(struct writer *, struct entry *const *, size_t);
/* Write what is pending and the trailer; frees the writer.  0 or -1. */
int		 writer_close(struct writer *);

const char	*format_name(enum format);
const char	*format_description(enum format);
int		 format_available(enum format);
enum format	 format_from_name(const char *);	/* FORMAT__COUNT if none */
enum format	 format_from_path(const char *);	/* by extension */

#endif
