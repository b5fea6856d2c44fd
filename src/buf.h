/*
 * buf.h -- a growable byte buffer, always NUL-terminated.
 *
 * A struct buf is a value the caller owns; buf_free() releases its storage
 * and buf_take() hands the string over to the caller (who frees it).
 */
#ifndef CV2BIB_BUF_H
#define CV2BIB_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*s;	/* NUL-terminated contents, or NULL while empty */
	size_t	 len;
	size_t	 cap;
};

#define BUF_INIT { NULL, 0, 0 }

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_grow(struct buf *, size_t);
void	 buf_append(struct buf *, const char *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc_grow(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
void	 buf_trim(struct buf *);
const char *buf_str(const struct buf *);
char	*buf_take(struct buf *);

/*
 * Append one byte.  Inline: the stages build their text a byte at a time,
 * and a call per byte (or three, through buf_append()) was a cost.
 */
static inline void
buf_putc(struct buf *b, char c)
{
	if (b->len + 1 < b->cap) {
		b->s[b->len++] = c;
		b->s[b->len] = '\0';
	} else
		buf_putc_grow(b, c);
}

#endif
