/*
 * read.h -- the first stage: bytes in, checked lines out.
 *
 * The reader streams a file line by line with a fixed-size buffer, so a
 * large CV is never held whole.  It strips a UTF-8 byte-order mark, turns
 * CRLF and lone CR into line ends, and rejects what is not text: a NUL or
 * other control byte, invalid UTF-8, a line longer than READ_LINE_MAX.
 * Such an error is reported as "FILE:LINE: error: ..." and ends the read.
 */
#ifndef CV2BIB_READ_H
#define CV2BIB_READ_H

#include <stdio.h>

#define READ_LINE_MAX	(1024 * 1024)
#define READ_PEEK_MAX	(64 * 1024)

struct reader;

struct line {
	const char	*s;		/* NUL-terminated, no line end */
	size_t		 len;
	unsigned long	 lineno;	/* 1-based */
};

/* The reader borrows fp and name; neither is closed or freed. */
struct reader	*reader_new(FILE *fp, const char *name);
void		 reader_free(struct reader *);
/*
 * The next line in *ln, valid until the next call: 1 for a line, 0 at the
 * end, -1 after an error (already reported).
 */
int		 reader_next(struct reader *, struct line *ln);
/*
 * Up to READ_PEEK_MAX bytes from the start of the input, read ahead but not
 * consumed, to guess the markup.  Unchecked: may hold invalid bytes.
 */
const char	*reader_peek(struct reader *, size_t *len);

#endif
