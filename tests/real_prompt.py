"""Pasting a page's code into a real interactive prompt, through a pseudo-terminal.

A reader copies a page's blocks with the copy buttons and pastes them, in
order, into one interactive session. `paste_page` does that in a real prompt
of the running Python, started in a pseudo-terminal (the `ptyprocess` library)
as a terminal emulator starts it, and types what a terminal sends:

- the paste, each newline sent as a carriage return (what the Enter key and a
  terminal's paste both send), wrapped in the bracketed-paste markers
  ``ESC[200~`` ... ``ESC[201~`` only when the prompt has asked for them
  (``ESC[?2004h``), as a terminal does: Python 3.13's prompt and IPython ask,
  the classic prompt of 3.11 and 3.12 does not and reads the paste line by line;
- then Enter, and Enter again while the prompt shows its continuation prompt
  (``...``), as the site tells readers to: a block that ends inside a loop or
  a function needs that second Enter in every prompt, and 3.13's prompt needs
  it after any paste of more than one line (`enters_to_run`).

The transcript is what the terminal would show, less its escape sequences and
carriage returns. `check_page` compares it, block by block, with what the page
prints when run whole (`run_whole`): no error where running whole gives none
(a ``SyntaxError``, an ``IndentationError``, a traceback), and every line that
running whole prints appears, in order, in the block's part of the transcript
(the prompt's echo of the input, and the values it shows for expressions, come
in between).
"""

from __future__ import annotations

import ast
import codecs
import json
import os
import re
import select
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tests.prompt_paste import ends_inside_a_statement, pasted_text

# What a terminal interprets rather than shows: CSI and OSC sequences, charset
# and keypad switches.
ESCAPE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])"
)
BRACKETED_ON, BRACKETED_OFF = "\x1b[?2004h", "\x1b[?2004l"
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"
# An error the prompt reports: a traceback's first line (IPython writes the
# exception's name before "Traceback"), or the last line of a SyntaxError's report.
ERROR = re.compile(
    r"Traceback \(most recent call last\)|^(?:\w+\.)*\w*(?:Error|Exception)(?::.*)?$", re.MULTILINE
)
PROMPTS = re.compile(r">>> |\.\.\. |In \[\d+\]: |\.\.\.: ")  # what settle() counts
QUIET = 0.1  # seconds without output after which a prompt at the end of the screen is waiting
CONFIRM = 0.5  # seconds more without output before a continuation prompt counts as waiting


@dataclass(frozen=True)
class Prompt:
    """An interactive prompt: how to start it and how its prompts look."""

    name: str
    args: tuple[str, ...]
    primary: re.Pattern[str]  # waiting for a new statement
    continuation: re.Pattern[str]  # waiting for more of the statement
    extra_env: tuple[tuple[str, str], ...] = ()


PYTHON = Prompt("python", (), re.compile(r">>> $"), re.compile(r"\.\.\. *$"))
# 3.13's prompt falls back to the classic one when asked to (or when TERM is dumb).
BASIC = Prompt(
    "python's classic prompt",
    (),
    PYTHON.primary,
    PYTHON.continuation,
    (("PYTHON_BASIC_REPL", "1"),),
)
IPYTHON = Prompt(
    "IPython",
    ("-m", "IPython"),
    re.compile(r"In \[\d+\]: $"),
    re.compile(r" +\.\.\.: *$"),
    # A real terminal answers prompt_toolkit's cursor position requests; this one does not.
    (("PROMPT_TOOLKIT_NO_CPR", "1"),),
)


def clean(raw: str) -> str:
    """What a terminal shows of `raw`, line by line: no escape sequences, no carriage returns."""
    return ESCAPE.sub("", raw).replace("\r", "")


def prompt_environment(folder: Path, extra: tuple[tuple[str, str], ...] = ()) -> dict[str, str]:
    """A reader's environment: a real terminal, no startup file, a home of its own in `folder`."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("PYTHONPATH", "PYTHONSTARTUP", "PYTHONINSPECT", "PYTHON_BASIC_REPL")
    }
    env.update(TERM="xterm-256color", HOME=str(folder), IPYTHONDIR=str(folder / ".ipython"))
    env.update(extra)
    return env


class Session:
    """One prompt in a pseudo-terminal; `raw` is everything it has written."""

    def __init__(self, prompt: Prompt, folder: Path, executable: str = sys.executable) -> None:
        from ptyprocess import PtyProcess  # not on Windows, which has no pseudo-terminals

        self.prompt = prompt
        self.raw = ""
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        env = prompt_environment(folder, prompt.extra_env)
        argv = [executable, *prompt.args]
        self.process = PtyProcess.spawn(argv, cwd=str(folder), env=env, dimensions=(50, 200))
        os.set_blocking(self.process.fd, False)

    def close(self) -> None:
        self.process.terminate(force=True)

    def _read(self) -> bool:
        """Read what the prompt has written; False at end of file."""
        try:
            data = os.read(self.process.fd, 65536)
        except BlockingIOError:
            return True
        except OSError:  # EIO: the prompt has exited
            return False
        if not data:
            return False
        self.raw += self._decoder.decode(data)
        return True

    def asks_for_bracketed_paste(self) -> bool:
        return self.raw.rfind(BRACKETED_ON) > self.raw.rfind(BRACKETED_OFF)

    def type(self, keys: str) -> None:
        """Send `keys` as a terminal does: as fast as the prompt takes them, reading meanwhile."""
        pending = keys.encode()
        while pending:
            readable, writable, _ = select.select([self.process.fd], [self.process.fd], [], 1.0)
            if readable and not self._read():
                raise EOFError(f"{self.prompt.name} exited:\n{self.screen(0)}")
            if writable:
                try:
                    pending = pending[os.write(self.process.fd, pending[:1024]) :]
                except BlockingIOError:
                    pass

    def paste(self, text: str) -> None:
        keys = text.replace("\n", "\r")
        self.type(PASTE_START + keys + PASTE_END if self.asks_for_bracketed_paste() else keys)

    def settle(self, since: int, prompts: int = 1, timeout: float = 600) -> str:
        """Wait until the prompt waits for input; say which: "primary" or "continuation".

        It waits when the screen ends with a prompt, nothing more comes for
        `QUIET` seconds and, since `since`, at least `prompts` prompts were shown.
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            readable, _, _ = select.select([self.process.fd], [], [], QUIET)
            if readable:
                if not self._read():
                    raise EOFError(f"{self.prompt.name} exited:\n{self.screen(since)}")
                continue
            shown = clean(self.raw[since:])
            last = shown.rsplit("\n", 1)[-1]
            count = len(PROMPTS.findall(shown))
            if count >= prompts:
                if self.prompt.primary.search(last):
                    return "primary"
                if self.prompt.continuation.search(last):
                    # IPython redraws its input as a continuation before it runs it: on a
                    # busy machine that can sit quiet for more than QUIET. A prompt that
                    # really waits for more stays quiet for CONFIRM too.
                    readable, _, _ = select.select([self.process.fd], [], [], CONFIRM)
                    if not readable:
                        return "continuation"
        raise TimeoutError(
            f"{self.prompt.name} showed no prompt after {timeout} s:\n{self.screen(since)}"
        )

    def wait_for_prompts(self, since: int, prompts: int, timeout: float) -> None:
        """Wait until, since `since`, at least `prompts` prompts were shown."""
        deadline = time.monotonic() + timeout
        while len(PROMPTS.findall(clean(self.raw[since:]))) < prompts:
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"{self.prompt.name} read fewer than {prompts} lines in {timeout} s:\n"
                    + self.screen(since)
                )
            readable, _, _ = select.select([self.process.fd], [], [], QUIET)
            if readable and not self._read():
                raise EOFError(f"{self.prompt.name} exited:\n{self.screen(since)}")

    def screen(self, since: int) -> str:
        """The last lines shown since `since`, for a failure's message."""
        return "\n".join("    | " + line for line in clean(self.raw[since:]).split("\n")[-30:])


@dataclass
class Pasted:
    """A block pasted: where it is, whether it shows an error, what the prompt showed."""

    where: str
    text: str
    shows_an_error: bool
    transcript: str
    enters: int  # how many times Enter was pressed after the paste
    bracketed: bool  # whether the prompt asked for a bracketed paste


def paste_page(
    prompt: Prompt,
    blocks: list[tuple[str, str, bool]],
    folder: Path,
    executable: str = sys.executable,
    timeout: float = 600,
) -> list[Pasted]:
    """Paste `blocks` (where, copied text, shows an error) in order into one new prompt."""
    session = Session(prompt, folder, executable)
    try:
        session.settle(0, timeout=120)
        pasted = []
        for where, text, shows_an_error in blocks:
            try:
                pasted.append(_paste_block(session, where, text, shows_an_error, timeout))
            except (EOFError, TimeoutError) as error:
                error.add_note(f"while pasting {where} into {prompt.name}")
                raise
        return pasted
    finally:
        session.close()


def _paste_block(
    session: Session, where: str, text: str, shows_an_error: bool, timeout: float
) -> Pasted:
    """Paste one block, then press Enter until the prompt is back."""
    start = len(session.raw)
    bracketed = session.asks_for_bracketed_paste()
    session.paste(text)
    # The first Enter ends the paste's last line; each line read shows a prompt.
    lines = text.count("\n")
    if not bracketed:
        # The classic prompt reads the paste line by line. Press Enter only once it shows
        # the prompt for the last line: pressed while a line runs, the terminal echoes the
        # Enter at once, in the middle of what that line prints.
        session.wait_for_prompts(start, lines, timeout)
    enters = 0
    state = "continuation"
    while state == "continuation" and enters < 4:
        # A prompt that took the paste whole shows a prompt again after each Enter;
        # the classic one, one prompt for each line it has read.
        since = len(session.raw) if bracketed else start
        session.type("\r")
        enters += 1
        state = session.settle(since, 1 if bracketed else lines + enters, timeout)
    # From the prompt the paste went after, as the screen shows it.
    transcript = clean(session.raw[:start]).rsplit("\n", 1)[-1] + clean(session.raw[start:])
    return Pasted(where, text, shows_an_error, transcript, enters, bracketed)


# Runs the blocks (a JSON list of [code, shows_an_error] on stdin) one after the
# other in one fresh __main__, each after a line that marks where its output starts.
SEPARATOR = "\x1e-- block --\x1e"
WHOLE = f"""\
import json, sys, types

main = types.ModuleType("__main__")
sys.modules["__main__"] = main
for code, shows_an_error in json.load(sys.stdin):
    print({SEPARATOR!r}, flush=True)
    try:
        exec(compile(code, "<block>", "exec", dont_inherit=True), main.__dict__)
    except BaseException:
        if not shows_an_error:
            raise
"""


def run_whole(
    blocks: list[tuple[str, str, bool]], folder: Path, executable: str = sys.executable
) -> list[list[str]]:
    """What each block prints when the page's blocks run whole, one after the other."""
    result = subprocess.run(
        [executable, "-c", WHOLE],
        input=json.dumps([[text, shows_an_error] for _, text, shows_an_error in blocks]),
        cwd=folder,
        env=prompt_environment(folder),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    outputs = result.stdout.split(SEPARATOR + "\n")[1:]
    return [[line.rstrip() for line in output.split("\n") if line.strip()] for output in outputs]


def page_pastes(markdown: Path) -> list[tuple[str, str, bool]]:
    """A page's copied texts as a reader pastes them: (where, text, shows an error)."""
    from tests.prompt_paste import page_blocks

    return [
        (f"{markdown.name}:{line}", *pasted_text(language, body))
        for line, language, body in page_blocks(markdown)
    ]


def _around(transcript: str, index: int, lines: int = 12) -> str:
    before = transcript[:index].split("\n")[-lines:]
    after = transcript[index:].split("\n")[: lines // 2]
    return "\n".join("    | " + line for line in [*before[:-1], before[-1] + after[0], *after[1:]])


def enters_to_run(prompt: Prompt, block: Pasted) -> int:
    """How many times the site tells a reader to press Enter after pasting `block`.

    Enter until the prompt is back: twice after a block that ends inside a loop
    or a function, and in 3.13's prompt after any block of more than one line
    (it runs a paste only on an empty last line); once otherwise.
    """
    if not block.bracketed:  # the classic prompt, line by line
        return 2 if ends_inside_a_statement(block.text) else 1
    if prompt is PYTHON:  # 3.13's prompt
        return 2 if "\n" in block.text and not block.text.endswith("\n") else 1
    return 2 if ends_inside_a_body(block.text) else 1  # IPython, the paste whole


def ends_inside_a_body(text: str) -> bool:
    """Whether `text`, read whole, ends on a line of a loop's, a function's (...) body."""
    try:
        last = ast.parse(text).body[-1]
    except (SyntaxError, IndexError):
        return False
    compound = (
        *(ast.For, ast.AsyncFor, ast.While, ast.If, ast.With, ast.AsyncWith, ast.Match),
        *(ast.Try, ast.TryStar, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef),
    )
    return isinstance(last, compound) and text.split("\n")[-1].strip() != ""


def differences(pasted: list[Pasted], expected: list[list[str]], prompt: Prompt) -> list[str]:
    """Where the prompt's transcript differs from running the page whole, block by block."""
    found = []
    for block, lines in zip(pasted, expected, strict=True):
        heading = f"{block.where}, pasted into {prompt.name} (Python {sys.version.split()[0]})"
        errors = [
            match
            for match in ERROR.finditer(block.transcript)
            if match.group(0).rstrip() not in lines  # an error the page prints itself
        ]
        if block.shows_an_error:
            if not any("Traceback" in match.group(0) for match in errors):
                found.append(f"{heading}: the page shows a traceback, the prompt showed none")
            errors = [match for match in errors if "Traceback" not in match.group(0)]
            # The traceback's last line names the error the page shows; only a
            # SyntaxError or an IndentationError would be the paste's own.
            errors = [
                match
                for match in errors
                if match.group(0).startswith(("SyntaxError", "IndentationError"))
            ]
        for match in errors[:1]:
            found.append(
                f"{heading}: {match.group(0).strip()}\n{_around(block.transcript, match.start())}"
            )
        # What a block prints starts a line of the transcript; the echo of the
        # input starts with a prompt.
        shown = block.transcript.split("\n")
        row = 0
        for line in lines:
            match = next((i for i in range(row, len(shown)) if shown[i].startswith(line)), None)
            if match is None:
                where = len("\n".join(shown[:row]))
                found.append(
                    f"{heading}: running the page whole prints {line!r}; the prompt did not, "
                    f"after what it printed here:\n{_around(block.transcript, where)}"
                )
                break
            row = match + 1
        if block.enters != enters_to_run(prompt, block):
            found.append(
                f"{heading}: the prompt came back after {block.enters} Enter(s), "
                f"where the site says {enters_to_run(prompt, block)}"
            )
    return found
