/*
 * ascii.c -- fold text to lower-case ASCII (see ascii.h).
 */
#include "config.h"

#include <string.h>

#include "ascii.h"
#include "buf.h"
#include "utf8.h"

#include "ascii_tab.h"

size_t
ascii_fold_char(uint32_t c, char *out)
{
	const char *a;
	size_t n = 0;

	if (c < 0x80)
		return (out[0] = ascii_alnum((unsigned char)c)) != '\0';
	if (c < 0xc0 || c >= 0x180)
		return 0;
	for (a = ascii_fold_tab[c - 0xc0]; *a != '\0'; a++)
		out[n++] = ascii_alnum((unsigned char)*a);
	return n;
}

/*
 * No character folds to more bytes than twice those it takes (ASCII one
 * for one, the table at most two letters for a two-byte character, or
 * for a stray byte), so one grow serves and the loop writes directly.
 */
void
ascii_foldn(const char *s, size_t len, struct buf *b)
{
	const char *p = s, *end = s + len;
	char *o;

	buf_grow(b, 2 * len);
	o = b->s + b->len;
	while (p < end) {
		if ((unsigned char)*p < 0x80) {
			if ((*o = ascii_alnum((unsigned char)*p++)) != '\0')
				o++;
		} else
			o += ascii_fold_char(utf8_next(&p), o);
	}
	*o = '\0';
	b->len = (size_t)(o - b->s);
}

void
ascii_fold(const char *s, struct buf *b)
{
	ascii_foldn(s, strlen(s), b);
}
