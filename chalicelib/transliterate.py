"""Latin spelling of Persian names, for English letters and the password's personal-data check."""
_LETTERS = {
    "ا": "a", "آ": "a", "أ": "a", "إ": "e", "ب": "b", "پ": "p", "ت": "t", "ث": "s", "ج": "j", "چ": "ch",
    "ح": "h", "خ": "kh", "د": "d", "ذ": "z", "ر": "r", "ز": "z", "ژ": "zh", "س": "s", "ش": "sh", "ص": "s",
    "ض": "z", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "gh", "ک": "k", "ك": "k", "گ": "g",
    "ل": "l", "م": "m", "ن": "n", "و": "v", "ه": "h", "ة": "h", "ی": "i", "ي": "i", "ى": "i", "ئ": "e",
    "ء": "", "ؤ": "o", "\u200c": "", " ": " ",
}


def to_latin(text: str) -> str:
    """A readable approximation; the registry's own Latin spelling wins wherever it has one."""
    words = "".join(_LETTERS.get(ch, ch if ch.isascii() else "") for ch in text).split()
    return " ".join(word[:1].upper() + word[1:] for word in words)
