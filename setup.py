"""Ships the repository's sample corpus (data/sample) inside the package on a regular install.

Everything else is configured in pyproject.toml. ``frontwatch demo`` finds the corpus as
``frontwatch/data/sample`` when installed, or as ``data/sample`` in an editable checkout.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SAMPLE = Path(__file__).resolve().parent / "data" / "sample"


class BuildPyWithSample(build_py):
    def run(self) -> None:
        super().run()
        if SAMPLE.is_dir() and not self.editable_mode:
            shutil.copytree(SAMPLE, Path(self.build_lib) / "frontwatch" / "data" / "sample",
                            dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildPyWithSample})
