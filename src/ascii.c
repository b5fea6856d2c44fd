/*
 * ascii.c -- fold text to lower-case ASCII (see ascii.h).
 */
#include "config.h"

#include <ctype.h>

#include "ascii.h"
#include "buf.h"
#include "utf8.h"

#include "ascii_tab.h"

void
ascii_fold(const char *s, struct buf *b)
{
	const char *p = s, *a;
	uint32_t c;

	while (*p != '\0') {
		c = utf8_next(&p);
		if (c < 0x80) {
			if (isalnum((int)c))
				buf_putc(b, (char)tolower((int)c));
			continue;
		}
		if (c < 0xc0 || c >= 0x180)
			continue;
		for (a = ascii_fold_tab[c - 0xc0]; *a != '\0'; a++)
			buf_putc(b, (char)tolower((unsigned char)*a));
	}
}
