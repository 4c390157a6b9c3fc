"""Packaging beyond what pyproject.toml can say: the wheel ships the conformance suite and the
default DMVES inside the ``s1sr`` package, so that every command works after ``pip install``
from any folder. The checkout's top-level ``conformance/`` and ``device_models/`` stay the
source of truth: they are mapped into the package, never copied in the tree."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["s1sr", "s1sr.*"]), "s1sr.conformance", "s1sr.device_models"],
    package_dir={"s1sr.conformance": "conformance", "s1sr.device_models": "device_models"},
    package_data={
        "s1sr": ["**/*.toml", "**/*.md"],
        "s1sr.conformance": ["*.md"],
        "s1sr.device_models": ["*.toml", "*.md"],
    },
)
