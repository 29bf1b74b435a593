"""The job parses the dbt project only when a file of it changed, and two jobs started together may both parse it:
neither may read the other's manifest half-written."""
import json
from types import SimpleNamespace

from pipelines.transform import project


class HalfWritingDbt:
    """Writes the manifest in two halves, and reads the published manifest in between, as a second job would."""

    def __init__(self, published):
        self.published, self.seen_between = published, None

    def cli(self, args, target_path, raise_on_error):
        assert args == ["parse"]
        with open(target_path / "manifest.json", "w", encoding="utf-8") as out:
            text = json.dumps({"nodes": {"model.helhed.new": {}}})
            out.write(text[: len(text) // 2])
            out.flush()
            self.seen_between = json.loads(self.published.read_text(encoding="utf-8"))
            out.write(text[len(text) // 2:])
        return self

    def wait(self):
        return None


def test_a_reader_sees_the_old_manifest_until_the_new_one_is_complete(tmp_path, monkeypatch):
    published = tmp_path / "target" / "manifest.json"
    published.parent.mkdir()
    published.write_text(json.dumps({"nodes": {"model.helhed.old": {}}}), encoding="utf-8")
    dbt = HalfWritingDbt(published)
    monkeypatch.setattr(project, "dbt_project", SimpleNamespace(manifest_path=published))
    monkeypatch.setattr(project, "dbt_resource", lambda: dbt)

    project.parse_manifest()

    assert dbt.seen_between == {"nodes": {"model.helhed.old": {}}}
    assert json.loads(published.read_text(encoding="utf-8")) == {"nodes": {"model.helhed.new": {}}}
    assert sorted(p.name for p in published.parent.iterdir()) == ["manifest.fingerprint", "manifest.json"]


class CountingDbt:
    def __init__(self):
        self.parses = 0

    def cli(self, args, target_path, raise_on_error):
        self.parses += 1
        (target_path / "manifest.json").write_text("{}", encoding="utf-8")
        return self

    def wait(self):
        return None


def test_the_project_is_parsed_again_only_when_a_file_of_it_changed(tmp_path, monkeypatch):
    model = tmp_path / "dbt" / "models" / "family.sql"
    model.parent.mkdir(parents=True)
    model.write_text("select 1 as family_id", encoding="utf-8")
    dbt = CountingDbt()
    monkeypatch.setattr(project, "DBT_DIR", tmp_path / "dbt")
    monkeypatch.setattr(project, "dbt_project", SimpleNamespace(manifest_path=tmp_path / "dbt/target/manifest.json"))
    monkeypatch.setattr(project, "dbt_resource", lambda: dbt)

    parses = []
    for change in (None, None, "select 2 as family_id", None, "logs", "target"):
        if change in ("logs", "target"):  # what dbt writes itself
            (tmp_path / "dbt" / change).mkdir(exist_ok=True)
            (tmp_path / "dbt" / change / "dbt.log").write_text("ran", encoding="utf-8")
        elif change:
            model.write_text(change, encoding="utf-8")
        project.parse_manifest()
        parses.append(dbt.parses)
    assert parses == [1, 1, 2, 2, 2, 2]
    (tmp_path / "dbt" / "models" / "family.yml").write_text("version: 2", encoding="utf-8")
    project.parse_manifest()
    assert dbt.parses == 3
