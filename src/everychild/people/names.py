"""Normalising names for search and matching.

Two forms are kept for every name:
- `normalise`: lower case ASCII letters and single spaces ("Nguyễn Thị" -> "nguyen thi").
- `skeleton`: a transliteration-tolerant key. Names transliterated from Bengali, Arabic,
  Somali or Vietnamese vary mostly in their vowels, in "h" and "w", and in doubled letters
  (Mohammed/Muhammad/Mohamed, Begum/Begom, Rahman/Rahaman, Chowdhury/Choudhury), which
  English-oriented phonetic codes such as Metaphone do not all fold together (Rahman/Rahaman
  give RMN/RHMN). The skeleton keeps the consonants only, so all of these collide. Somali
  spelling writes the ayn as "c" and a strong h as "x" (Cali/Ali, Cumar/Umar, Xasan/Hasan),
  so a "c" before a vowel at the start of a name counts as a vowel, and "x" as "h".
"""

import re
import unicodedata

_NOT_LETTER = re.compile(r"[^a-z ]+")
_SPACES = re.compile(r"\s+")
_FOLDED = str.maketrans({"q": "k", "c": "k", "v": "b", "z": "s"})
_DROPPED = set("aeiouyhw")


def normalise(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name or "")
    ascii_only = decomposed.encode("ascii", "ignore").decode().lower()
    ascii_only = ascii_only.replace("-", " ").replace("'", "").replace("\u2019", "")
    return _SPACES.sub(" ", _NOT_LETTER.sub("", ascii_only)).strip()


def skeleton(name: str) -> str:
    """Consonant skeleton of a whole name, spaces ignored ("Abdul Karim" == "Abdulkarim")."""
    letters = normalise(name).replace(" ", "").replace("ph", "f").replace("x", "h")
    if not letters:
        return ""
    if len(letters) > 1 and letters[0] == "c" and letters[1] in "aeiou":
        letters = letters[1:]
    first = "a" if letters[0] in _DROPPED and letters[0] not in "hw" else letters[0]
    out = [first.translate(_FOLDED)]
    for letter in letters[1:].translate(_FOLDED):
        if letter in _DROPPED or letter == out[-1]:
            continue
        out.append(letter)
    return "".join(out)


def search_keys(given_name: str, family_name: str) -> dict[str, str]:
    """The stored search columns of a name (see PersonName)."""
    given, family = normalise(given_name), normalise(family_name)
    return {
        "given_norm": given,
        "family_norm": family,
        "full_norm": f"{given} {family}".strip(),
        "given_key": skeleton(given),
        "family_key": skeleton(family),
    }
