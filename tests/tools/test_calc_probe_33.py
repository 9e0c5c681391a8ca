"""Held-out set 33's calculator rows (calc_probe_33.tsv): the change back, whichever order the money spent
and the money handed over are said in. Pure logic, through the hearing check, the router and the
calculator as :mod:`test_calc_probe` runs them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_calc_probe import outcome
from test_calendar_probe import probe_rows

ROWS = [(*row, "")[:4] for row in probe_rows(Path(__file__).with_name("calc_probe_33.tsv"))]


@pytest.mark.parametrize(("expected", "language", "said", "check"), ROWS, ids=[row[2] for row in ROWS])
def test_calc_probe_33(expected: str, language: str, said: str, check: str) -> None:
    right, got = outcome(expected, language, said, check)
    assert right, got
