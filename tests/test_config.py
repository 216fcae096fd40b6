"""The two site configurations: offline for CI and readers, online only for publishing."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent


def python_handler(config_file: str) -> dict[str, object]:
    config = load_config(str(ROOT / config_file))
    handler: dict[str, object] = config["plugins"]["mkdocstrings"].config["handlers"]["python"]
    return handler


def test_the_offline_build_fetches_no_inventory_and_calls_no_code_host() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert not python_handler("mkdocs.yml").get("inventories")
    assert not config["repo_url"]  # a repo_url makes every page call the code host's API
    assert config["theme"]["font"] is False  # no web fonts
    privacy = config["plugins"]["material/privacy"].config
    assert privacy["assets"] and not privacy["assets_fetch"]


def test_the_online_build_adds_numpy_and_python_cross_references() -> None:
    online = python_handler("mkdocs.online.yml")
    assert online["inventories"] == [
        "https://docs.python.org/3/objects.inv",
        "https://numpy.org/doc/stable/objects.inv",
    ]
    # ...and keeps everything else of the offline configuration.
    offline_options = python_handler("mkdocs.yml")["options"]
    assert isinstance(offline_options, dict)
    assert online["options"] == {**offline_options, "signature_crossrefs": True}
