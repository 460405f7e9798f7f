"""Regenerates chalicelib/data/common_passwords.txt from zxcvbn's maintained frequency list.

The runtime never imports zxcvbn (its lists cost ~0.3 s to import); it reads the extracted file.
Run: .venv/bin/python -m infra.build_common_passwords
"""

from pathlib import Path

from zxcvbn.frequency_lists import FREQUENCY_LISTS

TARGET = Path(__file__).resolve().parent.parent / "chalicelib" / "data" / "common_passwords.txt"


def main() -> None:
    words = sorted({w.lower() for w in FREQUENCY_LISTS["passwords"]})
    TARGET.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} passwords written to {TARGET}")


if __name__ == "__main__":
    main()
