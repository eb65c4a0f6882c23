"""The schema is declared once; frames built from it validate, on pandas 2 and 3 alike."""
import pandas as pd
import pytest
from pandas.api.types import is_string_dtype

from newslib import schema


@pytest.mark.parametrize("table", list(schema.TABLES))
def test_empty_frames_validate(table):
    df = schema.empty(table)
    schema.validate(df, table)
    assert list(df.columns) == schema.columns(table)


def test_conform_casts_and_orders():
    rows = [{"end": 5, "start": 0, "article_id": "a", "text": "HK$1", "kind": "money", "value": 1,
             "unit": "HKD", "in_boilerplate": None, "sentence_id": None, "junk": 1}]
    df = schema.conform(rows, "figures")
    schema.validate(df, "figures")
    assert "junk" not in df.columns
    assert is_string_dtype(df["text"]) and df["start"].dtype == "int64"
    assert df["in_boilerplate"].tolist() == [False]
    assert df["sentence_id"].isna().all()


def test_validate_rejects_wrong_dtype():
    df = schema.empty("sentences")
    df["start"] = df["start"].astype("float64")
    with pytest.raises(ValueError, match="start"):
        schema.validate(df, "sentences")


def test_every_column_documented_and_unique():
    for table, cols in schema.TABLES.items():
        names = [c.name for c in cols]
        assert len(names) == len(set(names)), table
        for c in cols:
            assert c.kind in {"str", "int", "Int", "float", "bool", "datetime", "list"}
            assert len(c.doc) > 10, f"{table}.{c.name} needs a meaning"


def test_span_tables_share_the_key():
    for table in ("paragraphs", "sentences", "boilerplate_lines", "quotes", "figures", "dates"):
        assert schema.columns(table)[:3] == ["article_id", "start", "end"]


def test_arrow_schema_matches_columns():
    for table in schema.TABLES:
        assert schema.arrow_schema(table).names == schema.columns(table)


def test_schema_doc_is_current():
    from pathlib import Path
    doc = Path(__file__).resolve().parent.parent / "docs" / "SCHEMA.md"
    assert doc.read_text(encoding="utf-8").strip() == schema.markdown().strip(), \
        "docs/SCHEMA.md is stale: python -m newslib.schema > docs/SCHEMA.md"


def test_datetime_column_is_naive():
    df = schema.conform([{"published": pd.Timestamp("2021-05-26 08:47", tz="UTC")}], "articles")
    assert df["published"].dt.tz is None
