"""Shared fixtures: the bundled seed articles."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GT = SEEDS / "globaltimes_2021-05-26_xiaomi-removed-from-us-blacklist.txt"
AH = SEEDS / "androidheadlines_us-will-remove-xiaomi-from-blacklist.txt"
SCMP = SEEDS / "scmp_2025-11-03_xiaomi-credentials-state-gift.txt"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in (GT, AH, SCMP)}
