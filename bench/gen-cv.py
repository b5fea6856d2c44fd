#!/usr/bin/env python3
"""gen-cv.py N -- write a CV with N publication entries on standard output.

The entries follow the shapes of tests/data/farshin-cv.txt (labels [C1],
Markdown headings for the conference, journal and patent sections, a bold
own name, names with diacritics and "Jr.", acceptance rates in LaTeX and in
plain text, award notes, DOIs in about a third, "Download" debris in HTML
and plain) with varied names, titles and venues.  Python 3 standard library
only.  Deterministic (seeded): the same N gives the same file.  About 280
bytes an entry: N = 100000 gives about 28 MB.
"""
import random
import sys

GIVEN = ["Alireza", "Amir", "Marco", "Dejan", "Gerald Q.", "Laura", "Hamid",
         "Changjie", "Tom", "Mariano", "Simone", "Saeed", "Maria", "José",
         "Zoë", "Łukasz", "Chakri", "Jan", "Anna", "Björn"]
FAMILY = ["Farshin", "Roozbeh", "Chiesa", "Kostić", "Maguire Jr.",
          "Puccioni", "Ghasemirahni", "Wang", "Barbette", "Scazzariello",
          "Ferlin", "Sharifian", "García-Pérez", "van der Berg", "Müller",
          "Nowak", "Padala", "de la Cruz", "Østergaard", "Smith"]
WORDS = ["Packet", "Processing", "Networks", "Cache", "Memory", "Learning",
         "Stateful", "Efficient", "Scalable", "Low-Latency", "Systems",
         "Language", "Models", "Configuration", "Hardware", "Offloading",
         "Disaggregated", "Inference", "Scheduling", "Prefetching"]
ACRONYMS = ["FAJITA", "NFV", "LLMs", "IOTLB", "DDIO", "RDMA", "I/O", "5G"]
CONFS = [("International Conference on emerging Networking EXperiments and "
          "Technologies", "CoNEXT"),
         ("USENIX Symposium on Networked Systems Design and Implementation",
          "NSDI"),
         ("European Conference on Computer Systems", "EuroSys"),
         ("USENIX Annual Technical Conference", "ATC")]
JOURNALS = [("The Journal of Supercomputing", "SUPE"),
            ("PeerJ Computer Science", "PeerJ CS"),
            ("IEEE Transactions on Networking", "ToN")]


def author(rng, self_bold):
    name = rng.choice(GIVEN) + " " + rng.choice(FAMILY)
    return "**" + name + "**" if self_bold else name


def authors(rng):
    n = rng.randint(2, 7)
    me = rng.randrange(n)
    return ", ".join(author(rng, i == me and rng.random() < 0.3)
                     for i in range(n))


def title(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(5, 10))]
    if rng.random() < 0.5:
        words.insert(0, rng.choice(ACRONYMS) + ":")
    return " ".join(words)


def doi(rng, year):
    """A DOI for about a third of the entries, written as CVs write them."""
    if rng.random() >= 0.35:
        return ""
    suffix = "%d.%07d" % (year, rng.randrange(10**7))
    form = rng.choice(["doi: 10.1145/%s.", "https://doi.org/10.1109/%s",
                       "DOI 10.1007/%s."])
    return " " + form % suffix


def rate(rng):
    accepted = rng.randint(20, 90)
    submitted = accepted * rng.randint(3, 8)
    return rng.choice([
        " Acceptance rate:  $%d/%d \\approx %.1f\\%%$ ."
        % (accepted, submitted, 100.0 * accepted / submitted),
        " Acceptance rate: %d/%d \u2248 %.1f%%."
        % (accepted, submitted, 100.0 * accepted / submitted)])


def ordinal(n):
    if n % 100 in (11, 12, 13):
        return "%dth" % n
    return "%d%s" % (n, {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th"))


def entry(rng, kind, i):
    year = rng.randint(2005, 2025)
    if kind == "C":
        venue, short = rng.choice(CONFS)
        nth = ordinal(rng.randint(2, 25))
        tail = rng.choice(["", rate(rng), " [Best Paper Award!]"])
        return ("- [C%d] %s. %s In The %s %s (%s). %d.%s%s Download"
                % (i, authors(rng), title(rng), nth, venue, short, year,
                   tail, doi(rng, year)))
    if kind == "J":
        venue, short = rng.choice(JOURNALS)
        return ("- [J%d] %s. %s In %s (%s). %d. Impact factor: %.3f.%s "
                "<u>Download</u>" % (i, authors(rng), title(rng), venue, short,
                                     year, rng.uniform(1, 9), doi(rng, year)))
    return ("- [P%d] %s. %s (Other name: %s). PCT Application PCT/SE%d/%06d. "
            "Filed in %s %d." % (i, authors(rng), title(rng), title(rng), year,
                                 rng.randint(1, 999999),
                                 rng.choice(["March", "June", "October"]),
                                 year))


def main():
    if len(sys.argv) > 2 or (len(sys.argv) == 2 and
                             not sys.argv[1].isdigit()):
        sys.exit("usage: gen-cv.py [N] > cv.txt")
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    rng = random.Random(20261125)
    out = sys.stdout
    out.write("# Jane Doe | Curriculum Vitae\n\nI am a researcher.\n\n"
              "# **Education**\n\nPh.D., KTH, 2015\n\n### **Publications**\n")
    sections = [("C", "# Conference Publications....."),
                ("J", "### Journal Publications....."),
                ("P", "# Patent Applications.")]
    per = [n // 2, n // 4, n - n // 2 - n // 4]
    for (kind, heading), count in zip(sections, per):
        out.write("\n" + heading + "\n\n")
        for i in range(1, count + 1):
            out.write(entry(rng, kind, i) + "\n")
    out.write("\n# **Skills**\n\nC, Python\n")


if __name__ == "__main__":
    main()
