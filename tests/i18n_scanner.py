"""Finds user-facing text in templates that does not go through a translate tag.

The template is lexed with Django's own Lexer; every tag and variable becomes a marker, the
text between them stays, and the result is read as HTML: text nodes and the attributes people
read (aria-label, title, placeholder, alt, the value of buttons) must not hold letters of
their own. Text inside `{% blocktranslate %}` and `{% comment %}` is skipped.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import Lexer, TokenType

MARKER = "\x00"
READABLE_ATTRIBUTES = {"aria-label", "aria-description", "aria-roledescription", "aria-valuetext"}
READABLE_ATTRIBUTES |= {"title", "placeholder", "alt", "hx-confirm", "hx-prompt"}
LETTERS = re.compile(r"[^\W\d_]{2,}")
# Text that is the same in every language.
ALLOWED = {"Opgavebord"}
SKIPPED_BLOCKS = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans"}
SKIPPED_BLOCKS |= {"comment": "endcomment", "verbatim": "endverbatim"}


def _untranslated(text: str) -> str | None:
    """The text without markers, when letters remain that are not on the allow-list."""
    rest = " ".join(part.strip() for part in text.split(MARKER) if part.strip())
    for allowed in ALLOWED:
        rest = rest.replace(allowed, "")
    return rest if LETTERS.search(rest) else None


def _text_with_markers(source: str) -> str:
    """The template with every tag and variable replaced by a marker."""
    parts = []
    closing = None
    for token in Lexer(source).tokenize():
        if closing:
            if token.token_type == TokenType.BLOCK and token.contents.split()[0] == closing:
                closing = None
            continue
        if token.token_type == TokenType.TEXT:
            parts.append(token.contents)
            continue
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0]
            closing = SKIPPED_BLOCKS.get(name)
        parts.append(MARKER)
    return "".join(parts)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.skip_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self.skip_depth += 1
        attributes = dict(attrs)
        readable = [name for name in attributes if name in READABLE_ATTRIBUTES]
        if tag == "button" or (tag == "input" and attributes.get("type") in {"submit", "button"}):
            readable.append("value")
        for name in readable:
            text = _untranslated(attributes.get(name) or "")
            if text:
                self.found.append(f'<{tag} {name}="{text}">')

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self.skip_depth:
            self.skip_depth -= 1

    def handle_data(self, data):
        if self.skip_depth:
            return
        text = _untranslated(data)
        if text:
            self.found.append(text)


def untranslated_texts(path: Path) -> list[str]:
    """Every piece of user-facing text in the template at `path` outside translate tags."""
    reader = _Reader()
    reader.feed(_text_with_markers(path.read_text(encoding="utf-8")))
    reader.close()
    return reader.found
