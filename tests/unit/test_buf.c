/*
 * test_buf.c -- the growable buffer.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"

static void
test_buf_append_then_take(void **state)
{
	struct buf b = BUF_INIT;
	char *s;

	(void)state;
	assert_string_equal(buf_str(&b), "");
	buf_puts(&b, "Maguire");
	buf_putc(&b, ' ');
	buf_printf(&b, "Jr. %d", 2024);
	assert_int_equal(b.len, strlen("Maguire Jr. 2024"));
	s = buf_take(&b);
	assert_string_equal(s, "Maguire Jr. 2024");
	assert_null(b.s);
	assert_int_equal(b.len, 0);
	free(s);
}

static void
test_buf_grows_past_initial_capacity(void **state)
{
	struct buf b = BUF_INIT;
	int i;

	(void)state;
	for (i = 0; i < 10000; i++)
		buf_putc(&b, (char)('a' + i % 26));
	assert_int_equal(b.len, 10000);
	assert_true(b.cap > 10000);
	assert_int_equal(b.s[9999], 'a' + 9999 % 26);
	assert_int_equal(b.s[10000], '\0');
	buf_free(&b);
}

static void
test_buf_trim_removes_blanks_both_ends(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_puts(&b, " \t Kostić \n");
	buf_trim(&b);
	assert_string_equal(buf_str(&b), "Kostić");
	buf_reset(&b);
	buf_puts(&b, "   ");
	buf_trim(&b);
	assert_string_equal(buf_str(&b), "");
	buf_free(&b);
}

static void
test_buf_take_of_empty_is_empty_string(void **state)
{
	struct buf b = BUF_INIT;
	char *s = buf_take(&b);

	(void)state;
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_append_then_take),
		cmocka_unit_test(test_buf_grows_past_initial_capacity),
		cmocka_unit_test(test_buf_trim_removes_blanks_both_ends),
		cmocka_unit_test(test_buf_take_of_empty_is_empty_string),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
