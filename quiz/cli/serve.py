"""``quiz serve``: a class plays in their browsers, one game process per tab.

textual-serve runs the game once per browser tab (``quiz serve --tab``, a
command line per websocket) and relays its screen and keys. Each tab asks
for a player's name first and locks that player's file, so two tabs of one
name are refused and the others never wait for each other. Stopping the
server ends every game; each answer was saved as it was given.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import os
import shlex
import socket
import sys
from argparse import Namespace
from pathlib import Path
from typing import Any

from aiohttp import web
from textual_serve.server import Server

from quiz.cli.output import say, warn
from quiz.model.pack import PackError
from quiz.store.library import Library

# A documentation address (RFC 5737): connecting a UDP socket to it sends nothing,
# and the socket's own address is then the one this machine uses on its network.
_PROBE = ("192.0.2.1", 9)


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach ``host``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def machine_address() -> str:
    """This machine's address on its network, as other machines reach it."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(_PROBE)
            address = str(probe.getsockname()[0])
    except OSError:
        return socket.gethostname()
    return address if address != "0.0.0.0" else socket.gethostname()


def public_url(host: str, port: int, given: str | None = None) -> str:
    """The address players type: the page loads its scripts and its websocket from it.

    Args:
        host: The address the server listens on.
        port: Its port.
        given: ``--public-url``, used as given (without a trailing slash).
    """
    if given:
        return given.rstrip("/")
    reachable = host
    try:
        if ipaddress.ip_address(host).is_unspecified:  # 0.0.0.0 or ::, every interface
            reachable = machine_address()
    except ValueError:
        pass  # a host name: players type it as it is
    if ":" in reachable:
        reachable = f"[{reachable}]"
    return f"http://{reachable}:{port}"


def cannot_listen(host: str, port: int) -> str | None:
    """Why the server could not listen on ``host:port``, or None when it can.

    The server announces its address before it binds, so a port another program
    holds is found here first, and the teacher reads one line saying so instead of
    an address that answers nothing.
    """
    try:
        with socket.create_server((host, port)):
            return None
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            return "another program is using that port; choose another with --port"
        return os.strerror(error.errno) if error.errno else str(error)


def tab_command(folder: Path, pack: str | None) -> str:
    """The shell command textual-serve runs for each browser tab.

    ``exec`` makes the game the server's own child, so it gets the server's
    quit message and signals, not a shell in between.
    """
    words = [sys.executable, "-m", "quiz", "--data-dir", str(folder.resolve()), "serve", "--tab"]
    if pack is not None:
        words += ["--pack", pack]
    return "exec " + shlex.join(words)


class ClassServer(Server):
    """textual-serve's server, saying what a teacher needs and ending every game on stop."""

    def __init__(self, command: str, *, host: str, port: int, url: str) -> None:
        """Create the server.

        Args:
            command: The game's command line, run once per tab.
            host: The address to listen on.
            port: The port.
            url: The address players type.
        """
        super().__init__(command, host=host, port=port, title="quiz", public_url=url)
        self._games: set[asyncio.Task[Any]] = set()

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One browser tab: its game runs for as long as this handler does."""
        task = asyncio.current_task()
        if task is not None:
            self._games.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            if task is not None:
                self._games.discard(task)

    async def on_startup(self, app: web.Application) -> None:
        """Say where to point the browsers, and who can reach them."""
        say(f"quiz is serving a class at {self.public_url}")
        say("Open that address in a browser; each tab asks for a player's name.")
        if not is_loopback(self.host):
            warn(
                f"Warning: the server listens on {self.host}: anyone who can reach this "
                "machine on the network can open the page and play, under any name."
            )
        say("Ctrl+C stops the server and every game; each answer is already saved.")

    async def on_shutdown(self, app: web.Application) -> None:
        """End every game: its handler tells the game to quit and waits for it."""
        for task in list(self._games):
            task.cancel()
        if self._games:
            await asyncio.wait(list(self._games), timeout=15)


def run(
    folder: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    url: str | None = None,
    pack: str | None = None,
) -> int:
    """Serve the game to browsers until Ctrl+C.

    Args:
        folder: The data folder every game saves to.
        host: The address to listen on; loopback by default.
        port: The port, 1 to 65535.
        url: The address players type, when not this machine's own.
        pack: A pack id or file every player goes straight to.

    Returns:
        0 once stopped; 1 when the pack cannot be found, or the port or the address
        is not one or cannot be listened on.
    """
    if not 0 < port < 65536:
        warn(f"quiz serve: the port must be from 1 to 65535, not {port}")
        return 1
    if url is not None and not url.startswith(("http://", "https://")):
        warn(f"quiz serve: --public-url must start with http:// or https://, not {url!r}")
        return 1
    if pack is not None:
        try:
            Library(folder).find_pack(pack)
        except PackError as error:
            warn(str(error))
            return 1
        if Path(pack).expanduser().exists():
            pack = str(Path(pack).expanduser().resolve())
    problem = cannot_listen(host, port)
    if problem is not None:
        where = f"[{host}]" if ":" in host else host
        warn(f"quiz serve: cannot listen on {where}:{port}: {problem}")
        return 1
    server = ClassServer(
        tab_command(folder, pack), host=host, port=port, url=public_url(host, port, url)
    )
    server.serve()
    return 0


def main(args: Namespace, folder: Path) -> int:
    """``quiz serve``, from the parsed command line.

    Returns:
        The exit code.
    """
    return run(folder, host=args.host, port=args.port, url=args.public_url, pack=args.pack)
