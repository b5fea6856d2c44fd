/*
 * run.c -- one run of the pipeline (see run.h).
 *
 * Entries stream through: each is parsed as soon as the splitter completes
 * it, and handed to the writer in batches of RUN_BATCH, so memory does not
 * grow with the input (the keys and duplicate fingerprints excepted, a few
 * bytes per entry).  Output goes to a spool that is committed only when
 * every input was read without error.
 *
 * Once a first batch is full, batches are written on a thread of their
 * own while the next is parsed.  The messages of the parsing thread are
 * held with its batch (diag_hold()) and printed by the writing thread
 * just before it writes the batch, so that standard error reads exactly
 * as if one thread had done all.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clean.h"
#include "dedup.h"
#include "diag.h"
#include "entry.h"
#include "fields.h"
#include "keys.h"
#include "norm.h"
#include "output.h"
#include "read.h"
#include "rules.h"
#include "run.h"
#include "section.h"
#include "split.h"
#include "write.h"
#include "xmalloc.h"

#define RUN_BATCH		512
#define PREAMBLE_SCORE		2	/* to keep text before any heading */
#define UNKNOWN_SCORE		3	/* to warn of text under an unknown one */

/* The installed rule files, in the order they apply. */
static const char *const run_rule_files[] = {
	"markup.rules", "sections.rules", "names.rules", "fields.rules",
	"venues.rules", "types.rules", "title.rules",
};

/* Entries to write, and the messages printed before them. */
struct batch {
	struct entry_list	 entries;
	struct buf		 diags;
};

struct run {
	const struct run_opts	*opts;
	struct rules		*rules;
	struct writer		*writer;
	struct keys		*keys;
	struct dedup		*dedup;
	struct batch		 batches[2];
	struct batch		*batch;		/* being filled */
	unsigned long		 entries;	/* written or dropped */
	int			 failed;	/* an input error */
	int			 write_failed;	/* the writer's, once joined */
	int			 write_errno;
	/* The writing thread, once started, and what it is handed. */
	int			 threaded;
	pthread_t		 thread;
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	struct batch		*queued;	/* NULL when the writer is idle */
	int			 done;		/* no batch will come */
};

/* One input being read. */
struct input {
	struct run		*run;
	const char		*name;
	struct sectioner	*sec;
	struct splitter		*split;
	int			 after_break;
	/* A short line held back: with the next, it may be one heading. */
	struct cline		 held;
	char			*held_text;
	/* Page furniture of text pulled out of a PDF (input_furniture()). */
	char			*first_line;	/* the owner's name, mostly */
	struct cline		 blank;		/* a paragraph break held */
	int			 has_blank;
};

enum markup
markup_from_name(const char *s)
{
	static const char *const names[] = {
		"auto", "text", "markdown", "html", "latex"
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0)
			return (enum markup)i;
	if (strcmp(s, "md") == 0)
		return MARKUP_MARKDOWN;
	if (strcmp(s, "tex") == 0)
		return MARKUP_LATEX;
	return (enum markup)-1;
}

/* Load the installed rules, then the user's; 0 or -1 (reported). */
static int
run_load_rules(struct run *r)
{
	const struct run_opts *o = r->opts;
	char *path, *cause = NULL;
	size_t i;

	r->rules = rules_new();
	/* The tests compile every installed rule; a run compiles few. */
	rules_lazy(r->rules, 1);
	for (i = 0; i < sizeof(run_rule_files) / sizeof(run_rule_files[0]);
	    i++) {
		xasprintf(&path, "%s/%s", o->datadir, run_rule_files[i]);
		if (rules_load_file(r->rules, path, &cause) == -1) {
			diag_msg(DIAG_FATAL, "%s (installed rules; set "
			    "CV2BIB_DATADIR to their directory)", cause);
			free(cause);
			free(path);
			return -1;
		}
		free(path);
	}
	/* The user's rules are compiled now, so errors stop the run. */
	rules_lazy(r->rules, 0);
	rules_user_mode(r->rules);
	for (i = 0; o->rules != NULL && o->rules[i] != NULL; i++)
		if (rules_load_file(r->rules, o->rules[i], &cause) == -1) {
			diag_msg(DIAG_FATAL, "%s", cause);
			free(cause);
			return -1;
		}
	return 0;
}

/* Print the batch's messages, write its entries and empty it. */
static void
run_write_batch(struct run *r, struct batch *b)
{
	diag_release(&b->diags);
	if (b->entries.n > 0 && !r->write_failed &&
	    writer_write(r->writer, b->entries.v, b->entries.n) == -1) {
		r->write_failed = 1;
		r->write_errno = errno;
	}
	entry_list_clear(&b->entries);
}

/* The writing thread: write what it is handed until it is done. */
static void *
run_writer_main(void *arg)
{
	struct run *r = arg;
	struct batch *b;

	for (;;) {
		pthread_mutex_lock(&r->lock);
		while (r->queued == NULL && !r->done)
			pthread_cond_wait(&r->cond, &r->lock);
		b = r->queued;
		pthread_mutex_unlock(&r->lock);
		if (b == NULL)
			return NULL;
		run_write_batch(r, b);
		pthread_mutex_lock(&r->lock);
		r->queued = NULL;
		pthread_cond_broadcast(&r->cond);
		pthread_mutex_unlock(&r->lock);
	}
}

/* Start the writing thread; without one, batches are written here. */
static void
run_start_writer(struct run *r)
{
	if (pthread_mutex_init(&r->lock, NULL) != 0)
		return;
	if (pthread_cond_init(&r->cond, NULL) != 0) {
		pthread_mutex_destroy(&r->lock);
		return;
	}
	r->queued = NULL;
	r->done = 0;
	if (pthread_create(&r->thread, NULL, run_writer_main, r) != 0) {
		pthread_cond_destroy(&r->cond);
		pthread_mutex_destroy(&r->lock);
		return;
	}
	r->threaded = 1;
}

/* Hand the batch being filled to the writer; fill the other meanwhile. */
static void
run_flush_batch(struct run *r)
{
	if (!r->threaded) {
		run_write_batch(r, r->batch);
		return;
	}
	pthread_mutex_lock(&r->lock);
	while (r->queued != NULL)
		pthread_cond_wait(&r->cond, &r->lock);
	r->queued = r->batch;
	pthread_cond_broadcast(&r->cond);
	pthread_mutex_unlock(&r->lock);
	r->batch = r->batch == &r->batches[0] ? &r->batches[1] :
	    &r->batches[0];
	diag_hold(&r->batch->diags);
}

/* Write what is left and stop the writing thread. */
static void
run_drain(struct run *r)
{
	run_flush_batch(r);
	if (!r->threaded)
		return;
	pthread_mutex_lock(&r->lock);
	while (r->queued != NULL)
		pthread_cond_wait(&r->cond, &r->lock);
	r->done = 1;
	pthread_cond_broadcast(&r->cond);
	pthread_mutex_unlock(&r->lock);
	pthread_join(r->thread, NULL);
	pthread_cond_destroy(&r->cond);
	pthread_mutex_destroy(&r->lock);
	r->threaded = 0;
	/* What the parser held after the last batch was handed over. */
	diag_release(&r->batch->diags);
	if (r->write_failed)
		errno = r->write_errno;
}

/* A parsed entry: report a duplicate, give it a key, queue it. */
static void
run_emit(struct run *r, struct entry *e)
{
	unsigned long first = dedup_check(r->dedup, e);

	r->entries++;
	if (first != 0) {
		diag_at(DIAG_WARNING, e->file, e->line, "same work as the "
		    "entry at line %lu%s", first, r->opts->dedup ?
		    "; dropped (--dedup)" : " (--dedup keeps only the first)");
		if (r->opts->dedup) {
			entry_free(e);
			return;
		}
	}
	keys_assign(r->keys, e);
	entry_list_add(&r->batch->entries, e);
	if (r->batch->entries.n < RUN_BATCH)
		return;
	/* A long input: write on another thread from now on. */
	if (!r->threaded)
		run_start_writer(r);
	run_flush_batch(r);
}

/*
 * Whether an unlabelled one-line "entry" is a sub-heading no rule knows
 * ("Selected Papers", "Networking"): a few words, no digit, no full stop,
 * no comma.  A reference always has more.
 */
static int
run_subheading(const struct rawentry *raw)
{
	const char *p;
	int words = 1;

	if (raw->label != NULL || raw->first != raw->last)
		return 0;
	for (p = raw->text; *p != '\0'; p++) {
		if (*p == ' ')
			words++;
		if (strchr("0123456789.,;\"“", *p) != NULL)
			return 0;
	}
	return words <= 5;
}

/* Whether s is a year alone: "2019", "(2019)", "2019:". */
static int
run_year_item(const char *s)
{
	s += strspn(s, "(");
	return (s[0] == '1' || s[0] == '2') && (s[1] == '9' || s[1] == '0') &&
	    strspn(s, "0123456789") == 4 && s[4 + strspn(s + 4, "):.")] == '\0';
}

/* A raw entry completed by the splitter. */
static void
input_entry(struct input *in, const struct rawentry *raw)
{
	struct run *r = in->run;
	struct fields_ctx ctx;
	struct entry *e;
	enum section_state st = section_state(in->sec);
	unsigned long hline;
	const char *heading;

	if (st != SECTION_PUBS) {
		int score = fields_reference_score(r->rules, raw->text);

		if (st == SECTION_PREAMBLE && score < PREAMBLE_SCORE) {
			/* A long text with a year may be a reference all
			 * the same: say so rather than lose it quietly. */
			if (score == PREAMBLE_SCORE - 1 && clean_has_year(raw->text) &&
			    strlen(raw->text) >= 40)
				diag_at(DIAG_WARNING, in->name, raw->first,
				    "skipping text before any publication "
				    "heading that may be a reference: "
				    "\"%.40s...\"", raw->text);
			return;
		}
		if (st == SECTION_OTHER) {
			if (score >= UNKNOWN_SCORE) {
				heading = section_heading(in->sec, &hline);
				diag_at(DIAG_WARNING, in->name, raw->first,
				    "skipping what looks like a publication "
				    "under heading \"%s\" (line %lu); a "
				    "\"section\" rule can make it a "
				    "publication list", heading, hline);
			}
			return;
		}
	}
	/* Before any heading, what a rule says is no reference is none. */
	if (rules_classify(r->rules, "not-entry", raw->text) != NULL &&
	    (st == SECTION_PREAMBLE || fields_reference_score(r->rules,
	    raw->text) < PREAMBLE_SCORE)) {
		diag_at(DIAG_NOTE, in->name, raw->first, "\"%.40s\": no "
		    "reference (a \"not-entry\" rule)", raw->text);
		return;
	}
	if (run_year_item(raw->text)) {
		/* "* 2019" with the entries of 2019 under it. */
		section_set_year(in->sec, raw->text + strspn(raw->text, "("));
		diag_at(DIAG_NOTE, in->name, raw->first, "\"%s\": the year of "
		    "the entries below", raw->text);
		return;
	}
	if (run_subheading(raw)) {
		diag_at(DIAG_NOTE, in->name, raw->first, "\"%s\": read as a "
		    "sub-heading, not an entry", raw->text);
		return;
	}
	ctx.rules = r->rules;
	ctx.file = in->name;
	ctx.section = section_type(in->sec);
	ctx.year = section_year(in->sec);
	e = fields_parse(&ctx, raw);
	norm_entry(r->rules, e);
	run_emit(r, e);
}

/* A heading comes: the entry in progress ends under the old one. */
static void
input_heading_comes(void *arg)
{
	struct input *in = arg;
	struct rawentry raw;

	if (split_flush(in->split, &raw))
		input_entry(in, &raw);
}

/* One logical line from the cleaner, once it is known not to be held. */
static void
input_line_now(struct input *in, const struct cline *cl)
{
	struct rawentry raw;
	int heading = section_feed(in->sec, cl, in->after_break);

	in->after_break = heading || cl->blank;
	if (heading) {
		if (split_flush(in->split, &raw))
			input_entry(in, &raw);
		return;
	}
	if (section_state(in->sec) == SECTION_OTHER &&
	    !section_unknown(in->sec))
		return;
	if (split_push(in->split, cl, &raw))
		input_entry(in, &raw);
}

/*
 * Whether a line could be the first half of a heading that text pulled
 * out of a PDF broke in two ("Journal" / "Articles"): one or two
 * capitalised words, no digit, no punctuation.
 */
static int
input_half_heading(const struct cline *cl)
{
	const char *p;
	int words = 1;

	if (cl->blank || cl->heading || !isupper((unsigned char)*cl->s))
		return 0;
	for (p = cl->s; *p != '\0'; p++) {
		if (*p == ' ')
			words++;
		if (!isalpha((unsigned char)*p) && *p != ' ' && *p != '&')
			return 0;
	}
	return words <= 2;
}

/* Let the held line through, as an ordinary line. */
static void
input_release(struct input *in)
{
	if (in->held_text == NULL)
		return;
	in->held.s = in->held_text;
	input_line_now(in, &in->held);
	free(in->held_text);
	in->held_text = NULL;
}

/*
 * One logical line from the cleaner.  A short line is held back until the
 * next: when the two make a heading the rules know, they are one.
 */
static void
input_line(struct input *in, const struct cline *cl)
{
	struct cline joined;
	struct rawentry raw;
	char *text;

	if (in->held_text != NULL && cl != NULL && input_half_heading(cl)) {
		xasprintf(&text, "%s %s", in->held_text, cl->s);
		joined = in->held;
		joined.s = text;
		joined.heading = CLEAN_HEADING_GUESS;
		if (rules_classify(in->run->rules, "section", text) != NULL &&
		    section_feed(in->sec, &joined, 1)) {
			free(text);
			free(in->held_text);
			in->held_text = NULL;
			in->after_break = 1;
			if (split_flush(in->split, &raw))
				input_entry(in, &raw);
			return;
		}
		free(text);
	}
	input_release(in);
	if (cl == NULL)
		return;
	if (input_half_heading(cl)) {
		in->held = *cl;
		in->held_text = xstrdup(cl->s);
		return;
	}
	input_line_now(in, cl);
}

/*
 * Whether a line is page furniture: a page number or running head the
 * "page" rules know ("Curriculum Vitae 4", "Page 2 of 7"), or the
 * document's first line (the owner's name) again.
 */
static int
input_furniture(struct input *in, const struct cline *cl)
{
	if (cl->blank || (cl->heading && cl->heading != CLEAN_HEADING_GUESS))
		return 0;		/* markup says what it is */
	if (in->first_line == NULL) {
		in->first_line = xstrdup(strlen(cl->s) <= 60 ? cl->s : "");
		return 0;
	}
	if (*in->first_line != '\0' && strcmp(cl->s, in->first_line) == 0)
		return 1;
	return rules_classify(in->run->rules, "page", cl->s) != NULL;
}

/*
 * Drop page furniture; a paragraph break just before it is the page's
 * end, no break in the list: an entry may go on on the next page.
 */
static void
input_line_page(struct input *in, const struct cline *cl)
{
	if (cl != NULL && cl->blank && !in->has_blank) {
		in->blank = *cl;
		in->blank.s = "";
		in->has_blank = 1;
		return;
	}
	if (cl != NULL && input_furniture(in, cl)) {
		diag_at(DIAG_NOTE, in->name, cl->lineno, "page furniture: "
		    "\"%s\"", cl->s);
		in->after_break = 1;
		in->has_blank = -1;	/* the break goes with it */
		return;
	}
	if (in->has_blank == 1)
		input_line(in, &in->blank);
	in->has_blank = 0;
	input_line(in, cl);
}

/* Read one input to the end; -1 if it could not be read whole. */
static int
run_input(struct run *r, FILE *fp, const char *name)
{
	struct input in;
	struct reader *rd = reader_new(fp, name);
	struct cleaner *cl;
	struct cline cline;
	struct rawentry raw;
	struct line ln;
	enum markup m = r->opts->markup;
	const char *head;
	size_t hlen;
	int rc;

	if (m == MARKUP_AUTO) {
		head = reader_peek(rd, &hlen);
		m = clean_detect(strcmp(name, "<stdin>") ? name : NULL, head,
		    hlen);
	}
	memset(&in, 0, sizeof(in));
	in.run = r;
	in.name = name;
	in.sec = section_new(r->rules, name);
	section_on_heading(in.sec, input_heading_comes, &in);
	in.split = split_new(r->rules);
	in.after_break = 1;
	cl = cleaner_new(m);
	while ((rc = reader_next(rd, &ln)) == 1) {
		cleaner_push(cl, &ln);
		while (cleaner_pop(cl, &cline))
			input_line_page(&in, &cline);
	}
	if (rc == 0) {
		cleaner_push(cl, NULL);
		while (cleaner_pop(cl, &cline))
			input_line_page(&in, &cline);
		input_line_page(&in, NULL);
		if (split_flush(in.split, &raw))
			input_entry(&in, &raw);
	}
	free(in.held_text);
	free(in.first_line);
	cleaner_free(cl);
	split_free(in.split);
	section_free(in.sec);
	reader_free(rd);
	return rc == 0 ? 0 : -1;
}

/* Open and read the named input ("-" is standard input). */
static void
run_file(struct run *r, const char *path)
{
	FILE *fp;

	if (strcmp(path, "-") == 0) {
		if (run_input(r, stdin, "<stdin>") == -1)
			r->failed = 1;
		return;
	}
	if ((fp = fopen(path, "rb")) == NULL) {
		diag_msg(DIAG_ERROR, "cannot open '%s': %s", path,
		    strerror(errno));
		r->failed = 1;
		return;
	}
	if (run_input(r, fp, path) == -1)
		r->failed = 1;
	fclose(fp);
}

/* Decide the exit status and commit or discard the output. */
static int
run_finish(struct run *r, struct output *out)
{
	const struct run_opts *o = r->opts;
	char *cause = NULL;
	enum output_result res;

	if (!r->failed && r->entries == 0) {
		diag_msg(DIAG_ERROR, "no publications found in the input");
		r->failed = 1;
	}
	if (r->failed || r->write_failed || (o->strict &&
	    diag_count(DIAG_WARNING) > 0)) {
		output_abort(out);
		if (r->write_failed) {
			diag_msg(DIAG_FATAL, "write error: %s", strerror(errno));
			return EXIT_USAGE;
		}
		if (!r->failed)
			diag_msg(DIAG_ERROR, "%lu warning(s) with --strict; "
			    "nothing written", diag_count(DIAG_WARNING));
		return EXIT_INPUT;
	}
	res = output_commit(out, o->check, &cause);
	switch (res) {
	case OUTPUT_FAILED:
		diag_msg(DIAG_FATAL, "%s", cause);
		free(cause);
		return EXIT_USAGE;
	case OUTPUT_STALE:
		diag_msg(DIAG_ERROR, "'%s' is out of date; run cv2bib without "
		    "--check to update it", o->output);
		return EXIT_INPUT;
	default:
		return EXIT_OK;
	}
}

int
run(const struct run_opts *o)
{
	struct run r;
	struct output *out;
	struct write_opts wo;
	char *cause = NULL;
	size_t i;
	int status;

	memset(&r, 0, sizeof(r));
	r.opts = o;
	if (run_load_rules(&r) == -1) {
		rules_free(r.rules);
		return EXIT_USAGE;
	}
	if ((out = output_open(o->output, &cause)) == NULL) {
		diag_msg(DIAG_FATAL, "%s", cause);
		free(cause);
		rules_free(r.rules);
		return EXIT_USAGE;
	}
	wo.latex = o->latex;
	if ((r.writer = writer_open(o->format, output_stream(out), &wo,
	    &cause)) == NULL) {
		diag_msg(DIAG_FATAL, "%s", cause);
		free(cause);
		output_abort(out);
		rules_free(r.rules);
		return EXIT_USAGE;
	}
	r.keys = keys_new();
	r.dedup = dedup_new();
	r.batch = &r.batches[0];
	diag_hold(&r.batch->diags);
	if (o->inputs == NULL || o->inputs[0] == NULL)
		run_file(&r, "-");
	for (i = 0; o->inputs != NULL && o->inputs[i] != NULL; i++)
		run_file(&r, o->inputs[i]);
	run_drain(&r);
	diag_hold(NULL);
	buf_free(&r.batches[0].diags);
	buf_free(&r.batches[1].diags);
	if (writer_close(r.writer) == -1)
		r.write_failed = 1;
	status = run_finish(&r, out);
	keys_free(r.keys);
	dedup_free(r.dedup);
	rules_free(r.rules);
	return status;
}
