/*
 * test_names.c -- author lists in the orders CVs use.
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

#include "buf.h"
#include "diag.h"
#include "entry.h"
#include "fields.h"
#include "names.h"
#include "split.h"
#include "rules_fixture.h"


/* "family|given|particle|suffix; ..." for comparison. */
static char *
show(const struct namelist *nl)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < nl->n; i++) {
		const struct name *n = &nl->v[i];

		buf_printf(&b, "%s%s|%s|%s|%s", i ? "; " : "",
		    n->family ? n->family : "", n->given ? n->given : "",
		    n->particle ? n->particle : "", n->suffix ? n->suffix : "");
	}
	if (nl->etal)
		buf_puts(&b, "; et al.");
	return buf_take(&b);
}

/* Parse text as a whole entry, where the list meets the title. */
static struct entry *
parse(const char *text)
{
	struct fields_ctx ctx = { rules, "cv.txt", TYPE_UNKNOWN, NULL };
	struct rawentry raw = { text, NULL, 1, 1 };
	struct entry *e;
	FILE *null = fopen("/dev/null", "w");

	diag_set_output(null);
	e = fields_parse(&ctx, &raw);
	diag_set_output(NULL);
	fclose(null);
	return e;
}

/* Scan s; check the names and what is left after the list. */
static void
check(const char *s, const char *names, const char *rest)
{
	struct namelist nl;
	int ended;
	size_t used;
	char *got;

	memset(&nl, 0, sizeof(nl));
	used = names_scan(rules, s, &nl, &ended);
	got = show(&nl);
	assert_string_equal(got, names);
	assert_string_equal(s + used, rest);
	free(got);
	namelist_clear(&nl);
}

static void
test_names_natural_order_with_suffix_and_diacritics(void **state)
{
	(void)state;
	check("Hamid Ghasemirahni, Gerald Q. Maguire Jr., Dejan Kostić, Marco "
	    "Chiesa. FAJITA: Stateful", "Ghasemirahni|Hamid||; Maguire|Gerald "
	    "Q.||Jr.; Kostić|Dejan||; Chiesa|Marco||", "FAJITA: Stateful");
}

static void
test_names_suffix_with_stop_ends_the_list(void **state)
{
	(void)state;
	check("Dejan Kostić, Gerald Q. Maguire Jr. Processing Unit, Packet "
	    "Handling", "Kostić|Dejan||; Maguire|Gerald Q.||Jr.",
	    "Processing Unit, Packet Handling");
	check("Dejan Kostić, Gerald Q. Maguire Jr, Hamid Ghasemirahni. T",
	    "Kostić|Dejan||; Maguire|Gerald Q.||Jr; Ghasemirahni|Hamid||", "T");
}

static void
test_names_ieee_initials_and_quoted_title(void **state)
{
	(void)state;
	check("A. B. Smith, C. Jones, and D. van der Berg, “A Title,” in Proc.",
	    "Smith|A. B.||; Jones|C.||; Berg|D.|van der|",
	    "“A Title,” in Proc.");
}

static void
test_names_apa_inverted_with_ampersand(void **state)
{
	(void)state;
	check("Smith, J. A., García-Márquez, G., & de la Cruz, M. (2020). T.",
	    "Smith|J. A.||; García-Márquez|G.||; Cruz|M.|de la|",
	    "(2020). T.");
}

static void
test_names_vancouver(void **state)
{
	(void)state;
	check("Smith AB, Jones C, Kostić D. Title of it. J Abbr. 2020;1:2.",
	    "Smith|A. B.||; Jones|C.||; Kostić|D.||", "Title of it. J Abbr. "
	    "2020;1:2.");
}

static void
test_names_et_al_and_marks(void **state)
{
	(void)state;
	check("Alireza Farshin*, Amir Roozbeh†, et al. Title.",
	    "Farshin|Alireza||; Roozbeh|Amir||; et al.", "Title.");
	check("Smith, J., and others. 2020. T.", "Smith|J.||; et al.",
	    "2020. T.");
}

static void
test_names_inverted_full_given_names(void **state)
{
	(void)state;
	check("Farshin, Alireza, and Sharifian, Saeed. Title.",
	    "Farshin|Alireza||; Sharifian|Saeed||", "Title.");
}

static void
test_names_chicago_first_inverted_then_natural(void **state)
{
	(void)state;
	/* One author, two given names (Chicago, MLA). */
	check("Sedgwick, Eve Kosofsky. 1990. Epistemology",
	    "Sedgwick|Eve Kosofsky||", "1990. Epistemology");
	/* The first name inverted, the others natural (AEA). */
	check("Mankiw, N. Gregory, David Romer, and David N. Weil. 1992. A",
	    "Mankiw|N. Gregory||; Romer|David||; Weil|David N.||", "1992. A");
	check("Chetty, Raj, John N. Friedman, Nathaniel Hendren, Maggie R. "
	    "Jones, and Sonya R. Porter. \"The", "Chetty|Raj||; Friedman|John "
	    "N.||; Hendren|Nathaniel||; Jones|Maggie R.||; Porter|Sonya R.||",
	    "\"The");
}

static void
test_names_german_slashes(void **state)
{
	(void)state;
	check("Beck, Ulrich/Giddens, Anthony/Lash, Scott (1996): Reflexive",
	    "Beck|Ulrich||; Giddens|Anthony||; Lash|Scott||",
	    "(1996): Reflexive");
	check("Mayntz, Renate/Scharpf, Fritz W. (Hrsg.) (1995): G",
	    "Mayntz|Renate||; Scharpf|Fritz W.||", "(Hrsg.) (1995): G");
}

static void
test_names_all_caps_family(void **state)
{
	(void)state;
	check("FARSHIN, A. and KOSTIC, D. Title.", "Farshin|A.||; Kostic|D.||",
	    "Title.");
}

static void
test_names_affiliation_marks_glued(void **state)
{
	(void)state;
	check("Jing Huoa,b,1, Tianqi Xu, Andrew M. Leifer, and Quan Wen, "
	    "\"Title\"", "Huo|Jing||; Xu|Tianqi||; Leifer|Andrew M.||; "
	    "Wen|Quan||", "\"Title\"");
	check("A. Smith1,2, B. Jones2*, C. Kim,a, D. Lee. Title.",
	    "Smith|A.||; Jones|B.||; Kim|C.||; Lee|D.||", "Title.");
}

static void
test_names_remark_in_parentheses(void **state)
{
	struct namelist nl;
	int ended;

	(void)state;
	check("Daniel J Cohen, Andrew M Leifer (corresponding author), Daniel "
	    "R. Marlow. \"T\"", "Cohen|Daniel J||; Leifer|Andrew M||; "
	    "Marlow|Daniel R.||", "\"T\"");
	memset(&nl, 0, sizeof(nl));
	names_scan(rules, "A. Smith (equal contribution), B. Jones. T", &nl,
	    &ended);
	assert_int_equal(nl.n, 2);
	assert_int_equal(nl.v[0].flags & NAME_EQUAL, NAME_EQUAL);
	namelist_clear(&nl);
	/* An unknown remark still ends the list. */
	check("A. Smith (2020). Title.", "Smith|A.||", "(2020). Title.");
}

static void
test_names_and_before_a_lower_case_word_is_a_sentence(void **state)
{
	(void)state;
	check("Linear and quadratic response, A.V. Matveev", "",
	    "Linear and quadratic response, A.V. Matveev");
	check("Integrating POMDP and reinforcement learning", "",
	    "Integrating POMDP and reinforcement learning");
	check("Smith and Jones. Title.", "Smith|||; Jones|||", "Title.");
}

static void
test_names_ampersand_inverted_full_given_names(void **state)
{
	(void)state;
	check("Lynch, T. Sean & Oak, Sameer & Morita Sherman, Marcia & "
	    "Zajichek, Alexander. (2021). T", "Lynch|T. Sean||; Oak|Sameer||; "
	    "Morita Sherman|Marcia||; Zajichek|Alexander||", "(2021). T");
	check("Kaloxylos, Alexandros, Gavras, Anastasius, Camps Mur, Daniel, "
	    "Hrasnica, Halid et al., T", "Kaloxylos|Alexandros||; "
	    "Gavras|Anastasius||; Camps Mur|Daniel||; Hrasnica|Halid||; "
	    "et al.", "T");
	/* Between ampersands a name typed in small letters is one. */
	check("Louis, Shreya & vegh, deborah & Busch, Robyn. (2020). T",
	    "Louis|Shreya||; vegh|deborah||; Busch|Robyn||", "(2020). T");
	check("Louis, Shreya & vegh, deborah. T", "Louis|Shreya||",
	    "& vegh, deborah. T");
	/* A title after the initials is no given name. */
	check("Morel, R. Spread and scale in the digital age.", "Morel|R.||",
	    "Spread and scale in the digital age.");
}

static void
test_names_family_then_initials_with_stops(void **state)
{
	(void)state;
	check("Morel R. & Coburn, C. E. (2019). Access.", "Morel|R.||; "
	    "Coburn|C. E.||", "(2019). Access.");
	check("Smith J.A., Jones K., Kostić D. Title of it.", "Smith|J.A.||; "
	    "Jones|K.||; Kostić|D.||", "Title of it.");
}

static void
test_names_inverted_comma_left_out(void **state)
{
	(void)state;
	check("Coburn, C.E. Catterson, A. K., Higgs, J. & Morel, R. (2013). T",
	    "Coburn|C.E.||; Catterson|A. K.||; Higgs|J.||; Morel|R.||",
	    "(2013). T");
}

static void
test_names_lone_word_after_full_names(void **state)
{
	(void)state;
	check("A.V. Matveev, Dissertation, Technische Universität München",
	    "Matveev|A.V.||", "Dissertation, Technische Universität München");
	check("A. Smith, B. Jones, Nature 5, 1 (2020).", "Smith|A.||; "
	    "Jones|B.||", "Nature 5, 1 (2020).");
}

static void
test_names_organisation_is_literal(void **state)
{
	struct namelist nl;
	int ended;

	(void)state;
	memset(&nl, 0, sizeof(nl));
	names_scan(rules, "Princeton Open Ventilation Monitor Collaboration, "
	    "Philippe Bourrianne, Stanley Chidzik. \"T\"", &nl, &ended);
	assert_int_equal(nl.n, 3);
	assert_string_equal(nl.v[0].family,
	    "Princeton Open Ventilation Monitor Collaboration");
	assert_null(nl.v[0].given);
	assert_int_equal(nl.v[0].flags & NAME_LITERAL, NAME_LITERAL);
	assert_string_equal(nl.v[1].family, "Bourrianne");
	namelist_clear(&nl);
	check("OME Cleveland Clinic Orthopaedics. Value in Research.",
	    "OME Cleveland Clinic Orthopaedics|||", "Value in Research.");
}

static void
test_names_particles_capitalised_and_compound_family(void **state)
{
	(void)state;
	check("J. Van Dijk, Mary De la Cruz, and Ludwig van Beethoven. T.",
	    "Van Dijk|J.||; De la Cruz|Mary||; Beethoven|Ludwig|van|", "T.");
	/* First in a name in order, "Van" is a given name. */
	check("Van Morrison and Jim Smith. T.", "Morrison|Van||; "
	    "Smith|Jim||", "T.");
	check("H. García Márquez, Gabriel García Márquez and A. Pérez. T.",
	    "García Márquez|H.||; García Márquez|Gabriel||; Pérez|A.||",
	    "T.");
	check("Smith III, John, and Jones, Jr., Mary. T.",
	    "Smith|John||III; Jones|Mary||Jr.", "T.");
	check("Ahmad bin Ismail, Siti binti Aziz. T.",
	    "Ismail|Ahmad|bin|; Aziz|Siti|binti|", "T.");
}

static void
test_names_capitals_mark_the_family_name(void **state)
{
	(void)state;
	check("DUPONT Jean-Pierre, MARTIN Anne. Titre.",
	    "Dupont|Jean-Pierre||; Martin|Anne||", "Titre.");
	check("Jean DUPONT, Anne MARTIN. Titre.",
	    "Dupont|Jean||; Martin|Anne||", "Titre.");
	check("JOHN SMITH, MARY JONES. Title.",
	    "Smith|John||; Jones|Mary||", "Title.");
}

static void
test_names_cjk_family_length_and_separators(void **state)
{
	(void)state;
	/* Japanese (kana in the text): two-character family names. */
	check("三石大・吉廣卓哉, 宇田川佳久. データベース",
	    "三石|大||; 吉廣|卓哉||; 宇田川|佳久||", "データベース");
	/* Chinese: one character, or a compound family name. */
	check("王小明, 欧阳修文, 李华. 标题", "王|小明||; 欧阳|修文||; "
	    "李|华||", "标题");
	check("國島 丈生, 横田 一正. タイトル", "國島|丈生||; 横田|一正||",
	    "タイトル");
	/* A long word or one with kana is no name. */
	check("チュートリアル「XML」, 研究会", "", "チュートリアル「XML」, 研究会");
}

static void
test_names_cjk_roles(void **state)
{
	struct namelist nl, ed;
	int ended;
	size_t used;
	const char *s = "白鳥則郎監修, 三石大・吉廣卓哉編著, 富樫敦著: "
	    "データベース";

	(void)state;
	/* A supervisor is dropped; the authors who also edited are kept. */
	check(s, "三石|大||; 吉廣|卓哉||; 富樫|敦||", "データベース");
	memset(&nl, 0, sizeof(nl));
	memset(&ed, 0, sizeof(ed));
	names_scan(rules, "横田一正, 國島丈生（編）: データ工学論文集", &nl,
	    &ended);
	names_move_editors(&nl, &ed);
	assert_int_equal(nl.n, 0);
	assert_int_equal(ed.n, 2);
	assert_string_equal(ed.v[1].family, "國島");
	assert_int_equal(ed.v[1].flags & NAME_EDITOR, 0);
	namelist_clear(&ed);
	/* Translators only: no names, but the list is still skipped. */
	used = names_scan(rules, "横田一正監訳, 國島丈生訳: 書名", &nl,
	    &ended);
	assert_int_equal(nl.n, 0);
	assert_string_equal("横田一正監訳, 國島丈生訳: 書名" + used, "書名");
	namelist_clear(&nl);
}

static void
test_names_family_first_with_several_initials(void **state)
{
	(void)state;
	check("Иванов И. И., Петров П. П., Сидоров С. С. Название статьи.",
	    "Иванов|И. И.||; Петров|П. П.||; Сидоров|С. С.||",
	    "Название статьи.");
}

static void
test_names_conjunctions_of_other_languages(void **state)
{
	(void)state;
	check("Dupont, J.-P., Lefèvre, É. et Durand, C. (2018). Un titre.",
	    "Dupont|J.-P.||; Lefèvre|É.||; Durand|C.||", "(2018). Un titre.");
	check("García, J. y López, M. (2017). Un título.",
	    "García|J.||; López|M.||", "(2017). Un título.");
	check("Müller, A. und Schmidt, B. Ein Titel.",
	    "Müller|A.||; Schmidt|B.||", "Ein Titel.");
	/* "y" between family names is a particle. */
	check("José Ortega y Gasset. La rebelión.", "Gasset|José Ortega|y|",
	    "La rebelión.");
}

static void
test_names_compound_family_with_particle_and_saint(void **state)
{
	struct namelist nl;
	int ended;

	(void)state;
	check("Pérez de Arce, M., & Gómez Pérez, L. (2011). T.",
	    "Pérez de Arce|M.||; Gómez Pérez|L.||", "(2011). T.");
	check("Peter St. John and Ann De Vries. T.",
	    "St. John|Peter||; De Vries|Ann||", "T.");
	memset(&nl, 0, sizeof(nl));
	names_scan(rules, "The ATLAS Collaboration, G. Aad. T", &nl, &ended);
	assert_int_equal(nl.n, 2);
	assert_string_equal(nl.v[0].family, "The ATLAS Collaboration");
	namelist_clear(&nl);
}

static void
test_names_marks_between_commas_and_escaped(void **state)
{
	(void)state;
	check("Kevin M. Smith¹, Ana Lee², and John Doe¹,². Superscripts.",
	    "Smith|Kevin M.||; Lee|Ana||; Doe|John||", "Superscripts.");
	check("Jones, K., Smith, J.\\*, & Lee, M.\\* (2019). T.",
	    "Jones|K.||; Smith|J.||; Lee|M.||", "(2019). T.");
}

static void
test_names_apa_ellipsis_of_many_authors(void **state)
{
	(void)state;
	check("Choi, F., Cho, G., ... Yu, Z. (2012). T.",
	    "Choi|F.||; Cho|G.||; Yu|Z.||", "(2012). T.");
}

/*
 * A capitalised particle starts an inverted name, or comes between given
 * and family names; "Sr." and "St." share their first letter.
 */
static void
test_names_capitalised_particles_inverted(void **state)
{
	(void)state;
	check("De la Cruz, M., Van der Berg, K. & St. Clair, A. (2020). T.",
	    "De la Cruz|M.||; Van der Berg|K.||; St. Clair|A.||",
	    "(2020). T.");
	check("Doe Sr., John, and Van Dijk, Mary. T.",
	    "Doe|John||Sr.; Van Dijk|Mary||", "T.");
	check("Ana De Vries, Ben Van Dijk, and Carl Smith Sr. T.",
	    "De Vries|Ana||; Van Dijk|Ben||; Smith|Carl||Sr.", "T.");
}

/*
 * A capitalised particle is asked of the rules by its first letter, the
 * letters worked out from the rules: "Ibn" too, and a suffix that a
 * user's rule adds ("Esq.").
 */
static void
test_names_particles_and_suffixes_from_the_rules(void **state)
{
	struct rules *r = fixture_rules();
	struct namelist nl;
	char *cause = NULL, *got;
	int ended;

	(void)state;
	check("Muhammad Ibn Saud and Ali Bin Talal. T.",
	    "Ibn Saud|Muhammad||; Bin Talal|Ali||", "T.");
	rules_user_mode(r);
	assert_int_equal(rules_load_string(r, "user.rules",
	    "suffix\t/^Esq\\.$/\n", &cause), 0);
	memset(&nl, 0, sizeof(nl));
	(void)names_scan(r, "John Smith Esq. and Ann Lee. T.", &nl, &ended);
	got = show(&nl);
	assert_string_equal(got, "Smith|John||Esq.; Lee|Ann||");
	free(got);
	namelist_clear(&nl);
	rules_free(r);
}

static void
test_names_lists_in_capitals(void **state)
{
	(void)state;
	check("SMITH J, JONES K, LEE M. A title in caps.",
	    "Smith|J.||; Jones|K.||; Lee|M.||", "A title in caps.");
	check("GARCÍA MÁRQUEZ, G., & ÑUÑEZ, J. (2020). T.",
	    "García Márquez|G.||; Ñuñez|J.||", "(2020). T.");
	/* A capital after a hyphen or an apostrophe stays; a short family
	 * name in capitals is lowered, its initials ("AB") are not. */
	check("O'BRIEN-SMITH, J., & MACDONALD, K. T. (2020). T.",
	    "O'Brien-Smith|J.||; Macdonald|K. T.||", "(2020). T.");
	check("JEAN-LUC PICARD, AB CD and Eve van den BOSCH. Title.",
	    "Picard|Jean-Luc||; Cd|AB||; Bosch|Eve|van den|", "Title.");
}

static void
test_names_entry_apa_ellipsis_and_title(void **state)
{
	struct entry *e = parse("Choi, F., Cho, G., ... Yu, Z. (2012). Many "
	    "authors. Journal of E, 1, 1-2.");
	char *got;

	(void)state;
	got = show(&e->authors);
	assert_string_equal(got, "Choi|F.||; Cho|G.||; Yu|Z.||");
	assert_string_equal(e->f[FIELD_TITLE], "Many authors");
	free(got);
	entry_free(e);
}

static void
test_names_entry_cjk_roles_editors_and_dropped(void **state)
{
	struct entry *e = parse("横田一正, 國島丈生（編）: データ工学ワークショップ"
	    "論文集. 2002.");
	char *got;

	(void)state;
	assert_int_equal(e->authors.n, 0);
	got = show(&e->editors);
	assert_string_equal(got, "横田|一正||; 國島|丈生||");
	free(got);
	assert_string_equal(e->f[FIELD_TITLE], "データ工学ワークショップ論文集");
	entry_free(e);
	/* Translators only: no authors, and no names looked for later. */
	e = parse("横田一正監訳, 國島丈生訳: XMLデータベース入門. 共立出版, "
	    "2006.：S. Abiteboul, P. Buneman著");
	assert_int_equal(e->authors.n, 0);
	assert_int_equal(e->editors.n, 0);
	assert_string_equal(e->f[FIELD_TITLE], "XMLデータベース入門");
	entry_free(e);
}

static void
test_names_text_that_is_no_name(void **state)
{
	struct namelist nl;
	int ended;

	(void)state;
	memset(&nl, 0, sizeof(nl));
	assert_int_equal(names_scan(rules, "“Quoted title,” in Proc.", &nl,
	    &ended), 0);
	assert_int_equal(names_scan(rules, "the quick brown fox", &nl,
	    &ended), 0);
	/* "Dropout: A simple way": one word before a colon heads a title. */
	assert_int_equal(names_scan(rules, "Dropout: A simple way to prevent "
	    "overfitting. N. Srivastava, G. Hinton.", &nl, &ended), 0);
	assert_int_equal(nl.n, 0);
	assert_int_equal(names_scan(rules, "BERT: Pre-training of deep "
	    "bidirectional transformers.", &nl, &ended), 0);
	assert_int_equal(nl.n, 0);
	/* "Kim, S. A survey": the article is the title's, not an initial. */
	assert_int_equal(names_scan(rules, "Kim, S. A survey on vision.", &nl,
	    &ended), 8);
	assert_int_equal(nl.n, 1);
	assert_string_equal(nl.v[0].family, "Kim");
	assert_string_equal(nl.v[0].given, "S.");
	namelist_clear(&nl);
	/* The same in title case (ACS), and an acronym; "M. L (2016)" ends
	 * with an initial. */
	names_scan(rules, "Fokin, V. V.; Sharpless, K. B. A Stepwise Huisgen "
	    "Cycloaddition.", &nl, &ended);
	assert_int_equal(nl.n, 2);
	assert_string_equal(nl.v[1].given, "K. B.");
	namelist_clear(&nl);
	names_scan(rules, "Krieg, H. DNA Repair in Yeast.", &nl, &ended);
	assert_int_equal(nl.n, 1);
	assert_string_equal(nl.v[0].given, "H.");
	namelist_clear(&nl);
	names_scan(rules, "Chang, E. B., and Sogin, M. L (2016). Title.", &nl,
	    &ended);
	assert_int_equal(nl.n, 2);
	assert_string_equal(nl.v[1].given, "M. L");
	namelist_clear(&nl);
	/* An elided particle glued to the family name is part of a name. */
	names_scan(rules, "J. Roe and M. d\xe2\x80\x99" "Alembert. Title.", &nl,
	    &ended);
	assert_int_equal(nl.n, 2);
	assert_string_equal(nl.v[1].family, "d\xe2\x80\x99" "Alembert");
	namelist_clear(&nl);
}

static void
test_names_mark_self(void **state)
{
	struct namelist nl;
	const char *self[] = { "Alireza Farshin" };
	int ended;

	(void)state;
	memset(&nl, 0, sizeof(nl));
	names_scan(rules, "Amir Roozbeh, Alireza Farshin. T", &nl, &ended);
	names_mark_self(&nl, self, 1);
	assert_int_equal(nl.v[0].flags & NAME_SELF, 0);
	assert_int_equal(nl.v[1].flags & NAME_SELF, NAME_SELF);
	namelist_clear(&nl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_names_natural_order_with_suffix_and_diacritics),
		cmocka_unit_test(test_names_suffix_with_stop_ends_the_list),
		cmocka_unit_test(test_names_ieee_initials_and_quoted_title),
		cmocka_unit_test(test_names_apa_inverted_with_ampersand),
		cmocka_unit_test(test_names_vancouver),
		cmocka_unit_test(test_names_et_al_and_marks),
		cmocka_unit_test(test_names_inverted_full_given_names),
		cmocka_unit_test(test_names_chicago_first_inverted_then_natural),
		cmocka_unit_test(test_names_german_slashes),
		cmocka_unit_test(test_names_all_caps_family),
		cmocka_unit_test(test_names_affiliation_marks_glued),
		cmocka_unit_test(test_names_remark_in_parentheses),
		cmocka_unit_test(
		    test_names_and_before_a_lower_case_word_is_a_sentence),
		cmocka_unit_test(test_names_ampersand_inverted_full_given_names),
		cmocka_unit_test(test_names_family_then_initials_with_stops),
		cmocka_unit_test(test_names_inverted_comma_left_out),
		cmocka_unit_test(test_names_lone_word_after_full_names),
		cmocka_unit_test(test_names_organisation_is_literal),
		cmocka_unit_test(
		    test_names_particles_capitalised_and_compound_family),
		cmocka_unit_test(test_names_capitals_mark_the_family_name),
		cmocka_unit_test(test_names_cjk_family_length_and_separators),
		cmocka_unit_test(test_names_cjk_roles),
		cmocka_unit_test(test_names_family_first_with_several_initials),
		cmocka_unit_test(test_names_conjunctions_of_other_languages),
		cmocka_unit_test(
		    test_names_compound_family_with_particle_and_saint),
		cmocka_unit_test(test_names_marks_between_commas_and_escaped),
		cmocka_unit_test(test_names_apa_ellipsis_of_many_authors),
		cmocka_unit_test(test_names_capitalised_particles_inverted),
		cmocka_unit_test(test_names_particles_and_suffixes_from_the_rules),
		cmocka_unit_test(test_names_lists_in_capitals),
		cmocka_unit_test(test_names_entry_apa_ellipsis_and_title),
		cmocka_unit_test(test_names_entry_cjk_roles_editors_and_dropped),
		cmocka_unit_test(test_names_text_that_is_no_name),
		cmocka_unit_test(test_names_mark_self),
	};

	return cmocka_run_group_tests(tests, fixture_setup,
	    fixture_teardown);
}
