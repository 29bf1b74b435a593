"""One pass over a delivered file: its sha256, its header, its data lines and every line that cannot be parsed.

A record is one physical line ending in `\\n` (a `\\r` right before it is dropped; a final line without `\\n` counts).
Fields follow RFC 4180: unquoted without `"`, or wholly quoted with `""` for a quote, so a line break inside a field
splits a record in two malformed lines. Blocks are checked with numpy, so a clean file costs one read; only lines
that look suspicious (a quote, a NUL byte, a `\\r`, another field count than the header's, bytes that do not decode)
are parsed one by one.
"""
from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

BLOCK_BYTES = 1 << 22
NEWLINE, CR, QUOTE, NUL = 10, 13, 34, 0
UNDEFINED_IN_CP1252 = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class LineFault:
    line: int  # physical line in the file; the header is line 1
    rule: str
    detail: str
    text: str  # the line as delivered, undecodable bytes as \xNN (CPR numbers still in it: mask before storing)


@dataclass
class FileScan:
    sha256: str = ""
    header: list[str] | None = None
    header_problem: str = ""
    data_lines: int = 0
    faults: list[LineFault] = field(default_factory=list)
    longest_line: int = 0
    carriage_returns: bool = False  # some line ends in \r\n
    non_ascii_lines: int = 0
    valid_utf8: bool = True  # every byte sequence of the file is valid UTF-8

    @property
    def undecodable_lines(self) -> int:
        return sum(1 for f in self.faults if f.rule == "invalid_encoding")


class _Fields:
    """Splits one line into fields, strictly: None when its quotes are malformed."""

    def __init__(self, delimiter: str):
        d = re.escape(delimiter)
        one = f'(?:"(?:[^"]|"")*"|[^"{d}]*)'
        self.shape = re.compile(f"{one}(?:{d}{one})*")
        self.delimiter = delimiter

    def split(self, text: str) -> list[str] | None:
        if '"' not in text:
            return text.split(self.delimiter)
        if not self.shape.fullmatch(text):
            return None
        return next(csv.reader([text], delimiter=self.delimiter, quotechar='"', strict=True))


def shown(raw: bytes, encoding: str) -> str:
    """A delivered line as text, with bytes that do not decode and control characters made visible."""
    text = raw.decode(encoding, errors="backslashreplace")
    return text.replace("\x00", "\\x00").replace("\r", "\\r")


def _line_fault(raw: bytes, line: int, expected: int, encoding: str, fields: _Fields) -> LineFault | None:
    def fault(rule: str, detail: str) -> LineFault:
        return LineFault(line, rule, detail, shown(raw, encoding))

    if b"\x00" in raw:
        return fault("nul_byte", "the line holds a NUL byte")
    if b"\r" in raw:
        return fault("stray_carriage_return", "a carriage return inside the line")
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as err:
        return fault("invalid_encoding", f"byte 0x{raw[err.start]:02x} at position {err.start + 1} is not {encoding}")
    values = fields.split(text)
    if values is None:
        return fault("malformed_quotes", "an unterminated or stray quote")
    if len(values) != expected:
        rule = "too_many_fields" if len(values) > expected else "too_few_fields"
        return fault(rule, f"{len(values)} fields, the header has {expected}")
    return None


class _Counter:
    """Per-line counts of a byte class over one block of whole lines (each line with its newline)."""

    def __init__(self, starts: np.ndarray, ends: np.ndarray):
        self.starts, self.ends = starts, ends

    def count(self, mask: np.ndarray) -> np.ndarray:
        return np.add.reduceat(mask, self.starts, dtype=np.int32)

    def count_rare(self, mask: np.ndarray) -> np.ndarray:
        """The same for a class that seldom occurs: only its positions are looked up."""
        lines = np.searchsorted(self.ends, np.flatnonzero(mask))
        return np.bincount(lines, minlength=len(self.ends))


class _Scanner:
    def __init__(self, encoding: str, delimiter: str):
        self.encoding = "utf-8" if encoding.startswith("utf-8") else encoding
        self.delimiter = delimiter
        self.fields = _Fields(delimiter)
        self.scan = FileScan()
        self.expected = 0
        self.next_line = 2

    def header(self, raw: bytes) -> None:
        raw = raw.removeprefix(BOM) if self.encoding == "utf-8" else raw
        self.scan.carriage_returns = raw.endswith(b"\r")
        raw = raw.removesuffix(b"\r")
        if b"\r" in raw or b"\x00" in raw:
            self.scan.header_problem = "a carriage return or NUL byte inside the header"
            return
        try:
            values = self.fields.split(raw.decode(self.encoding))
        except UnicodeDecodeError:
            self.scan.header_problem = f"the header is not valid {self.encoding}"
            return
        if values is None:
            self.scan.header_problem = "the header's quotes are malformed"
        elif values == [""]:
            self.scan.header_problem = "the file has no header"
        else:
            self.scan.header, self.expected = values, len(values)

    def lines(self, data: bytes) -> None:
        """`data` holds whole lines, each ending in a newline."""
        block = np.frombuffer(data, dtype=np.uint8)
        ends = np.flatnonzero(block == NEWLINE)
        starts = np.concatenate(([0], ends[:-1] + 1))
        counter = _Counter(starts, ends)
        ends_in_cr = (ends > starts) & (block[np.maximum(ends - 1, 0)] == CR)
        self.scan.carriage_returns |= bool(ends_in_cr.any())
        quotes = counter.count_rare(block == QUOTE)
        controls = counter.count_rare((block == NUL) | (block == CR)) - ends_in_cr
        fields = counter.count(block == ord(self.delimiter)) + 1
        non_ascii = counter.count_rare(block >= 0x80)
        bad_bytes = self._bad_byte_lines(data, block, counter, non_ascii)
        suspect = np.flatnonzero((quotes > 0) | (controls > 0) | (fields != self.expected) | bad_bytes)
        for i in suspect:
            raw = data[starts[i]:ends[i]].removesuffix(b"\r")
            fault = _line_fault(raw, self.next_line + int(i), self.expected, self.encoding, self.fields)
            if fault:
                self.scan.faults.append(fault)
        self._count(len(ends), ends - starts, non_ascii)

    def _bad_byte_lines(self, data: bytes, block, counter: _Counter, non_ascii: np.ndarray) -> np.ndarray:
        if not non_ascii.any():
            return np.zeros(len(non_ascii), dtype=bool)
        valid_utf8 = _decodes(data, "utf-8")
        self.scan.valid_utf8 &= valid_utf8
        if self.encoding == "cp1252":
            return counter.count_rare(np.isin(block, UNDEFINED_IN_CP1252)) > 0
        return (non_ascii > 0) & (not valid_utf8)

    def _count(self, n: int, lengths: np.ndarray, non_ascii: np.ndarray) -> None:
        self.next_line += n
        self.scan.data_lines += n
        self.scan.non_ascii_lines += int(np.count_nonzero(non_ascii))
        if n:
            self.scan.longest_line = max(self.scan.longest_line, int(lengths.max()))


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def scan_file(path: Path, encoding: str, delimiter: str) -> FileScan:
    """Reads `path` once; the header's problem, if any, is in `header_problem` and no line is checked."""
    scanner, digest, pending, header_done = _Scanner(encoding, delimiter), hashlib.sha256(), b"", False
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(BLOCK_BYTES), b""):
            digest.update(chunk)
            pending += chunk
            if not header_done and b"\n" in pending:
                head, _, pending = pending.partition(b"\n")
                scanner.header(head)
                header_done = True
            if header_done and not scanner.scan.header:
                pending = b""  # nothing can be checked without a header; the sha256 still covers every byte
            cut = pending.rfind(b"\n") + 1
            if header_done and cut:
                scanner.lines(pending[:cut])
                pending = pending[cut:]
    if not header_done:
        scanner.header(pending)
        pending = b""
    if pending and scanner.scan.header:
        scanner.lines(pending + b"\n")
    scanner.scan.sha256 = digest.hexdigest()
    return scanner.scan


def write_clean_copy(path: Path, scan: FileScan, encoding: str, copy: Path) -> None:
    """The file without its faulty lines, as UTF-8 with `\\n` line ends, for DuckDB's strict reader."""
    faulty = np.array(sorted(f.line for f in scan.faults), dtype=np.int64)
    source_encoding = "utf-8" if encoding.startswith("utf-8") else encoding
    with open(path, "rb") as src, open(copy, "wb") as out:
        pending, first_line = b"", 1
        for chunk in iter(lambda: src.read(BLOCK_BYTES), b""):
            pending += chunk
            cut = pending.rfind(b"\n") + 1
            first_line = _copy_lines(pending[:cut], first_line, faulty, source_encoding, out)
            pending = pending[cut:]
        if pending:
            _copy_lines(pending + b"\n", first_line, faulty, source_encoding, out)


def _copy_lines(data: bytes, first_line: int, faulty: np.ndarray, encoding: str, out) -> int:
    ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == NEWLINE)
    here = faulty[(faulty >= first_line) & (faulty < first_line + len(ends))] - first_line
    kept, start = [], 0
    for i in here:
        kept.append(data[start:int(ends[i - 1]) + 1 if i else 0])
        start = int(ends[i]) + 1
    kept.append(data[start:])
    text = b"".join(kept).replace(b"\r\n", b"\n")
    if first_line == 1:
        text = text.removeprefix(BOM)
    out.write(text if encoding == "utf-8" else text.decode(encoding).encode("utf-8"))
    return first_line + len(ends)
