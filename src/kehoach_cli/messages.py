"""Messages as values: an English msgid and its parameters, translated when rendered.

A problem found while loading does not know who will read it, nor in which language, so
`msg("agency {name} is not in the registry", name=x)` keeps the English text as a gettext
msgid and the parameters apart; a renderer calls ``.text(lang)``, which looks the msgid up
in the catalogue (``locale/vi/LC_MESSAGES/kehoach.mo``, built by Babel from the ``.po``
next to it) and then fills in the parameters, themselves messages or plain values.
``str(m)`` is the English text. `nmsg` is the plural form English needs ("1 error", "2
errors"); Vietnamese has one form.

`tr` translates at once into the language of the command line (`set_language`, decided
by `cli.main` from ``--lang`` and ``$KEHOACH_LANG`` before any command runs): help texts
and click's own words, which are printed before a command's options are parsed. `N_`
only marks a string for the extractor (``pybabel extract -k msg -k nmsg:1,2 -k tr -k N_``,
see babel.cfg); whoever prints it translates it.

The runtime uses the standard library's `gettext` only: loading the catalogue costs about
a millisecond, and Babel is a tool for translators, never imported here.
"""

from __future__ import annotations

import gettext
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Union

DOMAIN = "kehoach"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("vi", "en")
DEFAULT = "vi"

Param = Union[str, int, float, None, "Msg"]
Data = dict[str, object]


@dataclass(frozen=True)
class Msg:
    """A message to translate at render time: its msgid (and plural), count and parameters."""

    msgid: str
    params: tuple[tuple[str, Param], ...] = ()
    plural: str | None = None
    n: int | None = None

    def text(self, lang: str) -> str:
        """The message in `lang` (``vi`` or ``en``), parameters filled in."""
        catalogue = translations(lang)
        if self.plural is not None and self.n is not None:
            template = catalogue.ngettext(self.msgid, self.plural, self.n)
        else:
            template = catalogue.gettext(self.msgid)
        if not self.params and self.n is None:
            return template  # a message without parameters may hold braces: "{…}"
        values: dict[str, object] = {k: v.text(lang) if isinstance(v, Msg) else v for k, v in self.params}
        if self.n is not None:
            values.setdefault("n", self.n)
        return template.format_map(values)

    def __str__(self) -> str:
        return self.text("en")

    def to_data(self) -> Data:
        """Plain JSON data (a cache stores problems so): `from_data` gives the same message back."""
        data: Data = {"id": self.msgid}
        if self.plural is not None:
            data["plural"] = self.plural
        if self.n is not None:
            data["n"] = self.n
        if self.params:
            data["params"] = {k: {"msg": v.to_data()} if isinstance(v, Msg) else v for k, v in self.params}
        return data

    @classmethod
    def from_data(cls, data: Data) -> Msg:
        params = data.get("params") or {}
        assert isinstance(params, dict)
        plural, n = data.get("plural"), data.get("n")
        return cls(
            str(data["id"]),
            tuple((str(k), _param(v)) for k, v in params.items()),
            str(plural) if plural is not None else None,
            int(n) if isinstance(n, int) else None,
        )


def _param(value: object) -> Param:
    if isinstance(value, dict):
        return Msg.from_data(value["msg"])
    if value is None or isinstance(value, (str, int, float)):
        return value
    return str(value)


def msg(msgid: str, /, **params: Param) -> Msg:
    """A message: `msgid` is its English text, with ``{name}`` for each parameter."""
    return Msg(msgid, tuple(params.items()))


def nmsg(singular: str, plural: str, n: int, /, **params: Param) -> Msg:
    """A message with a count ``{n}``: English picks `singular` or `plural`."""
    return Msg(singular, tuple(params.items()), plural, n)


def raw(text: str) -> Msg:
    """Text that is not translated (a name, a path, an excerpt), as a message."""
    return Msg("{text}", (("text", text),))


def join(items: Sequence[Msg | str], sep: str = "; ") -> Msg:
    """Several messages (or plain texts) as one, separated by `sep` in every language."""
    if not items:
        return raw("")
    params: dict[str, Param] = {f"p{i}": item for i, item in enumerate(items)}
    template = sep.replace("{", "{{").replace("}", "}}").join(f"{{{k}}}" for k in params)
    return Msg(template, tuple(params.items()))


def either(items: Sequence[Msg | str]) -> Msg:
    """ "'a', 'b' or 'c'" in the reader's language."""
    if len(items) == 1:
        first = items[0]
        return raw(first) if isinstance(first, str) else first
    return msg("{first} or {last}", first=join(items[:-1], ", "), last=items[-1])


class Failure(Exception):
    """An exception whose text is a message, translated where it is printed."""

    def __init__(self, message: Msg) -> None:
        super().__init__(str(message))
        self.message = message


def N_(text: str) -> str:
    """Mark `text` for the catalogue; it is translated where it is printed."""
    return text


_loaded: dict[str, gettext.NullTranslations] = {}


def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue of `lang`, read once (English is the msgids themselves)."""
    found = _loaded.get(lang)
    if found is None:
        found = gettext.NullTranslations()
        if lang != "en":
            try:
                with open(LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as f:
                    found = gettext.GNUTranslations(f)
            except OSError:
                pass  # an unknown language reads English
        _loaded[lang] = found
    return found


_language = DEFAULT


def set_language(lang: str) -> None:
    """The language of this command line's help, warnings and errors."""
    global _language
    _language = lang if lang in LANGUAGES else DEFAULT


def language() -> str:
    return _language


def tr(text: str) -> str:
    """`text` in the command line's language, now."""
    return translations(_language).gettext(text)


def ntr(singular: str, plural: str, n: int) -> str:
    return translations(_language).ngettext(singular, plural, n)


def say(message: Msg | str) -> str:
    """A message in the command line's language (plain text stays as it is)."""
    return message.text(_language) if isinstance(message, Msg) else message
