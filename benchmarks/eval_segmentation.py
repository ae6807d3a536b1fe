"""Segmentation on the dev documents: agreement with plain jieba on general news, domain terms kept whole.

- ``boundary F1``: our tokens (rjieba, the package's dictionary and lexicon, measure words cut)
  against ``jieba.Tokenizer().lcut`` with jieba's own dictionary only, on the simplified text of
  the dev documents typed ``news_article`` in ``gold.jsonl`` (general news): the lexicon must
  not change how ordinary text is cut (target >= 0.99).
- ``terms whole``: every occurrence of a term of ``data/lexicon_terms.txt`` in any dev document
  that is not a whole token nor inside a longer token is a term cut apart (target: none).
- ``number + measure``: tokens that glue a measure word after a number to the next word (家科).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import corpus_tools as ct  # noqa: E402
from corpus_tools import _data, tokens  # noqa: E402
from corpus_tools.evaluate.figures import read_jsonl  # noqa: E402

DEV = ROOT / "tests" / "data" / "dev"
MEASURE_GLUE = re.compile(r"^[家个项名位只件台次所座支批户款类种笔][\u4e00-\u9fff]")


def main() -> None:
    jieba = tokens._import_jieba()
    reference = jieba.Tokenizer()
    reference.initialize()
    gold = {g["file"]: g for g in read_jsonl(DEV / "gold.jsonl")}
    docs = ct.load_corpus(DEV / "docs")
    news = docs[docs["doc_id"].map(lambda f: (gold.get(f) or {}).get("doc_type") == "news_article")]
    ref, cand = [], []
    for text in news["text"]:
        view = tokens.simplified_view(text)
        ref += reference.lcut(view)
        cand += [w for w, *_ in tokens.tag(text)]
    scores = tokens.agreement(ref, cand)
    terms = [tokens._read_entries([line], "lexicon")[0][0] for line in _data.read_lines(tokens.DOMAIN_LEXICON)]
    cut, seen = [], 0
    glued = []
    for text in docs["text"]:
        tagged = tokens.tag(text)
        view = tokens.simplified_view(text)
        spans = [(s, e) for _, _, s, e in tagged]
        starts = {s for s, _ in spans}
        ends = {e for _, e in spans}
        inside = set()
        for s, e in spans:
            inside.update(range(s + 1, e))
        for i, (word, _, s, _) in enumerate(tagged):
            if i and MEASURE_GLUE.match(word) and re.search(r"[0-9零一二三四五六七八九十两几]$", tagged[i - 1][0]) \
                    and not tokens.in_dictionary(word):
                glued.append(word)
        for term in terms:
            for m in re.finditer(re.escape(term), view):
                seen += 1
                s, e = m.span()
                whole = s in starts and e in ends
                within = all(k in inside or k in (s, e) for k in range(s + 1, e)) and (s in inside or e in inside)
                if not (whole or within):
                    cut.append(term)
    print(f"general news: {len(news)} documents, {len(ref)} jieba tokens")
    print(f"boundary F1 {scores['boundary_f1']:.4f}, token F1 {scores['token_f1']:.4f} (target >= 0.99)")
    print(f"lexicon terms in the dev documents: {seen} occurrences, {len(cut)} cut apart {sorted(set(cut))[:20]}")
    print(f"measure word glued to the next word: {len(glued)} {sorted(set(glued))[:20]}")
    print(f"segmentation: boundary F1 vs jieba {scores['boundary_f1']:.4f} on news; "
          f"lexicon terms cut {len(cut)}/{seen}; measure glued {len(glued)}")


if __name__ == "__main__":
    main()
