/*
 * read.c -- bytes in, checked lines out (see read.h).
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "read.h"
#include "utf8.h"
#include "xmalloc.h"

#define READ_BLOCK	READ_PEEK_MAX

struct reader {
	FILE		*fp;
	const char	*name;
	char		*blk;		/* READ_BLOCK bytes read ahead */
	size_t		 pos, end;
	int		 eof;
	int		 failed;
	int		 skip_lf;	/* last line ended in CR: drop one LF */
	unsigned long	 lineno;
	struct buf	 line;
};

/* Fill the block, as full as the stream allows; -1 on a read error. */
static int
reader_fill(struct reader *r)
{
	size_t n;

	if (r->pos > 0) {
		memmove(r->blk, r->blk + r->pos, r->end - r->pos);
		r->end -= r->pos;
		r->pos = 0;
	}
	while (!r->eof && r->end < READ_BLOCK) {
		n = fread(r->blk + r->end, 1, READ_BLOCK - r->end, r->fp);
		r->end += n;
		if (n == 0) {
			if (ferror(r->fp)) {
				diag_msg(DIAG_ERROR, "cannot read '%s': %s",
				    r->name, strerror(errno));
				return -1;
			}
			r->eof = 1;
		}
	}
	return 0;
}

/* Check the byte-order mark: skip UTF-8's, refuse UTF-16's. */
static int
reader_bom(struct reader *r)
{
	const unsigned char *u = (const unsigned char *)r->blk;

	if (r->end >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		r->pos = 3;
		return 0;
	}
	if (r->end >= 2 && ((u[0] == 0xff && u[1] == 0xfe) ||
	    (u[0] == 0xfe && u[1] == 0xff))) {
		diag_at(DIAG_ERROR, r->name, 1, "UTF-16 input is not supported;"
		    " convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)");
		return -1;
	}
	return 0;
}

struct reader *
reader_new(FILE *fp, const char *name)
{
	struct reader *r = xcalloc(1, sizeof(*r));

	r->fp = fp;
	r->name = name;
	r->blk = xmalloc(READ_BLOCK);
	if (reader_fill(r) == -1 || reader_bom(r) == -1)
		r->failed = 1;
	return r;
}

void
reader_free(struct reader *r)
{
	if (r == NULL)
		return;
	buf_free(&r->line);
	free(r->blk);
	free(r);
}

const char *
reader_peek(struct reader *r, size_t *len)
{
	*len = r->end - r->pos;
	return r->blk + r->pos;
}

/* Report a bad byte at offset off of the current line. */
static int
reader_bad_byte(struct reader *r, size_t off, unsigned char c)
{
	unsigned long col = utf8_columns(r->line.s, off) + 1;

	if (c == '\0')
		diag_at(DIAG_ERROR, r->name, r->lineno, "NUL byte at column %lu;"
		    " this looks like binary data, not a text CV", col);
	else if (c < 0x20 || c == 0x7f)
		diag_at(DIAG_ERROR, r->name, r->lineno, "control character "
		    "0x%02x at column %lu; this looks like binary data, not "
		    "a text CV", c, col);
	else
		diag_at(DIAG_ERROR, r->name, r->lineno, "invalid UTF-8 (byte "
		    "0x%02x at column %lu); convert the file to UTF-8, e.g. "
		    "with iconv -f LATIN1 -t UTF-8", c, col);
	r->failed = 1;
	return -1;
}

/* Whether any of the eight bytes w is a control byte (< 0x20, 0x7f). */
static int
reader_word_control(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = ones << 7;

	uint64_t del = w ^ ones * 0x7f;	/* 0x7f bytes made zero */

	return ((((w - ones * 0x20) & ~w) | ((del - ones) & ~del)) &
	    highs) != 0;
}

/* Check the assembled line: control bytes, then UTF-8. */
static int
reader_check(struct reader *r)
{
	unsigned char *u = (unsigned char *)r->line.s;
	size_t i, ok;
	uint64_t w;

	/* Eight bytes at a time up to the first word with a control byte. */
	for (i = 0; i + sizeof(w) <= r->line.len; i += sizeof(w)) {
		memcpy(&w, u + i, sizeof(w));
		if (reader_word_control(w))
			break;
	}
	for (; i < r->line.len; i++) {
		if (u[i] >= 0x20 && u[i] != 0x7f)
			continue;
		if (u[i] == '\t')
			continue;
		if (u[i] == '\f' || u[i] == '\v') {	/* page breaks */
			u[i] = ' ';
			continue;
		}
		return reader_bad_byte(r, i, u[i]);
	}
	ok = utf8_valid_prefix(r->line.s, r->line.len);
	if (ok < r->line.len)
		return reader_bad_byte(r, ok, u[ok]);
	return 0;
}

/*
 * Move bytes up to the next line end from the block into r->line.  Returns
 * 1 when a line end was found, 0 when the block ran out first.
 */
static int
reader_scan(struct reader *r)
{
	const char *p = r->blk + r->pos, *end = r->blk + r->end, *q, *cr;

	if (r->skip_lf && p < end) {
		if (*p == '\n')
			p++;
		r->skip_lf = 0;
	}
	/* The first of LF or CR: memchr() is much faster than a loop. */
	if ((q = memchr(p, '\n', (size_t)(end - p))) == NULL)
		q = end;
	if ((cr = memchr(p, '\r', (size_t)(q - p))) != NULL)
		q = cr;
	buf_append(&r->line, p, (size_t)(q - p));
	if (q == end) {
		r->pos = r->end;
		return 0;
	}
	r->skip_lf = (*q == '\r');
	r->pos = (size_t)(q + 1 - r->blk);
	return 1;
}

int
reader_next(struct reader *r, struct line *ln)
{
	int found = 0;

	if (r->failed)
		return -1;
	buf_reset(&r->line);
	buf_grow(&r->line, 0);
	r->lineno++;
	for (;;) {
		if (r->pos < r->end && (found = reader_scan(r)))
			break;
		if (r->line.len > READ_LINE_MAX) {
			diag_at(DIAG_ERROR, r->name, r->lineno, "line longer "
			    "than %d bytes; this does not look like a CV",
			    READ_LINE_MAX);
			r->failed = 1;
			return -1;
		}
		if (r->eof && r->pos >= r->end)
			break;
		if (reader_fill(r) == -1) {
			r->failed = 1;
			return -1;
		}
	}
	if (!found && r->line.len == 0 && r->eof)
		return 0;
	if (r->line.len > READ_LINE_MAX) {
		diag_at(DIAG_ERROR, r->name, r->lineno, "line longer than %d "
		    "bytes; this does not look like a CV", READ_LINE_MAX);
		r->failed = 1;
		return -1;
	}
	if (reader_check(r) == -1)
		return -1;
	ln->s = buf_str(&r->line);
	ln->len = r->line.len;
	ln->lineno = r->lineno;
	return 1;
}
