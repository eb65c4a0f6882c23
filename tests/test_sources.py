"""Outlet registry and outlet recognition."""
import pandas as pd

from newslib.sources import detect_outlet, load_sources, text_signals


def test_builtin_registry_is_well_formed():
    reg = load_sources()
    assert reg["name"].is_unique
    assert (reg["name"].str.len() > 0).all()
    assert set(reg["ownership"]) <= {"state-run", "private", "public", "nonprofit"}
    assert set(reg["type"]) <= {"newspaper", "wire", "blog", "broadcaster", "magazine", "website", "aggregator"}


def test_seed_sources_csv_agrees_with_registry(seeds_dir):
    seeds = pd.read_csv(seeds_dir / "sources.csv", dtype=str, keep_default_na=False)
    assert list(seeds.columns) == ["name", "aliases", "domain", "country", "ownership", "type"]
    assert set(seeds["name"]) == {"Global Times", "Android Headlines", "South China Morning Post"}
    reg = load_sources(seeds_dir / "sources.csv")
    gt = reg[reg["name"] == "Global Times"].iloc[0]
    assert gt["ownership"] == "state-run" and gt["country"] == "China"


def test_user_rows_override_builtin(tmp_path):
    p = tmp_path / "sources.csv"
    p.write_text("name,aliases,domain,country,ownership,type\nReuters,R,reuters.com,UK,private,wire\n"
                 "My Blog,,myblog.example,Norway,private,blog\n", encoding="utf-8")
    reg = load_sources(p)
    assert reg["name"].is_unique
    assert reg.loc[reg["name"] == "Reuters", "ownership"].item() == "private"
    name, how, meta = detect_outlet(None, "https://www.myblog.example/2024/01/02/x", "", None, reg)
    assert (name, how, meta["country"]) == ("My Blog", "url", "Norway")


def test_domain_lookup_handles_subdomains():
    assert detect_outlet(None, "https://finance.yahoo.com/news/x.html", "")[0:2] == ("Yahoo Finance", "url")
    assert detect_outlet(None, "https://www.reuters.com/technology/x-2021-05-26/", "")[0] == "Reuters"
    assert detect_outlet(None, "https://english.news.cn/20210526/abc/c.htm", "")[0] == "Xinhua"


def test_metadata_name_is_canonicalised():
    assert detect_outlet("scmp", None, "")[0:2] == ("South China Morning Post", "metadata")
    assert detect_outlet("Some Local Paper", None, "")[0:2] == ("Some Local Paper", "metadata")


def test_text_signals(seed_texts):
    scmp = next(t for k, t in seed_texts.items() if k.startswith("scmp"))
    gt = next(t for k, t in seed_texts.items() if k.startswith("globaltimes"))
    assert detect_outlet(None, None, scmp)[0:2] == ("South China Morning Post", "text")
    assert detect_outlet(None, None, gt)[0:2] == ("Global Times", "text")
    assert detect_outlet(None, None, "Body.\n\n© 2019 Benzinga.com. All rights reserved.")[0] == "Benzinga"
    assert detect_outlet(None, None, "BEIJING (Reuters) - China said on Monday ...")[0] == "Reuters"
    assert text_signals("No outlet here.") == []
    assert detect_outlet(None, None, "Nothing to see.") == (None, None, {})


def test_sources_from_a_frame():
    frame = pd.DataFrame({"name": ["Tiny Gazette"], "domain": ["tiny.example"], "country": ["Iceland"]})
    reg = load_sources(frame)
    assert detect_outlet(None, "http://tiny.example/a", "", None, reg)[0] == "Tiny Gazette"
    assert "Reuters" in set(reg["name"])
