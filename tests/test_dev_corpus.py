"""The extraction score on the development corpus must not regress (the scorer is ../shared/eval/score.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORER = SHARED / "eval" / "score.py"
KG = Path(sys.executable).with_name("kg")
# A little under what the tool reaches, so that a regression fails and noise does not.
FLOORS = {
    "overall": 0.85,
    "places": 0.9,
    "speaker": 0.9,
    "published": 0.9,
    "dates": 0.8,
    "quantities": 0.9,
    "event_types": 0.8,
    "actors": 0.8,
}


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    if not SCORER.is_file():
        pytest.skip(f"no development corpus at {SHARED}")
    store = tmp_path_factory.mktemp("dev") / "store"
    done = subprocess.run(
        [sys.executable, str(SCORER), "--kg", str(KG), "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=900,
        check=True,
    )
    last = done.stdout.strip().splitlines()[-1]
    assert last.startswith("score:"), done.stdout + done.stderr
    return {key: float(value) for key, value in re.findall(r"(\w+)=([0-9.]+)", last)}


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_dev_corpus_score_stays_above_its_floor(scores: dict[str, float], field: str) -> None:
    assert scores[field] >= FLOORS[field], f"{field} fell to {scores[field]:.2f} (floor {FLOORS[field]})"
