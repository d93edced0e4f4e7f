#!/usr/bin/env python3
"""Writes Sources/PalermoCore/Resources/common-passwords.txt: the 30,000 most frequent passwords of the
frequency list that zxcvbn publishes (from leaked password corpora), lowercased, one a line, most common first.

The list comes from the zxcvbn package on PyPI, downloaded into a temporary folder (nothing is installed):
    python3 scripts/generate-common-passwords.py
"""
import pathlib
import subprocess
import sys
import tempfile
import zipfile

root = pathlib.Path(__file__).resolve().parent.parent
target = root / "Sources/PalermoCore/Resources/common-passwords.txt"

with tempfile.TemporaryDirectory() as folder:
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", folder, "zxcvbn==4.5.0"],
                   check=True)
    wheel = next(pathlib.Path(folder).glob("zxcvbn-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(folder)
    sys.path.insert(0, folder)
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

seen, lines = set(), []
for word in FREQUENCY_LISTS["passwords"]:
    word = word.strip().lower()
    if word and word not in seen:
        seen.add(word)
        lines.append(word)
target.write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"wrote {len(lines)} passwords to {target.relative_to(root)}")
