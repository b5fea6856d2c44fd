/*
 * buf.c -- growable byte buffer (see buf.h).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xmalloc.h"

void
buf_init(struct buf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
}

void
buf_free(struct buf *b)
{
	free(b->s);
	buf_init(b);
}

/* Empty the buffer but keep its storage for reuse. */
void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

/* Make room for n more bytes plus the terminating NUL. */
void
buf_grow(struct buf *b, size_t n)
{
	size_t need = b->len + n + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->s = xrealloc(b->s, b->cap);
	b->s[b->len] = '\0';	/* always a string, as buf.h promises */
}

void
buf_append(struct buf *b, const char *p, size_t n)
{
	buf_grow(b, n);
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void
buf_putc_grow(struct buf *b, char c)
{
	buf_append(b, &c, 1);
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

/* Remove ASCII white space at both ends. */
void
buf_trim(struct buf *b)
{
	size_t start = 0;

	if (b->len == 0)
		return;
	while (b->len > 0 && strchr(" \t\n\r\f\v", b->s[b->len - 1]) != NULL)
		b->len--;
	while (start < b->len && strchr(" \t\n\r\f\v", b->s[start]) != NULL)
		start++;
	memmove(b->s, b->s + start, b->len - start);
	b->len -= start;
	b->s[b->len] = '\0';
}

/* The contents; "" for an empty buffer.  Borrowed. */
const char *
buf_str(const struct buf *b)
{
	return b->s != NULL ? b->s : "";
}

/* Hand the contents to the caller and leave the buffer empty. */
char *
buf_take(struct buf *b)
{
	char *s = b->s != NULL ? b->s : xstrdup("");

	buf_init(b);
	return s;
}
