#!/usr/bin/env python3
"""gen-cv.py N -- write a CV with N publication entries on standard output.

The entries follow the shapes of tests/data/farshin-cv.txt (labels,
Markdown headings, bold own name, HTML and LaTeX debris, award notes,
patents) with varied names, titles and venues.  Deterministic: the same N
gives the same file.  About 280 bytes an entry.
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


def entry(rng, kind, i):
    year = rng.randint(2005, 2025)
    if kind == "C":
        venue, short = rng.choice(CONFS)
        ordinal = rng.randint(2, 25)
        tail = rng.choice(["", " Acceptance rate:  $%d/%d \\approx %.1f\\%%$ ."
                           % (28, 104, 26.9), " [Best Paper Award!]"])
        return ("- [C%d] %s. %s In The %dth %s (%s). %d.%s Download"
                % (i, authors(rng), title(rng), ordinal, venue, short, year,
                   tail))
    if kind == "J":
        venue, short = rng.choice(JOURNALS)
        return ("- [J%d] %s. %s In %s (%s). %d. Impact factor: %.3f. "
                "<u>Download</u>" % (i, authors(rng), title(rng), venue, short,
                                     year, rng.uniform(1, 9)))
    return ("- [P%d] %s. %s (Other name: %s). PCT Application PCT/SE%d/%06d. "
            "Filed in %s %d." % (i, authors(rng), title(rng), title(rng), year,
                                 rng.randint(1, 999999),
                                 rng.choice(["March", "June", "October"]),
                                 year))


def main():
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
