from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from articles.models import Desk, Membership

ROOT = Path(__file__).resolve().parent.parent
DEMO_DIR = ROOT / "articles" / "demo"
SHARED = ROOT.parent / "shared"
SEED_DIR = SHARED / "seeds" / "izhevsk"


def make_user(username: str, desk: Desk, role: str = Membership.Role.EDITOR):
    user = get_user_model().objects.create_user(username=username, password="pw-" + username)
    Membership.objects.create(user=user, desk=desk, role=role)
    return user


@pytest.fixture
def desk(db):
    return Desk.objects.create(name="Metro desk")


@pytest.fixture
def editor(desk):
    return make_user("editor", desk)


@pytest.fixture
def client_editor(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def other_desk_user(db):
    return make_user("outsider", Desk.objects.create(name="Sports desk"))


@pytest.fixture
def demo_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(DEMO_DIR.glob("*.txt"))}


@pytest.fixture
def seed_paths() -> list[Path]:
    paths = sorted(SEED_DIR.glob("*.txt"))
    if not paths:
        pytest.fail(f"the seed articles are missing: expected them in {SEED_DIR}")
    return paths
