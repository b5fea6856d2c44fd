/*
 * test_read.c -- the reader: line ends, BOM, and what is not text.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "diag.h"
#include "read.h"
#include "xmalloc.h"

static char	 diag_text[4096];
static FILE	*diag_fp;

static int
setup(void **state)
{
	(void)state;
	memset(diag_text, 0, sizeof(diag_text));
	diag_fp = fmemopen(diag_text, sizeof(diag_text) - 1, "w");
	diag_set_output(diag_fp);
	diag_reset();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	fclose(diag_fp);
	diag_set_output(NULL);
	return 0;
}

/* Read all lines of the bytes into one string joined by '|'; -1 on error. */
static int
read_all(const char *bytes, size_t len, char *out, size_t size)
{
	FILE *fp = fmemopen((void *)bytes, len, "r");
	struct reader *r = reader_new(fp, "cv.txt");
	struct line ln;
	int rc;

	out[0] = '\0';
	while ((rc = reader_next(r, &ln)) == 1) {
		if (out[0] != '\0')
			strncat(out, "|", size - strlen(out) - 1);
		strncat(out, ln.s, size - strlen(out) - 1);
	}
	reader_free(r);
	fclose(fp);
	fflush(diag_fp);
	return rc;
}

static void
test_read_lf_crlf_and_cr_alike(void **state)
{
	char out[256];

	(void)state;
	assert_int_equal(read_all("a\nb\n", 4, out, sizeof(out)), 0);
	assert_string_equal(out, "a|b");
	assert_int_equal(read_all("a\r\nb\r\n", 6, out, sizeof(out)), 0);
	assert_string_equal(out, "a|b");
	assert_int_equal(read_all("a\rb", 3, out, sizeof(out)), 0);
	assert_string_equal(out, "a|b");
	assert_int_equal(read_all("a\n\nb", 4, out, sizeof(out)), 0);
	assert_string_equal(out, "a||b");
}

static void
test_read_strips_utf8_bom(void **state)
{
	char out[256];

	(void)state;
	assert_int_equal(read_all("\xef\xbb\xbfKosti\xc4\x87\n", 11, out,
	    sizeof(out)), 0);
	assert_string_equal(out, "Kostić");
}

static void
test_read_rejects_nul_byte(void **state)
{
	char out[256];

	(void)state;
	assert_int_equal(read_all("ok\nab\0c\n", 8, out, sizeof(out)), -1);
	assert_non_null(strstr(diag_text, "cv.txt:2: error: NUL byte at "
	    "column 3"));
	assert_int_equal(diag_worst(), DIAG_ERROR);
}

static void
test_read_rejects_invalid_utf8_with_position(void **state)
{
	char out[256];

	(void)state;
	assert_int_equal(read_all("caf\xe9\n", 5, out, sizeof(out)), -1);
	assert_non_null(strstr(diag_text, "cv.txt:1: error: invalid UTF-8 "
	    "(byte 0xe9 at column 4)"));
}

static void
test_read_rejects_overlong_and_surrogate(void **state)
{
	char out[256];

	(void)state;
	assert_int_equal(read_all("\xc0\xaf\n", 3, out, sizeof(out)), -1);
	assert_int_equal(read_all("\xed\xa0\x80\n", 4, out, sizeof(out)), -1);
}

static void
test_read_rejects_utf16(void **state)
{
	char out[256];

	(void)state;
	assert_int_equal(read_all("\xff\xfeh\0i\0", 6, out, sizeof(out)), -1);
	assert_non_null(strstr(diag_text, "UTF-16"));
}

static void
test_read_rejects_huge_line(void **state)
{
	size_t n = READ_LINE_MAX + 10;
	char *big = xmalloc(n), out[64];

	(void)state;
	memset(big, 'x', n);
	assert_int_equal(read_all(big, n, out, sizeof(out)), -1);
	assert_non_null(strstr(diag_text, "cv.txt:1: error: line longer"));
	free(big);
}

static void
test_read_lines_across_block_boundaries(void **state)
{
	/* Lines longer than the read-ahead block still come out whole. */
	size_t n = READ_PEEK_MAX * 3 + 5, i;
	char *big = xmalloc(n + 1);
	FILE *fp;
	struct reader *r;
	struct line ln;

	(void)state;
	for (i = 0; i < n; i++)
		big[i] = (i % 1000 == 999) ? '\n' : 'a';
	fp = fmemopen(big, n, "r");
	r = reader_new(fp, "big.txt");
	i = 0;
	while (reader_next(r, &ln) == 1) {
		if (ln.lineno * 1000 <= n)
			assert_int_equal(ln.len, 999);
		i++;
	}
	assert_int_equal(i, n / 1000 + 1);
	reader_free(r);
	fclose(fp);
	free(big);
}

static void
test_read_form_feed_is_a_blank(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(read_all("a\fb\n", 4, out, sizeof(out)), 0);
	assert_string_equal(out, "a b");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read_lf_crlf_and_cr_alike,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_strips_utf8_bom,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_rejects_nul_byte,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_read_rejects_invalid_utf8_with_position, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_read_rejects_overlong_and_surrogate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_rejects_utf16,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_rejects_huge_line,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_read_lines_across_block_boundaries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_form_feed_is_a_blank,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
