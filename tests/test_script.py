import pytest

from corpus_tools import script
from corpus_tools.errors import ConfigError


@pytest.mark.parametrize("text, expected", [
    ("香港科技園公司與羅氏簽署戰略合作協議", "hant"),
    ("上海生物醫藥前沿產業創新中心開業慶典", "hant"),
    ("香港科技园公司与罗氏签署战略合作协议", "hans"),
    ("2023 Roche HKSTP", "none"),
    ("香港科技園公司與羅氏簽署戰略合作協議。上海生物医药产业规模超万亿元，细胞治疗前沿产业创新", "mixed"),
])
def test_detect_script(text, expected):
    assert script.detect_script(text) == expected


def test_conversion_keeps_length_on_seed(seed_texts):
    for name, text in seed_texts.items():
        assert len(script.to_simplified(text)) == len(text), name


def test_hong_kong_variants_are_simplified_like_hk2s():
    import opencc

    text = "食物及衞生局局長在立法會敍述，衹有兩張枱。衛生署與衞生防護中心"
    assert script.to_simplified(text) == opencc.OpenCC("hk2s").convert(text)
    assert "衞" not in script.to_simplified(text) and len(script.to_simplified(text)) == len(text)
    assert script.to_simplified("香港科技園公司") == "香港科技园公司"  # t2s alone where no variant occurs


def test_round_trip_common_words():
    assert script.to_simplified(script.to_traditional("生物医药产业")) == "生物医药产业"


def _detect_script_per_character(text, threshold=0.02):
    """The reference: the per-character implementation that detect_script replaced."""
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"]
    if not han:
        return "none"
    sample = "".join(han)
    n_trad = sum(1 for a, b in zip(sample, script.to_simplified(sample)) if a != b)
    n_simp = sum(1 for a, b in zip(sample, script.to_traditional(sample)) if a != b)
    share_trad, share_simp = n_trad / len(han), n_simp / len(han)
    if share_trad > threshold and share_simp > threshold:
        return "mixed"
    return "hant" if share_trad > share_simp else "hans"


def _texts(seed_texts):
    """Seeds, their conversions, mixes and slices: every script and none."""
    texts = list(seed_texts.values())
    texts += [script.to_traditional(t) for t in texts[:2]] + [script.to_simplified(t) for t in texts[:2]]
    texts += [t[i:i + 300] for t in list(seed_texts.values()) for i in range(0, len(t), 700)]
    texts += [texts[0][:200] + texts[1][:200], "Hello", "", "\ud800lone surrogate 中", "𠀀𠀁 astral only", "中"]
    return texts


def test_detect_script_matches_the_per_character_reference(seed_texts):
    for text in _texts(seed_texts):
        for threshold in (0.02, 0.1):
            assert script.detect_script(text, threshold=threshold) == _detect_script_per_character(text, threshold)


def test_sampled_detection_matches_the_reference_on_the_sample(seed_texts):
    """sample=N decides on at most N Han characters taken evenly from the text."""
    for text in _texts(seed_texts):
        step = len(text) // (160 * 4) + 1
        han = "".join(ch for ch in text[::step] if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")
        if len(han) < 160 and step > 1:
            han = "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")
        if len(han) > 160:
            han = han[:: len(han) // 160 + 1]
        assert script.detect_script(text, sample=160) == _detect_script_per_character(han)


def test_detect_scripts_equals_one_by_one(seed_texts):
    texts = _texts(seed_texts)
    for sample in (None, 160, 7):
        expected = [script.detect_script(t, sample=sample) for t in texts]
        assert script.detect_scripts(texts, sample=sample) == expected
        assert script.detect_scripts(iter(texts), sample=sample) == expected
    assert script.detect_scripts([]) == []
    assert script.detect_scripts(["", "abc"]) == ["none", "none"]


def test_sample_is_validated():
    for bad in (0, -1, 1.5, True):
        with pytest.raises(ConfigError, match="sample"):
            script.detect_script("中文", sample=bad)
        with pytest.raises(ConfigError, match="sample"):
            script.detect_scripts(["中文"], sample=bad)
