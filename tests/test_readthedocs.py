"""Read the Docs, emulated: the steps of .readthedocs.yaml run locally give the site and one PDF."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).parent.parent


def test_readthedocs_steps_publish_site_and_pdf(tmp_path: Path) -> None:
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text())
    assert config["version"] == 2
    assert {"method": "pip", "path": ".", "extra_requirements": ["docs"]} in config["python"][
        "install"
    ]  # the project as pyproject.toml declares it (installed here already)
    assert config["sphinx"]["fail_on_warning"] is True

    checkout = tmp_path / "checkout"
    for folder in ("docs", "bib"):
        shutil.copytree(REPO / folder, checkout / folder)
    output = tmp_path / "readthedocs-output"
    env = {
        **os.environ,
        "READTHEDOCS": "True",
        "READTHEDOCS_OUTPUT": str(output),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }

    def run(command: str, cwd: Path) -> None:
        done = subprocess.run(
            ["bash", "-ec", command], cwd=cwd, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"

    assert "pre_build" not in config["build"]["jobs"]  # one Sphinx run: the site's
    # Read the Docs' own HTML step, with fail_on_warning, from conf.py's folder.
    confdir = checkout / Path(config["sphinx"]["configuration"]).parent
    run(
        "python -m sphinx -T -W --keep-going -b html -d _build/doctrees -D language=en . "
        '"$READTHEDOCS_OUTPUT/html"',
        confdir,
    )
    # build.jobs.post_build, as Read the Docs runs them from the checkout.
    for command in config["build"]["jobs"]["post_build"]:
        run(command, checkout)

    assert (output / "html" / "index.html").is_file()
    # Every PDF is a file of the site; the whole CV is the project's PDF download too.
    site_pdfs = sorted(p.name for p in (output / "html").glob("*.pdf"))
    assert site_pdfs == ["Xingyao-Wang-CV.pdf", "Xingyao-Wang-Resume.pdf"]
    pdfs = list((output / "pdf").iterdir())
    assert [p.name for p in pdfs] == ["Xingyao-Wang-CV.pdf"]
    assert pdfs[0].read_bytes().startswith(b"%PDF-")
    assert (output / "html" / pdfs[0].name).read_bytes() == pdfs[0].read_bytes()
