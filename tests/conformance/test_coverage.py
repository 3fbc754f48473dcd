"""Coverage by construction: every action the emulator serves has a conformance case.

The list comes from the emulator itself (`vod-emulator --list-actions`, printed from the
same declaration its dispatch is generated from), so a newly served action fails here
until a test in test_actions_*.py is marked `@pytest.mark.conformance("ThatAction")`;
the marked test then fails unless it calls the action through both official SDKs
(`action_helpers.both`, which for a read action also compares its XML and JSON answers).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from conftest import served_actions

HERE = Path(__file__).resolve().parent


def conformance_cases() -> dict[str, list[str]]:
    """Action -> the marked tests (module::function) in test_actions_*.py."""
    cases: dict[str, list[str]] = {}
    for path in sorted(HERE.glob("test_actions_*.py")):
        module = importlib.import_module(path.stem)
        for name, test in vars(module).items():
            if not name.startswith("test_") or not callable(test):
                continue
            for mark in getattr(test, "pytestmark", []):
                if mark.name == "conformance":
                    for action in mark.args:
                        cases.setdefault(action, []).append(f"{path.name}::{name}")
    return cases


def test_the_emulator_lists_what_it_serves():
    served = served_actions()
    assert len(served) >= 29
    assert served["GetVideoList"] is True and served["DeleteVideo"] is False
    assert served["GetTranscodeTemplateGroup"] is True and served["CreateUploadAttachedMedia"] is False
    assert served["GetMediaAuditResult"] is True and served["CreateAudit"] is False


@pytest.mark.parametrize("action", sorted(served_actions()))
def test_every_served_action_has_a_conformance_case(action):
    cases = conformance_cases()
    assert action in cases, (
        f"{action} is served but no test in test_actions_*.py is marked "
        f"@pytest.mark.conformance({action!r})"
    )


def test_no_case_claims_an_action_that_is_not_served():
    stray = sorted(set(conformance_cases()) - set(served_actions()))
    assert not stray, stray


@pytest.mark.parametrize("action", sorted(served_actions()))
def test_both_sdks_have_the_action(action):
    from alibabacloud_vod20170321.client import Client

    from action_helpers import tea_method
    from conftest import v1_request

    assert v1_request(action) is not None
    assert tea_method(Client.__new__(Client), action)
