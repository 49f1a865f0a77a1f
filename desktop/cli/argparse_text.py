"""argparse's own sentences in the user's language.

argparse words its usage errors and ``--help`` headings through the module-level
``gettext`` it imported, so an Indonesian user would read "the following
arguments are required" inside an Indonesian sentence. Pointing argparse's
``_``/``ngettext`` at Warta's catalog fixes that for the messages a user can
meet; programmer errors (conflicting options …) stay in English.
"""

from __future__ import annotations

import argparse

from desktop.i18n import N_, _

# The %-placeholders are argparse's: it formats the translated template itself.
MESSAGES = frozenset((
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("the following arguments are required: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("expected %s argument"),
    N_("expected %s arguments"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
))


def _text(message: str) -> str:
    return _(message) if message in MESSAGES else message


def _ntext(singular: str, plural: str, n: int) -> str:
    return _text(singular if n == 1 else plural)


def install() -> None:
    """Route argparse's messages through Warta's catalog (the language is read at each message)."""
    argparse._ = _text  # type: ignore[attr-defined]  # argparse looks its _ up at call time
    argparse.ngettext = _ntext  # type: ignore[attr-defined]
