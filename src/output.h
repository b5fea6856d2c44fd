/*
 * output.h -- where the bibliography goes, written all or nothing.
 *
 * Output is spooled to a temporary file: for -o FILE in FILE's directory
 * (so that rename() is atomic), for standard output in memory while small,
 * then in $TMPDIR.  Only
 * output_commit() makes it visible; output_abort() throws it away, so a run
 * that fails half-way leaves neither a half-written file nor a truncated
 * stream.  A FILE whose content would not change is not touched (its mtime
 * stays), which keeps make and pre-commit hooks quiet.
 */
#ifndef CV2BIB_OUTPUT_H
#define CV2BIB_OUTPUT_H

#include <stdio.h>

struct output;

enum output_result {
	OUTPUT_WRITTEN,		/* new content is in place */
	OUTPUT_UNCHANGED,	/* FILE already had this content */
	OUTPUT_STALE,		/* --check: FILE would change */
	OUTPUT_FAILED		/* *cause says why */
};

/* path NULL or "-" means standard output.  NULL and *cause on failure. */
struct output	*output_open(const char *path, char **cause);
/* The stream the writer writes to; owned by the output. */
FILE		*output_stream(struct output *);
/*
 * Finish: flush and check the spool, then (check == 0) move it into place
 * or copy it to standard output, or (check != 0) only compare it with the
 * existing file.  Frees the output.
 */
enum output_result output_commit(struct output *, int check, char **cause);
/* Discard everything written; frees the output. */
void		 output_abort(struct output *);

#endif
