"""Build hook: the wheel carries the checkout's top-level content folders inside the package.

`exercises/`, `assets/` and `examples/` stay where authors edit them (the checkout's top);
the wheel installs them as `kiosk/exercises`, `kiosk/assets` and `kiosk/examples`, where
`kiosk.content.folders` looks when there is no checkout beside the package. Everything
else about the package is in pyproject.toml.
"""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).resolve().parent
CONTENT = {"kiosk.exercises": "exercises", "kiosk.assets": "assets", "kiosk.examples": "examples"}


def content_packages() -> tuple[dict[str, str], dict[str, list[str]]]:
    """Each content folder and its subfolders as a data-only package, with all their files."""
    package_dir: dict[str, str] = {}
    package_data: dict[str, list[str]] = {}
    for package, folder in CONTENT.items():
        for sub in [HERE / folder, *sorted(p for p in (HERE / folder).rglob("*") if p.is_dir())]:
            if any(part.startswith(".") or part == "__pycache__" for part in sub.relative_to(HERE).parts):
                continue
            relative = sub.relative_to(HERE / folder).parts
            name = ".".join([package, *relative])
            package_dir[name] = "/".join([folder, *relative])
            package_data[name] = ["*"]
    return package_dir, package_data


content_dirs, content_data = content_packages()
setup(packages=find_packages(include=["kiosk", "kiosk.*"]) + sorted(content_dirs),
      package_dir=content_dirs, package_data=content_data)
