/*
 * utf8.c -- UTF-8 validation and decoding (see utf8.h).
 */
#include "config.h"

#include <string.h>

#include "utf8.h"

/* Length of the sequence a lead byte starts, 0 if it cannot lead. */
static size_t
utf8_seqlen(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	if (c >= 0xe0 && c <= 0xef)
		return 3;
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	return 0;
}

/*
 * The end of the run of ASCII bytes from u[i], eight bytes at a time:
 * most text is ASCII, and every line read and every CSL-JSON value is
 * checked.
 */
static size_t
utf8_ascii_end(const unsigned char *u, size_t i, size_t len)
{
	uint64_t w;

	while (len - i >= sizeof(w)) {
		memcpy(&w, u + i, sizeof(w));
		if ((w & 0x8080808080808080ULL) != 0)
			break;
		i += sizeof(w);
	}
	while (i < len && u[i] < 0x80)
		i++;
	return i;
}

size_t
utf8_valid_prefix(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n, k;

	while (i < len) {
		if (u[i] < 0x80) {
			i = utf8_ascii_end(u, i, len);
			continue;
		}
		if ((n = utf8_seqlen(u[i])) == 0 || i + n > len)
			return i;
		for (k = 1; k < n; k++)
			if ((u[i + k] & 0xc0) != 0x80)
				return i;
		/* Overlong three- and four-byte forms, surrogates, > U+10FFFF. */
		if ((u[i] == 0xe0 && u[i + 1] < 0xa0) ||
		    (u[i] == 0xed && u[i + 1] >= 0xa0) ||
		    (u[i] == 0xf0 && u[i + 1] < 0x90) ||
		    (u[i] == 0xf4 && u[i + 1] >= 0x90))
			return i;
		i += n;
	}
	return len;
}

uint32_t
utf8_next(const char **p)
{
	const unsigned char *u = (const unsigned char *)*p;
	uint32_t c;
	size_t n = utf8_seqlen(u[0]), k;

	if (n <= 1) {
		(*p)++;
		return u[0];
	}
	c = u[0] & (0xff >> (n + 1));
	for (k = 1; k < n; k++)
		c = (c << 6) | (u[k] & 0x3f);
	*p += n;
	return c;
}

size_t
utf8_put(uint32_t c, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (c < 0x80) {
		o[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = 0xc0 | (c >> 6);
		o[1] = 0x80 | (c & 0x3f);
		return 2;
	}
	if (c < 0x10000) {
		o[0] = 0xe0 | (c >> 12);
		o[1] = 0x80 | ((c >> 6) & 0x3f);
		o[2] = 0x80 | (c & 0x3f);
		return 3;
	}
	o[0] = 0xf0 | (c >> 18);
	o[1] = 0x80 | ((c >> 12) & 0x3f);
	o[2] = 0x80 | ((c >> 6) & 0x3f);
	o[3] = 0x80 | (c & 0x3f);
	return 4;
}

size_t
utf8_columns(const char *s, size_t len)
{
	size_t i, cols = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			cols++;
	return cols;
}
