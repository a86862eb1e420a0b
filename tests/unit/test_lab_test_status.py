"""The test's status steps (domain.lab.test_status): a test in progress is reopened only when its
machine's failure interrupted it (issue 15: the lab manager reopens or repeats it)."""

from __future__ import annotations

import pytest

from frontdesk.domain.lab.test_status import IN_PROGRESS, REOPEN, SCHEDULED, Run, StepRefused, may, next_status
from frontdesk.i18n import set_language


def test_a_test_in_progress_is_reopened_only_when_its_machines_failure_interrupted_it():
    set_language("it")
    try:
        with pytest.raises(StepRefused, match="riaperta solo quando un guasto"):
            next_status(Run(IN_PROGRESS), REOPEN, reason="Da ripetere")
    finally:
        set_language("en")
    assert next_status(Run(IN_PROGRESS, interrupted=True), REOPEN, reason="Da ripetere") == SCHEDULED
    assert may(Run(IN_PROGRESS, interrupted=True), REOPEN) and not may(Run(IN_PROGRESS), REOPEN)
