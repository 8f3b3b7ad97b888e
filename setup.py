"""Packaging beyond pyproject.toml: Planbook's templates (site_templates/ at the repository's root)
go into the wheel as ``generator/site_templates``; generator/resources.py finds them in either place."""
import os

from setuptools import find_packages, setup


def template_packages() -> dict[str, str]:
    """Every folder of site_templates/ as a data package (package name -> folder), so that setuptools copies
    its files into the wheel."""
    found = {}
    for folder, _dirs, _files in os.walk("site_templates"):
        if "__pycache__" in folder:
            continue
        rel = os.path.relpath(folder, "site_templates")
        found["generator.site_templates" + ("" if rel == "." else "." + rel.replace(os.sep, "."))] = folder
    return found


TEMPLATES = template_packages()

setup(
    packages=[*find_packages(include=["generator*"]), *TEMPLATES],
    package_dir=TEMPLATES,
    package_data={name: ["*"] for name in TEMPLATES},
)
