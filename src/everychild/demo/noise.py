"""How other agencies' records get a child's identity wrong: the noise the person search
and record matching must see through. Used by the benchmarks (and, later, to give partner
records of the same children noisy identities)."""

import random
import string
from datetime import date

from everychild.demo.names import variants_of

_KEYBOARD_NEIGHBOURS = {
    "a": "sq", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh", "h": "gj",
    "i": "uo", "j": "hk", "k": "jl", "l": "k", "m": "n", "n": "bm", "o": "ip", "p": "o",
    "q": "w", "r": "et", "s": "ad", "t": "ry", "u": "yi", "v": "cb", "w": "qe", "x": "zc",
    "y": "tu", "z": "x",
}  # fmt: skip


def typo(name: str, rng: random.Random) -> str:
    """One typing slip: a dropped, doubled, swapped or neighbouring letter."""
    if len(name) < 3:
        return name
    i = rng.randrange(1, len(name) - 1)  # first letters are rarely mistyped
    kind = rng.choice(["drop", "double", "swap", "neighbour"])
    if kind == "drop":
        return name[:i] + name[i + 1 :]
    if kind == "double":
        return name[:i] + name[i] + name[i:]
    if kind == "swap":
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    letter = name[i].lower()
    options = _KEYBOARD_NEIGHBOURS.get(letter, string.ascii_lowercase)
    replacement = rng.choice(options)
    return name[:i] + (replacement.upper() if name[i].isupper() else replacement) + name[i + 1 :]


def transliterate(name: str, rng: random.Random) -> str:
    """Another agency's spelling of the same name, where the name lists know one."""
    others = [v for v in variants_of(name) if v != name]
    return rng.choice(others) if others else name


def swap_day_month(day: date) -> date:
    try:
        return day.replace(day=day.month, month=day.day)
    except ValueError:
        return day


def noisy_name(given: str, family: str, rng: random.Random) -> tuple[str, str]:
    """The child's name as another agency might type it: at least one change, often two."""
    changed = (given, family)
    for _ in range(20):  # names too short to slip and with no variants stay as they are
        if changed != (given, family):
            break
        g, f = given, family
        if rng.random() < 0.5:
            g = transliterate(g, rng)
        if rng.random() < 0.5:
            f = transliterate(f, rng)
        if rng.random() < 0.5:
            if rng.random() < 0.5:
                g = typo(g, rng)
            else:
                f = typo(f, rng)
        changed = (g, f)
    return changed


def one_part_wrong(day: date, rng: random.Random, *, today: date) -> date:
    """A date of birth with the year or the day mistyped. `today` is the borough's, not the
    real clock's: the same seed makes the same borough whatever the date it runs."""
    if rng.random() < 0.5:
        year = day.year + rng.choice([-1, 1]) if day.year < today.year - 1 else day.year - 1
        return day.replace(year=year) if (day.month, day.day) != (2, 29) else date(year, 2, 28)
    return day.replace(day=rng.choice([d for d in range(1, 29) if d != day.day]))
