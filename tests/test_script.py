import pytest

from corpus_tools import script


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


def test_round_trip_common_words():
    assert script.to_simplified(script.to_traditional("生物医药产业")) == "生物医药产业"
