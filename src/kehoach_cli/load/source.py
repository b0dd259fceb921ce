"""A source file as kehoach shows it: its name, its text, where each value stands.

Kept apart from the parser (yamlio imports yaml) so that a cached plan can show the
excerpts under its problems without importing yaml.
"""

from __future__ import annotations

import bisect
import functools
import os
import re
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kehoach_cli.problems import Location, YamlPath

# A lone CR ends a line for libyaml (and for editors): the parser's text, and so every
# line number, has it as a line feed.
LONE_CR = re.compile(r"\r(?!\n)")


def display_name(path: Path) -> str:
    """The path as the user gave it, shortened when it lies under the current directory."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


# A position packed in one int: line in the high bits, column in the low ones. A column
# past COL_MASK (a line over a million characters) is clipped: such a file is refused by
# its size long before.
COL_BITS = 20
COL_MASK = (1 << COL_BITS) - 1


def pack(line: int, col: int) -> int:
    return (line << COL_BITS) | min(col, COL_MASK)


def unpack(packed: int) -> tuple[int, int]:
    return packed >> COL_BITS, packed & COL_MASK


@dataclass
class SourceDoc:
    """Parsed data with the position of every value (and of every mapping key).

    Positions are kept as compactly as locating a problem needs: one array of packed ints
    per list or mapping (a list's: each item's; a mapping's: key and value, in key order),
    found by the container's identity while walking `data` along a path. A dict of YAML
    paths to tuples cost about 80 MiB per 10,000 tasks; this is a few MiB.
    """

    file: str
    text: str
    data: Any = None
    root: int = pack(1, 1)
    positions: dict[int, array[int]] = field(default_factory=dict, repr=False)
    # Where the parser found a YAML-level problem (reported or not): schema complaints
    # about the same spot only repeat it.
    flagged: set[tuple[int, int]] = field(default_factory=set)
    # Whether lines of the file may be shown under a message: only for a plan or report file.
    excerpts: bool = True

    def mark(self, path: YamlPath, *, key: bool = False) -> tuple[int, int] | None:
        """The position of the value at `path` (of its key if `key`), None when `path` is not in the data."""
        found, packed, key_packed = self._walk(path)
        if found < len(path):
            return None
        if key:
            return None if key_packed is None else unpack(key_packed)
        return unpack(packed)

    def locate(self, path: YamlPath, *, key: bool = False) -> Location:
        """The closest known position of `path` (its key's position if `key`)."""
        found, packed, key_packed = self._walk(path)
        if key and found == len(path) and key_packed is not None:
            packed = key_packed
        return Location(self.file, *unpack(packed))

    def _walk(self, path: YamlPath) -> tuple[int, int, int | None]:
        """How many parts of `path` lead through the data, the position reached, and its key's."""
        node, packed, key_packed = self.data, self.root, None
        for depth, part in enumerate(path):
            arr = self.positions.get(id(node))
            if arr is None:
                return depth, packed, key_packed
            if isinstance(node, list):
                if not isinstance(part, int) or not 0 <= part < len(node) or part >= len(arr):
                    return depth, packed, key_packed
                packed, key_packed, node = arr[part], None, node[part]
            elif isinstance(node, dict):
                if part not in node:
                    return depth, packed, key_packed
                i = list(node).index(part)
                key_packed, packed, node = arr[2 * i], arr[2 * i + 1], node[part]
            else:
                return depth, packed, key_packed
        return len(path), packed, key_packed

    @functools.cached_property
    def _line_feeds(self) -> array[int]:
        """How many line feeds the text has before each block of _BLOCK characters (and in all).

        Lines end at LF only, as the parser counts them here (str.splitlines would also
        break at U+2028, NEL, VT, FF and FS, and shift every excerpt below them). A list of
        every line cost 190 MB at 100,000 tasks for the few thousand lines shown; these
        counts are a few hundred KB, and a line is found in its block."""
        text, count = self.text, self.text.count
        counts = array("q", [0])
        total = 0
        for start in range(0, len(text), _BLOCK):
            total += count("\n", start, start + _BLOCK)
            counts.append(total)
        return counts

    def line_start(self, line: int) -> int | None:
        """The offset in `text` where line `line` (1-based) starts, None past the last line."""
        counts = self._line_feeds
        if not 0 < line <= counts[-1] + 1:
            return None
        start, before = 0, line - 1  # the line starts after the `before`-th line feed
        if before:
            block = bisect.bisect_left(counts, before) - 1  # the block that holds that line feed
            start, seen = block * _BLOCK, counts[block]
            find = self.text.find
            while seen < before:
                start = find("\n", start) + 1
                seen += 1
        return start

    def position(self, offset: int) -> tuple[int, int]:
        """Line and column (1-based, in characters) of an offset in `text`."""
        counts, text = self._line_feeds, self.text
        block = min(offset // _BLOCK, len(counts) - 1)
        line = counts[block] + text.count("\n", block * _BLOCK, offset) + 1
        return line, offset - (text.rfind("\n", 0, offset) + 1) + 1

    def line_text(self, line: int) -> str | None:
        start = self.line_start(line)
        if start is None:
            return None
        end = self.text.find("\n", start)
        return self.text[start : end if end >= 0 else len(self.text)].removesuffix("\r")


# Characters per block of SourceDoc's line index: a line is at most a block's lines away.
_BLOCK = 1024
