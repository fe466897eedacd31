"""The default broker never hands a worker a message that is still being written."""

import os
from queue import Empty

import pytest
from kombu import Connection

import newsroom.broker


@pytest.fixture
def channel(tmp_path):
    options = {
        "data_folder_in": str(tmp_path),
        "data_folder_out": str(tmp_path),
        "control_folder": str(tmp_path / "control"),
        "store_processed": False,
    }
    with Connection("filesystem-atomic://", transport_options=options) as connection:
        yield connection.default_channel


def test_a_message_is_invisible_to_workers_until_written_whole(channel, monkeypatch):
    # Kombu's own filesystem transport creates the file, then writes it: a worker
    # polling in between read it empty, crashed, and the message was lost.
    looked = []

    def replace(written, final):
        with pytest.raises(Empty):
            channel._get("articles")
        looked.append(final)
        os.rename(written, final)

    monkeypatch.setattr(newsroom.broker.os, "replace", replace)
    channel._put("articles", {"body": "x" * 100_000})
    assert looked, "the message is renamed into place"
    assert channel._get("articles") == {"body": "x" * 100_000}
