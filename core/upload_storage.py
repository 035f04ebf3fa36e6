"""Uploads on the file system, kept whole or not at all.

Django's FileSystemStorage writes an upload straight under its final name and leaves what it
wrote when the disk fills up half-way: a truncated picture that no row points to, which nothing
would ever delete, and whose name the next upload steps around. Here the bytes go first to a
random `.part` name of this upload alone, removed on any error; the finished file is then
hard-linked to its final name, which, like Django's own exclusive create, never replaces another
file. Object storage (MEDIA_STORAGE_BACKEND) stores an object whole by itself and needs none of
this.
"""

import os
import secrets

from django.core.files.storage import FileSystemStorage


class WholeFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        partial = f"{name}.{secrets.token_hex(8)}.part"
        try:
            partial = super()._save(partial, content)
            while True:
                try:
                    os.link(self.path(partial), self.path(name))
                    return name
                except FileExistsError:
                    name = self.get_available_name(name)
        finally:
            # Written or not, linked or not: the partial name goes (a missing file is fine).
            self.delete(partial)
