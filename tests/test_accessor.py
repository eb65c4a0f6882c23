"""df.news forwards to the functions and gives the same tables."""
import pandas as pd
import pytest

import newslib


def test_accessor_matches_functions(seeds_dir):
    arts = newslib.read_articles(seeds_dir)
    pd.testing.assert_frame_equal(arts.news.figures(), newslib.extract_figures(arts))
    pd.testing.assert_frame_equal(arts.news.sentences(), newslib.sentences_table(arts))
    assert len(arts.news.quotes()) == len(newslib.extract_quotes(arts)) > 0


def test_accessor_needs_articles():
    with pytest.raises(AttributeError):
        pd.DataFrame({"x": [1]}).news.quotes()
