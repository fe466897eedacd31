"""Kombu's filesystem broker with each message published whole.

Kombu's filesystem transport creates a message file and then writes it; a worker
that looks in between takes the file empty, stops on "Expecting value: line 1
column 1" (as in celery/kombu#1551), and the message is lost. Polling often, as
settings.py does, makes that likely: `manage.py bench` hit it within minutes.
Here a message is written under a name no worker reads, then renamed into place:
a rename within a directory is atomic, so a worker sees the whole file or none.
"""

import os
import uuid
from time import monotonic
from typing import Any

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    # kombu's own filesystem Channel._put has this signature, which already
    # differs from AbstractChannel's (`message`); its stubs ignore that too.
    def _put(self, queue: str, payload: dict[str, Any], **kwargs: Any) -> None:  # type: ignore[override]
        # The name kombu gives it: a worker reads files in the order of these names.
        name = f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        path = os.path.join(self.data_folder_out, name)
        try:
            with open(path + ".part", "wb") as f:
                f.write(str_to_bytes(dumps(payload)))
            os.replace(path + ".part", path)
        except OSError as exc:
            raise ChannelError(f"Cannot add file {path!r} to directory") from exc


class Transport(filesystem.Transport):
    Channel = Channel
