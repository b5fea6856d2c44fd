/*
 * test_split.c -- one entry per list item.
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

#include "clean.h"
#include "split.h"
#include "rules_fixture.h"


/*
 * Split lines (with leading blanks as indent; "" is a paragraph break; "@"
 * starts a markup item, "^" marks a line set apart by markup) and return
 * "label:first-last:text" joined by " || ".
 */
static void
split_lines(const char *const *lines, char *out, size_t size)
{
	struct splitter *sp = split_new(rules);
	struct rawentry raw;
	struct cline cl;
	size_t i;
	int more = 1;

	out[0] = '\0';
	for (i = 0; more; i++) {
		char item[512];
		int got;

		if (lines[i] == NULL) {
			got = split_flush(sp, &raw);
			more = 0;
		} else {
			memset(&cl, 0, sizeof(cl));
			cl.indent = (int)strspn(lines[i], " ");
			cl.s = lines[i] + cl.indent;
			if (*cl.s == '@') {	/* a markup item: \item, <li> */
				cl.item = 1;
				cl.s++;
			}
			if (*cl.s == '^') {	/* set apart: <br> */
				cl.set_apart = 1;
				cl.s++;
			}
			cl.blank = (*cl.s == '\0');
			cl.lineno = i + 1;
			got = split_push(sp, &cl, &raw);
		}
		if (!got)
			continue;
		snprintf(item, sizeof(item), "%s%s:%lu-%lu:%s", out[0] ? " || " :
		    "", raw.label ? raw.label : "", raw.first, raw.last, raw.text);
		strncat(out, item, size - strlen(out) - 1);
	}
	split_free(sp);
}

static void
test_split_labels_and_bullets(void **state)
{
	const char *lines[] = { "[C1] First entry.", "- [C2] Second",
	    "entry continued.", "", "- [P12] Third.", "3. Fourth.",
	    "(4) Fifth.", "* Sixth.", "- [C10032] Seventh.", NULL };
	char out[1024];

	(void)state;
	split_lines(lines, out, sizeof(out));
	assert_string_equal(out, "C1:1-1:First entry. || C2:2-3:Second entry "
	    "continued. || P12:5-5:Third. || 3:6-6:Fourth. || 4:7-7:Fifth. || "
	    ":8-8:Sixth. || C10032:9-9:Seventh.");
}

static void
test_split_paragraphs_and_hyphenation(void **state)
{
	const char *lines[] = { "A. Smith. Reexamining direct cache ac-",
	    "cess for multi-", "hundred-gigabit networks. 2020.", "",
	    "B. Jones. Linux-", "based I/O. 2021.", NULL };
	char out[1024];

	(void)state;
	split_lines(lines, out, sizeof(out));
	assert_string_equal(out, ":1-3:A. Smith. Reexamining direct cache "
	    "access for multi-hundred-gigabit networks. 2020. || :5-6:B. Jones."
	    " Linux-based I/O. 2021.");
}

static void
test_split_markup_items_hold_their_lines(void **state)
{
	/* Short lines ending in a full stop do not start entries in items. */
	const char *lines[] = { "@A. Smith, B. Jones", "Title of the paper.",
	    "Phys. Rev. Lett. 109, 030403 (2012)",
	    "Selected for the Highlights section.", "@C. Lee. T2. J, 2021.",
	    NULL };
	char out[1024];

	(void)state;
	split_lines(lines, out, sizeof(out));
	assert_string_equal(out, ":1-4:A. Smith, B. Jones Title of the paper. "
	    "Phys. Rev. Lett. 109, 030403 (2012) Selected for the Highlights "
	    "section. || :5-5:C. Lee. T2. J, 2021.");
}

static void
test_split_lines_set_apart_are_parts(void **state)
{
	/* "Title<br>Authors<br>Venue": each part ends with a full stop. */
	const char *lines[] = { "^\001Learning to rank\002",
	    "^Ana Souza, Pedro Lima", "^WWW, 2022.", "", "^Title two",
	    "^B. Lee", NULL };
	char out[1024];

	(void)state;
	split_lines(lines, out, sizeof(out));
	assert_string_equal(out, ":1-3:\001Learning to rank.\002 Ana Souza, "
	    "Pedro Lima. WWW, 2022. || :5-6:Title two. B. Lee");
	/* The stop goes before a link's target, not into it. */
	lines[0] = "^\007Learning to rank\005https://x.org/a\006";
	split_lines(lines, out, sizeof(out));
	assert_string_equal(out, ":1-3:\007Learning to rank.\005https://x.org/a"
	    "\006 Ana Souza, Pedro Lima. WWW, 2022. || :5-6:Title two. B. Lee");
}

static void
test_split_hyphen_lost_by_pdf(void **state)
{
	/* "reinforce" + "ment": a part no word is alone; "the" + "nation"
	 * stay two words. */
	const char *lines[] = { "A. Smith. Decision trees for reinforce",
	    "ment learning in the", "nation. 1999.", NULL };
	char out[1024];

	(void)state;
	split_lines(lines, out, sizeof(out));
	assert_string_equal(out, ":1-3:A. Smith. Decision trees for "
	    "reinforcement learning in the nation. 1999.");
}

static void
test_split_nested_bullets(void **state)
{
	/* Indented bullets: a part of the entry, unless they hold a year or
	 * stand under a year alone. */
	const char *lines[] = { "* A. Smith. Deep things. NeurIPS, 2020.",
	    "  * [paper] [code]", "* 2019", "  * D. Poe. Third things. KDD.",
	    "  * E. Foe. Fourth things. WWW, 2019.", NULL };
	char out[1024];

	(void)state;
	split_lines(lines, out, sizeof(out));
	assert_string_equal(out, ":1-2:A. Smith. Deep things. NeurIPS, 2020. "
	    "[paper] [code] || :3-3:2019 || :4-4:D. Poe. Third things. KDD. || "
	    ":5-5:E. Foe. Fourth things. WWW, 2019.");
}

static void
test_split_vancouver_lines(void **state)
{
	/* One reference per line, "Last F." first: each line an entry. */
	const char *lines[] = {
	    "Smith J. CV risk in adults. J Med. 2020;1:1-2.",
	    "Lee K. Resume parsing with graphs. ACL, 2021.", NULL };
	char out[1024];

	(void)state;
	split_lines(lines, out, sizeof(out));
	assert_string_equal(out, ":1-1:Smith J. CV risk in adults. J Med. "
	    "2020;1:1-2. || :2-2:Lee K. Resume parsing with graphs. ACL, 2021.");
}

static void
test_split_hanging_indent(void **state)
{
	const char *lines[] = { "Smith, J. (2020). A long title that wraps",
	    "    onto a second line. Journal, 1(2), 3-4.",
	    "Jones, K. (2019). Another title. Journal, 5, 6-7.",
	    "    More text.", NULL };
	char out[1024];

	(void)state;
	split_lines(lines, out, sizeof(out));
	assert_string_equal(out, ":1-2:Smith, J. (2020). A long title that "
	    "wraps onto a second line. Journal, 1(2), 3-4. || :3-4:Jones, K. "
	    "(2019). Another title. Journal, 5, 6-7. More text.");
}

static void
test_split_year_at_line_start_is_no_label(void **state)
{
	const char *lines[] = { "1. A. Smith. Title. In Proc. of X,",
	    "2020. Pages 1-2.", NULL };
	char out[1024];

	(void)state;
	split_lines(lines, out, sizeof(out));
	assert_string_equal(out, "1:1-2:A. Smith. Title. In Proc. of X, 2020. "
	    "Pages 1-2.");
}

static void
test_split_given_names_written_out(void **state)
{
	/* German "Family, Given (Year):" and Chicago "Family, Given. Year."
	 * lines, one entry a line, no blank lines between them. */
	const char *lines[] = {
	    "Luhmann, Niklas (1984): Soziale Systeme. Frankfurt: Suhrkamp.",
	    "Beck, Ulrich/Giddens, Anthony (1996): Reflexive Modernisierung.",
	    "Kuhn, Thomas S. 1962. The Structure of Scientific Revolutions.",
	    "Sedgwick, Eve Kosofsky. 1990. Epistemology of the Closet.",
	    NULL };
	char out[1024];

	(void)state;
	split_lines(lines, out, sizeof(out));
	assert_string_equal(out, ":1-1:Luhmann, Niklas (1984): Soziale "
	    "Systeme. Frankfurt: Suhrkamp. || :2-2:Beck, Ulrich/Giddens, "
	    "Anthony (1996): Reflexive Modernisierung. || :3-3:Kuhn, Thomas S. "
	    "1962. The Structure of Scientific Revolutions. || :4-4:Sedgwick, "
	    "Eve Kosofsky. 1990. Epistemology of the Closet.");
}

static void
test_split_line_ending_in_initials(void **state)
{
	/* A wrapped author list broken after initials stays one entry. */
	const char *lines[] = {
	    "K. S. Novoselov, A. K. Geim, S. V. Morozov, D. Jiang, Y. Zhang, S. V.",
	    "Dubonos, I. V. Grigorieva, and A. A. Firsov, Electric field effect in",
	    "atomically thin carbon films, Science 306, 666 (2004).", "", NULL };
	char out[1024];

	(void)state;
	split_lines(lines, out, sizeof(out));
	assert_string_equal(out, ":1-3:K. S. Novoselov, A. K. Geim, S. V. "
	    "Morozov, D. Jiang, Y. Zhang, S. V. Dubonos, I. V. Grigorieva, and "
	    "A. A. Firsov, Electric field effect in atomically thin carbon "
	    "films, Science 306, 666 (2004).");
}

static void
test_split_group_author_starts_entry(void **state)
{
	/* APA, one entry a line: a group author with its year starts one. */
	const char *lines[] = {
	    "Harris, C. R., & Millman, K. J. (2020). Array programming with "
	    "NumPy. Nature, 585(7825), 357-362. https://doi.org/10.1038/x",
	    "Open Science Collaboration. (2015). Estimating the "
	    "reproducibility of psychological science. Science, 349(6251).",
	    NULL };
	char out[1024];

	(void)state;
	split_lines(lines, out, sizeof(out));
	assert_non_null(strstr(out, " || :2-2:Open Science Collaboration."));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_labels_and_bullets),
		cmocka_unit_test(test_split_paragraphs_and_hyphenation),
		cmocka_unit_test(test_split_markup_items_hold_their_lines),
		cmocka_unit_test(test_split_lines_set_apart_are_parts),
		cmocka_unit_test(test_split_hyphen_lost_by_pdf),
		cmocka_unit_test(test_split_nested_bullets),
		cmocka_unit_test(test_split_vancouver_lines),
		cmocka_unit_test(test_split_hanging_indent),
		cmocka_unit_test(test_split_year_at_line_start_is_no_label),
		cmocka_unit_test(test_split_given_names_written_out),
		cmocka_unit_test(test_split_line_ending_in_initials),
		cmocka_unit_test(test_split_group_author_starts_entry),
	};

	return cmocka_run_group_tests(tests, fixture_setup,
	    fixture_teardown);
}
