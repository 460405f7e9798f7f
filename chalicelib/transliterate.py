"""Latin spelling of Persian names, for English letters and the password's personal-data check."""

_LETTERS = {
    "ا": "a",
    "آ": "a",
    "أ": "a",
    "إ": "e",
    "ب": "b",
    "پ": "p",
    "ت": "t",
    "ث": "s",
    "ج": "j",
    "چ": "ch",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "z",
    "ر": "r",
    "ز": "z",
    "ژ": "zh",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "z",
    "ط": "t",
    "ظ": "z",
    "ع": "",
    "غ": "gh",
    "ف": "f",
    "ق": "gh",
    "ک": "k",
    "ك": "k",
    "گ": "g",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "و": "v",
    "ه": "h",
    "ة": "h",
    "ی": "i",
    "ي": "i",
    "ى": "i",
    "ئ": "e",
    "ء": "",
    "ؤ": "o",
    "\u200c": "",
    " ": " ",
}


# Persian script leaves short vowels unwritten, so common names are spelled as their bearers usually spell
# them (the passport convention); other words fall back to letter by letter.
_NAMES = {
    "محمد": "Mohammad",
    "علی": "Ali",
    "حسین": "Hossein",
    "حسن": "Hasan",
    "رضا": "Reza",
    "مهدی": "Mahdi",
    "احمد": "Ahmad",
    "محمود": "Mahmoud",
    "مصطفی": "Mostafa",
    "امیر": "Amir",
    "سعید": "Saeed",
    "مجید": "Majid",
    "جواد": "Javad",
    "اکبر": "Akbar",
    "اصغر": "Asghar",
    "عباس": "Abbas",
    "جعفر": "Jafar",
    "کاظم": "Kazem",
    "ابراهیم": "Ebrahim",
    "اسماعیل": "Esmaeil",
    "یوسف": "Yousef",
    "حمید": "Hamid",
    "مرتضی": "Morteza",
    "فاطمه": "Fatemeh",
    "زهرا": "Zahra",
    "مریم": "Maryam",
    "سارا": "Sara",
    "نرگس": "Narges",
    "زینب": "Zeynab",
    "معصومه": "Masoumeh",
    "نسرین": "Nasrin",
    "لیلا": "Leila",
    "مینا": "Mina",
    "الهام": "Elham",
    "سمیرا": "Samira",
    "رضایی": "Rezaei",
    "محمدی": "Mohammadi",
    "احمدی": "Ahmadi",
    "حسینی": "Hosseini",
    "کریمی": "Karimi",
    "موسوی": "Mousavi",
    "جعفری": "Jafari",
    "رحیمی": "Rahimi",
    "کاظمی": "Kazemi",
    "قاسمی": "Ghasemi",
    "صادقی": "Sadeghi",
    "نوری": "Nouri",
    "عباسی": "Abbasi",
    "هاشمی": "Hashemi",
    "فرهادی": "Farhadi",
    "نادری": "Naderi",
    "اکبری": "Akbari",
    "ابراهیمی": "Ebrahimi",
    "مرادی": "Moradi",
    "زارعی": "Zarei",
    "حیدری": "Heidari",
    "یوسفی": "Yousefi",
    "طاهری": "Taheri",
    "شریفی": "Sharifi",
    "کرمی": "Karami",
}


def to_latin(text: str) -> str:
    """A readable approximation; the registry's own Latin spelling wins wherever it has one."""
    return " ".join(_word(word) for word in text.replace("\u200c", " ").split())


def _letter(ch: str, position: int) -> str:
    """و after the first letter is usually the vowel o/u, and a word-initial ع is heard as a vowel."""
    if position and ch == "و":
        return "o"
    if not position and ch == "ع":
        return "a"
    return _LETTERS.get(ch, ch if ch.isascii() else "")


def _word(word: str) -> str:
    if word in _NAMES:
        return _NAMES[word]
    for cut in range(2, len(word) - 1):
        if word[:cut] in _NAMES and word[cut:] in _NAMES:
            return _NAMES[word[:cut]] + _NAMES[word[cut:]].lower()
    latin = "".join(_letter(ch, position) for position, ch in enumerate(word))
    return latin[:1].upper() + latin[1:]
