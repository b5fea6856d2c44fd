/*
 * diag.h -- the one place diagnostics are printed.
 *
 * Messages tied to the input read "FILE:LINE: warning: ..." (the GNU
 * compiler form); the others "cv2bib: ...".  The module remembers the worst
 * level seen, from which main() derives the exit status.
 */
#ifndef CV2BIB_DIAG_H
#define CV2BIB_DIAG_H

#include <stdio.h>

struct buf;

enum diag_level {
	DIAG_OK = 0,
	DIAG_NOTE,	/* -v only: why the parser decided something */
	DIAG_WARNING,	/* an entry is doubtful or was dropped */
	DIAG_ERROR,	/* the input is unusable */
	DIAG_FATAL	/* a usage or system error */
};

void	diag_set_output(FILE *);
void	diag_set_verbosity(int);	/* -1 quiet, 0 normal, 1+ verbose */
int	diag_verbosity(void);
void	diag_reset(void);
enum diag_level diag_worst(void);
unsigned long diag_count(enum diag_level);

/*
 * Hold the messages of the calling thread in b, in order, instead of
 * printing them (NULL: print again); diag_release() prints and empties b.
 * They are counted at once.  run.c holds the messages of a batch of
 * entries while the batch before is written on another thread.
 */
void	diag_hold(struct buf *b);
void	diag_release(struct buf *b);

/* Positioned: file may be NULL ("<stdin>" is the caller's choice). */
void	diag_at(enum diag_level, const char *file, unsigned long line,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Unpositioned, prefixed "cv2bib: ". */
void	diag_msg(enum diag_level, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
