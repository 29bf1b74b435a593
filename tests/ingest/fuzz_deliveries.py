"""Hypothesis strategies for the loader's fuzz test: a small valid snapshot of one source, then one file's bytes
mutated and the manifest kept consistent or broken."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from hypothesis import strategies as st
from stdnum.dk import cpr as cpr_number

from pipelines.ingest.contracts import contracts_by_source
from tests.landing_builder import write_snapshot

KOMMUNEKODE, EXTRACT_DATE = "420", "2026-11-21"
# Valid under the century rule (no modulus 11), with and without the dash; written only into the landing folder.
CPR_NUMBERS = ("010115-4321", "0101154321", "100590-1234", "010315-4322", "1508701235", "2001107584", "311299-0007")
CPR_IN_FREE_TEXT = "0101804321"
assert all(cpr_number.is_valid(n) for n in CPR_NUMBERS + (CPR_IN_FREE_TEXT,))
SOURCES = ("program", "boern")
ENCODINGS = ("utf-8", "utf-8-sig", "cp1252")
PAYLOADS = (b";", b";;", b'"', b'""', b"\x00", b"\r", b"\n", b"\r\n", b"\n\n", b"\xff", b"\x81", b"\xe6", b"\xc3",
            b"\xef\xbb\xbf", "æøå".encode(), "æøå".encode("cp1252"))
MANIFEST_BREAKS = ("bad_sha", "rows_plus", "rows_minus", "rows_text", "rows_bool", "invalid_json", "not_object",
                   "drop_key", "drop_table", "drop_sha", "bad_delimiter", "bad_encoding", "other_source", "no_manifest")
# A broken manifest key whose absence must reject the snapshot.
REQUIRED_KEYS = ("kommunekode", "source", "extract_date", "encoding", "date_format", "decimal", "delimiter", "tables")


@dataclass(frozen=True)
class Format:
    encoding: str
    date_format: str
    decimal: str

    def day(self, value: date | None) -> str | None:
        return None if value is None else value.strftime(self.date_format)

    def number(self, value: float) -> str:
        text = f"{value:.2f}"
        return text.replace(".", ",") if self.decimal == "," else text


def _spell(draw) -> tuple[date, date | None]:
    start = draw(st.dates(date(2000, 1, 1), date(2026, 6, 30)))
    length = draw(st.none() | st.integers(0, 2000))
    return start, None if length is None else start + timedelta(days=length)


def _program_row(draw, table: str, i: int, fmt: Format) -> dict:
    cpr = draw(st.sampled_from(CPR_NUMBERS))
    start, end = _spell(draw)
    domain = draw(st.sampled_from(["TRIVSEL", "SKOLE_DAGTILBUD", "BESKAEFTIGELSE", "SUNDHED", "BOLIG"]))
    return {
        "deltagelse": lambda: {"familie_ref": f"F{i}", "cpr": cpr, "rolle": draw(st.sampled_from(["VOKSEN", "BARN"])),
                               "program": draw(st.sampled_from(["Job og Familie", "Hel Familie"])),
                               "start": fmt.day(start), "slut": fmt.day(end), "casemanager_id": "CM1"},
        "maal": lambda: {"familie_ref": f"F{i}", "maal_id": f"M{i}", "cpr": draw(st.none() | st.just(cpr)),
                         "domaene": domain, "oprettet": fmt.day(start),
                         "status": draw(st.sampled_from(["AABEN", "NAAET", "OPGIVET"])), "status_dato": fmt.day(end)},
        "screeninger": lambda: {"cpr": cpr, "dato": fmt.day(start), "domaene": domain,
                                "score": draw(st.integers(1, 5))},
        "who5": lambda: {"cpr": cpr, "dato": fmt.day(start), "score": draw(st.integers(0, 100))},
    }[table]()


def _boern_row(draw, table: str, i: int, fmt: Format) -> dict:
    cpr = draw(st.sampled_from(CPR_NUMBERS))
    start, end = _spell(draw)
    return {
        "sager": lambda: {"sag_id": f"S{i}", "cpr_barn": cpr, "aabnet": fmt.day(start), "lukket": fmt.day(end),
                          "sagsbehandler_id": "SB1", "lukkeaarsag": draw(st.sampled_from(
                              [None, "Flyttet til Århus", f"Se far {CPR_IN_FREE_TEXT}", "Afsluttet"]))},
        "underretninger": lambda: {"underretning_id": f"U{i}", "cpr_barn": cpr, "modtaget": fmt.day(start),
                                   "kilde": draw(st.sampled_from(["SKOLE", "POLITI", "BORGER"])),
                                   "akut": draw(st.sampled_from(["J", "N"]))},
        "undersoegelser": lambda: {"sag_id": f"S{i}", "start": fmt.day(start), "slut": fmt.day(end)},
        "indsatser": lambda: {"indsats_id": f"I{i}", "sag_id": f"S{i}", "cpr_barn": cpr,
                              "kode": draw(st.sampled_from(["FAMILIEBEHANDLING", "ANBRINGELSE_FAMILIEPLEJE"])),
                              "lovhjemmel": "SEL § 52, stk. 3", "start": fmt.day(start), "slut": fmt.day(end),
                              "udbyder": draw(st.sampled_from([None, "Døgninstitutionen Bøgely", "Plejefamilie"])),
                              "takst_kr": fmt.number(draw(st.floats(0, 20000, allow_nan=False))),
                              "takst_enhed": draw(st.sampled_from(["DAG", "TIME", "ENGANG"])),
                              "timer_pr_uge": draw(st.none() | st.just(fmt.number(2.5)))},
    }[table]()


ROWS = {"program": _program_row, "boern": _boern_row}


@dataclass
class Delivery:
    """What a test writes: the valid snapshot, the file to mutate and how, and what becomes of the manifest."""

    source: str
    fmt: Format
    tables: dict[str, list[dict]]
    target: str
    mutations: list[tuple] = field(default_factory=list)
    manifest: str = "consistent"  # consistent | stale | one of MANIFEST_BREAKS
    drop_key: str = ""


@st.composite
def deliveries(draw) -> Delivery:
    source = draw(st.sampled_from(SOURCES))
    fmt = Format(draw(st.sampled_from(ENCODINGS)), draw(st.sampled_from(["%Y-%m-%d", "%d-%m-%Y"])),
                 draw(st.sampled_from([".", ","])))
    tables = {}
    for contract in contracts_by_source()[source]:
        n = draw(st.integers(0, 6))
        tables[contract.table] = [ROWS[source](draw, contract.table, i, fmt) for i in range(1, n + 1)]
    target = draw(st.sampled_from(sorted(tables)))
    mutations = draw(st.lists(mutation(), max_size=3))
    manifest = draw(st.sampled_from(("consistent",) * 16 + ("stale",) * 2 + MANIFEST_BREAKS))
    return Delivery(source, fmt, tables, target, mutations, manifest, draw(st.sampled_from(REQUIRED_KEYS)))


def mutation():
    place = st.integers(0, 1 << 16)
    return st.one_of(
        st.tuples(st.just("insert"), place, st.sampled_from(PAYLOADS) | st.binary(min_size=1, max_size=4)),
        st.tuples(st.just("delete"), place, st.integers(1, 3)),
        st.tuples(st.just("drop_delimiter"), place),
        st.tuples(st.just("double_delimiter"), place),
        st.tuples(st.just("stray_quote"), place),
        st.tuples(st.just("reencode_line"), place, st.sampled_from(["utf-8", "cp1252", "utf-16-le", "latin-1"])),
        st.tuples(st.just("reencode_file"), st.sampled_from(["utf-8", "cp1252", "utf-16"])),
        st.tuples(st.just("truncate"), place),
        st.tuples(st.just("empty_line"), place),
        st.tuples(st.just("duplicate_line"), place),
        st.tuples(st.just("delete_line"), place),
        st.tuples(st.just("no_final_newline")),
        st.tuples(st.just("crlf")),
    )


def _nth(data: bytes, needle: bytes, k: int) -> int | None:
    places = [i for i in range(len(data)) if data.startswith(needle, i)]
    return places[k % len(places)] if places else None


def _line_span(data: bytes, k: int) -> tuple[int, int]:
    """Start and end (before its newline) of the k-th line, counting round."""
    starts = [0] + [i + 1 for i, b in enumerate(data) if b == 10 and i + 1 < len(data)]
    start = starts[k % len(starts)]
    end = data.find(b"\n", start)
    return start, len(data) if end < 0 else end


def _reencode(data: bytes, source_encoding: str, encoding: str) -> bytes:
    text = data.decode("utf-8" if source_encoding.startswith("utf-8") else source_encoding, errors="replace")
    return text.encode(encoding, errors="replace")


def mutate(data: bytes, op: tuple, encoding: str) -> bytes:
    kind, *args = op
    at = args[0] % (len(data) + 1) if args and isinstance(args[0], int) else 0
    if kind == "insert":
        return data[:at] + args[1] + data[at:]
    if kind == "delete":
        return data[:at] + data[at + args[1]:]
    if kind in ("drop_delimiter", "double_delimiter"):
        i = _nth(data, b";", args[0])
        return data if i is None else data[:i] + (b";;" if kind == "double_delimiter" else b"") + data[i + 1:]
    if kind == "stray_quote":
        return data[:at] + b'"' + data[at:]
    if kind == "reencode_line":
        start, end = _line_span(data, args[0])
        return data[:start] + _reencode(data[start:end], encoding, args[1]) + data[end:]
    if kind == "reencode_file":
        return _reencode(data, encoding, args[0])
    if kind == "truncate":
        return data[:at]
    if kind in ("empty_line", "duplicate_line", "delete_line"):
        start, end = _line_span(data, args[0])
        line = data[start:end + 1]
        return data[:start] + {"empty_line": b"\n" + line, "duplicate_line": line + line, "delete_line": b""}[kind] \
            + data[end + 1:]
    if kind == "no_final_newline":
        return data.removesuffix(b"\n")
    if kind == "crlf":
        return data.replace(b"\n", b"\r\n")
    raise ValueError(kind)


def data_lines(data: bytes) -> int:
    """Physical lines after the header; a final line without a newline counts (DECISIONS.md, "Lines")."""
    end = data.find(b"\n")
    if end < 0:
        return 0
    rest = data[end + 1:]
    return rest.count(b"\n") + (1 if rest and not rest.endswith(b"\n") else 0)


def _break_manifest(manifest: dict, delivery: Delivery) -> str | None:
    """The manifest's text after the break, or None for no manifest at all."""
    entry = manifest["tables"][delivery.target]
    kind = delivery.manifest
    if kind == "no_manifest":
        return None
    if kind == "invalid_json":
        return json.dumps(manifest)[:-3]
    if kind == "not_object":
        return json.dumps([manifest])
    edits = {
        "bad_sha": lambda: entry.update(sha256=hashlib.sha256(b"other").hexdigest()),
        "rows_plus": lambda: entry.update(rows=entry["rows"] + 1),
        "rows_minus": lambda: entry.update(rows=entry["rows"] - 1),
        "rows_text": lambda: entry.update(rows=str(entry["rows"])),
        "rows_bool": lambda: entry.update(rows=True),
        "drop_key": lambda: manifest.pop(delivery.drop_key),
        "drop_table": lambda: manifest["tables"].pop(delivery.target),
        "drop_sha": lambda: entry.pop("sha256"),
        "bad_delimiter": lambda: manifest.update(delimiter=";;"),
        "bad_encoding": lambda: manifest.update(encoding="latin-9"),
        "other_source": lambda: manifest.update(source="jobcenter"),
    }
    edits[kind]()
    return json.dumps(manifest)


def write(landing: Path, delivery: Delivery) -> tuple[Path, bytes, bytes]:
    """Writes the snapshot, mutates the target file and handles the manifest; returns the folder and the target
    file's bytes before and after."""
    fmt = delivery.fmt
    folder = write_snapshot(landing, KOMMUNEKODE, delivery.source, EXTRACT_DATE, delivery.tables,
                            encoding=fmt.encoding, date_format=fmt.date_format, decimal=fmt.decimal)
    path = folder / f"{delivery.target}.csv"
    before = data = path.read_bytes()
    for op in delivery.mutations:
        data = mutate(data, op, fmt.encoding)
    path.write_bytes(data)
    manifest = json.loads((folder / "_manifest.json").read_text(encoding="utf-8"))
    if delivery.manifest != "stale":
        manifest["tables"][delivery.target].update(rows=data_lines(data), sha256=hashlib.sha256(data).hexdigest())
    text = json.dumps(manifest) if delivery.manifest in ("consistent", "stale") else _break_manifest(manifest, delivery)
    if text is None:
        (folder / "_manifest.json").unlink()
    else:
        (folder / "_manifest.json").write_text(text, encoding="utf-8")
    return folder, before, data
