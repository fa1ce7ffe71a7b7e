"""The store: one schema, atomic checked writes (even when killed midway), byte-identical no-op writes, clear
errors on damage."""

from __future__ import annotations

import os
import stat
import types
from pathlib import Path

import pandas as pd
import pytest

from cache import store
from cache.errors import CorruptCache
from catalog import schema


@pytest.fixture
def table() -> pd.DataFrame:
    return schema.conform(
        pd.DataFrame(
            {
                "source": ["eia", "eia"],
                "series": ["s", "s"],
                "country": ["KAZ", "KOR"],
                "year": [2000, 2000],
                "value": [1.5, -2.0],
                "unit": ["u", "u"],
            }
        )
    )


MANIFEST = {"series": {"s": {"title": "S", "unit": "u"}}}


def test_a_written_cache_loads_back_the_same(tmp_path, table):
    assert store.write(tmp_path, table, MANIFEST)
    loaded, manifest = store.load(tmp_path)
    pd.testing.assert_frame_equal(loaded, table)
    assert manifest["table"]["rows"] == 2 and manifest["series"] == MANIFEST["series"]


def test_equal_tables_give_equal_bytes(table):
    assert store.table_bytes(table) == store.table_bytes(table.iloc[::-1])


def test_writing_the_same_again_touches_nothing(tmp_path, table):
    store.write(tmp_path, table, MANIFEST)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    assert store.write(tmp_path, table, MANIFEST) is False
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()} == before


def test_files_are_readable_by_others(tmp_path, table):
    store.write(tmp_path, table, MANIFEST)
    assert stat.S_IMODE((tmp_path / store.TABLE_FILE).stat().st_mode) & 0o044


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, table, monkeypatch):
    store.write(tmp_path, table, MANIFEST)
    old = (tmp_path / store.TABLE_FILE).read_bytes()

    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        store.write(tmp_path, table.assign(value=table["value"] + 1), MANIFEST)
    assert (tmp_path / store.TABLE_FILE).read_bytes() == old
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("damage", ["truncate table", "garble manifest", "drop table", "drop manifest", "swap table"])
def test_damage_raises_one_clear_error_naming_the_file_and_the_fix(tmp_path, table, damage):
    store.write(tmp_path, table, MANIFEST)
    data, manifest = tmp_path / store.TABLE_FILE, tmp_path / store.MANIFEST_FILE
    if damage == "truncate table":
        data.write_bytes(data.read_bytes()[:100])
    elif damage == "garble manifest":
        manifest.write_text("{")
    elif damage == "drop table":
        data.unlink()
    elif damage == "drop manifest":
        manifest.unlink()
    else:
        data.write_bytes(store.table_bytes(table.assign(value=9.0)))
    with pytest.raises(CorruptCache) as info:
        store.load(tmp_path)
    assert info.value.path.endswith((store.TABLE_FILE, store.MANIFEST_FILE))
    assert "make snapshot" in str(info.value)


def test_the_schema_refuses_duplicates_and_missing_columns(table):
    with pytest.raises(ValueError):
        schema.validate(pd.concat([table, table], ignore_index=True))
    with pytest.raises(ValueError):
        schema.conform(table.drop(columns=["unit"]))


def test_conform_drops_missing_values_and_sorts(table):
    messy = pd.concat([table.iloc[::-1], table.iloc[:1].assign(year=1999, value=None)], ignore_index=True)
    out = schema.conform(messy)
    assert out["value"].notna().all() and list(out["country"]) == ["KAZ", "KOR"]


def killed_between_the_renames(directory: Path, table: pd.DataFrame, monkeypatch) -> list[str]:
    """Write `table`, stopping the writer just before it renames the manifest; the names it did rename."""
    real_replace, renames = os.replace, []

    def replace(src, dst):
        if Path(dst).name == store.MANIFEST_FILE:
            raise KeyboardInterrupt  # stands for SIGKILL: nothing after this point runs
        renames.append(Path(dst).name)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        store.write(directory, table, MANIFEST)
    monkeypatch.setattr(os, "replace", real_replace)
    return renames


def test_a_write_killed_between_its_two_renames_leaves_the_old_pair_readable_at_once(tmp_path, table, monkeypatch):
    store.write(tmp_path, table, MANIFEST)
    assert killed_between_the_renames(tmp_path, table.assign(value=9.0), monkeypatch) == [store.TABLE_FILE]
    sleeps: list[float] = []
    monkeypatch.setattr(store, "time", types.SimpleNamespace(sleep=sleeps.append))  # store's only use of time
    loaded, _ = store.load(tmp_path)
    pd.testing.assert_frame_equal(loaded, table)
    assert sleeps == []  # it read the kept table instead of waiting for a rename that never comes


def test_the_next_write_after_a_killed_one_completes_and_clears_the_kept_table(tmp_path, table, monkeypatch):
    store.write(tmp_path, table, MANIFEST)
    killed_between_the_renames(tmp_path, table.assign(value=9.0), monkeypatch)
    assert store.write(tmp_path, table.assign(value=7.0), MANIFEST)
    pd.testing.assert_frame_equal(store.load(tmp_path)[0], table.assign(value=7.0))
    assert not (tmp_path / store.KEPT_FILE).exists()
