"""Two jobs started together both parse the dbt project: neither may read the other's manifest half-written."""
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
    assert [p.name for p in published.parent.iterdir()] == ["manifest.json"]
