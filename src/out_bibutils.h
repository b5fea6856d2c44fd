/*
 * out_bibutils.h -- BibTeX, BibLaTeX, RIS and the other libbibutils formats.
 *
 * The only module that includes <bibutils/bibutils.h> (it declares global
 * names such as "str" and "fields").  Entries are translated to
 * libbibutils' internal tags and written with bibl_write(); for BibTeX and
 * BibLaTeX the text is LaTeX-escaped and title words are brace-protected
 * here, before libbibutils sees it.
 */
#ifndef CV2BIB_OUT_BIBUTILS_H
#define CV2BIB_OUT_BIBUTILS_H

#include <stdio.h>

#include "write.h"

struct entry;
struct out_bibutils;

/* NULL with *cause set when libbibutils cannot write the format. */
struct out_bibutils *out_bibutils_open(enum format, FILE *, int latex,
		    char **cause);
/* Whether bibl_write() may be called once per batch for this format. */
int		 out_bibutils_streams(enum format);
/*
 * out_bibutils_put() turns an entry into its record now (and may warn:
 * the caller holds the messages with the entry); out_bibutils_flush()
 * writes the records put since the last flush.  out_bibutils_write() is
 * both for n entries.  Each returns 0 or -1.
 */
int		 out_bibutils_put(struct out_bibutils *, const struct entry *);
int		 out_bibutils_flush(struct out_bibutils *);
int		 out_bibutils_write(struct out_bibutils *,
		    struct entry *const *, size_t);
int		 out_bibutils_close(struct out_bibutils *);
int		 out_bibutils_available(enum format);

#endif
