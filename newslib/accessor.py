"""``df.news``: a thin accessor on the articles table that forwards to newslib's functions.

    articles = newslib.read_articles("seeds/")
    articles.news.quotes()      # == newslib.extract_quotes(articles)
    articles.news.figures()     # == newslib.extract_figures(articles)

The work lives in the functions (so Dask and the CLI call the same code); this only saves typing.
"""
from __future__ import annotations

import pandas as pd


@pd.api.extensions.register_dataframe_accessor("news")
class NewsAccessor:
    def __init__(self, df: pd.DataFrame):
        if "raw" not in df.columns and "text" not in df.columns:
            raise AttributeError("df.news needs the articles table (a 'raw' or 'text' column)")
        self._df = df

    def sentences(self) -> pd.DataFrame:
        from .article import sentences_table
        return sentences_table(self._df)

    def paragraphs(self) -> pd.DataFrame:
        from .article import paragraphs_table
        return paragraphs_table(self._df)

    def boilerplate(self) -> pd.DataFrame:
        from .article import boilerplate_table
        return boilerplate_table(self._df)

    def quotes(self) -> pd.DataFrame:
        from .quotes import extract_quotes
        return extract_quotes(self._df)

    def figures(self) -> pd.DataFrame:
        from .figures import extract_figures
        return extract_figures(self._df)

    def dates(self) -> pd.DataFrame:
        from .dates import extract_dates
        return extract_dates(self._df)

    def timeline(self) -> pd.DataFrame:
        from .events import timeline
        return timeline(self._df)

    def bias(self, **kw) -> pd.DataFrame:
        from .bias import bias_scores
        return bias_scores(self._df, **kw)
